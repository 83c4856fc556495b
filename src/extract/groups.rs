//! Open-world actors: armed groups and bodies no gazetteer names. A head noun from the
//! lexicon's `[group_heads]` (المقاومة، ميليشيات، عناصر، مسلحون، متمردون، طائرات…) is an
//! actor with the words that complete it: modifiers from `[group_modifiers]` (الشعبية،
//! المسلحة، الموالية…), a state's demonym (قوات كردية، طائرات حربية تركية), or a group the
//! gazetteer knows (مسلحي داعش). A state among them makes the group part of that state.

use super::doc::Doc;
use super::entities::{Ent, Found, How};
use super::gazetteer::Kind;
use super::lexicon as lx;
use super::text::{stems, words, Sentence};
use crate::normalize::fold;
use crate::vocab::ID;

/// True when the word (or one of its proclitic readings) is a group head.
fn is_head(word: &str) -> bool {
    stems(word).iter().any(|s| lx::is_group_head(s))
}

fn is_modifier(word: &str) -> bool {
    lx::is_group_modifier(word) || lx::is_group_modifier(word.trim_start_matches('و'))
}

/// An adjective that agrees with its head: definite after a definite head (الجماعة
/// المتطرفة), indefinite after an indefinite one (جماعة منافسة، قوات موالية), with a
/// feminine or plural ending. Words of the lexicon's `[not_modifiers]` (places, times,
/// verbs' companions) and trigger words never are.
fn agrees(head: &str, word: &str, first: bool) -> bool {
    if !first
        || lx::is_not_modifier(word)
        || super::lexicon::trigger_class(word).is_some()
        || word.chars().count() < 5
    {
        return false;
    }
    let definite = |x: &str| x.starts_with("ال") || x.starts_with("وال");
    let feminine_or_plural = ["ه", "ين", "ون", "يه", "ات"]
        .iter()
        .any(|e| word.ends_with(e));
    // عناصر التنظيم، مقاتلو المعارضة: an indefinite head before a definite noun is in the
    // construct state, and the noun completes it.
    let construct = !definite(head) && word.starts_with("ال");
    construct || (definite(head) == word.starts_with("ال") && feminine_or_plural)
}

