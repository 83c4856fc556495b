//! The remote backend against a real engine: a throwaway Virtuoso Open Source 7 started by
//! the harness (tests/virtuoso/start). Skipped with a printed reason where Virtuoso is not
//! installed, except under CI=true, where that is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use common::*;
use std::collections::BTreeSet;

fn lines(text: &str) -> BTreeSet<String> {
    text.lines().map(str::to_owned).collect()
}

/// Asserts that an N-Quads export (`args` after `export --format nquads`) is the same set of
/// quads from the embedded store `local` and from Virtuoso; returns how many.
fn same_export(v: &Virtuoso, dir: &std::path::Path, args: &[&str], what: &str) -> usize {
    let mut export = vec!["export", "--format", "nquads"];
    export.extend(args);
    let mut local = vec!["--store", "local"];
    local.extend(&export);
    let (l, r) = (
        lines(&ok(&isnad(dir, &local), "embedded export")),
        lines(&ok(&v.isnad(dir, &export), "remote export")),
    );
    assert!(
        l == r,
        "{what}: only embedded {:?}, only Virtuoso {:?}",
        l.difference(&r).take(3).collect::<Vec<_>>(),
        r.difference(&l).take(3).collect::<Vec<_>>()
    );
    l.len()
}

const EVENTS: [&str; 2] = ["--graph", "https://w3id.org/isnad/events"];

/// CSV rows as a set, each GROUP_CONCAT list (" | ") sorted: SPARQL leaves the order of
/// GROUP_CONCAT unspecified, and engines differ (Virtuoso sorts, Oxigraph does not).
fn rows(text: &str) -> BTreeSet<Vec<String>> {
    csv_rows(text)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| {
                    let mut parts: Vec<&str> = cell.split(" | ").collect();
                    parts.sort_unstable();
                    parts.join(" | ")
                })
                .collect()
        })
        .collect()
}

fn saved_query_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "rq").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

