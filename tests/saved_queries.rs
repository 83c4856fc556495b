//! Every saved query in `queries/` runs on the bundled corpus and returns exactly the rows in
//! `tests/expected/queries/NAME.csv` (bindings, if any, in `NAME.bind`, one NAME=VALUE a line).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{csv_rows, root};
use isnad::pipeline::{ingest_paths, IngestOptions};
use isnad::query::{self, OutputFormat};
use isnad::IsnadStore;
use oxigraph::sparql::results::QueryResultsFormat;

#[test]
fn saved_queries_match_their_expected_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path().join("store")).unwrap();
    ingest_paths(&store, &[root().join("corpus")], IngestOptions::default()).unwrap();
    let saved = query::saved_queries(&root().join("queries")).unwrap();
    assert!(!saved.is_empty());
    let mut failures = Vec::new();
    for q in &saved {
        assert!(!q.summary.is_empty(), "{} has no #+ summary", q.name);
        let expected_path = root().join(format!("tests/expected/queries/{}.csv", q.name));
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} has no expected file {}",
                q.name,
                expected_path.display()
            )
        });
        let bind_path = expected_path.with_extension("bind");
        let bindings: Vec<_> = std::fs::read_to_string(&bind_path)
            .map(|t| {
                t.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| query::parse_binding(l).unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            bindings.len(),
            q.params.len(),
            "{}: bind every parameter",
            q.name
        );
        let rows = |text: &str| {
            let mut out = Vec::new();
            query::run(
                &store,
                &q.name,
                text,
                &bindings,
                Some(OutputFormat::Results(QueryResultsFormat::Csv)),
                false,
                &mut out,
            )
            .unwrap();
            csv_rows(&String::from_utf8(out).unwrap())
        };
        let got = rows(&q.text);
        // One page (two rows from the second) is those rows of the whole result.
        let paged = rows(&query::page(&q.name, &q.text, Some(2), 1).unwrap());
        let data = &got[1.min(got.len())..];
        let page: Vec<Vec<String>> = got
            .iter()
            .take(1)
            .chain(data.iter().skip(1).take(2))
            .cloned()
            .collect();
        if paged != page {
            failures.push(format!(
                "{} (page 2 rows from 1):\n  expected {page:?}\n  got      {paged:?}",
                q.name
            ));
        }
        let want = csv_rows(&expected);
        if got != want {
            failures.push(format!(
                "{}:\n  expected {want:?}\n  got      {got:?}",
                q.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
