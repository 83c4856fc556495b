//! `isnad stats`: counts of articles, quads, graphs, and instances of each ontology class.

use crate::error::Result;
use crate::query::{compact_iri, select};
use crate::store::IsnadStore;
use oxigraph::model::Term;
use serde::Serialize;

/// What `isnad stats` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Articles in the store.
    pub articles: u64,
    /// Quads in the store, every graph included.
    pub quads: u64,
    /// Named graphs.
    pub graphs: u64,
    /// Instances per ontology class (compact IRI, count), every class listed, by IRI.
    pub classes: Vec<(String, u64)>,
}

const CLASS_COUNTS: &str = r"
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  GRAPH <https://w3id.org/isnad/ontology> { ?class a owl:Class . FILTER(isIRI(?class)) }
  OPTIONAL { GRAPH ?g { ?x a ?class } FILTER(?g != <https://w3id.org/isnad/ontology>) }
} GROUP BY ?class ORDER BY ?class";

/// Computes the statistics.
pub fn stats(store: &IsnadStore) -> Result<Stats> {
    let mut classes = Vec::new();
    for row in select(store, "stats", CLASS_COUNTS)? {
        if let Some(Term::NamedNode(class)) = row.get(0) {
            classes.push((compact_iri(class.as_str()), integer(row.get(1))));
        }
    }
    let articles = classes
        .iter()
        .find(|(c, _)| c == "isnad:Article")
        .map_or(0, |(_, n)| *n);
    let graphs = store.graph_count()? as u64;
    Ok(Stats {
        articles,
        quads: store.len()? as u64,
        graphs,
        classes,
    })
}

fn integer(term: Option<&Term>) -> u64 {
    match term {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "articles  {}", self.articles)?;
        writeln!(f, "quads     {}", self.quads)?;
        writeln!(f, "graphs    {}", self.graphs)?;
        writeln!(f, "instances per class:")?;
        let width = self.classes.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
        for (class, n) in &self.classes {
            writeln!(f, "  {class:<width$}  {n}")?;
        }
        Ok(())
    }
}