/// Every saved query gives the same rows (as a set) on Virtuoso as on the embedded store
/// over corpus/, the events graph is the same set of quads, a second ingest changes
/// nothing, and every read command works on the remote store.
#[test]
fn saved_queries_give_the_same_rows_on_virtuoso_as_embedded() {
    let Some(v) = Virtuoso::start("saved_queries_give_the_same_rows_on_virtuoso_as_embedded")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_corpus(dir);
    ok(
        &isnad(dir, &["--store", "local", "ingest", "corpus"]),
        "embedded ingest",
    );
    let first = ok(&v.isnad(dir, &["ingest", "corpus"]), "remote ingest");
    let again = ok(&v.isnad(dir, &["ingest", "corpus"]), "second remote ingest");
    assert!(first.contains(", 0 unchanged,"), "{first}");
    assert!(
        again.starts_with("0 ingested,"),
        "a second ingest wrote again: {again}"
    );
    let names = saved_query_names();
    assert!(names.len() >= 10, "{names:?}");
    for name in &names {
        let local = ok(
            &isnad(dir, &["--store", "local", "query", name, "--format", "csv"]),
            name,
        );
        let remote = ok(&v.isnad(dir, &["query", name, "--format", "csv"]), name);
        assert_eq!(
            local.lines().next(),
            remote.lines().next(),
            "{name}: other columns"
        );
        let (l, r) = (rows(&local), rows(&remote));
        assert!(
            l == r,
            "{name}: rows differ\nonly embedded: {:?}\nonly Virtuoso: {:?}",
            l.difference(&r).take(5).collect::<Vec<_>>(),
            r.difference(&l).take(5).collect::<Vec<_>>()
        );
        assert!(l.len() > 1, "{name}: no rows to compare");
    }
    assert!(same_export(&v, dir, &EVENTS, "events graph") > 100);
    for args in [
        vec!["stats"],
        vec!["export", "--format", "turtle", "-o", "all.ttl"],
        vec!["export", "--format", "graphml", "-o", "net.graphml"],
        vec!["analyze", "report"],
    ] {
        ok(&v.isnad(dir, &args), &args.join(" "));
    }
    let all = std::fs::read_to_string(dir.join("all.ttl")).unwrap();
    assert!(all.contains("isnad") && all.len() > 10_000);
    for format in [
        "trig",
        "ntriples",
        "gexf",
        "dot",
        "cytoscape",
        "geojson",
        "csv",
        "acled",
        "plover",
    ] {
        let file = format!("out.{format}");
        ok(
            &v.isnad(dir, &["export", "--format", format, "-o", &file]),
            format,
        );
        assert!(
            std::fs::metadata(dir.join(&file)).unwrap().len() > 0,
            "{format}"
        );
    }

    // `isnad serve` on the remote store forwards queries to the engine: read through it
    // (with isnad's own remote backend), a saved query gives the embedded store's rows.
    let server = serve(std::path::Path::new(&format!("{}/sparql", v.base)), &[]);
    let through = format!("http://127.0.0.1:{}/sparql", server.port);
    let served = ok(
        &isnad(
            dir,
            &["--store", &through, "query", "timeline", "--format", "csv"],
        ),
        "query through isnad serve",
    );
    let local = ok(
        &isnad(
            dir,
            &["--store", "local", "query", "timeline", "--format", "csv"],
        ),
        "timeline",
    );
    assert_eq!(rows(&served), rows(&local));
    drop(server);

    // Linking: the same decisions from the remote store as from the embedded one, against
    // the Wikidata-shaped fixture served on loopback.
    let kb = dir.join("kb");
    let fixture = root().join("tests/fixtures/link/wikidata.ttl");
    ok(
        &isnad(
            dir,
            &[
                "--store",
                kb.to_str().unwrap(),
                "load",
                fixture.to_str().unwrap(),
                "--graph",
                "http://www.wikidata.org/",
            ],
        ),
        "load the fixture",
    );
    let server = serve(&kb, &[]);
    let endpoint = format!("http://127.0.0.1:{}/sparql", server.port);
    let articles = root().join("tests/fixtures/link/articles");
    let articles = articles.to_str().unwrap();
    ok(
        &isnad(dir, &["--store", "local", "ingest", articles]),
        "ingest",
    );
    ok(&v.isnad(dir, &["ingest", articles]), "remote ingest");
    let link = [
        "link",
        "--format",
        "json",
        "--endpoint",
        &endpoint,
        "--pause",
        "0",
    ];
    let mut args = vec!["--store", "local"];
    args.extend(link);
    let decisions = |text: &str| -> BTreeSet<String> {
        let report: serde_json::Value = serde_json::from_str(text).unwrap();
        report["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {} {}", r["label"], r["decision"], r["qid"]))
            .collect()
    };
    let (l, r) = (
        decisions(&ok(&isnad(dir, &args), "embedded link")),
        decisions(&ok(&v.isnad(dir, &link), "remote link")),
    );
    assert!(!l.is_empty() && l == r, "{l:?}\n{r:?}");
    ok(
        &v.isnad(dir, &["enrich", "--endpoint", &endpoint, "--pause", "0"]),
        "remote enrich",
    );
    let links = "ASK { GRAPH <https://w3id.org/isnad/links> { ?s ?p ?o } }";
    assert_eq!(
        ok(&v.isnad(dir, &["query", "-e", links]), "links").trim(),
        "true"
    );
}

/// Wrong credentials: one clear sentence naming the endpoint and 401, and no stack of errors.
#[test]
fn wrong_credentials_give_one_clear_401_message() {
    let Some(v) = Virtuoso::start("wrong_credentials_give_one_clear_401_message") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = v.isnad_as(tmp.path(), &["stats"], "dba", "wrong");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("401") && err.contains(&v.sparql()), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
}