/// The open-world groups of a sentence, outside the spans `found` already covers.
pub fn recognise(
    doc: &Doc<'_>,
    sentence: &Sentence,
    found: &[Found],
    focus_state: Option<&Ent>,
) -> Vec<Found> {
    let text = doc.text();
    let ws = words(text, sentence.start, sentence.end);
    let covered = |start: usize, end: usize| found.iter().any(|f| f.start < end && start < f.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let word = &text[ws[i].start..ws[i].end];
        if covered(ws[i].start, ws[i].end)
            || !(is_head(word) || construct_name(text, &ws, i).is_some())
        {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut state: Option<Ent> = None;
        let mut named: Option<Ent> = None;
        let mut from_context = false;
        let mut j = i + 1;
        // جماعة (أجناد مصر)، تنظيم «جند الخلافة»: the name in brackets or quotes after the
        // head is the group's own.
        let quoted = bracketed(text, &ws, i).or_else(|| construct_name(text, &ws, i));
        if let Some(k) = quoted {
            last = k;
            j = ws.len();
        }
        while j < ws.len() && j <= i + 3 {
            // Only a space between head and complement (no comma, no quote).
            if !text[ws[j - 1].end..ws[j].start]
                .chars()
                .all(char::is_whitespace)
            {
                break;
            }
            let w = &text[ws[j].start..ws[j].end];
            // مسلحون من تنظيم X: fighters of a known group are that group.
            if lx::is_in("from_prepositions", w) && j == i + 1 {
                if let Some(f) = ws.get(j + 1).and_then(|n| {
                    found.iter().find(|f| {
                        f.start == n.start
                            && matches!(f.ent.kind, Kind::Organization | Kind::ArmedForce)
                    })
                }) {
                    named = Some(f.ent.clone());
                    last = words_until(&ws, j + 1, f.end);
                }
                break;
            }
            // والطائرات، ومسلحين: a coordinated noun is another actor, not a complement.
            if w.starts_with('و') && (!is_modifier(w) || is_head(&w['و'.len_utf8()..])) {
                break;
            }
            let ent_here = found
                .iter()
                .find(|f| f.start <= ws[j].start && ws[j].start < f.end);
            if let Some(f) = ent_here {
                match f.ent.kind {
                    // قوات بلاده: the entities module resolves own forces by anaphora.
                    _ if f.how == How::Anaphora => break,
                    Kind::State if state.is_none() => state = Some(f.ent.clone()),
                    Kind::Organization | Kind::ArmedForce if named.is_none() => {
                        named = Some(f.ent.clone())
                    }
                    _ => break,
                }
                last = words_until(&ws, j, f.end);
                j = last + 1;
                continue;
            }
            // قوات الحرس الجمهوري: a definite nisba after the definite complement describes it.
            let of_complement = j >= i + 2
                && last == j - 1
                && text[ws[j - 1].start..ws[j - 1].end].starts_with("ال")
                && w.starts_with("ال")
                && w.ends_with('ي')
                && w.chars().count() >= 6
                && !lx::is_not_modifier(w)
                && super::lexicon::trigger_class(w).is_none();
            if is_modifier(w)
                || of_complement
                || agrees(&text[ws[i].start..ws[i].end], w, j == i + 1)
            {
                last = j;
                j += 1;
                continue;
            }
            break;
        }
        // A bare plural head (المسلحين، الحوثيين) is a group on its own; a bare generic head
        // (القوات، العناصر) needs a complement.
        let bare_ok =
            lx::is_group_head_alone(word) || stems(word).iter().any(|s| lx::is_group_head_alone(s));
        // النزاع المسلح، التفجير الانتحاري: a definite word right after a definite noun is
        // its adjective, not a group.
        // هجوم انتحاري: a nisba after an indefinite event noun is that event's adjective.
        let adjective = i > 0 && {
            let prev = &text[ws[i - 1].start..ws[i - 1].end];
            (word.starts_with("ال") && prev.starts_with("ال"))
                || (!word.starts_with("ال")
                    && word.ends_with('ي')
                    && !prev.starts_with("ال")
                    && super::lexicon::trigger_class(prev).is_some())
        };
        if last == i && (!bare_ok || adjective) {
            i += 1;
            continue;
        }
        // مسلحو داعش، بعثة الاتحاد الأفريقي: the known group is already found.
        if named.is_some() {
            i = last + 1;
            continue;
        }
        // القوات الحكومية، قوات الأمن: a state's own forces, of the state in focus.
        // الجيش، الشرطة alone: the forces of the state in focus.
        if state.is_none()
            && ((i + 1..=last).any(|j| lx::is_state_bound_modifier(&text[ws[j].start..ws[j].end]))
                || stems(word).iter().any(|s| lx::is_state_bound_head(s)))
        {
            // The state named last before the head in this sentence, else the one in focus
            // (the name does not say which: the IRI does).
            from_context = true;
            state = found
                .iter()
                .filter(|f| f.ent.kind == Kind::State && f.end <= ws[i].start)
                .max_by_key(|f| f.end)
                .map(|f| f.ent.clone())
                .or_else(|| focus_state.cloned());
        }
        // والثوار، للمقاومة: the proclitics are not part of the name.
        let head = stems(word)
            .into_iter()
            .filter(|s| lx::is_group_head(s) || lx::is_group_head_alone(s))
            .map(|s| {
                let definite = format!("ال{s}");
                if word.ends_with(definite.as_str()) {
                    definite.len()
                } else {
                    s.len()
                }
            })
            .max()
            .unwrap_or(word.len());
        let (start, end) = (ws[i].end - head, ws[last].end);
        // للمقاومة: «لل» is ل + ال, so the name keeps its article (المقاومة).
        let lost_article = word
            .trim_start_matches(['و', 'ف'])
            .strip_prefix("لل")
            .is_some_and(|rest| rest.len() == head);
        let label = match quoted {
            Some(k) => format!(
                "{} {}",
                doc.original(start, ws[i].end),
                doc.original(ws[i + 1].start, ws[k].end)
            ),
            None => doc.original(start, end).to_owned(),
        };
        let label = if lost_article {
            format!("ال{label}")
        } else {
            label
        };
        let ent = match &named {
            Some(n) => n.clone(),
            None => Ent {
                // One IRI for المقاومة and مقاومة: the article is not part of the key.
                iri: format!(
                    "{ID}group/{}",
                    fold(&label)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(|w| w
                            .strip_prefix("ال")
                            .filter(|r| r.chars().count() >= 2)
                            .unwrap_or(w))
                        .chain(
                            state
                                .as_ref()
                                .filter(|_| from_context)
                                .and_then(|s| s.iri.rsplit('/').next())
                        )
                        .collect::<Vec<_>>()
                        .join("-")
                ),
                // السلطات، بعثة، لجنة: bodies are organisations; fighters are armed forces.
                kind: if stems(word).iter().any(|s| lx::is_body_head(s)) {
                    Kind::Organization
                } else {
                    Kind::ArmedForce
                },
                label_ar: label,
                label_en: String::new(),
                part_of: state.as_ref().map(|s| s.iri.clone()),
                role: None,
                new: true,
            },
        };
        out.push(Found {
            ent,
            start,
            end,
            how: How::Pattern,
        });
        i = last + 1;
    }
    out
}

/// The last word of a group's own name written as a construct after an indefinite head of
/// `[named_group_heads]`: one indefinite word, then a definite one (جماعة أنصار الشريعة،
/// حركة أحرار الشام). Modifiers (جماعة مسلحة), event words (تبنت جماعة مسلحة الهجوم),
/// function words and anything after punctuation are no name.
fn construct_name(text: &str, ws: &[super::text::Word], i: usize) -> Option<usize> {
    let head = &text[ws[i].start..ws[i].end];
    let (a, b) = (ws.get(i + 1)?, ws.get(i + 2)?);
    let (first, second) = (&text[a.start..a.end], &text[b.start..b.end]);
    let spaced = |x: &super::text::Word, y: &super::text::Word| {
        text[x.end..y.start].chars().all(char::is_whitespace)
    };
    let word_ok = |w: &str| {
        w.chars().count() >= 3
            && !lx::is_stopword(w)
            && !is_modifier(w)
            && !lx::is_not_modifier(w)
            && lx::trigger_class(w).is_none()
    };
    let indefinite_head = !head.starts_with("ال")
        && stems(head)
            .iter()
            .any(|s| lx::is_in("named_group_heads", s));
    (indefinite_head
        && spaced(&ws[i], a)
        && spaced(a, b)
        && !first.starts_with("ال")
        && !first.starts_with('و')
        && word_ok(first)
        && second.starts_with("ال")
        && word_ok(second))
    .then_some(i + 2)
}

/// The last word of a name of one to four words opened by a bracket or a quote right after
/// word `i` and closed right after that word (the text is folded: « and » are ").
fn bracketed(text: &str, ws: &[super::text::Word], i: usize) -> Option<usize> {
    let next = ws.get(i + 1)?;
    let close = match text[ws[i].end..next.start].trim() {
        "(" => ')',
        "\"" => '"',
        _ => return None,
    };
    // «بالرد»، (وهي …): a quote or an aside opens with a particle; a name does not.
    let first = &text[next.start..next.end];
    if first.starts_with(['و', 'ب', 'ل', 'ف']) || lx::is_in("that_words", first) {
        return None;
    }
    let mut k = i + 1;
    while k < ws.len() && k <= i + 4 {
        let after = match ws.get(k + 1) {
            Some(n) => &text[ws[k].end..n.start],
            None => &text[ws[k].end..],
        };
        if after.trim_start().starts_with(close) {
            return Some(k);
        }
        if !after.chars().all(char::is_whitespace) {
            return None;
        }
        k += 1;
    }
    None
}

/// The index of the last word that starts before `end`.
fn words_until(ws: &[super::text::Word], from: usize, end: usize) -> usize {
    let mut k = from;
    while k + 1 < ws.len() && ws[k + 1].start < end {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gazetteer::Gazetteer;

    fn groups(sentence: &str) -> Vec<(String, Option<String>)> {
        let doc = Doc::new(sentence);
        let g = Gazetteer::shipped();
        let matches = g.matches(doc.text());
        let mut focus = crate::extract::entities::Focus::default();
        let mut out = Vec::new();
        for s in &doc.sentences {
            let found = crate::extract::entities::recognise(&doc, s, &matches, g, &mut focus);
            for f in recognise(&doc, s, &found, focus.states.last()) {
                out.push((f.ent.label_ar, f.ent.part_of));
            }
        }
        out
    }

    #[test]
    fn a_name_in_brackets_or_quotes_after_the_head_is_the_groups() {
        let g = groups("وتبنت جماعة (أنصار الحرية) الهجوم على الدورية");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("جماعة أنصار الحرية"));
        let g = groups("وأعلنت كتائب «درع الوادي» مسؤوليتها عن الهجوم");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("كتائب درع الوادي"));
        // Not closed within four words, or an aside or a quotation: no name.
        let g = groups("وقالت جماعة (وهي من أكبر الفصائل في المنطقة) إن");
        assert!(!g.iter().any(|x| x.0.contains("وهي")), "{g:?}");
        let g = groups("وتوعدت الجماعة «بالرد» على الهجوم");
        assert!(!g.iter().any(|x| x.0.contains("بالرد")), "{g:?}");
    }

    #[test]
    fn a_named_group_written_as_a_construct_is_one_actor() {
        let g = groups("وتبنت جماعة أنصار العقيدة الهجوم على مركز الشرطة");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("جماعة أنصار العقيدة"));
        let g = groups("واشتبكت حركة أبناء الجبل مع قوات الجيش قرب القرية");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("حركة أبناء الجبل"));
        // A modifier, an event word or a definite head is no such name.
        let g = groups("وتبنت جماعة مسلحة الهجوم على المركز");
        assert!(!g.iter().any(|x| x.0.contains("الهجوم")), "{g:?}");
        let g = groups("وقالت الجماعة أنصارها الجدد كثر");
        assert!(!g.iter().any(|x| x.0.contains("أنصارها")), "{g:?}");
    }

    #[test]
    fn a_group_after_lil_keeps_its_article() {
        let g = groups("وقدمت القبائل الدعم للمقاومة الشعبية في المحافظة");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("المقاومة الشعبية"));
    }

    #[test]
    fn a_head_with_its_modifiers_is_a_group() {
        let g = groups("هاجمت عناصر مسلحة مجهولة نقطة حراسة قرب البلدة");
        assert_eq!(g.first().map(|x| x.0.as_str()), Some("عناصر مسلحة مجهولة"));
    }

    #[test]
    fn a_demonym_makes_the_group_part_of_its_state() {
        let g = groups("قصفت طائرات حربية تركية مواقع على الحدود");
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].0, "طائرات حربية تركية");
        assert!(
            g[0].1.as_deref().is_some_and(|s| s.ends_with("/tr")),
            "{g:?}"
        );
    }

    #[test]
    fn a_generic_head_alone_is_no_group_but_a_plural_of_fighters_is() {
        assert!(groups("وصلت العناصر إلى المكان").is_empty());
        assert_eq!(
            groups("اشتبك الجيش مع المسلحين في الجبل")
                .iter()
                .map(|x| x.0.as_str())
                .collect::<Vec<_>>(),
            vec!["الجيش", "المسلحين"],
            "the army alone is the state's army; fighters alone are a group"
        );
    }
}
