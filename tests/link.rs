//! `isnad link` and `isnad enrich` against a real SPARQL endpoint on loopback: `isnad serve`
//! over `tests/fixtures/link/wikidata.ttl`, a small knowledge base in Wikidata's data model
//! with look-alikes. The expected decisions are in `tests/fixtures/link/expected.tsv`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{isnad, root, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

const LINKS: &str = "https://w3id.org/isnad/links";

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/link")
}

/// label → (kind, expected) from expected.tsv.
fn expected() -> BTreeMap<String, (String, String)> {
    std::fs::read_to_string(fixture().join("expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "bad line in expected.tsv: {l}");
            (f[0].to_owned(), (f[1].to_owned(), f[2].to_owned()))
        })
        .collect()
}

fn run(dir: &Path, store: &str, args: &[&str]) -> String {
    let mut all = vec!["--store", store];
    all.extend_from_slice(args);
    let out = isnad(dir, &all);
    assert!(
        out.status.success(),
        "isnad {args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

fn select(dir: &Path, store: &str, sparql: &str) -> Vec<Vec<String>> {
    let text = run(dir, store, &["query", "-f", "csv", "-e", sparql]);
    common::csv_rows(&text).into_iter().skip(1).collect()
}

#[test]
fn link_picks_the_right_items_leaves_ambiguous_ones_and_enrich_fills_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kb = d.join("kb");
    let kb = kb.to_str().unwrap();
    run(
        d,
        kb,
        &[
            "load",
            fixture().join("wikidata.ttl").to_str().unwrap(),
            "--graph",
            "http://www.wikidata.org/",
        ],
    );
    let server = common::serve(Path::new(kb), &[]);
    let endpoint = format!("http://127.0.0.1:{}/sparql", server.port);
    let store = d.join("store");
    let store = store.to_str().unwrap();
    run(
        d,
        store,
        &["ingest", fixture().join("articles").to_str().unwrap()],
    );
    let remote = ["--endpoint", endpoint.as_str(), "--pause", "0"];

    // A dry run reports and writes nothing.
    let mut args = vec!["link", "--dry-run"];
    args.extend_from_slice(&remote);
    let dry = run(d, store, &args);
    assert!(dry.contains("AMBIGUOUS"), "{dry}");
    let ask = format!("ASK {{ GRAPH <{LINKS}> {{ ?s ?p ?o }} }}");
    assert_eq!(run(d, store, &["query", "-e", &ask]).trim(), "false");

    let mut args = vec!["link", "--format", "json"];
    args.extend_from_slice(&remote);
    let report: serde_json::Value = serde_json::from_str(&run(d, store, &args)).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let expected = expected();

    // Precision: every link written is an expected one.
    let mut linked = 0;
    for row in rows {
        let label = row["label"].as_str().unwrap();
        let decision = row["decision"].as_str().unwrap();
        if decision == "sameAs" || decision == "closeMatch" {
            linked += 1;
            let (_, want) = expected
                .get(label)
                .unwrap_or_else(|| panic!("{label} was linked but is not in expected.tsv"));
            assert_eq!(row["qid"].as_str().unwrap(), want, "wrong item for {label}");
        }
    }
    // Recall of the expected decisions, ambiguity reported, curated entities untouched.
    for (label, (kind, want)) in &expected {
        let row = rows.iter().find(|r| r["label"] == label.as_str());
        match want.as_str() {
            "curated" => assert!(row.is_none(), "{label} has a curated link but was relinked"),
            "ambiguous" => {
                let row = row.unwrap_or_else(|| panic!("{label} not reported"));
                assert_eq!(row["decision"], "ambiguous", "{label}: {row}");
                assert!(row["candidates"].as_array().unwrap().len() >= 2);
            }
            qid => {
                let row = row.unwrap_or_else(|| panic!("{label} not linked"));
                assert_eq!(row["decision"], "sameAs", "{label}: {row}");
                assert_eq!(row["kind"], kind.as_str());
                assert_eq!(row["qid"], qid);
            }
        }
    }
    assert!(report["curated"].as_u64().unwrap() >= 2);

    // The links graph holds exactly the links reported, each with score and method, and
    // nothing about an entity that has a curated link.
    let written = select(
        d,
        store,
        &format!(
            "SELECT ?e ?q ?score ?method WHERE {{ GRAPH <{LINKS}> {{ ?e owl:sameAs ?q . \
             ?l isnad:linkSubject ?e ; isnad:linkTarget ?q ; isnad:linkScore ?score ; \
             isnad:linkMethod ?method }} }}"
        ),
    );
    assert_eq!(written.len(), linked);
    let touched = select(
        d,
        store,
        &format!(
            "SELECT ?e WHERE {{ GRAPH <{LINKS}> {{ ?e ?p ?o }} \
             GRAPH <https://w3id.org/isnad/gazetteer> {{ ?e owl:sameAs ?c }} }}"
        ),
    );
    assert!(touched.is_empty(), "curated entities relinked: {touched:?}");

    // Enrich: coordinates of the linked city come back, and the GeoJSON export shows them
    // where the fixture's endpoint has them (asked through a federated SERVICE query).
    let mut args = vec!["enrich"];
    args.extend_from_slice(&remote);
    let said = run(d, store, &args);
    assert!(said.contains("with coordinates"), "{said}");
    let city = &expected
        .iter()
        .find(|(_, (kind, want))| kind == "Place" && want.starts_with('Q'))
        .unwrap()
        .1
         .1;
    let federated =
        format!("SELECT ?wkt WHERE {{ SERVICE <{endpoint}> {{ wd:{city} wdt:P625 ?wkt }} }}");
    let refused = isnad(d, &["--store", store, "query", "-e", &federated]);
    assert!(
        !refused.status.success(),
        "SERVICE ran without --allow-service"
    );
    let out = isnad(
        d,
        &[
            "--store",
            store,
            "query",
            "--allow-service",
            "-f",
            "csv",
            "-e",
            &federated,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let wkt = common::csv_rows(&stdout(&out))[1][0].clone();
    let (lat, lon) = isnad::vocab::wkt_point(&wkt).unwrap();
    let geojson: serde_json::Value =
        serde_json::from_str(&run(d, store, &["export", "-f", "geojson"])).unwrap();
    let feature = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["properties"]["name"]
                .as_str()
                .is_some_and(|n| expected.get(n).is_some_and(|e| e.1 == *city))
        })
        .expect("the linked place is in places.geojson");
    assert_eq!(feature["geometry"]["coordinates"][0].as_f64().unwrap(), lon);
    assert_eq!(feature["geometry"]["coordinates"][1].as_f64().unwrap(), lat);
    assert!(
        !feature["properties"]["name_en"]
            .as_str()
            .unwrap()
            .is_empty(),
        "the English label pulled by enrich is missing: {feature}"
    );

    // Linking again gives the same links (the graph is replaced, not appended to).
    let mut args = vec!["link"];
    args.extend_from_slice(&remote);
    run(d, store, &args);
    let again = select(
        d,
        store,
        &format!("SELECT ?e ?q WHERE {{ GRAPH <{LINKS}> {{ ?e owl:sameAs ?q }} }}"),
    );
    assert_eq!(again.len(), linked);
    drop(server);
}

#[test]
fn an_unreachable_endpoint_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let store = d.join("store");
    let store = store.to_str().unwrap();
    run(
        d,
        store,
        &["ingest", fixture().join("articles").to_str().unwrap()],
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/sparql");
    let out = isnad(
        d,
        &[
            "--store",
            store,
            "link",
            "--endpoint",
            &url,
            "--timeout",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&url), "{}", stderr(&out));
    let out = isnad(
        d,
        &["--store", store, "link", "--endpoint", "query.wikidata.org"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("http"), "{}", stderr(&out));
}
