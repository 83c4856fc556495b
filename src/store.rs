//! The store: the embedded Oxigraph store (the default), or a remote SPARQL 1.1 store
//! ([`crate::remote`]) behind the same methods. The only module that touches oxigraph's
//! `Store`.
//!
//! Layout: one named graph per article (graph IRI = article IRI), plus the ontology graph.
//! Each article is written in one transaction (embedded) or one Graph Store request (remote)
//! together with its completion marker, so after a crash an article is either wholly
//! present or absent.

use crate::article::sha256_hex;
use crate::error::{Error, Result};
use crate::remote::{RemoteConfig, RemoteStore};
use crate::vocab::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, Triple, Variable,
};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults};
use oxigraph::store::Store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::data::{GAZETTEER_TTL, ONTOLOGY_TTL, STATES_TTL};

enum Backend {
    Embedded(Store),
    Remote(Box<RemoteStore>),
}

/// The isnad store: an Oxigraph store on disk, or a remote SPARQL store, plus the
/// conventions above.
pub struct IsnadStore {
    backend: Backend,
    path: PathBuf,
    /// Fingerprint of the extraction that writes articles (code version and lexicon), kept
    /// with each article graph: an article extracted otherwise is extracted again.
    extractor: String,
    /// Opened with [`IsnadStore::open_read_only`]: nothing can be written.
    read_only: bool,
}

/// A parsed query with its text: the embedded store runs the parsed form, a remote store
/// is sent the text (with the project's prefixes and the bindings).
#[derive(Clone)]
pub struct SparqlQuery {
    prepared: PreparedSparqlQuery,
    text: String,
    bindings: Vec<(Variable, Term)>,
}

impl std::fmt::Debug for SparqlQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SparqlQuery")
            .field("text", &self.text)
            .field("bindings", &self.bindings)
            .finish_non_exhaustive()
    }
}

impl SparqlQuery {
    /// A query parsed from `text`.
    pub fn new(prepared: PreparedSparqlQuery, text: &str) -> Self {
        Self {
            prepared,
            text: text.to_owned(),
            bindings: Vec::new(),
        }
    }

    /// The query with `variable` bound to `term`.
    pub fn substitute(mut self, variable: Variable, term: Term) -> Self {
        self.prepared = self
            .prepared
            .substitute_variable(variable.clone(), term.clone());
        self.bindings.push((variable, term));
        self
    }
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

/// Graphs of a remote store that are isnad's (its own namespace, and files `isnad load`
/// loaded): the engine's system graphs are not exported or counted.
const OWN_GRAPHS: &str =
    "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/isnad/\") || STRSTARTS(STR(?g), \"file:\"))";

/// Graph Store requests in flight at once when articles are written to a remote store.
const REMOTE_WRITERS: usize = 4;

/// Values per request when a remote store is asked about many IRIs at once.
const BATCH: usize = 200;

fn triples(quads: &[Quad]) -> Vec<Triple> {
    quads
        .iter()
        .map(|q| Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone()))
        .collect()
}

