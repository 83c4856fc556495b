//! `isnad analyze` on the bundled corpus, and the committed exports kept current.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{copy_corpus, isnad, root, stderr, stdout};
use isnad::analyze::report::analyze;
use isnad::pipeline::{ingest_paths, IngestOptions};
use isnad::IsnadStore;

fn report() -> isnad::analyze::report::Report {
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path()).unwrap();
    ingest_paths(&store, &[root().join("corpus")], IngestOptions::default()).unwrap();
    analyze(&store).unwrap()
}

#[test]
fn russia_mediates_between_armenia_and_azerbaijan() {
    let r = report();
    let parties: Vec<&str> = r
        .mediation
        .iter()
        .filter(|(m, _, _)| m == "روسيا")
        .map(|(_, p, _)| p.as_str())
        .collect();
    assert!(
        parties.contains(&"أرمينيا") && parties.contains(&"أذربيجان"),
        "{:?}",
        r.mediation
    );
    assert!(r.to_text().contains("روسيا → أرمينيا"));
}

#[test]
fn the_farukh_withdrawal_is_contested_with_both_claimants() {
    let r = report();
    let c = r
        .contradictions
        .iter()
        .find(|c| c.kind == "stance" && c.label.starts_with("Withdrawal 2022-03"))
        .unwrap_or_else(|| panic!("{:?}", r.contradictions));
    assert!(
        c.claims
            .contains(&("وزارة الدفاع الروسية".into(), "Asserted".into())),
        "{:?}",
        c.claims
    );
    assert!(
        c.claims
            .contains(&("وزارة الدفاع الأذربيجانية".into(), "Denied".into())),
        "{:?}",
        c.claims
    );
}

#[test]
fn the_september_2023_death_tolls_stay_under_their_claimants() {
    let r = report();
    let c = r
        .contradictions
        .iter()
        .find(|c| {
            c.kind == "figures" && c.label.contains("2023-09") && c.label.ends_with("(killed)")
        })
        .unwrap_or_else(|| panic!("{:?}", r.contradictions));
    assert!(
        c.claims.contains(&("أرمينيا".into(), "32 killed".into())),
        "{:?}",
        c.claims
    );
    assert!(
        c.claims
            .iter()
            .any(|(who, what)| who.contains("ستيبانيان") && what == "200 killed"),
        "{:?}",
        c.claims
    );
}

#[test]
fn the_peacekeepers_lifecycle_runs_from_2020_to_2024() {
    let r = report();
    let l = r
        .lifecycles
        .iter()
        .find(|l| l.force.contains("قوات حفظ السلام الروسية"))
        .unwrap_or_else(|| panic!("{:?}", r.lifecycles));
    assert!(l.deployed.as_deref().unwrap().starts_with("2020"));
    assert_eq!(l.withdrew.as_deref(), Some("2024-04-17"));
    assert!(l.days.unwrap() > 3 * 365);
    // Written back for SPARQL.
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path()).unwrap();
    ingest_paths(&store, &[root().join("corpus")], IngestOptions::default()).unwrap();
    analyze(&store).unwrap();
    let mut out = Vec::new();
    isnad::query::run(&store, "t", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/isnad/analysis> { ?l a isnad:Lifecycle ; isnad:durationDays ?d } }", &[], Some("csv".parse().unwrap()), false, &mut out).unwrap();
    assert!(
        String::from_utf8(out).unwrap().contains("\n2"),
        "two lifecycles in the analysis graph"
    );
}

#[test]
fn path_explains_each_hop_with_its_event_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(dir.path());
    assert!(isnad(dir.path(), &["ingest", corpus.to_str().unwrap()])
        .status
        .success());
    let out = isnad(dir.path(), &["analyze", "path", "Q7747", "يفلاخ"]);
    // Yevlakh is a place of talks, not in the actor network: a clear error.
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("no actor"), "{}", stderr(&out));
    let out = isnad(
        dir.path(),
        &[
            "analyze",
            "path",
            "Vladimir Putin",
            "الانفصاليون الأرمن في قره باغ",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("1. فلاديمير بوتين"), "{text}");
    assert!(text.contains("«"), "each hop carries its evidence: {text}");
    let json = isnad(dir.path(), &["analyze", "report", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["timings_ms"].as_object().unwrap().len() >= 4);
}

/// The committed exports are what `isnad build` writes on the bundled corpus now (graph.svg
/// depends on the Graphviz version and is left out of the comparison).
/// A second build over the same store writes the same files as the first: graph.ttl holds
/// the analysis of this build, not of the one before.
#[test]
fn a_second_build_writes_what_the_first_wrote() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(dir.path());
    std::fs::create_dir_all(dir.path().join("queries")).unwrap();
    let first = isnad(dir.path(), &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let read = |rel: &str| std::fs::read(dir.path().join("exports").join(rel)).unwrap();
    let before: Vec<Vec<u8>> = ["graph.ttl", "report.md", "graph.graphml"]
        .iter()
        .map(|r| read(r))
        .collect();
    let second = isnad(dir.path(), &["build"]);
    assert!(second.status.success(), "{}", stderr(&second));
    for (rel, old) in ["graph.ttl", "report.md", "graph.graphml"]
        .iter()
        .zip(before)
    {
        assert!(read(rel) == old, "{rel} differs after a second build");
    }
}

#[test]
fn committed_exports_are_current() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(dir.path());
    let queries = dir.path().join("queries");
    std::fs::create_dir_all(&queries).unwrap();
    for entry in std::fs::read_dir(root().join("queries")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, queries.join(p.file_name().unwrap())).unwrap();
    }
    let out = isnad(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut stale = Vec::new();
    let mut compare = |rel: &str| {
        let fresh = std::fs::read(dir.path().join("exports").join(rel)).unwrap();
        let committed = std::fs::read(root().join("exports").join(rel)).unwrap_or_default();
        if fresh != committed {
            stale.push(rel.to_owned());
        }
    };
    for f in [
        "graph.ttl",
        "graph.graphml",
        "graph.gexf",
        "graph.dot",
        "places.geojson",
        "report.md",
    ] {
        compare(f);
    }
    for entry in std::fs::read_dir(dir.path().join("exports/queries")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        compare(&format!("queries/{name}"));
    }
    assert!(
        stale.is_empty(),
        "stale exports (run `cargo run --release -- build` and commit): {stale:?}"
    );
}
