//! The commands behind the `isnad` binary, with their options typed: each writes its output
//! to `out` (and notes to `err`), so the binary only parses arguments and maps the outcome to
//! an exit code.

use crate::error::{Error, Result};
use crate::pipeline::{self, IngestOptions, IngestSummary, NetworkKind};
use crate::query::{self, OutputFormat};
use crate::store::IsnadStore;
use crate::viz::VizFormat;
use crate::{export, stats};
use oxigraph::model::NamedNode;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Text for people, JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Text.
    Text,
    /// Pretty-printed JSON.
    Json,
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?;
    writeln!(out)?;
    Ok(())
}

fn iri(option: &str, g: Option<&str>) -> Result<Option<NamedNode>> {
    g.map(|g| NamedNode::new(g).map_err(|_| Error::Usage(format!("{option} {g:?} is not an IRI"))))
        .transpose()
}

static GRAPH_STORE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Sets the Graph Store endpoint of a remote store (`--graph-store`), once, before any
/// store is opened.
pub fn set_graph_store(url: Option<String>) {
    let _ = GRAPH_STORE.set(url);
}

/// Opens the store; articles extracted by another version or lexicon are extracted again.
/// A `path` that is an http(s) URL names a remote SPARQL 1.1 store.
pub fn open(path: &Path) -> Result<IsnadStore> {
    let location = path.to_string_lossy();
    if crate::remote::is_remote(&location) {
        let graph_store = GRAPH_STORE.get().cloned().flatten();
        let config = crate::remote::RemoteConfig::new(&location, graph_store.as_deref())?;
        let mut store = IsnadStore::open_remote(config)?;
        store.set_extractor(crate::extract::lexicon::fingerprint());
        return Ok(store);
    }
    let mut store = IsnadStore::open(path).map_err(|e| {
        if is_lock_error(&e) {
            Error::StoreBusy(path.to_owned())
        } else {
            Error::Usage(format!("cannot open the store at {}: {e}", path.display()))
        }
    })?;
    store.set_extractor(crate::extract::lexicon::fingerprint());
    Ok(store)
}

/// Opens the store for a command that only reads (query, export, stats, analyze report,
/// serve without updates). When another process holds it (a running `isnad serve`), the
/// store is opened read-only instead, with `Some(note)` saying so; when even that fails, one
/// sentence says what to do.
pub fn open_for_reading(path: &Path) -> Result<(IsnadStore, Option<String>)> {
    match open(path) {
        Ok(store) => Ok((store, None)),
        // The holder may be compacting just after opening: a few tries, a moment apart.
        Err(Error::StoreBusy(_)) => match read_only_with_retries(path, 10) {
            Ok(mut store) => {
                store.set_extractor(crate::extract::lexicon::fingerprint());
                Ok((
                    store,
                    Some(format!(
                        "the store at {} is held by another isnad process (isnad serve?): \
                         reading it as it is now, read-only",
                        path.display()
                    )),
                ))
            }
            Err(e) => Err(Error::Usage(format!(
                "the store at {} is held by another isnad process (isnad serve?) and cannot \
                 be read beside it ({e}): stop that process, or query its SPARQL endpoint",
                path.display()
            ))),
        },
        Err(e) => Err(e),
    }
}

/// Opens the store read-only, trying up to `tries` times 200 ms apart; the last error when
/// every try fails.
fn read_only_with_retries(path: &Path, tries: usize) -> Result<IsnadStore> {
    let mut attempt = IsnadStore::open_read_only(path);
    for _ in 1..tries {
        if attempt.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        attempt = IsnadStore::open_read_only(path);
    }
    attempt
}

/// True when opening failed because another process holds the store's lock.
fn is_lock_error(e: &Error) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("lock")
        && (text.contains("temporarily unavailable") || text.contains("lock file"))
}

