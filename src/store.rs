//! The embedded Oxigraph store. The only module that touches oxigraph's `Store`.
//!
//! Layout: one named graph per article (graph IRI = article IRI), plus the ontology graph.
//! Each article is written in one transaction together with its completion marker, so after a
//! crash an article is either wholly present or absent.

use crate::article::sha256_hex;
use crate::error::{Error, Result};
use crate::vocab::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

use crate::data::{GAZETTEER_TTL, ONTOLOGY_TTL, STATES_TTL};

/// The isnad store: an Oxigraph store on disk plus the conventions above.
pub struct IsnadStore {
    store: Store,
    path: PathBuf,
    /// Fingerprint of the extraction that writes articles (code version and lexicon), kept
    /// with each article graph: an article extracted otherwise is extracted again.
    extractor: String,
    /// Opened with [`IsnadStore::open_read_only`]: nothing can be written.
    read_only: bool,
}

/// Why writing an article failed: the store, or the quad source.
#[derive(Debug, thiserror::Error)]
pub enum WriteError<E> {
    /// The store failed; nothing was written.
    #[error(transparent)]
    Store(#[from] Error),
    /// The source of quads failed part-way; nothing was written.
    #[error("article source failed: {0}")]
    Source(E),
}

impl std::fmt::Debug for IsnadStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IsnadStore")
            .field("path", &self.path)
            .finish()
    }
}