/// Virtuoso killed (SIGKILL) during an ingest: isnad exits with an error naming the
/// endpoint; after a restart, a rerun completes and the graph equals an uninterrupted run's.
#[test]
fn a_store_killed_during_ingest_is_named_and_a_rerun_completes() {
    let Some(v) = Virtuoso::start("a_store_killed_during_ingest_is_named_and_a_rerun_completes")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let input = feed(dir, 300);
    let input = input.to_str().unwrap();
    ok(
        &isnad(dir, &["--store", "local", "ingest", input]),
        "embedded ingest",
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir)
        .env("ISNAD_STORE", v.sparql())
        .env("ISNAD_REMOTE_USER", "dba")
        .env("ISNAD_REMOTE_PASSWORD", "dba")
        .env("ISNAD_REMOTE_ATTEMPTS", "2")
        .args(["ingest", input])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill once some articles are in, while the ingest runs.
    let count = format!(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{}> ?t }} }}",
        isnad::vocab::ISNAD_INGESTED.as_str()
    );
    let started = std::time::Instant::now();
    loop {
        let out = v.isnad(dir, &["query", "--format", "csv", "-e", &count]);
        let n: usize = stdout(&out)
            .lines()
            .nth(1)
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        if n >= 10 {
            break;
        }
        assert!(started.elapsed().as_secs() < 120, "no article arrived");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before the kill: make the feed larger"
    );
    v.kill();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "an interrupted ingest exited with success"
    );
    assert!(
        err.contains(&v.base),
        "the error does not name the endpoint: {err}"
    );
    assert!(err.lines().count() <= 3, "{err}");
    v.restart();
    ok(&v.isnad(dir, &["ingest", input]), "rerun");
    assert!(same_export(&v, dir, &[], "after the rerun") > 5000);
}

/// Two shards extracted separately, bulk-loaded by Virtuoso's own loader (ld_dir,
/// rdf_loader_run), then `isnad resolve`: the events graph one ingest of the corpus gives.
#[test]
fn shards_bulk_loaded_by_virtuoso_then_resolved_equal_one_ingest() {
    let Some(v) = Virtuoso::start("shards_bulk_loaded_by_virtuoso_then_resolved_equal_one_ingest")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_corpus(dir);
    let load = v.dir().join("load");
    let load_arg = load.to_string_lossy().into_owned();
    for shard in ["1/2", "2/2"] {
        ok(
            &isnad(
                dir,
                &["extract", "corpus", "--shard", shard, "-o", &load_arg],
            ),
            shard,
        );
    }
    let sql = std::fs::read_to_string(v.dir().join("sql.port")).unwrap();
    let script = format!(
        "ld_dir('{load_arg}', '*.nq.gz', 'https://w3id.org/isnad/unnamed'); rdf_loader_run(); checkpoint;"
    );
    let out = std::process::Command::new("isql-vt")
        .args([
            &format!("127.0.0.1:{}", sql.trim()),
            "dba",
            "dba",
            &format!("exec={script}"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    ok(&v.isnad(dir, &["resolve"]), "resolve");
    ok(
        &isnad(dir, &["--store", "local", "ingest", "corpus"]),
        "embedded ingest",
    );
    assert!(same_export(&v, dir, &EVENTS, "shards") > 100);
    let again = ok(
        &v.isnad(dir, &["ingest", "corpus"]),
        "ingest after the bulk load",
    );
    assert!(again.starts_with("0 ingested,"), "{again}");
}

/// An engine that cuts its answers (Virtuoso's ResultSetMaxRows, here 50) makes isnad stop
/// with the reason, never build events from a cut list of readings or export a cut graph.
#[test]
fn a_store_that_cuts_its_answers_is_an_error_not_a_smaller_graph() {
    let Some(v) = Virtuoso::start_with(
        "a_store_that_cuts_its_answers_is_an_error_not_a_smaller_graph",
        &[("ISNAD_VIRTUOSO_MAX_ROWS", "50")],
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_corpus(dir);
    let out = v.isnad(dir, &["ingest", "corpus"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        err.contains("ResultSetMaxRows") && err.contains(&v.base),
        "{err}"
    );
    let graph = ok(
        &v.isnad(dir, &["query", "--format", "csv", "-e", "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/isnad/ontology#Article> } } LIMIT 1"]),
        "an article graph",
    );
    let graph = graph
        .lines()
        .nth(1)
        .expect("an article was written")
        .to_owned();
    let out = v.isnad(dir, &["export", "--format", "nquads", "--graph", &graph]);
    assert!(!out.status.success(), "a cut graph was exported");
    assert!(
        stderr(&out).contains("ResultSetMaxRows"),
        "{}",
        stderr(&out)
    );
}
