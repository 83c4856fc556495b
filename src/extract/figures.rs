//! Figures: numbers in digits and words (اثنين، عشرة، مئات، آلاف، 10 آلاف، 30 ألف) with their
//! qualifiers (على الأقل، أكثر من، نحو), and what they count: killed, wounded, displaced, troops.

use super::lexicon as lx;
use super::text::{with_proclitic, Word};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// `isnad:killed`
    Killed,
    /// `isnad:wounded`
    Wounded,
    /// `isnad:displaced`
    Displaced,
    /// `isnad:troops`
    Troops,
}

impl Measure {
    /// The ontology property's local name.
    pub fn local(self) -> &'static str {
        match self {
            Self::Killed => "killed",
            Self::Wounded => "wounded",
            Self::Displaced => "displaced",
            Self::Troops => "troops",
        }
    }
}

/// How a figure is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    /// على الأقل
    AtLeast,
    /// أكثر من
    MoreThan,
    /// نحو، حوالي
    About,
}

impl Qualifier {
    /// The ontology individual's local name.
    pub fn local(self) -> &'static str {
        match self {
            Self::AtLeast => "AtLeast",
            Self::MoreThan => "MoreThan",
            Self::About => "About",
        }
    }
}

/// One figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// What it counts.
    pub measure: Measure,
    /// The number.
    pub value: u64,
    /// Its hedge.
    pub qualifier: Option<Qualifier>,
    /// Start byte of the number in the folded text.
    pub start: usize,
}

/// True when the word (after و/ف, or ب) begins with an entry of the lexicon's `list`
/// (entries are folded when the lexicon loads).
fn starts_any(w: &str, list: &str) -> bool {
    let w = w.trim_start_matches(['و', 'ف']);
    lx::lexicon().list(list).iter().any(|p| {
        w.starts_with(p.as_str())
            || w.strip_prefix('ب')
                .is_some_and(|x| x.starts_with(p.as_str()))
    })
}

fn in_list(w: &str, list: &str) -> bool {
    lx::lexicon().has(list, w)
}

fn digits(w: &str) -> Option<u64> {
    let clean: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
    if clean.is_empty()
        || w.chars()
            .any(|c| !c.is_ascii_digit() && super::text::is_word_char(c))
    {
        return None;
    }
    clean.parse().ok()
}

/// The value of a number word (`[number_words]`: «WORD VALUE» lines, folded on loading).
fn word_number(w: &str) -> Option<u64> {
    let w = w.trim_start_matches('و');
    // الآلاف: a multiplier may take the article.
    static WORDS: OnceLock<FxHashMap<String, u64>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut map = FxHashMap::default();
        for entry in lx::lexicon().list("number_words") {
            if let Some((word, value)) = entry.rsplit_once(' ') {
                if let Ok(value) = value.parse() {
                    // The first line of a word wins, as the file is read in order.
                    map.entry(word.to_owned()).or_insert(value);
                }
            }
        }
        map
    });
    if let Some(v) = words.get(w) {
        return Some(*v);
    }
    // Only a multiplier takes it (القرن العشرين is no count).
    let bare = w.strip_prefix("ال").filter(|b| b.chars().count() >= 3)?;
    words.get(bare).copied().filter(|v| *v >= 100)
}

/// Whether the word is the dual of a `[dual_nouns]` noun (جنديان، شخصين، وطفلين).
fn dual(w: &str) -> bool {
    with_proclitic(w, &['و', 'ف'], |w| {
        ["ان", "ين"].iter().any(|end| {
            w.strip_suffix(end)
                .is_some_and(|noun| in_list(noun, "dual_nouns"))
        })
    })
}