/// Prints warnings and rejections to `err` and the summary line to `out`; true when every
/// input was accepted.
pub fn print_ingest(
    summary: &IngestSummary,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    for warning in &summary.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    for rejection in &summary.rejected {
        writeln!(err, "rejected: {rejection}")?;
    }
    writeln!(out, "{summary}")?;
    Ok(summary.rejected.is_empty())
}

/// `isnad build`: ingest the corpus, write the exports; true when every input was accepted.
pub fn build(
    store: &IsnadStore,
    corpus: &Path,
    queries_dir: &Path,
    exports: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    let options = IngestOptions {
        progress: true,
        dry_run: false,
    };
    let summary = pipeline::build(store, corpus, queries_dir, exports, options)?;
    for path in &summary.written {
        writeln!(out, "wrote {}", path.display())?;
    }
    for why in &summary.skipped {
        writeln!(err, "skipped {why}")?;
    }
    print_ingest(&summary.ingest, out, err)
}

/// `isnad analyze report`.
pub fn analyze_report(store: &IsnadStore, shape: Shape, out: &mut dyn Write) -> Result<()> {
    let report = crate::analyze::report::analyze(store)?;
    match shape {
        Shape::Json => json(out, &report),
        Shape::Text => Ok(write!(out, "{}", report.to_text())?),
    }
}

/// `isnad analyze path A B`: the explained connection, one hop per line.
pub fn analyze_path(store: &IsnadStore, a: &str, b: &str, out: &mut dyn Write) -> Result<()> {
    let events = crate::analyze::network::load_events(store)?;
    let network = crate::analyze::network::actor_network(store, &events)?;
    for (i, h) in crate::analyze::path(store, &network, &events, a, b)?
        .iter()
        .enumerate()
    {
        let date = h.date.clone().unwrap_or_else(|| "undated".into());
        writeln!(
            out,
            "{}. {} —[{}]→ {}  ({}, {date})\n   «{}»",
            i + 1,
            h.from,
            h.kind,
            h.to,
            h.event,
            h.evidence
        )?;
    }
    Ok(())
}

/// `isnad remove`: takes the articles out and says what is left.
pub fn remove(store: &IsnadStore, targets: &[String], out: &mut dyn Write) -> Result<()> {
    let (graphs, events) = crate::watch::remove(store, targets)?;
    for g in &graphs {
        writeln!(out, "removed {g}")?;
    }
    writeln!(
        out,
        "{} articles removed; {events} events left",
        graphs.len()
    )?;
    Ok(())
}

/// `isnad explain`: a file, or else the identifier of an article in the store.
pub fn explain(store: &Path, target: &str, out: &mut dyn Write) -> Result<()> {
    let article = if Path::new(target).is_file() {
        let batch = crate::ingest::read_path(Path::new(target));
        if let Some(r) = batch.rejections.first() {
            return Err(Error::Usage(r.to_string()));
        }
        batch.articles.into_iter().next()
    } else {
        pipeline::article_by_identifier(&open(store)?, target)?
    };
    let article = article.ok_or_else(|| {
        Error::Usage(format!(
            "no file and no article with identifier {target:?} in the store"
        ))
    })?;
    Ok(crate::extract::explain::explain(&article, out)?)
}

/// `isnad queries`: the saved queries with their summaries and parameters.
pub fn list_queries(queries_dir: &Path, out: &mut dyn Write) -> Result<()> {
    for q in query::saved_queries(queries_dir)? {
        let params = if q.params.is_empty() {
            String::new()
        } else {
            format!("  [params: {}]", q.params.join(", "))
        };
        writeln!(out, "{:<14} {}{params}", q.name, q.summary)?;
    }
    Ok(())
}