impl IsnadStore {
    /// Opens (or creates) the store in `path` and makes sure the ontology graph is current.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        let store = Store::open(&path)?;
        let this = Self {
            store,
            path,
            extractor: String::new(),
            read_only: false,
        };
        this.ensure_graph(ONTOLOGY_GRAPH, ONTOLOGY_TTL, "ontology/isnad.ttl")?;
        let gazetteer = format!("{STATES_TTL}\n{GAZETTEER_TTL}");
        if this.ensure_graph(GAZETTEER_GRAPH, &gazetteer, "ontology/gazetteer*.ttl")? {
            // Metonyms are also alternative labels, so label queries find "يريفان".
            let insert = format!(
                "INSERT {{ GRAPH <{GAZETTEER_GRAPH}> {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?m }} }} \
                 WHERE {{ GRAPH <{GAZETTEER_GRAPH}> {{ ?e <{ISNAD}metonym> ?m }} }}"
            );
            let prepared = oxigraph::sparql::SparqlEvaluator::new()
                .parse_update(&insert)
                .map_err(|e| Error::Usage(format!("gazetteer metonyms: {e}")))?;
            this.update(prepared)?;
        }
        Ok(this)
    }

    /// Opens an existing store for reading only: no lock is taken, so this works while
    /// another process (a running `isnad serve`) holds the store; it reads the store as it
    /// was when opened. The ontology and gazetteer graphs are not refreshed.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        if !path.join("CURRENT").is_file() {
            return Err(Error::Usage(format!("no store at {}", path.display())));
        }
        Ok(Self {
            store: Store::open_read_only(&path)?,
            path,
            extractor: String::new(),
            read_only: true,
        })
    }

    /// True when the store was opened read-only (beside another process holding it).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads `turtle` as the named graph `graph` unless the same text is already there.
    /// A fingerprint triple in the graph records which text it holds.
    pub fn ensure_graph(&self, graph: &str, turtle: &str, origin: &str) -> Result<bool> {
        let graph = NamedNode::new_unchecked(graph);
        let fingerprint = Literal::new_simple_literal(sha256_hex(turtle));
        let marker = QuadRef::new(
            graph.as_ref(),
            ISNAD_SHA256,
            fingerprint.as_ref(),
            graph.as_ref(),
        );
        if self.store.contains(marker)? {
            return Ok(false);
        }
        let quads = parse_turtle(turtle, origin, &graph)?;
        let mut tx = self.store.start_transaction()?;
        tx.remove_named_graph(graph.as_ref())?;
        tx.insert_named_graph(graph.as_ref());
        tx.extend(quads.iter());
        tx.insert(marker);
        tx.commit()?;
        Ok(true)
    }

    /// Sets the fingerprint of the extraction that writes articles from now on.
    pub fn set_extractor(&mut self, fingerprint: impl Into<String>) {
        self.extractor = fingerprint.into();
    }

    /// True when the article graph `iri` is present, complete, and was extracted by the
    /// extraction in use (same code version and lexicon).
    pub fn has_article(&self, iri: &NamedNode) -> Result<bool> {
        Ok(self
            .store
            .contains(completion_marker(iri.as_ref()).as_ref())?
            && self
                .store
                .contains(extractor_marker(iri.as_ref(), &self.extractor).as_ref())?)
    }

    /// Article graphs whose article carries `identifier` (older versions of the same file).
    pub fn graphs_with_identifier(&self, identifier: &str) -> Result<Vec<NamedNode>> {
        let literal = Literal::new_simple_literal(identifier);
        let mut graphs = Vec::new();
        for quad in self.store.quads_for_pattern(
            None,
            Some(SCHEMA_IDENTIFIER),
            Some(literal.as_ref().into()),
            None,
        ) {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (&quad.subject, &quad.graph_name)
            {
                if s == g && !graphs.contains(g) {
                    graphs.push(g.clone());
                }
            }
        }
        Ok(graphs)
    }

    /// Writes an article graph atomically: removes `graph` and the graphs in `replaces`,
    /// inserts every quad from `quads` and the completion marker, and commits. If `quads`
    /// yields an error, nothing is written.
    pub fn write_article<E>(
        &self,
        graph: &NamedNode,
        replaces: &[NamedNode],
        quads: impl IntoIterator<Item = Result<Quad, E>>,
    ) -> Result<usize, WriteError<E>> {
        let mut tx = self.store.start_transaction().map_err(Error::from)?;
        let count = put_article(&mut tx, graph, replaces, quads, &self.extractor)?;
        tx.insert(stale_marker().as_ref());
        tx.commit().map_err(Error::from)?;
        Ok(count)
    }

    /// True when articles changed since the events graph was last rebuilt.
    pub fn events_stale(&self) -> Result<bool> {
        Ok(self.store.contains(stale_marker().as_ref())?)
    }

    /// Replaces a named graph with `quads` in one transaction (the events graph, the
    /// analysis graph). Quads are put in `graph` whatever graph they name.
    pub fn replace_graph(&self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        tx.remove_named_graph(graph.as_ref())?;
        tx.insert_named_graph(graph.as_ref());
        for q in quads {
            tx.insert(QuadRef::new(
                &q.subject,
                &q.predicate,
                &q.object,
                graph.as_ref(),
            ));
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes an article graph (and marks the events graph stale).
    pub fn remove_article(&self, graph: &NamedNode) -> Result<()> {
        let mut tx = self.store.start_transaction()?;
        tx.remove_named_graph(graph.as_ref())?;
        tx.insert(stale_marker().as_ref());
        tx.commit()?;
        Ok(())
    }

    /// Writes several article graphs in ONE transaction: for each, removes it and the graphs
    /// it replaces, inserts its quads and its completion marker. After a crash, either the
    /// whole batch is in the store or none of it.
    pub fn write_articles(
        &self,
        items: Vec<(NamedNode, Vec<NamedNode>, Vec<Quad>)>,
    ) -> Result<usize> {
        if items.is_empty() {
            return Ok(0);
        }
        let mut tx = self.store.start_transaction()?;
        let mut count = 0;
        for (graph, replaces, quads) in items {
            count += put_article(
                &mut tx,
                &graph,
                &replaces,
                quads.into_iter().map(Ok),
                &self.extractor,
            )
            .map_err(|e: WriteError<std::convert::Infallible>| match e {
                WriteError::Store(e) => e,
                WriteError::Source(never) => match never {},
            })?;
        }
        tx.insert(stale_marker().as_ref());
        tx.commit()?;
        Ok(count)
    }

    /// Loads an N-Quads file with oxigraph's bulk loader (the benchmark's reference for the
    /// store's own write speed). Returns the number of quads read.
    pub fn bulk_load_nquads(&self, path: &Path) -> Result<u64> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let seen = counter.clone();
        let mut loader = self
            .store
            .bulk_loader()
            .on_progress(move |n| seen.store(n, std::sync::atomic::Ordering::Relaxed));
        loader
            .load_from_reader(RdfFormat::NQuads, std::io::BufReader::new(file))
            .map_err(|e| Error::RdfSyntax {
                origin: path.display().to_string(),
                message: e.to_string(),
            })?;
        loader.commit()?;
        Ok(self.store.len()? as u64)
    }

    /// Loads an RDF file (format from its extension) in one transaction: triples go to
    /// `graph`, or to a graph named after the file. A syntax error names the file, line and
    /// column, and nothing is written.
    pub fn load_rdf(&self, path: &Path, graph: Option<&NamedNode>) -> Result<usize> {
        let origin = path.display().to_string();
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(RdfFormat::from_extension)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{origin}: unknown RDF format (use .ttl, .trig, .nt, .nq or .rdf)"
                ))
            })?;
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let graph = match graph {
            Some(g) => g.clone(),
            None => {
                let absolute = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
                NamedNode::new(format!("file://{}", absolute.display()))
                    .map_err(|e| Error::Usage(format!("{origin}: {e}")))?
            }
        };
        let quads = RdfParser::from_format(format)
            .with_default_graph(graph)
            .for_slice(&bytes)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::RdfSyntax {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
        let mut tx = self.store.start_transaction()?;
        for quad in &quads {
            tx.insert(quad.as_ref());
        }
        tx.commit()?;
        Ok(quads.len())
    }

    /// Type, labels, Wikidata link, `partOf` and coordinates of an entity, from every graph
    /// but those `isnad link`/`enrich` write (so a computed link never passes for a curated
    /// one), without repeats (the same entity is declared by every article that names it).
    pub fn entity_facts(&self, iri: &str) -> Result<Vec<(NamedNode, Term)>> {
        const KEEP: &[&str] = &[
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://www.w3.org/2004/02/skos/core#altLabel",
            "http://www.w3.org/2002/07/owl#sameAs",
            "https://w3id.org/isnad/ontology#partOf",
            "https://w3id.org/isnad/ontology#lat",
            "https://w3id.org/isnad/ontology#long",
        ];
        let subject = NamedNode::new_unchecked(iri);
        let mut out: Vec<(NamedNode, Term)> = Vec::new();
        for quad in self
            .store
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
        {
            let quad = quad?;
            let derived = matches!(&quad.graph_name, GraphName::NamedNode(g)
                if g.as_str() == LINKS_GRAPH || g.as_str() == EXTERNAL_GRAPH);
            if KEEP.contains(&quad.predicate.as_str()) && !derived {
                let pair = (quad.predicate, quad.object);
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
        }
        Ok(out)
    }

    /// Runs a prepared SPARQL query on the store.
    pub fn query(&self, prepared: PreparedSparqlQuery) -> Result<QueryResults<'static>> {
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a prepared SPARQL update on the store.
    pub fn update(&self, prepared: PreparedSparqlUpdate) -> Result<()> {
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Quads of one graph, or of all graphs, in the store's index order (graph, subject,
    /// predicate, object), streamed.
    pub fn quads(&self, graph: Option<&NamedNode>) -> impl Iterator<Item = Result<Quad>> + '_ {
        let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
        self.store
            .quads_for_pattern(None, None, None, graph)
            .map(|q| q.map_err(Error::from))
    }

    /// True when the store has a named graph `graph`.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool> {
        Ok(self.store.contains_named_graph(graph.as_ref())?)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    /// True when the store has no quads.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Flushes pending writes to disk.
    pub fn flush(&self) -> Result<()> {
        Ok(self.store.flush()?)
    }
}

