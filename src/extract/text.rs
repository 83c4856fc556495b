//! Sentences and words of a folded text. Sentences end at . ؟ ! ؛ ? and line breaks (the
//! Arabic comma ، does not end one); a full stop between digits is a decimal point.

use crate::normalize::Folded;

/// A sentence: a byte range of the folded text and the matching code-point range of the
/// original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// Start code point in the original text.
    pub begin_char: usize,
    /// End code point in the original text.
    pub end_char: usize,
}

/// A word: a byte range of the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '؛' | ';' | '\n' | '…')
}

/// Splits folded text into trimmed, non-empty sentences. A single line break after a word
/// that cannot end a sentence (`continues`: في، من، و…) or after a comma is a break in the
/// layout, not between sentences (وشنت تركيا في⏎24 يوليو…); a blank line always ends one.
pub fn sentences(folded: &Folded, continues: impl Fn(&str) -> bool) -> Vec<Sentence> {
    let text = &folded.text;
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_terminal(c) {
            continue;
        }
        if c == '\n' && layout_break(text, i, &continues) {
            continue;
        }
        if c == '.' {
            let prev_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
            let next_digit = chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
            if prev_digit && next_digit {
                continue;
            }
        }
        push(folded, start, i + c.len_utf8(), &mut out);
        start = i + c.len_utf8();
    }
    push(folded, start, text.len(), &mut out);
    out
}

/// Whether the line break at byte `i` only wraps a sentence: the next line is not blank and
/// the line before ends with a comma or a word that `continues`.
fn layout_break(text: &str, i: usize, continues: impl Fn(&str) -> bool) -> bool {
    let after = text[i + 1..].trim_start_matches([' ', '\t']);
    if after.is_empty() || after.starts_with(['\n', '\r']) {
        return false;
    }
    let before = text[..i].trim_end_matches([' ', '\t', '\r']);
    if before.ends_with(['،', ',']) {
        return true;
    }
    let last = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    !last.is_empty() && before.ends_with(last) && continues(last)
}

fn push(folded: &Folded, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &folded.text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    let trimmed = trimmed.trim_end_matches(['\n']);
    if trimmed.chars().filter(|c| is_word_char(*c)).count() < 2 {
        return;
    }
    let s = start + lead;
    let e = s + trimmed.len();
    let (begin_char, end_char) = folded.orig_span(s, e);
    out.push(Sentence {
        start: s,
        end: e,
        begin_char,
        end_char,
    });
}

/// A letter or digit, with a fast path for ASCII and the Arabic block (the general Unicode
/// lookup is slow and this runs on every character).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c as u32 {
        0x0621..=0x064A | 0x0660..=0x0669 | 0x066E..=0x06D3 | 0x06F0..=0x06FC => true,
        0x0600..=0x06FF => false,
        _ => c.is_alphanumeric(),
    }
}

/// The words of `text[start..end]` (letters and digits).
pub fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let i = start + i;
        if is_word_char(c) {
            current.get_or_insert(i);
        } else if let Some(s) = current.take() {
            out.push(Word { start: s, end: i });
        }
    }
    if let Some(s) = current {
        out.push(Word { start: s, end });
    }
    out
}

/// The readings of a word: the word itself, then the word without each proclitic sequence
/// it starts with, longest first (at most five, kept inline).
pub type Readings<'a> = smallvec::SmallVec<[&'a str; 5]>;

/// Proclitic sequences, longest first.
const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "فب", "فل",
    "وك", "ال", "و", "ف", "ب", "ل", "ك", "س",
];

/// Whether the word, or the word without one of these proclitic letters, passes `test`:
/// one letter stripped once, never a letter of the stem (وشنت is و + شنت, فرضت is فرضت).
pub fn with_proclitic(word: &str, clitics: &[char], test: impl Fn(&str) -> bool) -> bool {
    test(word)
        || clitics
            .iter()
            .any(|c| word.strip_prefix(*c).is_some_and(&test))
}

/// Pronoun suffixes (object or possessor), longest first: شنته، لقائهما، قواتنا.
pub const PRONOUN_SUFFIXES: [&str; 6] = ["هما", "هم", "ها", "ه", "نا", "كم"];

