//! Strips page furniture before extraction: cookie banners and lines in other scripts,
//! share and newsletter prompts, duplicated caption lines, photo credits, and everything
//! after a related-news marker.

use crate::normalize::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A section of `ontology/page-furniture.txt` (embedded): its entries in file order, the
/// sections of folded entries folded. An unknown section is empty.
fn furniture(section: &str) -> &'static [String] {
    static SECTIONS: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let sections = SECTIONS.get_or_init(|| {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        let mut current = String::new();
        for line in crate::data::PAGE_FURNITURE.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = name.trim().to_owned();
                continue;
            }
            let folded = matches!(current.as_str(), "end_markers" | "prompts");
            let entry = if folded { fold(line) } else { line.to_owned() };
            map.entry(current.clone()).or_default().push(entry);
        }
        map
    });
    sections.get(section).map_or(&[], Vec::as_slice)
}

/// The cleaned text and what was taken out of it that still matters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The article body as `schema:articleBody`.
    pub body: String,
    /// Photo credits found on caption lines (`REUTERS`, `AFP`).
    pub image_credits: Vec<String>,
}

/// True when a first line is a lede (a full sentence of news) rather than a bare headline:
/// such a line is the headline and also the body's first paragraph.
pub fn is_lede(line: &str) -> bool {
    let line = line.trim();
    word_count(line) >= 20 || line.ends_with(['.', '۔'])
}

/// Cleans an article body. Lines repeating a short `headline` are dropped; a lede used as
/// headline stays once.
pub fn clean(text: &str, headline: &str) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let arabic_article = is_mostly_arabic(text);
    let folded_headline = if is_lede(headline) {
        String::new()
    } else {
        fold(headline.trim())
    };
    let mut seen: Vec<String> = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push("");
            }
            continue;
        }
        let folded = fold(line);
        let key = folded.trim_end_matches([':', '：', ' ', '.', '!']).trim();
        if furniture("end_markers")
            .iter()
            .any(|m| is_marker_line(&folded, m))
        {
            break;
        }
        if word_count(key) <= 5 && furniture("prompts").iter().any(|p| p == key) {
            continue;
        }
        if arabic_article && !has_arabic_letter(line) {
            continue;
        }
        if (!folded_headline.is_empty() && folded == folded_headline) || seen.contains(&folded) {
            continue;
        }
        if let Some(credit) = photo_credit(line) {
            if !cleaned.image_credits.contains(&credit) {
                cleaned.image_credits.push(credit);
            }
            seen.push(folded);
            continue;
        }
        seen.push(folded);
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    cleaned.body = lines.join("\n");
    cleaned
}

/// The credit of a caption line: `… - REUTERS`, `… (صورة: AFP)`, `صورة: رويترز`.
pub fn photo_credit(line: &str) -> Option<String> {
    let trimmed = line.trim().trim_end_matches(['.', ' ']);
    for marker in furniture("caption_markers") {
        if let Some(pos) = trimmed.rfind(marker) {
            let credit = trimmed[pos + marker.len()..]
                .trim()
                .trim_end_matches(')')
                .trim();
            if !credit.is_empty() && credit.split_whitespace().count() <= 4 {
                return Some(credit.to_owned());
            }
        }
    }
    for credit in furniture("credits") {
        if let Some(before) = trimmed.strip_suffix(credit) {
            let before = before.trim_end();
            if before.ends_with(['-', '–', '—', '/', '|']) && word_count(before) >= 3 {
                return Some(credit.clone());
            }
        }
    }
    None
}

/// A marker line is the marker alone, or the marker, a colon and a short list.
fn is_marker_line(folded_line: &str, marker: &str) -> bool {
    folded_line.strip_prefix(marker).is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with([':', '：']) || rest.starts_with("...")
    })
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn has_arabic_letter(text: &str) -> bool {
    text.chars().any(is_arabic_letter)
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

fn is_mostly_arabic(text: &str) -> bool {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    arabic > latin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_related_news_and_drops_prompts() {
        let text = "سطر أول من الخبر.\n\nشارك\nسطر ثان.\nإقرأ أيضاً:\nخبر آخر عن الطقس.";
        let cleaned = clean(text, "عنوان");
        assert_eq!(cleaned.body, "سطر أول من الخبر.\n\nسطر ثان.");
    }

    #[test]
    fn prompts_written_with_alef_maqsura_are_dropped() {
        // The data file holds «على»; lines are folded (علي) before they are compared.
        let text = "نص الخبر.\nابق على اتصال\nسطر أخير.";
        let cleaned = clean(text, "عنوان");
        assert_eq!(cleaned.body, "نص الخبر.\nسطر أخير.");
    }

    #[test]
    fn drops_foreign_script_lines_and_duplicates() {
        let text = "العنوان هنا\nصورة لاجتماع الوفدين - AFP\nصورة لاجتماع الوفدين - AFP\nThis site uses cookies.\nنص الخبر.";
        let cleaned = clean(text, "العنوان هنا");
        assert_eq!(cleaned.body, "نص الخبر.");
        assert_eq!(cleaned.image_credits, vec!["AFP".to_owned()]);
    }

    #[test]
    fn a_lede_headline_stays_in_the_body_once() {
        let lede = "قال المتحدث باسم الحكومة اليوم إن المفاوضات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بحضور الوسطاء الدوليين والمراقبين.";
        let cleaned = clean(&format!("{lede}\n{lede}\nوأضاف أن الوفدين وصلا."), lede);
        assert_eq!(cleaned.body, format!("{lede}\nوأضاف أن الوفدين وصلا."));
    }

    #[test]
    fn keeps_latin_lines_in_latin_articles() {
        let cleaned = clean("Troops withdrew.\nShare", "Headline");
        assert_eq!(cleaned.body, "Troops withdrew.\nShare");
    }

    #[test]
    fn photo_credit_forms() {
        assert_eq!(
            photo_credit("جنود في استعراض عسكري (صورة: رويترز)").as_deref(),
            Some("رويترز")
        );
        assert_eq!(photo_credit("قال الوزير إن الوضع هادئ"), None);
        assert_eq!(
            photo_credit("مباحثات في العاصمة - REUTERS").as_deref(),
            Some("REUTERS")
        );
    }
}
