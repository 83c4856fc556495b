//! The store through the library: atomic writes, exports re-read by an independent parser.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use isnad::export::{export_rdf, RdfExport};
use isnad::pipeline::{ingest_paths, IngestOptions};
use isnad::store::WriteError;
use isnad::IsnadStore;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Triple};
use std::collections::HashSet;

fn corpus_store(dir: &std::path::Path) -> IsnadStore {
    let store = IsnadStore::open(dir.join("store")).unwrap();
    let summary = ingest_paths(
        &store,
        &[common::root().join("corpus")],
        IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(summary.ingested, 5);
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    store
}

#[test]
fn turtle_export_reparsed_by_oxttl_is_the_store_content() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let mut ttl = Vec::new();
    let written = export_rdf(&store, RdfExport::Turtle, None, &mut ttl).unwrap();
    assert!(written > 0);
    let parsed: HashSet<Triple> = oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .collect::<Result<_, _>>()
        .unwrap();
    let expected: HashSet<Triple> = store
        .quads(None)
        .map(|q| Triple::from(q.unwrap()))
        .collect();
    // No blank nodes are written, so isomorphism is set equality.
    assert!(expected.iter().all(|t| !t.subject.is_blank_node()));
    assert_eq!(parsed.len(), expected.len());
    assert_eq!(parsed, expected);
    let text = String::from_utf8(ttl).unwrap();
    assert!(text.contains("@prefix schema: <http://schema.org/>"));
    assert!(text.contains(" ;\n"), "subjects are grouped");
}

#[test]
fn nquads_export_keeps_every_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = corpus_store(dir.path());
    let mut nq = Vec::new();
    export_rdf(&store, RdfExport::NQuads, None, &mut nq).unwrap();
    let parsed: HashSet<Quad> = oxttl::NQuadsParser::new()
        .for_slice(&nq)
        .collect::<Result<_, _>>()
        .unwrap();
    let expected: HashSet<Quad> = store.quads(None).map(Result::unwrap).collect();
    assert_eq!(parsed, expected);
    let graphs: HashSet<&GraphName> = parsed.iter().map(|q| &q.graph_name).collect();
    assert_eq!(
        graphs.len(),
        8,
        "five articles, the ontology, the gazetteer and the events"
    );
}

#[test]
fn an_article_failing_part_way_leaves_no_partial_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path().join("store")).unwrap();
    let before = store.len().unwrap();
    let graph = NamedNode::new("https://w3id.org/isnad/id/article/test").unwrap();
    let quad = |i: i64| {
        Ok(Quad::new(
            graph.clone(),
            NamedNode::new("http://schema.org/position").unwrap(),
            Literal::from(i),
            graph.clone(),
        ))
    };
    let source = (0..100)
        .map(quad)
        .chain(std::iter::once(Err("extractor crashed")))
        .chain((100..200).map(quad));
    let result = store.write_article(&graph, &[], source);
    assert!(matches!(
        result,
        Err(WriteError::Source("extractor crashed"))
    ));
    assert_eq!(store.len().unwrap(), before);
    assert!(!store.has_graph(&graph).unwrap());
    assert!(!store.has_article(&graph).unwrap());
    // The same article written whole is complete.
    let written = store
        .write_article(&graph, &[], (0..200).map(quad))
        .map_err(|e| e.to_string())
        .unwrap();
    assert_eq!(
        written, 202,
        "200 quads, the extraction fingerprint and the completion marker"
    );
    assert!(store.has_article(&graph).unwrap());
}

#[test]
fn the_ontology_graph_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path().join("store")).unwrap();
    let first = store.len().unwrap();
    assert!(first > 100);
    drop(store);
    let store = IsnadStore::open(dir.path().join("store")).unwrap();
    assert_eq!(store.len().unwrap(), first);
}

#[test]
fn every_ontology_term_has_labels_comment_and_a_standard_parent() {
    use oxigraph::sparql::QueryResults;
    let dir = tempfile::tempdir().unwrap();
    let store = IsnadStore::open(dir.path().join("store")).unwrap();
    let q = r#"SELECT ?term ?en ?ar ?comment ?parent ?type WHERE {
        GRAPH <https://w3id.org/isnad/ontology> {
          ?term a ?type . FILTER(STRSTARTS(STR(?term), "https://w3id.org/isnad/ontology#"))
          OPTIONAL { ?term rdfs:label ?en FILTER(lang(?en) = "en") }
          OPTIONAL { ?term rdfs:label ?ar FILTER(lang(?ar) = "ar") }
          OPTIONAL { ?term rdfs:comment ?comment }
          OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?parent }
        } }"#;
    let QueryResults::Solutions(rows) =
        store.query(isnad::query::prepare("t", q).unwrap()).unwrap()
    else {
        panic!()
    };
    let mut refined: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
    for row in rows {
        let row = row.unwrap();
        let term = row.get("term").unwrap().to_string();
        for field in ["en", "ar", "comment"] {
            assert!(row.get(field).is_some(), "{term} has no {field}");
        }
        // Classes and properties refine a vocabulary; individuals are typed by one of ours.
        let individual = row
            .get("type")
            .unwrap()
            .to_string()
            .contains("isnad/ontology#");
        *refined.entry(term).or_default() |= individual || row.get("parent").is_some();
    }
    for (term, ok) in &refined {
        assert!(ok, "{term} refines nothing");
    }
    assert!(refined.len() > 60, "{} terms", refined.len());
    for required in [
        "Event",
        "Agreement",
        "Ceasefire",
        "Deployment",
        "Withdrawal",
        "Clash",
        "Talks",
        "Actor",
        "State",
        "Person",
        "Organization",
        "NewsAgency",
        "ArmedForce",
        "Place",
        "Article",
        "Mention",
        "agent",
        "party",
        "mediator",
        "signatory",
        "target",
        "date",
        "status",
        "Planned",
        "Agreed",
        "Ongoing",
        "Completed",
        "mentionedIn",
        "inArticle",
        "claimant",
        "stance",
        "Asserted",
        "Denied",
        "citedSource",
        "background",
        "killed",
        "wounded",
        "displaced",
        "troops",
        "qualifier",
        "partOf",
    ] {
        let ask = format!("ASK {{ GRAPH <https://w3id.org/isnad/ontology> {{ isnad:{required} rdfs:label ?l }} }}");
        let QueryResults::Boolean(ok) = store
            .query(isnad::query::prepare("t", &ask).unwrap())
            .unwrap()
        else {
            panic!()
        };
        assert!(ok, "isnad:{required} is not declared");
    }
}
