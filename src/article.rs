//! The article: what ingest produces and every later stage reads.

use crate::vocab::ID;
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::PathBuf;

/// Where a record came from, for error messages: a file and, when known, a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file read.
    pub file: PathBuf,
    /// 1-based line of the record, when the format has lines (JSONL, or a JSON syntax error).
    pub line: Option<usize>,
    /// 1-based index of the record inside a JSON array, when the format has no useful line.
    pub record: Option<usize>,
}

impl Origin {
    /// An origin naming a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            line: None,
            record: None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record #{record})")?;
        }
        Ok(())
    }
}

/// One news article, decoded and cleaned, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `schema:identifier`: the file stem, or the url or id of a JSON record.
    pub identifier: String,
    /// `schema:headline`.
    pub headline: String,
    /// `schema:articleBody`: the cleaned text that mention offsets index into.
    pub body: String,
    /// `schema:datePublished` as `YYYY-MM-DD`, when known and valid.
    pub published: Option<String>,
    /// `schema:url`.
    pub url: Option<String>,
    /// `schema:publisher`.
    pub publisher: Option<String>,
    /// `schema:author`.
    pub author: Option<String>,
    /// `schema:inLanguage` (BCP 47), when given.
    pub language: Option<String>,
    /// Photo credits removed from the text (`- REUTERS`, `صورة: AFP`).
    pub image_credits: Vec<String>,
    /// SHA-256 (hex) of the normalised source text.
    pub sha256: String,
    /// Where it was read from.
    pub origin: Origin,
}

impl Article {
    /// An article from its text alone (for `explain`, tests and tools); the other fields
    /// are empty and the hash is computed from the text.
    pub fn from_text(
        identifier: &str,
        headline: &str,
        body: &str,
        published: Option<&str>,
    ) -> Self {
        Self {
            identifier: identifier.to_owned(),
            headline: headline.to_owned(),
            body: body.to_owned(),
            published: published.and_then(parse_published),
            url: None,
            publisher: None,
            author: None,
            language: None,
            image_credits: Vec::new(),
            sha256: sha256_hex(&normalise_source(&format!("{headline}\n{body}"))),
            origin: Origin::file(identifier),
        }
    }

    /// The article IRI, which is also its named graph. It is derived from the SHA-256 of the
    /// identifier and the normalised text, so the same input always gives the same IRI and a
    /// changed text gives a new one.
    pub fn iri(&self) -> NamedNode {
        let mut hasher = Sha256::new();
        hasher.update(self.identifier.as_bytes());
        hasher.update([0]);
        hasher.update(self.sha256.as_bytes());
        let digest = hex(&hasher.finalize());
        NamedNode::new_unchecked(format!("{ID}article/{}", &digest[..24]))
    }
}

/// SHA-256 of a text, as lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Normalises source text before hashing: line breaks unified, trailing spaces dropped.
pub fn normalise_source(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim().to_owned()
}

/// Validates a publication date and keeps its `YYYY-MM-DD` part. Accepts a bare date or a
/// date followed by a time (`2015-07-21 10:20:30`, `2015-07-21T10:20:30Z`).
pub fn parse_published(value: &str) -> Option<String> {
    let value = value.trim();
    let date = value.get(..10)?;
    let rest = &value[10..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')) {
        return None;
    }
    let bytes = date.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = date[..4].parse().ok()?;
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    (day >= 1 && day <= days_in_month(year, month)?).then(|| date.to_owned())
}

/// Days in a month of the proleptic Gregorian calendar; `None` for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates_are_validated() {
        assert_eq!(
            parse_published("2015-07-21 10:20:30").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(
            parse_published("2024-02-29T00:00:00Z").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_published("2023-02-29"), None);
        assert_eq!(parse_published("2023-13-01"), None);
        assert_eq!(parse_published("21/07/2015"), None);
        assert_eq!(parse_published(""), None);
    }

    #[test]
    fn normalising_unifies_line_breaks() {
        assert_eq!(normalise_source("\u{feff}a  \r\nb\rc\n\n"), "a\nb\nc");
    }

    #[test]
    fn iri_depends_on_identifier_and_text() {
        let mut a = Article::from_text("x", "", "text", None);
        let first = a.iri();
        assert_eq!(first, a.clone().iri());
        a.sha256 = sha256_hex("other");
        assert_ne!(first, a.iri());
    }
}
