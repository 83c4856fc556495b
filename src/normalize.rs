//! Arabic normalisation for matching only. Evidence keeps the original characters: every
//! folded character remembers the code-point offset it came from.

/// Folds one character for matching, or drops it (`None`): diacritics and tatweel vanish,
/// alef, hamza-carrier, alef-maqsura and teh-marbuta variants fold, Arabic-Indic and Persian
/// digits become ASCII, quotation marks unify and Latin letters lowercase.
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}'..='\u{200F}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '“' | '”' | '„' | '«' | '»' | '″' | '＂' => '"',
        '‘' | '’' | '‚' | '′' => '\'',
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// Folds a whole string for comparison.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// A folded text with its map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text` that starts a character, the code-point offset of the original
    /// character; indexed by folded char position. One extra entry maps the end.
    pub char_to_orig: Vec<usize>,
    /// Byte offset in `text` of each folded char, plus the end.
    pub char_to_byte: Vec<usize>,
}

impl Folded {
    /// Folds `original`, keeping the offset map.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut char_to_orig = Vec::with_capacity(original.len());
        let mut char_to_byte = Vec::with_capacity(original.len());
        let mut count = 0usize;
        for (index, c) in original.chars().enumerate() {
            count = index + 1;
            if let Some(f) = fold_char(c) {
                char_to_orig.push(index);
                char_to_byte.push(text.len());
                text.push(f);
            }
        }
        char_to_orig.push(count);
        char_to_byte.push(text.len());
        Self {
            text,
            char_to_orig,
            char_to_byte,
        }
    }

    /// Maps a byte range of the folded text to a code-point range of the original text.
    /// The end maps just past the last kept character.
    pub fn orig_span(&self, start_byte: usize, end_byte: usize) -> (usize, usize) {
        let start_char = self.char_to_byte.partition_point(|&b| b < start_byte);
        let end_char = self.char_to_byte.partition_point(|&b| b < end_byte);
        let begin = self.char_to_orig[start_char.min(self.char_to_orig.len() - 1)];
        let end = if end_char == 0 {
            begin
        } else {
            // one past the original offset of the last folded char in the span
            self.char_to_orig[end_char - 1] + 1
        };
        (begin, end.max(begin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_alef_and_digits() {
        assert_eq!(fold("إطلاقٌ"), "اطلاق");
        assert_eq!(fold("أيضاً"), "ايضا");
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("المدينة"), "المدينه");
        assert_eq!(fold("١٢٣ و۴۵"), "123 و45");
        assert_eq!(fold("«نعم» “لا”"), "\"نعم\" \"لا\"");
        assert_eq!(fold("قـــال"), "قال");
        assert_eq!(fold("Reuters"), "reuters");
    }

    #[test]
    fn offsets_map_back_to_original_code_points() {
        let original = "قالَ الوزيرُ إنّ";
        let folded = Folded::new(original);
        let start = folded.text.find("الوزير").unwrap_or(0);
        let (b, e) = folded.orig_span(start, start + "الوزير".len());
        let span: String = original.chars().skip(b).take(e - b).collect();
        assert_eq!(span, "الوزير");
    }
}
