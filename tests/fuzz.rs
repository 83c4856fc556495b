//! Fuzzing on stable Rust: proptest drives mutations of real inputs (the bundled corpus, the
//! written held-out articles, the fixtures) through every stage that reads untrusted text,
//! and checks properties beyond "no panic".
//!
//! Each target runs `ISNAD_FUZZ_CASES` cases (default: a short run for CI) and prints one
//! line `fuzz TARGET executions=N seconds=S` that `bench/fuzz` gathers into a table. A failing
//! case is shrunk by proptest and printed; it becomes a regression test in `fuzz_regressions`
//! below, named after what it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use isnad::extract::dates::{self, DateContext, DateValue};
use isnad::extract::{figures, text};
use isnad::ingest::{self, clean};
use isnad::normalize::Folded;
use isnad::query;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Quad, Term};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::io::{Read, Write};
use std::time::Instant;

/// Cases per target: `ISNAD_FUZZ_CASES`, or `default` (scaled per target to its cost).
fn cases(default: u32) -> u32 {
    std::env::var("ISNAD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `property` on `cases` inputs of `strategy`, printing the count and time.
fn fuzz<S: Strategy>(
    target: &str,
    default_cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let n = cases(default_cases);
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    });
    let start = Instant::now();
    let executions = std::cell::Cell::new(0u64);
    let counted = |value: S::Value| {
        executions.set(executions.get() + 1);
        property(value)
    };
    if let Err(e) = runner.run(&strategy, counted) {
        panic!("fuzz target {target} failed: {e}");
    }
    println!(
        "fuzz {target} executions={} seconds={:.1}",
        executions.get(),
        start.elapsed().as_secs_f64()
    );
}