/// True when `test` holds for the word or for the word without a pronoun suffix (شنته →
/// شنت), leaving a stem of two letters or more.
pub fn with_enclitic(word: &str, test: impl Fn(&str) -> bool) -> bool {
    test(word)
        || PRONOUN_SUFFIXES.iter().any(|p| {
            word.strip_suffix(p)
                .is_some_and(|stem| stem.chars().count() >= 2 && test(stem))
        })
}

/// The word and its forms with proclitics stripped, longest first, e.g. وبالانسحاب →
/// [وبالانسحاب, انسحاب, بالانسحاب, …]. Only stems of two letters or more are returned.
pub fn stems(word: &str) -> Readings<'_> {
    let mut out = Readings::new();
    out.push(word);
    // Every proclitic begins with one of these letters: most words need no more work.
    if !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'س']) {
        return out;
    }
    // The byte ends of the word's first four letters: a prefix of one to four letters is
    // looked up whole, longest first (one lookup per length, no allocation).
    let mut ends = [0usize; 4];
    let mut n = 0;
    for (i, c) in word.char_indices().take(4) {
        ends[n] = i + c.len_utf8();
        n += 1;
    }
    for &end in ends[..n].iter().rev() {
        let (prefix, rest) = word.split_at(end);
        if PROCLITICS.contains(&prefix) && rest.chars().nth(1).is_some() {
            out.push(rest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let folded = Folded::new(text);
        sentences(&folded, |w| w == "في")
            .into_iter()
            .map(|s| {
                text.chars()
                    .skip(s.begin_char)
                    .take(s.end_char - s.begin_char)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_proclitic_is_stripped_once_and_never_from_the_stem() {
        let verb = |x: &str| x == "فرضت" || x == "شنت";
        assert!(with_proclitic("فرضت", &['و', 'ف'], verb));
        assert!(with_proclitic("وفرضت", &['و', 'ف'], verb));
        assert!(with_proclitic("وشنت", &['و', 'ف'], verb));
        // فشنت is ف + شنت; رضت is not فرضت without its ف.
        assert!(!with_proclitic("رضت", &['و', 'ف'], verb));
        assert!(!with_proclitic("ووشنت", &['و', 'ف'], verb));
    }

    #[test]
    fn a_line_wrapped_after_a_preposition_is_one_sentence() {
        assert_eq!(
            split("وقصفت الطائرات في\n12 مايو مواقع المسلحين\nعنوان آخر"),
            vec!["وقصفت الطائرات في\n12 مايو مواقع المسلحين", "عنوان آخر"]
        );
        // A blank line always ends a sentence.
        assert_eq!(split("سطر ينتهي في\n\nفقرة"), vec!["سطر ينتهي في", "فقرة"]);
    }

    #[test]
    fn arabic_and_latin_punctuation_end_sentences_but_not_the_comma() {
        assert_eq!(
            split("قال الوزير، في بيان، إن الوضع هادئ. هل انتهى القتال؟ نعم!\nسطر جديد؛ وآخر"),
            vec![
                "قال الوزير، في بيان، إن الوضع هادئ.",
                "هل انتهى القتال؟",
                "نعم!",
                "سطر جديد؛",
                "وآخر"
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("ارتفع المؤشر 3.5 في المئة."),
            vec!["ارتفع المؤشر 3.5 في المئة."]
        );
    }

    #[test]
    fn an_enclitic_pronoun_comes_off_once() {
        let launch = |x: &str| x == "شنت" || x == "نفذ";
        assert!(with_enclitic("شنته", launch));
        assert!(with_enclitic("نفذها", launch));
        assert!(with_enclitic("شنت", launch));
        assert!(!with_enclitic("شنتهه", launch));
    }

    #[test]
    fn stems_strip_proclitics() {
        let s = stems("وبالانسحاب");
        assert!(s.contains(&"انسحاب"));
        assert!(stems("للجيش").contains(&"جيش"));
        assert!(stems("وقال").contains(&"قال"));
    }
}
