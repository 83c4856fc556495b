//! The jobs that chain the stages: `ingest` (read → extract → store) and `build` (ingest the
//! bundled corpus, then write the exports and every saved query's results).

use crate::article::Article;
use crate::error::{Error, Result};
use crate::export::{export_rdf, RdfExport};
use crate::ingest::{self, Rejection};
use crate::query::{self, OutputFormat};
use crate::store::IsnadStore;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::QueryResultsFormat;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How an ingest run went.
#[derive(Debug, Default)]
pub struct IngestSummary {
    /// Articles written (new or changed).
    pub ingested: usize,
    /// Articles already in the store unchanged, skipped by content hash.
    pub unchanged: usize,
    /// Older versions of changed articles replaced.
    pub replaced: usize,
    /// Quads written.
    pub quads: usize,
    /// Inputs that could not be read, with reasons.
    pub rejected: Vec<Rejection>,
    /// Non-fatal remarks.
    pub warnings: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Events in the rebuilt events graph (0 when nothing changed).
    pub events: usize,
    /// The articles written, as (identifier, article-graph IRI).
    pub written: Vec<(String, String)>,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ingested, {} unchanged, {} replaced, {} rejected; {} quads in {:.2}s",
            self.ingested,
            self.unchanged,
            self.replaced,
            self.rejected.len(),
            self.quads,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Options of an ingest run.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestOptions {
    /// Draw a progress bar on standard error (only when it is a terminal).
    pub progress: bool,
    /// Read and extract, but write nothing (counts what would be written).
    pub dry_run: bool,
}

/// Reads extra lexicon files and installs them after the shipped lexicon, before any
/// extraction. A file that cannot be read or parsed is an error naming it (and its line).
pub fn load_lexicons(paths: &[PathBuf]) -> Result<()> {
    let mut files = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
        files.push((p.display().to_string(), text));
    }
    crate::extract::lexicon::install(files)?;
    Ok(())
}

/// Reads every input under `paths`, extracts and stores each article atomically. Unchanged
/// articles are skipped; a changed file with the same identifier replaces its older graph.
pub fn ingest_paths(
    store: &IsnadStore,
    paths: &[PathBuf],
    options: IngestOptions,
) -> Result<IngestSummary> {
    let start = Instant::now();
    let (files, mut rejected) = ingest::discover(paths);
    let mut summary = IngestSummary::default();
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(options.progress, total_bytes);
    let mut seen: HashMap<String, (String, crate::article::Origin)> = HashMap::new();
    // Streaming: one file at a time, its new articles extracted in parallel and written in
    // batches, each batch one transaction (all its articles, or none, after a crash).
    for file in &files {
        let batch = ingest::read_path(file);
        rejected.extend(batch.rejections);
        summary.warnings.extend(batch.warnings);
        let articles = ingest::drop_duplicate_identifiers(batch.articles, &mut seen, &mut rejected);
        let mut todo = Vec::with_capacity(articles.len());
        let iris: Vec<NamedNode> = articles.iter().map(Article::iri).collect();
        let present = store.present_articles(&iris)?;
        for ((article, iri), present) in articles.iter().zip(iris).zip(present) {
            if present {
                summary.unchanged += 1;
            } else {
                todo.push((article, iri));
            }
        }
        for chunk in todo.chunks(512) {
            let extracted: Vec<(NamedNode, Vec<oxigraph::model::Quad>, &Article)> = chunk
                .par_iter()
                .map(|(a, iri)| (iri.clone(), crate::extract::extract(a), *a))
                .collect();
            let mut items = Vec::with_capacity(extracted.len());
            let identifiers: Vec<&str> = extracted
                .iter()
                .map(|(_, _, a)| a.identifier.as_str())
                .collect();
            let mut versions = store.graphs_with_identifiers(&identifiers)?;
            for (iri, quads, article) in extracted {
                let older: Vec<_> = versions
                    .remove(&article.identifier)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|g| *g != iri)
                    .collect();
                summary.replaced += older.len();
                summary.quads += quads.len() + 1;
                summary.ingested += 1;
                summary
                    .written
                    .push((article.identifier.clone(), iri.as_str().to_owned()));
                items.push((iri, older, quads));
            }
            if !options.dry_run {
                store.write_articles(items)?;
            }
            bar.set_message(format!(
                "{} articles, {} quads",
                summary.ingested, summary.quads
            ));
        }
        bar.inc(std::fs::metadata(file).map(|m| m.len()).unwrap_or(0));
    }
    bar.finish_and_clear();
    if !options.dry_run && store.events_stale()? {
        summary.events = crate::resolve::rebuild_events(store)?;
    }
    store.flush()?;
    summary.rejected = rejected;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn progress_bar(enabled: bool, len: u64) -> ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles  {per_sec}  ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// What `isnad build` wrote.
#[derive(Debug)]
pub struct BuildSummary {
    /// The ingest run.
    pub ingest: IngestSummary,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Outputs not written, with why (graph.svg without Graphviz).
    pub skipped: Vec<String>,
}

