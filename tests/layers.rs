//! The layers as the data flows: the modules of `src/` form no import cycle. Every
//! `crate::MODULE` path outside test code is an edge from the module that writes it; the
//! strongly connected components of that graph must all be single modules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::root;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a source file belongs to (`extract` for `src/extract/events.rs`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    // `main.rs` and its `cli.rs` are the binary; `bin/` holds other binaries.
    (!matches!(name.as_str(), "main" | "cli" | "lib" | "bin")).then_some(name)
}

/// Modules named by `crate::…` paths in `code`, including `use crate::{a, b::c}` groups.
fn referenced(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(
                inner
                    .split(',')
                    .map(|p| ident(p.trim()))
                    .filter(|s| !s.is_empty()),
            );
        } else {
            out.insert(ident(rest));
        }
    }
    out
}

fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let Some(module) = module_of(path.strip_prefix(&src).unwrap()) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            // Test modules may reach anywhere; the layering is about the library's code.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let entry = deps.entry(module.clone()).or_default();
            entry.extend(referenced(code).into_iter().filter(|m| *m != module));
        }
    }
    deps
}

#[test]
fn the_modules_form_no_import_cycle() {
    let deps = edges();
    assert!(deps.len() > 10, "too few modules found: {deps:?}");
    let mut graph = DiGraph::<&str, ()>::new();
    let mut index = BTreeMap::new();
    for name in deps.keys() {
        index.insert(name.as_str(), graph.add_node(name.as_str()));
    }
    for (from, tos) in &deps {
        for to in tos {
            if let Some(&t) = index.get(to.as_str()) {
                graph.add_edge(index[from.as_str()], t, ());
            }
        }
    }
    let cycles: Vec<Vec<&str>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().map(|n| graph[n]).collect())
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles among modules: {cycles:?}\nedges: {deps:#?}"
    );
    // The leaves import nothing of the crate.
    for leaf in ["vocab", "data", "normalize"] {
        assert!(
            deps.get(leaf).is_some_and(BTreeSet::is_empty),
            "{leaf}: {:?}",
            deps.get(leaf)
        );
    }
}

#[test]
fn the_binary_is_thin() {
    let lines = std::fs::read_to_string(root().join("src/main.rs"))
        .unwrap()
        .lines()
        .count();
    assert!(
        lines <= 120,
        "src/main.rs has {lines} lines; dispatch belongs there, work in the library"
    );
}

#[test]
fn the_checker_reads_paths_and_grouped_imports() {
    let found = referenced("use crate::{store::IsnadStore, vocab};\nlet x = crate::query::select;");
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["query", "store", "vocab"]
    );
}