/// Finds casualty and troop figures in one sentence.
pub fn find(text: &str, ws: &[Word]) -> Vec<Figure> {
    let w = |k: usize| ws.get(k).map(|x| &text[x.start..x.end]).unwrap_or("");
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // A dual counts two and names what it counts: قتل جنديان; a singular person right
        // after a word of killing or wounding counts one: مقتل جندي، إصابة شرطي.
        let dual = dual(w(i));
        let single = i > 0
            && with_proclitic(w(i), &['و'], |x| in_list(x, "person_nouns"))
            && (starts_any(w(i - 1), "killed_words") || starts_any(w(i - 1), "wounded_words"));
        let Some(mut value) = digits(w(i))
            .or_else(|| word_number(w(i)))
            .or(dual.then_some(2))
            .or(single.then_some(1))
        else {
            i += 1;
            continue;
        };
        let counted_by_noun = dual || single;
        // A year or a time is not a figure.
        let after_time = i > 0 && in_list(w(i - 1), "number_time_words");
        if after_time
            || (w(i).len() == 4 && (1900..=2100).contains(&value) && digits(w(i)).is_some())
        {
            i += 1;
            continue;
        }
        let mut j = if counted_by_noun { i } else { i + 1 };
        // أربعة عشر، خمسة عشر: a unit before the word for ten is a teen.
        if value < 10 && !counted_by_noun && word_number(w(j)) == Some(10) {
            value += 10;
            j += 1;
        }
        // Durations, distances and percentages are not counts of people.
        let unit = w(j).trim_start_matches('و');
        if in_list(unit, "non_count_units") {
            i += 1;
            continue;
        }
        // 30 ألف, 10 آلاف, مئات الآلاف.
        while let Some(mult) = word_number(w(j)).filter(|m| *m >= 100) {
            value = value.saturating_mul(mult);
            j += 1;
        }
        let mut qualifier = None;
        let prev = if i > 0 { w(i - 1) } else { "" };
        let prev2 = if i > 1 { w(i - 2) } else { "" };
        if in_list(prev, "from_prepositions")
            && in_list(prev2.trim_start_matches('و'), "more_than_words")
        {
            qualifier = Some(Qualifier::MoreThan);
        } else if in_list(prev, "about_words") {
            qualifier = Some(Qualifier::About);
        } else if in_list(w(i), "at_least_words") {
            qualifier = Some(Qualifier::AtLeast);
        }
        // What it counts: the two words before (سقوط 30 ألف، مقتل 12), then the words after.
        let classify = |x: &str| {
            if starts_any(x, "killed_words") {
                Some(Measure::Killed)
            } else if starts_any(x, "wounded_words") {
                Some(Measure::Wounded)
            } else if starts_any(x, "displaced_words") {
                Some(Measure::Displaced)
            } else {
                None
            }
        };
        let mut measure = (i.saturating_sub(2)..i).rev().find_map(|k| classify(w(k)));
        // The word that named what is counted, when it follows the number.
        let mut noun = None;
        if measure.is_none() {
            for k in [j, j + 1, j + 2] {
                let x = w(k);
                if in_list(x, "from_prepositions") && k == j {
                    continue;
                }
                if let Some(m) = classify(x) {
                    measure = Some(m);
                    noun = Some(k);
                    break;
                }
                if starts_any(x, "troop_words") && k <= j + 1 {
                    measure = Some(Measure::Troops);
                }
            }
        }
        if measure.is_none() {
            measure = (i.saturating_sub(4)..i.saturating_sub(2))
                .rev()
                .find_map(|k| classify(w(k)));
        }
        // A troop count followed by a killing verb is a death toll: قتل 49 جنديا / قتلوا,
        // 390 مقاتلا من الحركة المسلحة قتلوا.
        if measure == Some(Measure::Troops) {
            let verb_after =
                (j..j + 7).any(|k| in_list(w(k).trim_start_matches('و'), "killing_verbs"));
            if verb_after {
                measure = Some(Measure::Killed);
            }
        }
        if let Some(measure) = measure {
            let at_least = (j.max(1)..j + 5).any(|k| {
                lx::lexicon()
                    .phrases("at_least_after")
                    .iter()
                    .any(|p| p.len() == 2 && w(k - 1) == p[0] && w(k) == p[1])
            });
            if at_least {
                qualifier = Some(Qualifier::AtLeast);
            }
            out.push(Figure {
                measure,
                value,
                qualifier,
                start: ws[i].start,
            });
            // عشرات القتلى والجرحى: the count holds for a measure joined by و.
            let noun_measure =
                |x: &str| classify(x).or_else(|| x.strip_prefix("ال").and_then(classify));
            let noun = noun.or_else(|| (noun_measure(w(j)) == Some(measure)).then_some(j));
            // Only a noun with the article joins (والجرحى), not a verb with its own count
            // (قتلوا وأصيب أكثر من 200).
            let joined = noun
                .map(|k| w(k + 1))
                .filter(|x| x.starts_with("وال"))
                .and_then(|x| noun_measure(&x['و'.len_utf8()..]))
                .filter(|m| *m != measure);
            if let Some(other) = joined {
                out.push(Figure {
                    measure: other,
                    value,
                    qualifier,
                    start: ws[i].start,
                });
            }
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;
    use crate::normalize::fold;

    fn figures(text: &str) -> Vec<(Measure, u64, Option<Qualifier>)> {
        let folded = fold(text);
        let ws = words(&folded, 0, folded.len());
        find(&folded, &ws)
            .into_iter()
            .map(|f| (f.measure, f.value, f.qualifier))
            .collect()
    }

    #[test]
    fn number_words_that_folding_changes_are_counted() {
        // مئة folds to ميه, قتلى to قتلي: the words come folded from the lexicon.
        assert_eq!(figures("قتل مئة شخص"), vec![(Measure::Killed, 100, None)]);
        assert_eq!(
            figures("سقوط مئات القتلى"),
            vec![(Measure::Killed, 100, Some(Qualifier::AtLeast))]
        );
        assert_eq!(figures("ثلاثة جرحى"), vec![(Measure::Wounded, 3, None)]);
        assert_eq!(
            figures("وتشريد مئات الآلاف"),
            vec![(Measure::Displaced, 100_000, Some(Qualifier::AtLeast))]
        );
        assert_eq!(figures("سقوط الدولة في القرن العشرين"), vec![]);
    }

    #[test]
    fn a_count_holds_for_a_measure_joined_by_and() {
        assert_eq!(
            figures("سقوط عشرات القتلى والجرحى"),
            vec![
                (Measure::Killed, 10, Some(Qualifier::AtLeast)),
                (Measure::Wounded, 10, Some(Qualifier::AtLeast))
            ]
        );
        // A second number names its own measure.
        assert_eq!(
            figures("مقتل 5 وإصابة 7"),
            vec![(Measure::Killed, 5, None), (Measure::Wounded, 7, None)]
        );
        assert_eq!(
            figures("وقالت الحكومة إن 45 جنديا قتلوا وأصيب أكثر من 90"),
            vec![
                (Measure::Killed, 45, None),
                (Measure::Wounded, 90, Some(Qualifier::MoreThan))
            ]
        );
    }

    #[test]
    fn teens_and_a_single_person_are_counted() {
        assert_eq!(
            figures("لقي أربعة عشر شخصا مصرعهم"),
            vec![(Measure::Killed, 14, None)]
        );
        assert_eq!(
            figures("مقتل جندي وإصابة اثنين"),
            vec![(Measure::Killed, 1, None), (Measure::Wounded, 2, None)]
        );
        // A soldier named without a word of killing is no count.
        assert_eq!(figures("وصل جندي إلى الموقع"), vec![]);
    }

    #[test]
    fn a_dual_counts_two_of_what_it_names() {
        assert_eq!(
            figures("قتل جنديان في الهجوم"),
            vec![(Measure::Killed, 2, None)]
        );
        assert_eq!(
            figures("إن جنديين قتلا في انفجار"),
            vec![(Measure::Killed, 2, None)]
        );
        assert_eq!(
            figures("وأصيب شخصان بجروح"),
            vec![(Measure::Wounded, 2, None)]
        );
        // -ين on a noun with a sound plural is a plural, not a dual.
        assert_eq!(figures("قتل مدنيين في القصف"), vec![]);
        assert_eq!(figures("مواجهات بين الشرطة ومقاتلين"), vec![]);
    }

    #[test]
    fn a_wounding_verb_and_a_distant_killing_verb_say_what_is_counted() {
        assert_eq!(
            figures("إن 120 مقاتلا من الجماعة المسلحة قتلوا وجرح 300 آخرون"),
            vec![(Measure::Killed, 120, None), (Measure::Wounded, 300, None)]
        );
    }

    #[test]
    fn digits_words_and_multipliers() {
        assert_eq!(
            figures("أسفر القصف عن مقتل 12 مدنياً"),
            vec![(Measure::Killed, 12, None)]
        );
        assert_eq!(
            figures("خلفت الحرب 30 ألف قتيل"),
            vec![(Measure::Killed, 30_000, None)]
        );
        assert_eq!(
            figures("وتم إجلاء 10 آلاف شخص"),
            vec![(Measure::Displaced, 10_000, None)]
        );
        assert_eq!(
            figures("قتل اثنين من الجنود"),
            vec![(Measure::Killed, 2, None)]
        );
        assert_eq!(
            figures("وأصيب أكثر من عشرة"),
            vec![(Measure::Wounded, 10, Some(Qualifier::MoreThan))]
        );
    }

    #[test]
    fn qualifiers_and_claims() {
        assert_eq!(
            figures("ثمة 15 قتيلا على الأقل وأكثر من 40 جريحا"),
            vec![
                (Measure::Killed, 15, Some(Qualifier::AtLeast)),
                (Measure::Wounded, 40, Some(Qualifier::MoreThan))
            ]
        );
        assert_eq!(
            figures("أودى بحياة نحو 800 شخص"),
            vec![(Measure::Killed, 800, Some(Qualifier::About))]
        );
        assert_eq!(figures("شارك 800 شخص في المعرض"), vec![]);
        assert_eq!(
            figures("قتل 7 جنود على الأقل"),
            vec![(Measure::Killed, 7, Some(Qualifier::AtLeast))]
        );
        assert_eq!(
            figures("قالت الوزارة إن 5 أشخاص قتلوا"),
            vec![(Measure::Killed, 5, None)]
        );
        assert_eq!(figures("نشرت 300 جندي"), vec![(Measure::Troops, 300, None)]);
    }

    #[test]
    fn years_and_times_are_not_figures() {
        assert_eq!(figures("قتل في عام 2020"), vec![]);
        assert_eq!(figures("منذ الساعة 9 صباحا"), vec![]);
    }
}