/// What `isnad query` runs.
#[derive(Debug, Clone)]
pub struct QueryRequest {
    /// A .rq path or a saved query's name.
    pub query: Option<String>,
    /// Inline SPARQL.
    pub expression: Option<String>,
    /// Output format name (table, json, csv, tsv, xml, turtle, ntriples, nquads, trig).
    pub format: Option<String>,
    /// NAME=VALUE bindings.
    pub bind: Vec<String>,
    /// Directory of saved queries.
    pub queries_dir: PathBuf,
    /// Let SERVICE clauses call remote endpoints.
    pub allow_service: bool,
    /// One page of results: at most `limit` from `offset`.
    pub limit: Option<usize>,
    /// Results skipped before the page.
    pub offset: usize,
}

/// `isnad query`.
pub fn run_query(
    store: &Path,
    req: &QueryRequest,
    terminal: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let (origin, text) = match (&req.expression, &req.query) {
        (Some(e), _) => query::resolve(e, true, &req.queries_dir)?,
        (None, Some(s)) => query::resolve(s, false, &req.queries_dir)?,
        (None, None) => return Err(Error::Usage("give a QUERY or -e 'SPARQL'".into())),
    };
    let text = query::page(&origin, &text, req.limit, req.offset)?;
    let format = req
        .format
        .as_deref()
        .map(str::parse::<OutputFormat>)
        .transpose()?;
    let bindings = req
        .bind
        .iter()
        .map(|b| query::parse_binding(b))
        .collect::<Result<Vec<_>>>()?;
    let (store, note) = open_for_reading(store)?;
    if let Some(note) = note {
        writeln!(err, "note: {note}")?;
    }
    query::run_with(
        &store,
        &origin,
        &text,
        &bindings,
        format,
        terminal,
        &mut *out,
        req.allow_service,
    )?;
    Ok(out.flush()?)
}

/// What `isnad export` writes.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// Format name: an RDF format (turtle, ntriples, nquads, trig) or a network format.
    pub format: String,
    /// Output file (standard output when absent).
    pub output: Option<PathBuf>,
    /// Only this named graph (RDF formats).
    pub graph: Option<String>,
    /// The network exported (network formats).
    pub network: NetworkKind,
    /// Only what this CONSTRUCT query returns.
    pub query: Option<String>,
    /// With DOT: render with Graphviz to this format (svg or png).
    pub render: Option<String>,
    /// Directory of saved queries.
    pub queries_dir: PathBuf,
}

/// `isnad export`. Returns the number of statements of an RDF export, if one was written.
pub fn export(
    store: &IsnadStore,
    req: &ExportRequest,
    out: &mut dyn Write,
) -> Result<Option<usize>> {
    let construct = req
        .query
        .as_deref()
        .map(|q| query::resolve(q, false, &req.queries_dir))
        .transpose()?;
    let construct_ref = construct.as_ref().map(|(o, t)| (o.as_str(), t.as_str()));
    if let Some(table) = crate::tables::TableFormat::parse(&req.format) {
        let mut rows = 0;
        match &req.output {
            Some(path) => pipeline::write_file(path, |w| {
                rows = crate::tables::export_table(store, table, w)?;
                Ok(())
            })?,
            None => rows = crate::tables::export_table(store, table, out)?,
        }
        return Ok(Some(rows));
    }
    if let Some(viz) = VizFormat::parse(&req.format) {
        let export =
            |w: &mut dyn Write| pipeline::export_network(store, viz, req.network, construct_ref, w);
        match (&req.output, &req.render) {
            (Some(path), Some(r)) => {
                if viz != VizFormat::Dot {
                    return Err(Error::Usage("--render applies to --format dot".into()));
                }
                let dot_path = path.with_extension("dot");
                pipeline::write_file(&dot_path, export)?;
                crate::viz::render(&dot_path, r, path)?;
            }
            (None, Some(_)) => return Err(Error::Usage("--render needs -o FILE".into())),
            (Some(path), None) => pipeline::write_file(path, export)?,
            (None, None) => export(out)?,
        }
        return Ok(None);
    }
    if let Some((origin, text)) = &construct {
        let rdf = req.format.parse::<OutputFormat>()?;
        query::run(store, origin, text, &[], Some(rdf), false, out)?;
        return Ok(None);
    }
    let format: export::RdfExport = req.format.parse()?;
    let graph = iri("--graph", req.graph.as_deref())?;
    let count = match &req.output {
        Some(path) => {
            let mut n = 0;
            pipeline::write_file(path, |w| {
                n = export::export_rdf(store, format, graph.as_ref(), w)?;
                Ok(())
            })?;
            n
        }
        None => export::export_rdf(store, format, graph.as_ref(), std::io::BufWriter::new(out))?,
    };
    Ok(Some(count as usize))
}