fn iri_of(term: Option<&Term>) -> Option<NamedNode> {
    match term {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

/// Alternative labels derived from metonyms, so label queries find "يريفان".
fn metonym_labels(quads: &[Quad]) -> Vec<Quad> {
    let metonym = format!("{ISNAD}metonym");
    quads
        .iter()
        .filter(|q| q.predicate.as_str() == metonym)
        .map(|q| {
            Quad::new(
                q.subject.clone(),
                NamedNode::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel"),
                q.object.clone(),
                q.graph_name.clone(),
            )
        })
        .collect()
}

impl IsnadStore {
    /// Opens (or creates) the store in `path` and makes sure the ontology graph is current.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        let store = Store::open(&path)?;
        Self::with_backend(Backend::Embedded(store), path)
    }

    /// Connects to a remote SPARQL 1.1 store and makes sure its ontology graph is current.
    /// Fails with an error naming the endpoint when it does not answer.
    pub fn open_remote(config: RemoteConfig) -> Result<Self> {
        let path = PathBuf::from(&config.query);
        Self::with_backend(Backend::Remote(Box::new(RemoteStore::new(config)?)), path)
    }

    fn with_backend(backend: Backend, path: PathBuf) -> Result<Self> {
        let this = Self {
            backend,
            path,
            extractor: String::new(),
            read_only: false,
        };
        this.ensure_graph(ONTOLOGY_GRAPH, ONTOLOGY_TTL, "ontology/isnad.ttl")?;
        let gazetteer = format!("{STATES_TTL}\n{GAZETTEER_TTL}");
        this.ensure_graph(GAZETTEER_GRAPH, &gazetteer, "ontology/gazetteer*.ttl")?;
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
            backend: Backend::Embedded(Store::open_read_only(&path)?),
            path,
            extractor: String::new(),
            read_only: true,
        })
    }

    /// True when the store was opened read-only (beside another process holding it).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// True when the store is a remote SPARQL store.
    pub fn is_remote(&self) -> bool {
        matches!(self.backend, Backend::Remote(_))
    }

    /// Where the store lives (a directory, or the remote store's query URL).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when a remote store holds `quad` (in its named graph).
    fn remote_contains(remote: &RemoteStore, quad: &Quad) -> Result<bool> {
        let GraphName::NamedNode(g) = &quad.graph_name else {
            return Err(Error::Internal(format!("{quad} is in no named graph")));
        };
        Self::ask(
            remote,
            &format!(
                "ASK {{ GRAPH {g} {{ {} {} {} }} }}",
                quad.subject, quad.predicate, quad.object
            ),
        )
    }

    fn ask(remote: &RemoteStore, text: &str) -> Result<bool> {
        match remote.query(text, false)? {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(Error::Endpoint {
                url: remote.url().to_owned(),
                message: "expected a boolean answer to ASK".into(),
            }),
        }
    }

    /// Rows of a SELECT sent to a remote store, as terms by position.
    fn remote_rows(remote: &RemoteStore, text: &str) -> Result<Vec<Vec<Option<Term>>>> {
        let QueryResults::Solutions(solutions) = remote.query(text, false)? else {
            return Err(Error::Endpoint {
                url: remote.url().to_owned(),
                message: "expected SELECT results".into(),
            });
        };
        let width = solutions.variables().len();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s?;
            rows.push((0..width).map(|i| s.get(i).cloned()).collect());
        }
        Ok(rows)
    }

    /// Loads `turtle` as the named graph `graph` unless the same text is already there.
    /// A fingerprint triple in the graph records which text it holds.
    pub fn ensure_graph(&self, graph: &str, turtle: &str, origin: &str) -> Result<bool> {
        let graph = NamedNode::new_unchecked(graph);
        let fingerprint = Literal::new_simple_literal(sha256_hex(turtle));
        let marker = Quad::new(
            graph.clone(),
            ISNAD_SHA256,
            fingerprint,
            GraphName::NamedNode(graph.clone()),
        );
        let present = match &self.backend {
            Backend::Embedded(store) => store.contains(&marker)?,
            Backend::Remote(remote) => Self::remote_contains(remote, &marker)?,
        };
        if present {
            return Ok(false);
        }
        let mut quads = parse_turtle(turtle, origin, &graph)?;
        quads.extend(metonym_labels(&quads));
        quads.push(marker);
        match &self.backend {
            Backend::Embedded(store) => {
                let mut tx = store.start_transaction()?;
                tx.remove_named_graph(graph.as_ref())?;
                tx.insert_named_graph(graph.as_ref());
                tx.extend(quads.iter());
                tx.commit()?;
            }
            Backend::Remote(remote) => remote.put_graph(&graph, &triples(&quads))?,
        }
        Ok(true)
    }

    /// Sets the fingerprint of the extraction that writes articles from now on.
    pub fn set_extractor(&mut self, fingerprint: impl Into<String>) {
        self.extractor = fingerprint.into();
    }

    /// True when the article graph `iri` is present, complete, and was extracted by the
    /// extraction in use (same code version and lexicon).
    pub fn has_article(&self, iri: &NamedNode) -> Result<bool> {
        Ok(self.present_articles(std::slice::from_ref(iri))?[0])
    }

    /// [`IsnadStore::has_article`] for many articles (a remote store is asked in batches).
    pub fn present_articles(&self, iris: &[NamedNode]) -> Result<Vec<bool>> {
        match &self.backend {
            Backend::Embedded(store) => iris
                .iter()
                .map(|iri| {
                    Ok(store.contains(completion_marker(iri.as_ref()).as_ref())?
                        && store
                            .contains(extractor_marker(iri.as_ref(), &self.extractor).as_ref())?)
                })
                .collect(),
            Backend::Remote(remote) => {
                let mut present = std::collections::BTreeSet::new();
                for chunk in iris.chunks(BATCH) {
                    let values: String = chunk.iter().map(|g| format!("{g} ")).collect();
                    let text = format!(
                        "SELECT ?g WHERE {{ VALUES ?g {{ {values}}} GRAPH ?g {{ ?g {} {} ; <{ISNAD}extractedWith> {} }} }}",
                        ISNAD_INGESTED,
                        Literal::from(true),
                        Literal::new_simple_literal(&self.extractor)
                    );
                    for row in Self::remote_rows(remote, &text)? {
                        present.extend(iri_of(row[0].as_ref()));
                    }
                }
                Ok(iris.iter().map(|g| present.contains(g)).collect())
            }
        }
    }

    /// Article graphs whose article carries `identifier` (older versions of the same file).
    pub fn graphs_with_identifier(&self, identifier: &str) -> Result<Vec<NamedNode>> {
        let mut all = self.graphs_with_identifiers(&[identifier])?;
        Ok(all.remove(identifier).unwrap_or_default())
    }

    /// [`IsnadStore::graphs_with_identifier`] for many identifiers at once.
    pub fn graphs_with_identifiers(
        &self,
        identifiers: &[&str],
    ) -> Result<BTreeMap<String, Vec<NamedNode>>> {
        let mut out: BTreeMap<String, Vec<NamedNode>> = BTreeMap::new();
        match &self.backend {
            Backend::Embedded(store) => {
                for identifier in identifiers {
                    let literal = Literal::new_simple_literal(*identifier);
                    for quad in store.quads_for_pattern(
                        None,
                        Some(SCHEMA_IDENTIFIER),
                        Some(literal.as_ref().into()),
                        None,
                    ) {
                        let quad = quad?;
                        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                            (&quad.subject, &quad.graph_name)
                        {
                            let graphs = out.entry((*identifier).to_owned()).or_default();
                            if s == g && !graphs.contains(g) {
                                graphs.push(g.clone());
                            }
                        }
                    }
                }
            }
            Backend::Remote(remote) => {
                for chunk in identifiers.chunks(BATCH) {
                    let values: String = chunk
                        .iter()
                        .map(|i| format!("{} ", Literal::new_simple_literal(*i)))
                        .collect();
                    let text = format!(
                        "SELECT DISTINCT ?id ?g WHERE {{ VALUES ?id {{ {values}}} GRAPH ?g {{ ?g {SCHEMA_IDENTIFIER} ?id }} }}"
                    );
                    for row in Self::remote_rows(remote, &text)? {
                        if let (Some(Term::Literal(id)), Some(g)) =
                            (row[0].as_ref(), iri_of(row[1].as_ref()))
                        {
                            out.entry(id.value().to_owned()).or_default().push(g);
                        }
                    }
                }
            }
        }
        Ok(out)
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
        match &self.backend {
            Backend::Embedded(store) => {
                let mut tx = store.start_transaction().map_err(Error::from)?;
                let count = put_article(&mut tx, graph, replaces, quads, &self.extractor)?;
                tx.insert(stale_marker().as_ref());
                tx.commit().map_err(Error::from)?;
                Ok(count)
            }
            Backend::Remote(_) => {
                let quads = quads
                    .into_iter()
                    .collect::<Result<Vec<_>, E>>()
                    .map_err(WriteError::Source)?;
                Ok(self.write_articles(vec![(graph.clone(), replaces.to_vec(), quads)])?)
            }
        }
    }

    /// True when articles changed since the events graph was last rebuilt.
    pub fn events_stale(&self) -> Result<bool> {
        let marker = stale_marker();
        match &self.backend {
            Backend::Embedded(store) => Ok(store.contains(&marker)?),
            Backend::Remote(remote) => Self::remote_contains(remote, &marker),
        }
    }

    /// Marks the events graph stale on a remote store (before the articles change, so a
    /// crash in between leaves it marked).
    fn mark_stale(&self, remote: &RemoteStore) -> Result<()> {
        remote.post_graph(
            &NamedNode::new_unchecked(EVENTS_GRAPH),
            &triples(&[stale_marker()]),
        )
    }

    /// Replaces a named graph with `quads` in one transaction (the events graph, the
    /// analysis graph). Quads are put in `graph` whatever graph they name.
    pub fn replace_graph(&self, graph: &NamedNode, quads: Vec<Quad>) -> Result<()> {
        match &self.backend {
            Backend::Embedded(store) => {
                let mut tx = store.start_transaction()?;
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
            Backend::Remote(remote) => remote.put_graph(graph, &triples(&quads)),
        }
    }

    /// Removes an article graph (and marks the events graph stale).
    pub fn remove_article(&self, graph: &NamedNode) -> Result<()> {
        match &self.backend {
            Backend::Embedded(store) => {
                let mut tx = store.start_transaction()?;
                tx.remove_named_graph(graph.as_ref())?;
                tx.insert(stale_marker().as_ref());
                tx.commit()?;
                Ok(())
            }
            Backend::Remote(remote) => {
                self.mark_stale(remote)?;
                remote.delete_graph(graph)
            }
        }
    }

    /// Writes several article graphs in ONE transaction: for each, removes it and the graphs
    /// it replaces, inserts its quads and its completion marker. After a crash, either the
    /// whole batch is in the store or none of it. On a remote store each article is one
    /// Graph Store request (wholly present or absent), after its older versions are deleted.
    pub fn write_articles(
        &self,
        items: Vec<(NamedNode, Vec<NamedNode>, Vec<Quad>)>,
    ) -> Result<usize> {
        if items.is_empty() {
            return Ok(0);
        }
        let store = match &self.backend {
            Backend::Embedded(store) => store,
            Backend::Remote(remote) => {
                self.mark_stale(remote)?;
                return self.put_articles(remote, items);
            }
        };
        let mut tx = store.start_transaction()?;
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

    /// Writes article graphs to a remote store, [`REMOTE_WRITERS`] requests at a time (an
    /// engine's per-request latency, not its throughput, bounds one writer): each article
    /// is one Graph Store PUT, after the deletion of its older versions. The first error
    /// stops the writers and is returned.
    fn put_articles(
        &self,
        remote: &RemoteStore,
        items: Vec<(NamedNode, Vec<NamedNode>, Vec<Quad>)>,
    ) -> Result<usize> {
        for (graph, _, quads) in &items {
            if let Some(q) = quads
                .iter()
                .find(|q| q.graph_name != GraphName::NamedNode(graph.clone()))
            {
                return Err(Error::Internal(format!(
                    "quad outside its article graph {graph}: {q}"
                )));
            }
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed = std::sync::atomic::AtomicBool::new(false);
        let written = std::sync::atomic::AtomicUsize::new(0);
        let first_error: std::sync::Mutex<Option<Error>> = std::sync::Mutex::new(None);
        let put = |(graph, replaces, quads): &(NamedNode, Vec<NamedNode>, Vec<Quad>)| {
            for old in replaces {
                remote.delete_graph(old)?;
            }
            let mut triples = triples(quads);
            triples.extend(
                article_markers(graph, &self.extractor)
                    .into_iter()
                    .map(|q| Triple::new(q.subject, q.predicate, q.object)),
            );
            remote.put_graph(graph, &triples)?;
            Ok::<usize, Error>(triples.len())
        };
        std::thread::scope(|scope| {
            for _ in 0..REMOTE_WRITERS.min(items.len()) {
                scope.spawn(|| {
                    use std::sync::atomic::Ordering::SeqCst;
                    while !failed.load(SeqCst) {
                        let Some(item) = items.get(next.fetch_add(1, SeqCst)) else {
                            break;
                        };
                        match put(item) {
                            Ok(n) => {
                                written.fetch_add(n, SeqCst);
                            }
                            Err(e) => {
                                failed.store(true, SeqCst);
                                if let Ok(mut slot) = first_error.lock() {
                                    slot.get_or_insert(e);
                                }
                            }
                        }
                    }
                });
            }
        });
        match first_error.into_inner() {
            Ok(Some(e)) => Err(e),
            Ok(None) => Ok(written.into_inner()),
            Err(_) => Err(Error::Internal("a remote writer panicked".into())),
        }
    }

    fn embedded(&self, what: &str) -> Result<&Store> {
        match &self.backend {
            Backend::Embedded(store) => Ok(store),
            Backend::Remote(remote) => Err(Error::Usage(format!(
                "{what} works on the embedded store only, not on the remote store at {}",
                remote.url()
            ))),
        }
    }

    /// Loads an N-Quads file with oxigraph's bulk loader (the benchmark's reference for the
    /// store's own write speed). Returns the number of quads read. A remote store has its
    /// own bulk loader (Virtuoso: `ld_dir` and `rdf_loader_run`).
    pub fn bulk_load_nquads(&self, path: &Path) -> Result<u64> {
        let store = self.embedded("the bulk loader")?;
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let seen = counter.clone();
        let mut loader = store
            .bulk_loader()
            .on_progress(move |n| seen.store(n, std::sync::atomic::Ordering::Relaxed));
        loader
            .load_from_reader(RdfFormat::NQuads, std::io::BufReader::new(file))
            .map_err(|e| Error::RdfSyntax {
                origin: path.display().to_string(),
                message: e.to_string(),
            })?;
        loader.commit()?;
        Ok(store.len()? as u64)
    }

    /// Loads an RDF file (format from its extension) in one transaction: triples go to
    /// `graph`, or to a graph named after the file. A syntax error names the file, line and
    /// column, and nothing is written. (A remote store gets one request per graph.)
    pub fn load_rdf(&self, path: &Path, graph: Option<&NamedNode>) -> Result<usize> {
        let origin = path.display().to_string();
        // NAME.nq.gz: gzip-compressed, in the format of NAME.nq.
        let compressed = path.extension().is_some_and(|e| e == "gz");
        let named = if compressed {
            path.with_extension("")
        } else {
            path.to_owned()
        };
        let format = named
            .extension()
            .and_then(|e| e.to_str())
            .and_then(RdfFormat::from_extension)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{origin}: unknown RDF format (use .ttl, .trig, .nt, .nq or .rdf, \
                     optionally .gz)"
                ))
            })?;
        let mut bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if compressed {
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
                .map_err(|e| Error::io(path, e))?;
            bytes = plain;
        }
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
        match &self.backend {
            Backend::Embedded(store) => {
                let mut tx = store.start_transaction()?;
                for quad in &quads {
                    tx.insert(quad.as_ref());
                }
                tx.commit()?;
            }
            Backend::Remote(remote) => {
                let mut by_graph: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
                for q in &quads {
                    let GraphName::NamedNode(g) = &q.graph_name else {
                        return Err(Error::Usage(format!(
                            "{origin}: a remote store takes named graphs only (quad {q})"
                        )));
                    };
                    by_graph
                        .entry(g.as_str().to_owned())
                        .or_default()
                        .push(q.clone());
                }
                for (g, qs) in by_graph {
                    remote.post_graph(&NamedNode::new_unchecked(g), &triples(&qs))?;
                }
            }
        }
        Ok(quads.len())
    }

    /// Type, labels, Wikidata link, `partOf` and coordinates of an entity, from every graph
    /// but those `isnad link`/`enrich` write (so a computed link never passes for a curated
    /// one), without repeats (the same entity is declared by every article that names it).
    pub fn entity_facts(&self, iri: &str) -> Result<Vec<(NamedNode, Term)>> {
        let mut all = self.entities_facts(&[iri.to_owned()])?;
        Ok(all.remove(iri).unwrap_or_default())
    }

    /// [`IsnadStore::entity_facts`] of many entities (a remote store is asked in batches).
    pub fn entities_facts(
        &self,
        iris: &[String],
    ) -> Result<BTreeMap<String, Vec<(NamedNode, Term)>>> {
        const KEEP: &[&str] = &[
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "http://www.w3.org/2000/01/rdf-schema#label",
            "http://www.w3.org/2004/02/skos/core#altLabel",
            "http://www.w3.org/2002/07/owl#sameAs",
            "https://w3id.org/isnad/ontology#partOf",
            "https://w3id.org/isnad/ontology#lat",
            "https://w3id.org/isnad/ontology#long",
        ];
        let mut out: BTreeMap<String, Vec<(NamedNode, Term)>> = BTreeMap::new();
        let mut keep = |subject: &str, graph: &str, p: NamedNode, o: Term| {
            let derived = graph == LINKS_GRAPH || graph == EXTERNAL_GRAPH;
            if KEEP.contains(&p.as_str()) && !derived {
                let facts = out.entry(subject.to_owned()).or_default();
                let pair = (p, o);
                if !facts.contains(&pair) {
                    facts.push(pair);
                }
            }
        };
        match &self.backend {
            Backend::Embedded(store) => {
                for iri in iris {
                    let subject = NamedNode::new_unchecked(iri.as_str());
                    for quad in
                        store.quads_for_pattern(Some(subject.as_ref().into()), None, None, None)
                    {
                        let quad = quad?;
                        let graph = match &quad.graph_name {
                            GraphName::NamedNode(g) => g.as_str(),
                            _ => "",
                        };
                        keep(iri, graph, quad.predicate, quad.object);
                    }
                }
            }
            Backend::Remote(remote) => {
                for chunk in iris.chunks(BATCH) {
                    let values: String = chunk.iter().map(|i| format!("<{i}> ")).collect();
                    let text = format!(
                        "SELECT ?s ?g ?p ?o WHERE {{ VALUES ?s {{ {values}}} GRAPH ?g {{ ?s ?p ?o }} }}"
                    );
                    for row in Self::remote_rows(remote, &text)? {
                        if let (Some(s), Some(g), Some(p), Some(o)) = (
                            iri_of(row[0].as_ref()),
                            iri_of(row[1].as_ref()),
                            iri_of(row[2].as_ref()),
                            row[3].clone(),
                        ) {
                            keep(s.as_str(), g.as_str(), p, o);
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Runs a parsed SPARQL query on the store.
    pub fn query(&self, query: SparqlQuery) -> Result<QueryResults<'static>> {
        match &self.backend {
            Backend::Embedded(store) => Ok(query.prepared.on_store(store).execute()?),
            Backend::Remote(remote) => remote.query(
                &crate::remote::query_text(&query.text, &query.bindings),
                crate::remote::is_graph_query(&query.text),
            ),
        }
    }

    /// Runs a SPARQL update on the store (`text` is what a remote store is sent).
    pub fn update(&self, prepared: PreparedSparqlUpdate, text: &str) -> Result<()> {
        match &self.backend {
            Backend::Embedded(store) => Ok(prepared.on_store(store).execute()?),
            Backend::Remote(remote) => remote.update(&crate::remote::query_text(text, &[])),
        }
    }

    /// isnad's named graphs on a remote store, sorted.
    fn remote_graphs(remote: &RemoteStore) -> Result<Vec<NamedNode>> {
        let text = format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OWN_GRAPHS} }}");
        let mut graphs: Vec<NamedNode> = Self::remote_rows(remote, &text)?
            .into_iter()
            .filter_map(|r| iri_of(r[0].as_ref()))
            .collect();
        graphs.sort();
        Ok(graphs)
    }

    /// Quads of one graph, or of all graphs, in the store's index order (graph, subject,
    /// predicate, object), streamed. (A remote store is read graph by graph.)
    pub fn quads(&self, graph: Option<&NamedNode>) -> Box<dyn Iterator<Item = Result<Quad>> + '_> {
        match &self.backend {
            Backend::Embedded(store) => {
                let graph = graph.map(|g| GraphNameRef::NamedNode(g.as_ref()));
                Box::new(
                    store
                        .quads_for_pattern(None, None, None, graph)
                        .map(|q| q.map_err(Error::from)),
                )
            }
            Backend::Remote(remote) => {
                let graphs = match graph {
                    Some(g) => Ok(vec![g.clone()]),
                    None => Self::remote_graphs(remote),
                };
                match graphs {
                    Err(e) => Box::new(std::iter::once(Err(e))),
                    Ok(graphs) => Box::new(graphs.into_iter().flat_map(move |g| {
                        let name = GraphName::NamedNode(g.clone());
                        let read: Vec<Result<Quad>> = match remote.get_graph(&g) {
                            Ok(ts) => ts
                                .into_iter()
                                .map(|t| Ok(t.in_graph(name.clone())))
                                .collect(),
                            Err(e) => vec![Err(e)],
                        };
                        read
                    })),
                }
            }
        }
    }

    /// True when the store has a named graph `graph`.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool> {
        match &self.backend {
            Backend::Embedded(store) => Ok(store.contains_named_graph(graph.as_ref())?),
            Backend::Remote(remote) => {
                Self::ask(remote, &format!("ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))
            }
        }
    }

    /// Number of quads (of isnad's graphs, on a remote store).
    pub fn len(&self) -> Result<usize> {
        match &self.backend {
            Backend::Embedded(store) => Ok(store.len()?),
            Backend::Remote(remote) => {
                let text = format!(
                    "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OWN_GRAPHS} }}"
                );
                let rows = Self::remote_rows(remote, &text)?;
                Ok(match rows.first().and_then(|r| r[0].as_ref()) {
                    Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
                    _ => 0,
                })
            }
        }
    }

    /// Number of named graphs (isnad's, on a remote store).
    pub fn graph_count(&self) -> Result<usize> {
        match &self.backend {
            Backend::Embedded(store) => Ok(store.named_graphs().count()),
            Backend::Remote(remote) => Ok(Self::remote_graphs(remote)?.len()),
        }
    }

    /// True when the store has no quads.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Flushes pending writes to disk (a remote store commits each request itself).
    pub fn flush(&self) -> Result<()> {
        match &self.backend {
            Backend::Embedded(store) => Ok(store.flush()?),
            Backend::Remote(_) => Ok(()),
        }
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

/// The two quads an ingest writes with an article graph: which extraction wrote it, and that
/// it is complete (for shards a bulk loader loads).
pub fn article_markers(graph: &NamedNode, extractor: &str) -> [Quad; 2] {
    [
        extractor_marker(graph.as_ref(), extractor),
        completion_marker(graph.as_ref()),
    ]
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