/// Seeds: every file of the bundled corpus, the held-out articles and the fixtures.
fn seed_files() -> Vec<(String, Vec<u8>)> {
    let root = common::root();
    let mut out = Vec::new();
    for dir in ["corpus", "tests/heldout/articles", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.is_file()) {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
    assert!(out.len() >= 10, "seed files found: {}", out.len());
    out
}

/// Paragraphs of the seed texts: small inputs, so a long run reaches millions of cases.
fn seed_paragraphs() -> Vec<Vec<u8>> {
    seed_files()
        .into_iter()
        .filter(|(n, _)| n.ends_with(".txt"))
        .flat_map(|(_, b)| {
            String::from_utf8_lossy(&b)
                .split("\n\n")
                .filter(|p| p.trim().chars().count() > 20)
                .map(|p| p.as_bytes().to_vec())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Tokens worth splicing in: the edges of the formats and of Arabic text.
const TOKENS: &[&str] = &[
    "\u{feff}",
    "\r\n",
    "\n\n",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\u{0}",
    "\u{200f}",
    "\u{64b}",
    "ـ",
    "«",
    "»",
    "؟",
    ".",
    "،",
    "١٢",
    "2015",
    "31",
    "أمس",
    "الاثنين",
    "يوليو",
    "مقتل",
    "100",
    "ألف",
    "وقف إطلاق النار",
    "قوات",
    "بين",
    "و",
    "ال",
    "\u{fffd}",
    "%",
    "%zz",
    "%00",
    "<",
    ">",
    "^^",
    "@ar",
    "e9",
    "\t",
    " ",
    "\u{2028}",
    "😀",
];

/// Mutations: flip, insert, delete, duplicate, splice a token, truncate.
fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = seeds.len();
    (
        0..n,
        proptest::collection::vec(
            (
                any::<u32>(),
                0u8..6,
                proptest::collection::vec(any::<u8>(), 0..6),
            ),
            0..6,
        ),
    )
        .prop_map(move |(i, ops)| {
            let mut b = seeds[i].clone();
            for (pos, op, bytes) in ops {
                let at = if b.is_empty() {
                    0
                } else {
                    pos as usize % (b.len() + 1)
                };
                match op {
                    0 if at < b.len() => b[at] ^= 1 << (pos % 8),
                    1 => {
                        b.splice(at..at, bytes);
                    }
                    2 => {
                        let end = (at + 1 + pos as usize % 64).min(b.len());
                        b.drain(at.min(end)..end);
                    }
                    3 => {
                        let end = (at + 1 + pos as usize % 256).min(b.len());
                        let chunk = b[at.min(end)..end].to_vec();
                        b.splice(at..at, chunk);
                    }
                    4 => {
                        let t = TOKENS[pos as usize % TOKENS.len()].as_bytes().to_vec();
                        b.splice(at..at, t);
                    }
                    _ => b.truncate(at),
                }
            }
            b
        })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(name, zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap().into_inner()
}

/// The file name a seed is read as: its own kind, or a compressed form of it.
fn kinds(seeds: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, bytes) in seeds {
        out.push((name.clone(), bytes.clone()));
        if name.ends_with(".txt") && out.len().is_multiple_of(3) {
            out.push((format!("{name}.gz"), gzip(bytes)));
            out.push((format!("{name}.zip"), zip_of(name, bytes)));
        }
    }
    // JSON and JSON Lines records in the SaudiNewsNet shape, from the first texts.
    let records: Vec<serde_json::Value> = seeds
        .iter()
        .filter(|(n, _)| n.ends_with(".txt"))
        .take(4)
        .map(|(n, b)| {
            serde_json::json!({"url": format!("http://example.org/{n}"), "title": "عنوان",
                "date_extracted": "2015-07-21 01:02:03", "source": "okaz",
                "author": null, "content": String::from_utf8_lossy(b)})
        })
        .collect();
    let json = serde_json::to_vec(&records).unwrap();
    let lines: Vec<u8> = records
        .iter()
        .flat_map(|r| {
            let mut l = serde_json::to_vec(r).unwrap();
            l.push(b'\n');
            l
        })
        .collect();
    out.push(("day.json".into(), json.clone()));
    out.push(("day.jsonl".into(), lines));
    out.push(("day.json.gz".into(), gzip(&json)));
    out.push(("day.zip".into(), zip_of("day.json", &json)));
    out
}

/// Decoding and record reading, every format, compressed ones included: no panic, every
/// rejection names the file, every article has an identifier, and the body is what its
/// mentions will index (no stray NUL or replacement of valid text).
#[test]
fn fuzz_decode_and_records() {
    let inputs = kinds(&seed_files());
    let names: Vec<String> = inputs.iter().map(|(n, _)| n.clone()).collect();
    let bytes: Vec<Vec<u8>> = inputs.into_iter().map(|(_, b)| b).collect();
    let strategy = (0..names.len(), mutated(bytes.clone()));
    fuzz("decode", 300, strategy, |(k, data)| {
        let name = format!("fuzz-input/{}", names[k]);
        let batch = ingest::read_bytes(&name, &data);
        for r in &batch.rejections {
            prop_assert!(
                r.to_string().contains("fuzz-input/"),
                "a rejection that names no file: {r}"
            );
        }
        for a in &batch.articles {
            prop_assert!(!a.identifier.is_empty(), "an article without identifier");
            prop_assert!(!a.body.contains('\u{0}'), "a NUL byte in a body");
        }
        Ok(())
    });
}

/// Cleaning keeps only lines of the input, in order.
#[test]
fn fuzz_clean() {
    let seeds: Vec<Vec<u8>> = seed_files().into_iter().map(|(_, b)| b).collect();
    fuzz("clean", 300, mutated(seeds), |data| {
        let text = String::from_utf8_lossy(&data);
        let headline = text.lines().next().unwrap_or_default().to_owned();
        let cleaned = clean::clean(&text, &headline);
        let mut rest: &str = &text;
        for line in cleaned.body.lines().filter(|l| !l.is_empty()) {
            let at = rest.find(line);
            prop_assert!(
                at.is_some(),
                "cleaning wrote a line not in the input: {line:?}"
            );
            rest = &rest[at.unwrap_or(0) + line.len()..];
        }
        Ok(())
    });
}

/// Normalisation: the offset map is monotone, lands inside the original, and its byte map
/// points at character boundaries of the folded text.
#[test]
fn fuzz_normalisation_offsets() {
    fuzz("normalise", 2_000, mutated(seed_paragraphs()), |data| {
        let original = String::from_utf8_lossy(&data);
        let chars = original.chars().count();
        let f = Folded::new(&original);
        prop_assert_eq!(f.char_to_orig.len(), f.text.chars().count() + 1);
        prop_assert_eq!(f.char_to_byte.len(), f.char_to_orig.len());
        prop_assert_eq!(f.char_to_orig.last().copied(), Some(chars));
        for pair in f.char_to_orig.windows(2) {
            prop_assert!(pair[0] < pair[1] || pair[1] == chars, "offsets go back");
        }
        for &b in &f.char_to_byte {
            prop_assert!(f.text.is_char_boundary(b), "byte {b} splits a character");
        }
        prop_assert_eq!(&f.text, &isnad::normalize::fold(&original));
        Ok(())
    });
}

/// Dates and figures: spans inside the folded text, on character boundaries, and values that
/// exist (a month 1–12, a day of that month).
#[test]
fn fuzz_dates_and_figures() {
    let ctx = DateContext {
        published: Some(DateValue::day(2015, 7, 31)),
        anchor: None,
    };
    fuzz("dates+figures", 2_000, mutated(seed_paragraphs()), |data| {
        let original = String::from_utf8_lossy(&data);
        let f = Folded::new(&original);
        let ws = text::words(&f.text, 0, f.text.len());
        for d in dates::find(&f.text, &ws, ctx) {
            prop_assert!(d.start <= d.end && d.end <= f.text.len());
            prop_assert!(f.text.is_char_boundary(d.start) && f.text.is_char_boundary(d.end));
            if let Some(v) = d.value {
                let lexical = v.lexical();
                prop_assert!(
                    lexical.parse::<oxsdatatypes::Date>().is_ok() || year_or_month(&lexical),
                    "date {lexical:?} is no xsd date, gYearMonth or gYear"
                );
            }
        }
        for fig in figures::find(&f.text, &ws) {
            prop_assert!(fig.start < f.text.len() && f.text.is_char_boundary(fig.start));
        }
        Ok(())
    });
}

/// A gYearMonth or gYear lexical form with a real month.
fn year_or_month(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => y.len() == 4 && y.parse::<u32>().is_ok(),
        [y, m] => y.len() == 4 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
        _ => false,
    }
}

/// The whole extraction of an article: every mention's anchor is the slice of the body its
/// offsets name, and the graph written as N-Quads reads back, quad for quad.
#[test]
fn fuzz_extraction() {
    fuzz("extract", 400, mutated(seed_paragraphs()), |data| {
        let article = article_of(&String::from_utf8_lossy(&data));
        let quads = isnad::extract::extract(&article);
        check_mentions(&article.body, &quads)?;
        check_round_trip(&quads)
    });
}

/// An article of `text` as ingest makes it from a record (published 2015-07-31).
fn article_of(text: &str) -> isnad::Article {
    let record = ingest::RawRecord {
        identifier: "fuzz".into(),
        headline: "عنوان".into(),
        text: text.into(),
        published: Some("2015-07-31".into()),
        url: None,
        publisher: None,
        author: None,
        language: Some("ar".into()),
    };
    ingest::to_article(record, isnad::article::Origin::file("fuzz.txt"))
}

fn check_mentions(body: &str, quads: &[Quad]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = body.chars().collect();
    let value = |s: &oxigraph::model::NamedOrBlankNode, p: &str| -> Option<String> {
        quads
            .iter()
            .find(|q| &q.subject == s && q.predicate.as_str().ends_with(p))
            .and_then(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    };
    for q in quads
        .iter()
        .filter(|q| q.predicate.as_str().ends_with("#anchorOf"))
    {
        let anchor = value(&q.subject, "#anchorOf").unwrap_or_default();
        let begin: usize = value(&q.subject, "#beginIndex")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| TestCaseError::fail("a mention without beginIndex"))?;
        let end: usize = value(&q.subject, "#endIndex")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| TestCaseError::fail("a mention without endIndex"))?;
        prop_assert!(
            begin < end && end <= chars.len(),
            "offsets {begin}..{end} outside the body"
        );
        let slice: String = chars[begin..end].iter().collect();
        prop_assert_eq!(slice, anchor, "anchor is not the body slice");
    }
    Ok(())
}

fn check_round_trip(quads: &[Quad]) -> Result<(), TestCaseError> {
    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in quads {
        ser.serialize_quad(q)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    let bytes = ser
        .finish()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Result<Vec<Quad>, _> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect();
    let back = back.map_err(|e| TestCaseError::fail(format!("N-Quads do not read back: {e}")))?;
    prop_assert_eq!(back.len(), quads.len());
    for q in quads {
        if let Term::Literal(l) = &q.object {
            let dt = l.datatype().as_str();
            let ok = match dt.rsplit_once('#').map_or("", |x| x.1) {
                "date" => l.value().parse::<oxsdatatypes::Date>().is_ok(),
                "gYearMonth" => l.value().parse::<oxsdatatypes::GYearMonth>().is_ok(),
                "gYear" => l.value().parse::<oxsdatatypes::GYear>().is_ok(),
                "integer" | "nonNegativeInteger" => l.value().parse::<i64>().is_ok(),
                "decimal" => l.value().parse::<oxsdatatypes::Decimal>().is_ok(),
                "dateTime" => l.value().parse::<oxsdatatypes::DateTime>().is_ok(),
                _ => true,
            };
            prop_assert!(ok, "invalid literal {l}");
        }
    }
    Ok(())
}

/// Saved-query parameter binding: any `NAME=VALUE` either fails with a message or gives a
/// term that a query accepts, and that reads back from its N-Triples form.
#[test]
fn fuzz_binding() {
    let seeds: Vec<Vec<u8>> = [
        "actor=<http://www.wikidata.org/entity/Q399>",
        "class=isnad:Ceasefire",
        "?label=\"أرمينيا\"@ar",
        "n=42",
        "day=\"2020-09-27\"^^<http://www.w3.org/2001/XMLSchema#date>",
        "x=https://w3id.org/isnad/id/event/1",
        "$y=plain words",
        "from=2015-07-01",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let prepared = query::prepare("fuzz", "SELECT ?x WHERE { BIND(?v AS ?x) }").unwrap();
    fuzz("binding", 5_000, mutated(seeds), |data| {
        let text = String::from_utf8_lossy(&data);
        if let Ok((variable, term)) = query::parse_binding(&text) {
            let again: Result<Term, _> = term.to_string().parse();
            prop_assert_eq!(again.ok(), Some(term.clone()), "term does not read back");
            let _ = prepared.clone().substitute(variable, term);
        }
        Ok(())
    });
}

/// A server on a free loopback port over an empty store, stopped when dropped.
struct TestServer {
    bind: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<isnad::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl TestServer {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(isnad::IsnadStore::open(dir.path().join("store")).unwrap());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bind = format!("127.0.0.1:{port}");
        let options = isnad::serve::ServeOptions {
            bind: bind.clone(),
            allow_update: false,
            timeout: std::time::Duration::from_secs(2),
            max_rows: 1_000,
            max_body: 4_096,
            max_queries: 2,
            max_requests: 64,
            queries_dir: common::root().join("queries"),
        };
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let thread = {
            let stop = stop.clone();
            std::thread::spawn(move || isnad::serve::serve(store, options, stop))
        };
        Self {
            bind,
            stop,
            thread: Some(thread),
            _dir: dir,
        }
    }

    /// Sends raw bytes, closes the writing side, and returns the whole answer.
    fn exchange(&self, request: &[u8]) -> String {
        let mut s = None;
        for _ in 0..100 {
            if let Ok(c) = std::net::TcpStream::connect(&self.bind) {
                s = Some(c);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let mut s = s.unwrap_or_else(|| panic!("no server on {}", self.bind));
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let _ = s.write_all(request);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let result = t.join();
            if !std::thread::panicking() {
                result.unwrap().unwrap();
            }
        }
    }
}

/// The status code of an HTTP answer (0 when there is none).
fn status_of(answer: &str) -> u16 {
    answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// The HTTP handling of `isnad serve`: mutated requests always get a well-formed answer that
/// is not a server error, and `/health` keeps answering.
#[test]
fn fuzz_http_requests() {
    let server = TestServer::start();
    let seeds: Vec<Vec<u8>> = [
        "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201 HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n",
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 22\r\n\r\nASK { ?s ?p ?o }      ",
        "POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 32\r\n\r\nquery=SELECT%20%3Fs%20%7B%7D%20.",
        "GET /queries HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /queries/timeline?actor=%3Chttp%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ399%3E HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /queries/..%2Fsecret HTTP/1.1\r\nHost: x\r\n\r\n",
        "OPTIONS /sparql HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\nContent-Length: 16\r\n\r\nCLEAR ALL       ",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let served = std::cell::Cell::new(0u32);
    fuzz("http", 300, mutated(seeds), |request| {
        let answer = server.exchange(&request);
        if !answer.is_empty() {
            prop_assert!(
                answer.starts_with("HTTP/1."),
                "not an HTTP answer: {:?}",
                &answer[..answer.len().min(80)]
            );
            let status = status_of(&answer);
            prop_assert!(
                (200..500).contains(&status) || status == 503 || status == 505,
                "status {status} for {:?}",
                String::from_utf8_lossy(&request)
            );
        }
        served.set(served.get() + 1);
        if served.get().is_multiple_of(25) {
            let health = server.exchange(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            prop_assert_eq!(status_of(&health), 200, "/health: {:?}", health);
        }
        Ok(())
    });
}

/// Regressions found by the fuzzer, each named after what it was.
mod fuzz_regressions {
    use super::*;

    /// A NUL byte inside a name (a source «مصادر\0 محلية») went into an entity IRI, and the
    /// N-Quads written did not read back.
    #[test]
    fn a_nul_byte_inside_a_name_makes_no_invalid_iri() {
        for text in [
            "وقالت مصادر\u{0} محلية إن القوات انسحبت من البلدة أمس.",
            "وأعلنت قوات\u{0} الدفاع الشعبي أنها قصفت مواقع المتمردين أمس.",
            "وقال المتحدث باسم لجنة\u{1} \"المراقبة\" المشتركة إن الهدنة صامدة.",
        ] {
            let quads = isnad::extract::extract(&article_of(text));
            for q in &quads {
                if let Term::NamedNode(n) = &q.object {
                    assert!(
                        oxigraph::model::NamedNode::new(n.as_str()).is_ok(),
                        "invalid IRI {n}"
                    );
                }
                if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = &q.subject {
                    assert!(
                        oxigraph::model::NamedNode::new(n.as_str()).is_ok(),
                        "invalid IRI {n}"
                    );
                }
            }
            check_round_trip(&quads).unwrap();
        }
    }

    /// A POST body with a byte that is not UTF-8 was answered 500 (a server error).
    #[test]
    fn a_request_body_that_is_not_utf8_is_a_client_error() {
        let server = TestServer::start();
        let mut request = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 17\r\n\r\n".to_vec();
        request.push(0xff);
        request.extend_from_slice(b"ASK { ?s ?p ?o }");
        let answer = server.exchange(&request);
        assert_eq!(status_of(&answer), 400, "{answer}");
        assert!(answer.contains("not UTF-8"), "{answer}");
    }
}