/// The main job: ingest `corpus`, write `exports/graph.ttl` and every saved query's results
/// as `exports/queries/NAME.csv`.
pub fn build(
    store: &IsnadStore,
    corpus: &Path,
    queries_dir: &Path,
    exports: &Path,
    options: IngestOptions,
) -> Result<BuildSummary> {
    if !corpus.is_dir() {
        return Err(Error::Usage(format!(
            "corpus directory {} does not exist",
            corpus.display()
        )));
    }
    let ingest = ingest_paths(store, &[corpus.to_owned()], options)?;
    let mut written = Vec::new();
    let mut skipped = Vec::new();
    let query_dir = exports.join("queries");
    std::fs::create_dir_all(&query_dir).map_err(|e| Error::io(&query_dir, e))?;

    // The analysis graph first, so that graph.ttl holds this build's analysis (not the one
    // a previous build left in the store): a rerun writes the same files as a fresh build.
    let report = crate::analyze::report::analyze(store)?;
    let ttl = exports.join("graph.ttl");
    write_file(&ttl, |w| {
        export_rdf(store, RdfExport::Turtle, None, w).map(|_| ())
    })?;
    written.push(ttl);
    let md = exports.join("report.md");
    write_file(&md, |w| {
        Ok(w.write_all(report.to_text_without_timings().as_bytes())?)
    })?;
    written.push(md);
    use crate::viz::VizFormat;
    for (name, format) in [
        ("graph.graphml", VizFormat::GraphMl),
        ("graph.gexf", VizFormat::Gexf),
        ("graph.dot", VizFormat::Dot),
        ("places.geojson", VizFormat::GeoJson),
    ] {
        let path = exports.join(name);
        write_file(&path, |w| {
            export_network(store, format, NetworkKind::Actors, None, w)
        })?;
        written.push(path);
    }
    let svg = exports.join("graph.svg");
    match crate::viz::render(&exports.join("graph.dot"), "svg", &svg) {
        Ok(()) => written.push(svg),
        Err(Error::Usage(why)) => skipped.push(format!("graph.svg: {why}")),
        Err(e) => return Err(e),
    }

    for saved in query::saved_queries(queries_dir)? {
        if !saved.params.is_empty() {
            continue; // parameterised queries need a value; run them by hand
        }
        let csv = query_dir.join(format!("{}.csv", saved.name));
        write_file(&csv, |w| {
            query::run(
                store,
                &saved.path.display().to_string(),
                &saved.text,
                &[],
                Some(OutputFormat::Results(QueryResultsFormat::Csv)),
                false,
                w,
            )
        })?;
        written.push(csv);
    }
    Ok(BuildSummary {
        ingest,
        written,
        skipped,
    })
}

/// Writes a file through a temporary sibling and renames it, so a failed write never leaves
/// a truncated file behind.
pub fn write_file(
    path: &Path,
    body: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    let tmp = path.with_extension("partial");
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let mut writer = BufWriter::new(file);
    body(&mut writer)?;
    std::io::Write::flush(&mut writer).map_err(|e| Error::io(&tmp, e))?;
    drop(writer);
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Rebuilds an article from the store by its identifier (for `isnad explain ID`).
pub fn article_by_identifier(store: &IsnadStore, identifier: &str) -> Result<Option<Article>> {
    use oxigraph::model::{Literal, Term, Variable};
    use oxigraph::sparql::QueryResults;
    let text = "SELECT ?_id ?a ?headline ?body ?published WHERE {
        ?a schema:identifier ?_id ; schema:headline ?headline ; schema:articleBody ?body ; isnad:sha256 ?sha .
        OPTIONAL { ?a schema:datePublished ?published } } LIMIT 1";
    let prepared = query::prepare("explain", text)?.substitute(
        Variable::new_unchecked("_id"),
        Literal::new_simple_literal(identifier).into(),
    );
    let QueryResults::Solutions(mut rows) = store.query(prepared)? else {
        return Ok(None);
    };
    let Some(row) = rows.next().transpose()? else {
        return Ok(None);
    };
    let value = |name: &str| match row.get(name) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    };
    Ok(Some(Article::from_text(
        identifier,
        &value("headline").unwrap_or_default(),
        &value("body").unwrap_or_default(),
        value("published").as_deref(),
    )))
}

/// Which network to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    /// Actors (and places of deployments and withdrawals).
    Actors,
    /// Events linked to their actors and places.
    Events,
}

/// Events, optionally restricted to those a CONSTRUCT query's triples mention.
pub fn events_for(
    store: &IsnadStore,
    construct: Option<(&str, &str)>,
) -> Result<Vec<crate::analyze::network::EventInfo>> {
    use oxigraph::model::{NamedOrBlankNode, Term};
    use oxigraph::sparql::QueryResults;
    let events = crate::analyze::network::load_events(store)?;
    let Some((origin, text)) = construct else {
        return Ok(events);
    };
    let QueryResults::Graph(triples) = store.query(query::prepare(origin, text)?)? else {
        return Err(Error::Usage(format!(
            "{origin}: --query needs a CONSTRUCT or DESCRIBE query"
        )));
    };
    let mut mentioned = std::collections::BTreeSet::new();
    for t in triples {
        let t = t?;
        if let NamedOrBlankNode::NamedNode(s) = &t.subject {
            mentioned.insert(s.as_str().to_owned());
        }
        if let Term::NamedNode(o) = &t.object {
            mentioned.insert(o.as_str().to_owned());
        }
    }
    Ok(events
        .into_iter()
        .filter(|e| mentioned.contains(&e.iri))
        .collect())
}

/// Writes a network export (GraphML, GEXF, DOT, Cytoscape, GeoJSON or CSV), with measures.
pub fn export_network(
    store: &IsnadStore,
    format: crate::viz::VizFormat,
    kind: NetworkKind,
    construct: Option<(&str, &str)>,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let events = events_for(store, construct)?;
    if format == crate::viz::VizFormat::GeoJson {
        // Places of every event, not only those in actor relations; no measures needed.
        let network = crate::analyze::network::event_network(store, &events)?;
        return crate::viz::write(&network, &events, format, out);
    }
    let mut network = match kind {
        NetworkKind::Actors => crate::analyze::network::actor_network(store, &events)?,
        NetworkKind::Events => crate::analyze::network::event_network(store, &events)?,
    };
    crate::analyze::measures::compute(&mut network);
    crate::viz::write(&network, &events, format, out)
}
