//! Ingest: files and directories in, cleaned [`Article`]s and reasoned rejections out.
//! Reads `.txt`, `.md`, `.json`, `.jsonl`, and the same inside `.zip` archives or `.gz`.

pub mod clean;
pub mod decode;
pub mod records;

use crate::article::{normalise_source, parse_published, sha256_hex, Article, Origin};
pub use records::{RawRecord, Rejection};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What reading some inputs produced.
#[derive(Debug, Default)]
pub struct Batch {
    /// Articles read and cleaned.
    pub articles: Vec<Article>,
    /// Records or files that could not be read, each with its reason.
    pub rejections: Vec<Rejection>,
    /// Things worth telling that did not stop a record (an unreadable date…).
    pub warnings: Vec<String>,
}

impl Batch {
    fn merge(&mut self, other: Batch) {
        self.articles.extend(other.articles);
        self.rejections.extend(other.rejections);
        self.warnings.extend(other.warnings);
    }
}

/// The kinds of file ingest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Json,
    JsonLines,
    Zip,
    Gzip,
}

fn kind_of(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".meta.json") {
        return None;
    }
    let ext = lower.rsplit_once('.')?.1;
    Some(match ext {
        "txt" => Kind::Text,
        "md" | "markdown" => Kind::Markdown,
        "json" => Kind::Json,
        "jsonl" | "ndjson" => Kind::JsonLines,
        "zip" => Kind::Zip,
        "gz" => Kind::Gzip,
        _ => return None,
    })
}

/// Expands files and directories (recursively, sorted) into the files ingest reads.
/// Paths that do not exist or files of an unknown kind named explicitly are rejected.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejection>) {
    let mut files = Vec::new();
    let mut rejections = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut rejections);
        } else if path.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.as_deref().and_then(kind_of).is_some() {
                files.push(path.clone());
            } else {
                rejections.push(Rejection {
                    origin: Origin::file(path),
                    reason:
                        "unsupported file type (expected .txt, .md, .json, .jsonl, .zip or .gz)"
                            .into(),
                });
            }
        } else {
            rejections.push(Rejection {
                origin: Origin::file(path),
                reason: "no such file or directory".into(),
            });
        }
    }
    (files, rejections)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, rejections: &mut Vec<Rejection>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            rejections.push(Rejection {
                origin: Origin::file(dir),
                reason: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, rejections);
        } else if path
            .file_name()
            .and_then(|n| kind_of(&n.to_string_lossy()))
            .is_some()
        {
            files.push(path);
        }
    }
}

/// Reads one file (or archive) into articles.
pub fn read_path(path: &Path) -> Batch {
    match std::fs::read(path) {
        Ok(bytes) => {
            let name = path.to_string_lossy().into_owned();
            read_bytes(&name, &bytes)
        }
        Err(e) => reject(Origin::file(path), e.to_string()),
    }
}

fn reject(origin: Origin, reason: String) -> Batch {
    Batch {
        rejections: vec![Rejection { origin, reason }],
        ..Batch::default()
    }
}

/// Reads the bytes of one file (or archive) into articles. `name` is what the user sees and
/// what decides the kind (`day.zip!/day.json` for an archive member); sidecars are looked up
/// beside it.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Batch {
    let origin = Origin::file(name);
    let Some(kind) = kind_of(name) else {
        return Batch::default();
    };
    match kind {
        Kind::Zip => return read_zip(name, bytes),
        Kind::Gzip => {
            let mut inflated = Vec::new();
            return match flate2::read::GzDecoder::new(bytes).read_to_end(&mut inflated) {
                Ok(_) => read_bytes(name.trim_end_matches(".gz"), &inflated),
                Err(e) => reject(origin, format!("invalid gzip data: {e}")),
            };
        }
        _ => {}
    }
    let text = match decode::decode(bytes) {
        Ok((text, _)) => text,
        Err(reason) => return reject(origin, reason),
    };
    let shown = Path::new(name);
    let (raw, rejections) = match kind {
        Kind::Text | Kind::Markdown => {
            match records::from_text(shown, &text, kind == Kind::Markdown) {
                Ok(r) => (vec![r], Vec::new()),
                Err(rejection) => (Vec::new(), vec![rejection]),
            }
        }
        Kind::Json => records::from_json(shown, &text),
        _ => records::from_jsonl(shown, &text),
    };
    let mut batch = Batch {
        rejections,
        ..Batch::default()
    };
    for (index, record) in raw.into_iter().enumerate() {
        let origin = Origin {
            file: shown.to_owned(),
            line: None,
            record: (kind == Kind::Json || kind == Kind::JsonLines).then_some(index + 1),
        };
        if let Some(warning) = record
            .published
            .as_deref()
            .filter(|p| parse_published(p).is_none())
        {
            batch.warnings.push(format!(
                "{origin}: publication date {warning:?} is not a date; left out"
            ));
        }
        batch.articles.push(to_article(record, origin));
    }
    batch
}

fn read_zip(name: &str, bytes: &[u8]) -> Batch {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return reject(Origin::file(name), format!("invalid zip archive: {e}")),
    };
    let mut batch = Batch::default();
    let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    names.sort();
    for member in names {
        if member.ends_with('/') || kind_of(&member).is_none() || member.contains("__MACOSX") {
            continue;
        }
        let shown = format!("{name}!/{member}");
        let mut data = Vec::new();
        let read = archive
            .by_name(&member)
            .map_err(|e| e.to_string())
            .and_then(|mut f| f.read_to_end(&mut data).map_err(|e| e.to_string()));
        match read {
            Ok(_) => batch.merge(read_bytes(&shown, &data)),
            Err(e) => batch.merge(reject(
                Origin::file(&shown),
                format!("unreadable member: {e}"),
            )),
        }
    }
    batch
}

/// Cleans a raw record into an article.
pub fn to_article(record: RawRecord, origin: Origin) -> Article {
    let normalised = normalise_source(&format!("{}\n{}", record.headline, record.text));
    let cleaned = clean::clean(&record.text, &record.headline);
    Article {
        identifier: record.identifier,
        headline: record.headline.trim().to_owned(),
        body: cleaned.body,
        published: record.published.as_deref().and_then(parse_published),
        url: record.url,
        publisher: record.publisher,
        author: record.author,
        language: record.language,
        image_credits: cleaned.image_credits,
        sha256: sha256_hex(&normalised),
        origin,
    }
}

/// Two different inputs with one identifier would replace each other: keep the first (in
/// path order) and reject the others with a reason, so no data is lost silently.
pub fn drop_duplicate_identifiers(
    articles: Vec<Article>,
    first: &mut std::collections::HashMap<String, (String, Origin)>,
    rejected: &mut Vec<Rejection>,
) -> Vec<Article> {
    let mut kept = Vec::with_capacity(articles.len());
    for article in articles {
        match first.get(&article.identifier) {
            Some((sha, _)) if *sha == article.sha256 => {}
            Some((_, origin)) => rejected.push(Rejection {
                origin: article.origin.clone(),
                reason: format!(
                    "identifier {:?} is already used by a different article in {origin}",
                    article.identifier
                ),
            }),
            None => {
                first.insert(
                    article.identifier.clone(),
                    (article.sha256.clone(), article.origin.clone()),
                );
                kept.push(article);
            }
        }
    }
    kept
}
