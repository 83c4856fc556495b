//! Streams the store out as RDF: Turtle (pretty: prefixes, subjects grouped), N-Triples,
//! N-Quads and TriG. Nothing is held in memory: quads come from the store's index in
//! (graph, subject, predicate, object) order, which groups subjects for the serializer.

use crate::error::{Error, Result};
use crate::query::with_prefixes;
use crate::store::IsnadStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use std::io::Write;
use std::str::FromStr;

/// RDF export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfExport {
    /// Turtle: the union of the selected graphs.
    Turtle,
    /// N-Triples: the union of the selected graphs.
    NTriples,
    /// N-Quads, graphs kept.
    NQuads,
    /// TriG, graphs kept.
    TriG,
}

impl FromStr for RdfExport {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Self::Turtle,
            "ntriples" | "nt" => Self::NTriples,
            "nquads" | "nq" => Self::NQuads,
            "trig" => Self::TriG,
            other => {
                return Err(Error::Usage(format!(
                    "unknown export format {other:?}: use turtle, ntriples, nquads or trig"
                )))
            }
        })
    }
}

impl RdfExport {
    fn format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
        }
    }
}

/// Writes the store (or one graph of it) to `out`. Returns the number of statements written.
pub fn export_rdf(
    store: &IsnadStore,
    format: RdfExport,
    graph: Option<&NamedNode>,
    out: impl Write,
) -> Result<u64> {
    if let Some(g) = graph {
        if !store.has_graph(g)? {
            return Err(Error::Usage(format!("the store has no graph {g}")));
        }
    }
    let mut ser = with_prefixes(RdfSerializer::from_format(format.format()))?.for_writer(out);
    let mut count = 0u64;
    for quad in store.quads(graph) {
        let quad = quad?;
        match format {
            RdfExport::Turtle | RdfExport::NTriples => ser.serialize_triple(quad.as_ref())?,
            RdfExport::NQuads | RdfExport::TriG => ser.serialize_quad(&quad)?,
        }
        count += 1;
    }
    ser.finish()?.flush()?;
    Ok(count)
}
