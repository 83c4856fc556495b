//! Input formats: plain text and Markdown with an optional `.meta.json` sidecar, JSON (an
//! object or an array of objects) and JSON Lines, with field aliases.

use crate::article::Origin;
use serde_json::{Map, Value};
use std::path::Path;

/// One record as read, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRecord {
    /// Identifier: file stem, or url or id of a JSON record.
    pub identifier: String,
    /// Headline.
    pub headline: String,
    /// Body text.
    pub text: String,
    /// Raw publication date as given.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publisher or source.
    pub publisher: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Language tag.
    pub language: Option<String>,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Where.
    pub origin: Origin,
    /// Why, in words for the user.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

const TITLE: &[&str] = &["title", "headline"];
const TEXT: &[&str] = &["content", "text", "body"];
const URL: &[&str] = &["url"];
const PUBLISHED: &[&str] = &["published", "date", "date_extracted"];
const PUBLISHER: &[&str] = &["source", "publisher"];
const AUTHOR: &[&str] = &["author"];
const LANGUAGE: &[&str] = &["language", "lang"];
const ID: &[&str] = &["id"];

/// Reads a plain-text or Markdown article: the first non-empty line is the headline.
pub fn from_text(path: &Path, text: &str, markdown: bool) -> Result<RawRecord, Rejection> {
    let mut lines = text.lines();
    let headline = lines
        .by_ref()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let headline = if markdown {
        headline.trim_start_matches('#').trim()
    } else {
        headline
    };
    let mut body: Vec<&str> = lines.collect();
    if super::clean::is_lede(headline) {
        body.insert(0, headline);
    }
    let mut record = RawRecord {
        identifier: stem(path),
        headline: headline.to_owned(),
        text: body.join("\n"),
        ..RawRecord::default()
    };
    if let Some(meta) = sidecar(path)? {
        apply_fields(&mut record, &meta);
    }
    Ok(record)
}

/// The `NAME.meta.json` next to `NAME.txt`, if any.
fn sidecar(path: &Path) -> Result<Option<Map<String, Value>>, Rejection> {
    let meta_path = path.with_file_name(format!("{}.meta.json", stem(path)));
    let text = match std::fs::read_to_string(&meta_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Rejection {
                origin: Origin::file(&meta_path),
                reason: e.to_string(),
            })
        }
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(Some(map)),
        Ok(_) => Err(Rejection {
            origin: Origin::file(&meta_path),
            reason: "sidecar is not a JSON object".into(),
        }),
        Err(e) => Err(Rejection {
            origin: Origin {
                file: meta_path,
                line: Some(e.line()),
                record: None,
            },
            reason: format!("invalid JSON: {e}"),
        }),
    }
}

/// Reads a `.json` file: one object or an array of objects.
pub fn from_json(path: &Path, text: &str) -> (Vec<RawRecord>, Vec<Rejection>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![Rejection {
                    origin: Origin {
                        file: path.to_owned(),
                        line: Some(e.line()),
                        record: None,
                    },
                    reason: format!("invalid JSON: {e}"),
                }],
            )
        }
    };
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut records = Vec::new();
    let mut rejections = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let origin = Origin {
            file: path.to_owned(),
            line: None,
            record: Some(index + 1),
        };
        match from_value(path, item, index + 1) {
            Ok(r) => records.push(r),
            Err(reason) => rejections.push(Rejection { origin, reason }),
        }
    }
    (records, rejections)
}

/// Reads a `.jsonl` file: one object per line; blank lines are skipped.
pub fn from_jsonl(path: &Path, text: &str) -> (Vec<RawRecord>, Vec<Rejection>) {
    let mut records = Vec::new();
    let mut rejections = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = Origin {
            file: path.to_owned(),
            line: Some(index + 1),
            record: None,
        };
        let result = serde_json::from_str::<Value>(line)
            .map_err(|e| format!("invalid JSON at column {}: {e}", e.column()))
            .and_then(|v| from_value(path, v, index + 1));
        match result {
            Ok(r) => records.push(r),
            Err(reason) => rejections.push(Rejection { origin, reason }),
        }
    }
    (records, rejections)
}

fn from_value(path: &Path, value: Value, ordinal: usize) -> Result<RawRecord, String> {
    let Value::Object(map) = value else {
        return Err("record is not a JSON object".into());
    };
    let mut record = RawRecord::default();
    apply_fields(&mut record, &map);
    // A record with no title and no text is still an article when something identifies it
    // (its url or id): its metadata is kept rather than lost. With nothing at all, it is not.
    let empty = record.headline.trim().is_empty() && record.text.trim().is_empty();
    if empty && record.url.is_none() && field(&map, ID).is_none() {
        return Err("record has neither a title, a text, a url nor an id".into());
    }
    record.identifier = record
        .url
        .clone()
        .or_else(|| field(&map, ID))
        .unwrap_or_else(|| format!("{}#{ordinal}", stem(path)));
    Ok(record)
}

fn apply_fields(record: &mut RawRecord, map: &Map<String, Value>) {
    if let Some(v) = field(map, TITLE) {
        record.headline = v;
    }
    if let Some(v) = field(map, TEXT) {
        record.text = v;
    }
    record.url = field(map, URL).or(record.url.take());
    record.published = field(map, PUBLISHED).or(record.published.take());
    record.publisher = field(map, PUBLISHER).or(record.publisher.take());
    record.author = field(map, AUTHOR).or(record.author.take());
    record.language = field(map, LANGUAGE).or(record.language.take());
}

/// The first alias present with a non-empty string or number value.
fn field(map: &Map<String, Value>, aliases: &[&str]) -> Option<String> {
    aliases.iter().find_map(|name| match map.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// A file's stem, without a trailing `.meta` or archive suffix.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_aliases() {
        let text = r#"[{"headline":"ع","body":"نص","date_extracted":"2015-07-21 10:00:00","source":"spa","url":"http://x/1"},
                      {"title":"ع2","text":"نص2","publisher":"p","id":"abc"},
                      {"title":"","content":""},
                      3]"#;
        let (records, rejections) = from_json(Path::new("day.json"), text);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].identifier, "http://x/1");
        assert_eq!(records[0].publisher.as_deref(), Some("spa"));
        assert_eq!(records[0].published.as_deref(), Some("2015-07-21 10:00:00"));
        assert_eq!(records[1].identifier, "abc");
        assert_eq!(rejections.len(), 2);
        assert_eq!(rejections[0].origin.record, Some(3));
    }

    #[test]
    fn jsonl_reports_the_bad_line() {
        let text =
            "{\"title\":\"a\",\"content\":\"b\"}\n\n{broken\n{\"title\":\"c\",\"content\":\"d\"}\n";
        let (records, rejections) = from_jsonl(Path::new("x.jsonl"), text);
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].identifier, "x#4");
        assert_eq!(rejections.len(), 1);
        assert_eq!(rejections[0].origin.line, Some(3));
        assert!(rejections[0]
            .to_string()
            .starts_with("x.jsonl:3: invalid JSON"));
    }

    #[test]
    fn text_headline_is_first_non_empty_line() {
        let r = from_text(Path::new("/nonexistent/a.md"), "\n# عنوان\n\nنص", true);
        let r = r.unwrap_or_default();
        assert_eq!(r.headline, "عنوان");
        assert_eq!(r.text, "\nنص");
        assert_eq!(r.identifier, "a");
    }
}
