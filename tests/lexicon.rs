//! Language as data: a lexicon file given with `--lexicon` adds a trigger and a whole event
//! class without any change to the code, and a broken file is an error naming its line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{isnad, root, stderr, stdout};

const COUNT: &str = "PREFIX isnad: <https://w3id.org/isnad/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  GRAPH <https://w3id.org/isnad/events> { ?e a ?class }
  FILTER(?class IN (isnad:PrisonerExchange, isnad:Clash))
} GROUP BY ?class ORDER BY ?class";

fn counts(dir: &std::path::Path, store: &str, lexicon: Option<&str>) -> Vec<Vec<String>> {
    let articles = root().join("tests/fixtures/lexicon/articles");
    let mut args = vec!["--store", store];
    if let Some(l) = lexicon {
        args.extend(["--lexicon", l]);
    }
    let mut ingest = args.clone();
    ingest.extend(["ingest", articles.to_str().unwrap()]);
    let out = isnad(dir, &ingest);
    assert!(out.status.success(), "ingest: {}", stderr(&out));
    let mut query = args.clone();
    query.extend(["query", "--format", "csv", "-e", COUNT]);
    let out = isnad(dir, &query);
    assert!(out.status.success(), "query: {}", stderr(&out));
    common::csv_rows(&stdout(&out))
        .into_iter()
        .skip(1)
        .collect()
}

#[test]
fn a_new_trigger_and_a_new_class_come_from_a_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let extra = root().join("tests/fixtures/lexicon/extra.txt");
    let with = counts(dir.path(), "with", Some(extra.to_str().unwrap()));
    let isnad_ns = "https://w3id.org/isnad/ontology#";
    assert_eq!(
        with,
        vec![
            vec![format!("{isnad_ns}Clash"), "1".to_owned()],
            vec![format!("{isnad_ns}PrisonerExchange"), "1".to_owned()],
        ],
        "with the extra lexicon"
    );
    // The declared class is described in the graph with its labels.
    let out = isnad(
        dir.path(),
        &[
            "--store",
            "with",
            "--lexicon",
            extra.to_str().unwrap(),
            "query",
            "--format",
            "csv",
            "-e",
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             SELECT DISTINCT ?label WHERE { <https://w3id.org/isnad/ontology#PrisonerExchange>
               rdfs:subClassOf <https://w3id.org/isnad/ontology#Event> ; rdfs:label ?label }
             ORDER BY ?label",
        ],
    );
    assert_eq!(
        common::csv_rows(&stdout(&out))[1..].to_vec(),
        vec![
            vec!["Prisoner exchange".to_owned()],
            vec!["تبادل الأسرى".to_owned()]
        ]
    );
    // Without the file: no such class, and the new trigger word reports nothing.
    let without = counts(dir.path(), "without", None);
    assert!(without.is_empty(), "without the extra lexicon: {without:?}");
    // The same store ingested again with the file: the articles are extracted again.
    let again = counts(dir.path(), "without", Some(extra.to_str().unwrap()));
    assert_eq!(again, with, "a new lexicon re-extracts unchanged articles");
}

#[test]
fn a_broken_lexicon_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = root().join("tests/fixtures/lexicon/bad.txt");
    let articles = root().join("tests/fixtures/lexicon/articles");
    let out = isnad(
        dir.path(),
        &[
            "--store",
            "s",
            "--lexicon",
            bad.to_str().unwrap(),
            "ingest",
            articles.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.txt:3:") && err.contains("NoSuchClass"),
        "{err}"
    );
    assert!(!dir.path().join("s").exists(), "nothing was written");
}

/// Every list the code reads by name (`is_in("…")`, `set_fn!(…, "…")`, `.list("…")` and
/// the like) is a list of the shipped lexicon: a misspelt name would silently match nothing.
#[test]
fn every_list_named_in_the_code_is_in_the_shipped_lexicon() {
    let readers = [
        "is_in(\"",
        "starts_in(\"",
        "ends_in(\"",
        "contains_in(\"",
        "has(\"",
        "has_stem(\"",
        "list(\"",
        "phrases(\"",
        "raw(\"",
        "in_list(x, \"",
        "in_list(w(i - 1), \"",
        "starts_any(w(i - 1), \"",
        ", \"",
    ];
    let lexicon = isnad::extract::lexicon::lexicon();
    let dir = root().join("src/extract");
    let mut named = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        for (n, line) in code.lines().enumerate() {
            let set_fn = line.trim_start().starts_with("set_fn!(");
            for reader in readers {
                if reader == ", \"" && !set_fn {
                    continue;
                }
                for (at, _) in line.match_indices(reader) {
                    let rest = &line[at + reader.len()..];
                    let Some(name) = rest.split('"').next() else {
                        continue;
                    };
                    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        continue;
                    }
                    named += 1;
                    if !lexicon.defines(name) {
                        missing.push(format!("{}:{}: [{name}]", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        named > 100,
        "only {named} list names found: the scan no longer reads the code"
    );
    assert!(
        missing.is_empty(),
        "lists read but not in the lexicon: {missing:#?}"
    );
}