/// Replaces one article graph inside a transaction: removes it and the graphs it replaces,
/// inserts its quads and its completion marker. Returns the quads written.
fn put_article<E>(
    tx: &mut oxigraph::store::Transaction<'_>,
    graph: &NamedNode,
    replaces: &[NamedNode],
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    extractor: &str,
) -> Result<usize, WriteError<E>> {
    for old in replaces.iter().chain(std::iter::once(graph)) {
        tx.remove_named_graph(old.as_ref()).map_err(Error::from)?;
    }
    tx.insert_named_graph(graph.as_ref());
    let mut count = 0;
    for quad in quads {
        let quad = quad.map_err(WriteError::Source)?;
        if quad.graph_name != GraphName::NamedNode(graph.clone()) {
            return Err(WriteError::Store(Error::Internal(format!(
                "quad outside its article graph {graph}: {quad}"
            ))));
        }
        tx.insert(&quad);
        count += 1;
    }
    tx.insert(extractor_marker(graph.as_ref(), extractor).as_ref());
    tx.insert(completion_marker(graph.as_ref()).as_ref());
    Ok(count + 2)
}

fn extractor_marker(graph: NamedNodeRef<'_>, extractor: &str) -> Quad {
    Quad::new(
        graph.into_owned(),
        NamedNode::new_unchecked(format!("{ISNAD}extractedWith")),
        Term::from(Literal::new_simple_literal(extractor)),
        GraphName::NamedNode(graph.into_owned()),
    )
}

fn stale_marker() -> Quad {
    let g = NamedNode::new_unchecked(EVENTS_GRAPH);
    Quad::new(
        g.clone(),
        NamedNode::new_unchecked(format!("{ISNAD}stale")),
        Term::from(Literal::from(true)),
        GraphName::NamedNode(g),
    )
}

fn completion_marker(graph: NamedNodeRef<'_>) -> Quad {
    Quad::new(
        graph.into_owned(),
        ISNAD_INGESTED,
        Term::from(Literal::from(true)),
        GraphName::NamedNode(graph.into_owned()),
    )
}

/// Parses Turtle into quads of the named graph `graph`.
pub fn parse_turtle(turtle: &str, origin: &str, graph: &NamedNode) -> Result<Vec<Quad>> {
    RdfParser::from_format(RdfFormat::Turtle)
        .without_named_graphs()
        .with_default_graph(graph.clone())
        .for_slice(turtle.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::RdfSyntax {
            origin: origin.to_owned(),
            message: e.to_string(),
        })
}
