//! Live updates keep the events graph a function of the articles present: after any
//! sequence of adds, re-adds and removes, it equals, quad for quad, the events graph of a
//! fresh ingest of the articles then in the store (the invariant incremental coreference
//! must keep). Removing an article that is not there is an error and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::root;
use isnad::pipeline::{ingest_paths, IngestOptions};
use isnad::IsnadStore;
use oxigraph::model::NamedNode;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The bundled corpus (five reports of one conflict, whose events merge across articles)
/// and two written held-out articles on others: a small pool, so that sequences often
/// remove and re-add what is there.
fn articles() -> Vec<PathBuf> {
    let texts = |dir: &str| {
        let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        out.sort();
        out
    };
    let mut out = texts("corpus");
    out.extend(texts("tests/heldout/articles").into_iter().take(2));
    out
}

fn events(store: &IsnadStore) -> BTreeSet<String> {
    let g = NamedNode::new(isnad::vocab::EVENTS_GRAPH).unwrap();
    store
        .quads(Some(&g))
        .map(|q| q.unwrap().to_string())
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    Remove(usize),
}

#[test]
fn any_sequence_of_adds_and_removes_gives_the_events_of_a_fresh_ingest() {
    let paths = articles();
    assert_eq!(paths.len(), 7, "{paths:?}");
    let n = paths.len();
    let op = prop_oneof![(0..n).prop_map(Op::Add), (0..n).prop_map(Op::Remove),];
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(op, 1..10), |ops| {
            let dir = tempfile::tempdir().unwrap();
            let store = IsnadStore::open(dir.path().join("live")).unwrap();
            let mut present: BTreeMap<usize, String> = BTreeMap::new();
            for op in &ops {
                match *op {
                    Op::Add(i) => {
                        let s = ingest_paths(&store, &[paths[i].clone()], IngestOptions::default())
                            .unwrap();
                        if let Some((id, _)) = s.written.first() {
                            present.insert(i, id.clone());
                        }
                        prop_assert!(present.contains_key(&i), "{} not stored", paths[i].display());
                    }
                    Op::Remove(i) => match present.remove(&i) {
                        Some(id) => {
                            isnad::watch::remove(&store, &[id]).unwrap();
                        }
                        None => {
                            let id = paths[i].file_stem().unwrap().to_string_lossy().into_owned();
                            let before = events(&store);
                            prop_assert!(isnad::watch::remove(&store, &[id]).is_err());
                            prop_assert_eq!(before, events(&store));
                        }
                    },
                }
            }
            let fresh_dir = tempfile::tempdir().unwrap();
            let fresh = IsnadStore::open(fresh_dir.path().join("fresh")).unwrap();
            let now: Vec<PathBuf> = present.keys().map(|&i| paths[i].clone()).collect();
            if !now.is_empty() {
                ingest_paths(&fresh, &now, IngestOptions::default()).unwrap();
            }
            let (live, full) = (events(&store), events(&fresh));
            if live != full {
                return Err(TestCaseError::fail(format!(
                    "after {ops:?}: {} quads live, {} in a fresh ingest; first differences: {:?} / {:?}",
                    live.len(),
                    full.len(),
                    live.difference(&full).next(),
                    full.difference(&live).next()
                )));
            }
            Ok(())
        })
        .unwrap();
}