/// `isnad link`: reconcile, print the decisions, and a summary line to `err`.
pub fn link(
    store: &IsnadStore,
    remote: &crate::link::RemoteOptions,
    thresholds: crate::link::score::Thresholds,
    dry_run: bool,
    shape: Shape,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let report = crate::link::link(store, remote, thresholds, dry_run)?;
    match shape {
        Shape::Json => json(out, &report)?,
        Shape::Text => {
            for line in crate::link::report_lines(&report) {
                writeln!(out, "{line}")?;
            }
        }
    }
    let (same, close, ambiguous, none) = report.counts();
    let written = if report.written {
        format!(" — written to <{}>", crate::vocab::LINKS_GRAPH)
    } else {
        " — dry run, nothing written".to_owned()
    };
    writeln!(
        err,
        "{} entities: {same} owl:sameAs, {close} skos:closeMatch, {ambiguous} ambiguous \
         (left unlinked), {none} without a match; {} with a curated link skipped; {} \
         requests{written}",
        report.rows.len(),
        report.curated,
        report.requests,
    )?;
    Ok(())
}

/// `isnad enrich`.
pub fn enrich(
    store: &IsnadStore,
    remote: &crate::link::RemoteOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let r = crate::link::enrich(store, remote)?;
    writeln!(
        out,
        "{} linked items: {} facts written to <{}>, {} with coordinates; {} requests",
        r.items,
        r.facts,
        crate::vocab::EXTERNAL_GRAPH,
        r.with_coordinates,
        r.requests
    )?;
    Ok(())
}

/// `isnad load`: RDF files into the store, one line per file.
pub fn load(
    store: &IsnadStore,
    files: &[PathBuf],
    graph: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let graph = iri("--graph", graph)?;
    for file in files {
        let n = store.load_rdf(file, graph.as_ref())?;
        writeln!(out, "{}: {n} quads", file.display())?;
    }
    Ok(())
}

/// `isnad stats`.
pub fn print_stats(store: &IsnadStore, shape: Shape, out: &mut dyn Write) -> Result<()> {
    let stats = stats::stats(store)?;
    match shape {
        Shape::Json => json(out, &stats),
        Shape::Text => Ok(write!(out, "{stats}")?),
    }
}

/// `isnad extract --shard K/N -o DIR`: true when every input was read.
pub fn extract(
    paths: &[PathBuf],
    shard: crate::shard::Shard,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    let fingerprint = crate::extract::lexicon::fingerprint();
    let summary = crate::shard::extract_shard(paths, shard, dir, fingerprint)?;
    for rejection in &summary.rejected {
        writeln!(err, "rejected: {rejection}")?;
    }
    writeln!(
        out,
        "shard {}/{}: {} articles ({} in other shards), {} quads in {}",
        shard.index,
        shard.count,
        summary.articles,
        summary.others,
        summary.quads,
        summary.file.display()
    )?;
    Ok(summary.rejected.is_empty())
}

/// `isnad resolve`: rebuilds the events graph.
pub fn resolve(store: &IsnadStore, out: &mut dyn Write) -> Result<()> {
    let events = crate::resolve::rebuild_events(store)?;
    writeln!(out, "{events} events")?;
    Ok(())
}
