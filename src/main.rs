//! The `isnad` command: parses arguments, calls the library, maps errors to exit codes
//! (0 success, 1 some inputs rejected, 2 usage or fatal error; a closed pipe exits 0).

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use isnad::pipeline::{self, IngestOptions, IngestSummary};
use isnad::query::{self, OutputFormat};
use isnad::{export, stats, IsnadStore};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// isnad: knowledge graphs of who reported what, on whose authority, from Arabic conflict news.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, propagate_version = true)]
struct Cli {
    /// The store directory (embedded Oxigraph).
    #[arg(
        long,
        global = true,
        env = "ISNAD_STORE",
        default_value = "./isnad-store"
    )]
    store: PathBuf,
    /// More lexicon files (triggers, patterns, guard words, new event classes), read after
    /// the shipped ontology/lexicon.txt. Repeat the option, or separate paths with ':'.
    #[arg(long, global = true, env = "ISNAD_LEXICON", value_delimiter = ':')]
    lexicon: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Ingest articles: .txt/.md (with NAME.meta.json sidecars), .json, .jsonl, .zip, .gz.
    Ingest {
        /// Files or directories (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Read and extract everything, write nothing (report what would be written).
        #[arg(long)]
        dry_run: bool,
    },
    /// Run a SPARQL query: a .rq file, a saved query's name, or -e 'SPARQL'.
    Query {
        /// A .rq path or a saved query name (see `isnad queries`).
        #[arg(required_unless_present = "expression", conflicts_with = "expression")]
        query: Option<String>,
        /// Inline SPARQL text.
        #[arg(short = 'e', long = "expression", value_name = "SPARQL")]
        expression: Option<String>,
        /// table|json|csv|tsv|xml for SELECT/ASK; turtle|ntriples|nquads|trig for CONSTRUCT/DESCRIBE.
        #[arg(long, short = 'f')]
        format: Option<String>,
        /// Bind a variable: NAME=VALUE (an IRI, prefixed name, "literal"@lang, number or text).
        #[arg(long = "bind", value_name = "NAME=VALUE")]
        bind: Vec<String>,
        /// Directory of saved queries.
        #[arg(long, default_value = "queries")]
        queries_dir: PathBuf,
        /// Let SERVICE clauses call remote SPARQL endpoints (refused otherwise).
        #[arg(long)]
        allow_service: bool,
    },
    /// List the saved queries with their summaries and parameters.
    Queries {
        /// Directory of saved queries.
        #[arg(long, default_value = "queries")]
        queries_dir: PathBuf,
    },
    /// Export: turtle|ntriples|nquads|trig (the store), or graphml|gexf|dot|cytoscape|geojson|csv
    /// (the network, with its measures).
    Export {
        /// Output format.
        #[arg(long, short = 'f', default_value = "turtle")]
        format: String,
        /// Output file (default: standard output).
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Export only this named graph (RDF formats).
        #[arg(long)]
        graph: Option<String>,
        /// actors or events (network formats).
        #[arg(long, default_value = "actors")]
        network: String,
        /// Export only what a CONSTRUCT query returns (a .rq path or a saved query name).
        #[arg(long)]
        query: Option<String>,
        /// With --format dot: render with Graphviz to svg or png (needs -o).
        #[arg(long)]
        render: Option<String>,
        /// Directory of saved queries.
        #[arg(long, default_value = "queries")]
        queries_dir: PathBuf,
    },
    /// Count articles, quads, and instances of each ontology class.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The main job: ingest the corpus, write exports/graph.ttl and exports/queries/*.csv.
    Build {
        /// Corpus directory.
        #[arg(default_value = "corpus")]
        corpus: PathBuf,
        /// Directory the exports are written to.
        #[arg(long, default_value = "exports")]
        exports: PathBuf,
        /// Directory of saved queries.
        #[arg(long, default_value = "queries")]
        queries_dir: PathBuf,
    },
    /// Analyse the relations: report (measures, communities, lifecycles, contradictions,
    /// timeline) or the explained path between two actors.
    Analyze {
        #[command(subcommand)]
        what: AnalyzeCommand,
    },
    /// Explain extraction: an article file (or an identifier in the store), sentence by sentence.
    Explain {
        /// A file to read, or the schema:identifier of an article in the store.
        target: String,
    },
    /// Serve the store over the SPARQL 1.1 Protocol (read-only unless --allow-update).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: String,
        /// Accept SPARQL Update (refused with 403 otherwise).
        #[arg(long)]
        allow_update: bool,
        /// Seconds a query may run before it is stopped with 503.
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
        /// Most result rows returned.
        #[arg(long, default_value_t = 100_000)]
        max_rows: usize,
        /// Largest request body, in bytes.
        #[arg(long, default_value_t = 1_048_576)]
        max_body: usize,
        /// Directory of saved queries.
        #[arg(long, default_value = "queries")]
        queries_dir: PathBuf,
    },
    /// Reconcile entities without a link against a SPARQL endpoint with Wikidata-shaped data;
    /// writes owl:sameAs / skos:closeMatch with score and method to the links graph.
    Link {
        #[command(flatten)]
        remote: Remote,
        /// Print the candidates and decisions, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Minimum score for owl:sameAs.
        #[arg(long, default_value_t = 0.9)]
        same_as: f64,
        /// Minimum score for skos:closeMatch.
        #[arg(long, default_value_t = 0.7)]
        close_match: f64,
        /// text or json.
        #[arg(long, short = 'f', default_value = "text")]
        format: String,
    },
    /// Fetch coordinates (P625), country (P17), class (P31) and ar/en labels of linked items
    /// into the external graph.
    Enrich {
        #[command(flatten)]
        remote: Remote,
    },
    /// Load RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, by extension) into the store.
    Load {
        /// Files to load.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Named graph for triples (default: one per file, its file: IRI).
        #[arg(long)]
        graph: Option<String>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// How to reach a remote SPARQL endpoint.
#[derive(Debug, clap::Args)]
struct Remote {
    /// The SPARQL endpoint (e.g. https://query.wikidata.org/sparql).
    #[arg(long)]
    endpoint: String,
    /// Entities (or items) per VALUES query.
    #[arg(long, default_value_t = 40)]
    batch: usize,
    /// Seconds before a request is abandoned.
    #[arg(long, default_value_t = 60.0)]
    timeout: f64,
    /// Seconds to wait between two requests (be kind to public endpoints).
    #[arg(long, default_value_t = 0.5)]
    pause: f64,
}

impl Remote {
    fn options(&self) -> isnad::link::RemoteOptions {
        isnad::link::RemoteOptions {
            endpoint: self.endpoint.clone(),
            batch: self.batch,
            timeout: std::time::Duration::from_secs_f64(self.timeout.max(0.001)),
            pause: std::time::Duration::from_secs_f64(self.pause.max(0.0)),
        }
    }
}

#[derive(Debug, Subcommand)]
enum AnalyzeCommand {
    /// Print the analysis report (and write it back to the analysis graph).
    Report {
        /// text or json.
        #[arg(long, short = 'f', default_value = "text")]
        format: String,
    },
    /// The shortest explained connection between two actors (IRI, label or Wikidata QID).
    Path {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<isnad::Error>()
                    .is_some_and(isnad::Error::is_broken_pipe)
                    || cause
                        .downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "isnad: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    if !cli.lexicon.is_empty() {
        pipeline::load_lexicons(&cli.lexicon)?;
    }
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "isnad", &mut out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { what } => {
            let store = open(&cli.store)?;
            match what {
                AnalyzeCommand::Report { format } => {
                    let report = isnad::analyze::report::analyze(&store)?;
                    match format.as_str() {
                        "json" => {
                            serde_json::to_writer_pretty(&mut out, &report)?;
                            writeln!(out)?;
                        }
                        "text" => write!(out, "{}", report.to_text())?,
                        other => anyhow::bail!("unknown report format {other:?}: use text or json"),
                    }
                }
                AnalyzeCommand::Path { a, b } => {
                    let events = isnad::analyze::network::load_events(&store)?;
                    let network = isnad::analyze::network::actor_network(&store, &events)?;
                    let hops = isnad::analyze::path(&store, &network, &events, &a, &b)?;
                    for (i, h) in hops.iter().enumerate() {
                        writeln!(
                            out,
                            "{}. {} —[{}]→ {}  ({}, {})\n   «{}»",
                            i + 1,
                            h.from,
                            h.kind,
                            h.to,
                            h.event,
                            h.date.clone().unwrap_or_else(|| "undated".into()),
                            h.evidence
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            bind,
            allow_update,
            timeout,
            max_rows,
            max_body,
            queries_dir,
        } => {
            let store = std::sync::Arc::new(open(&cli.store)?);
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let flag = stop.clone();
            ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::SeqCst))
                .context("cannot install the SIGINT/SIGTERM handler")?;
            let options = isnad::serve::ServeOptions {
                bind,
                allow_update,
                timeout: std::time::Duration::from_secs_f64(timeout.max(0.001)),
                max_rows,
                max_body,
                queries_dir,
            };
            isnad::serve::serve(store, options, stop)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { target } => {
            let article = if std::path::Path::new(&target).is_file() {
                let batch = isnad::ingest::read_path(std::path::Path::new(&target));
                if let Some(r) = batch.rejections.first() {
                    anyhow::bail!("{r}");
                }
                batch.articles.into_iter().next()
            } else {
                let store = open(&cli.store)?;
                pipeline::article_by_identifier(&store, &target)?
            };
            let Some(article) = article else {
                anyhow::bail!("no file and no article with identifier {target:?} in the store");
            };
            isnad::extract::explain::explain(&article, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Queries { queries_dir } => {
            for q in query::saved_queries(&queries_dir)? {
                let params = if q.params.is_empty() {
                    String::new()
                } else {
                    format!("  [params: {}]", q.params.join(", "))
                };
                writeln!(out, "{:<14} {}{params}", q.name, q.summary)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ingest { paths, dry_run } => {
            let store = open(&cli.store)?;
            let summary = pipeline::ingest_paths(
                &store,
                &paths,
                IngestOptions {
                    progress: true,
                    dry_run,
                },
            )?;
            Ok(report(&summary, &mut out)?)
        }
        Command::Query {
            query: spec,
            expression,
            format,
            bind,
            queries_dir,
            allow_service,
        } => {
            let (origin, text) = match (&expression, &spec) {
                (Some(e), _) => query::resolve(e, true, &queries_dir)?,
                (None, Some(s)) => query::resolve(s, false, &queries_dir)?,
                (None, None) => anyhow::bail!("give a QUERY or -e 'SPARQL'"),
            };
            let format = format.map(|f| f.parse::<OutputFormat>()).transpose()?;
            let bindings = bind
                .iter()
                .map(|b| query::parse_binding(b))
                .collect::<Result<Vec<_>, _>>()?;
            let store = open(&cli.store)?;
            query::run_with(
                &store,
                &origin,
                &text,
                &bindings,
                format,
                terminal,
                &mut out,
                allow_service,
            )?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output,
            graph,
            network,
            query,
            render,
            queries_dir,
        } => {
            let construct = query
                .map(|q| query::resolve(&q, false, &queries_dir))
                .transpose()?;
            let construct_ref = construct.as_ref().map(|(o, t)| (o.as_str(), t.as_str()));
            if let Some(viz) = isnad::viz::VizFormat::parse(&format) {
                let kind = match network.as_str() {
                    "actors" => pipeline::NetworkKind::Actors,
                    "events" => pipeline::NetworkKind::Events,
                    other => anyhow::bail!("--network takes actors or events, not {other:?}"),
                };
                let store = open(&cli.store)?;
                let export = |w: &mut dyn Write| {
                    pipeline::export_network(&store, viz, kind, construct_ref, w)
                };
                match (&output, &render) {
                    (Some(path), Some(r)) => {
                        if viz != isnad::viz::VizFormat::Dot {
                            anyhow::bail!("--render applies to --format dot");
                        }
                        let dot_path = path.with_extension("dot");
                        pipeline::write_file(&dot_path, export)?;
                        isnad::viz::render(&dot_path, r, path)?;
                    }
                    (None, Some(_)) => anyhow::bail!("--render needs -o FILE"),
                    (Some(path), None) => pipeline::write_file(path, export)?,
                    (None, None) => export(&mut out)?,
                }
                return Ok(ExitCode::SUCCESS);
            }
            if let Some((origin, text)) = &construct {
                let store = open(&cli.store)?;
                let rdf = format.parse::<OutputFormat>()?;
                query::run(&store, origin, text, &[], Some(rdf), false, &mut out)?;
                return Ok(ExitCode::SUCCESS);
            }
            let format: export::RdfExport = format.parse()?;
            let graph = graph
                .map(|g| {
                    oxigraph::model::NamedNode::new(g.clone())
                        .with_context(|| format!("--graph {g:?} is not an IRI"))
                })
                .transpose()?;
            let store = open(&cli.store)?;
            let count = match output {
                Some(path) => {
                    let mut n = 0;
                    pipeline::write_file(&path, |w| {
                        n = export::export_rdf(&store, format, graph.as_ref(), w)?;
                        Ok(())
                    })?;
                    n
                }
                None => export::export_rdf(
                    &store,
                    format,
                    graph.as_ref(),
                    std::io::BufWriter::new(&mut out),
                )?,
            };
            let _ = writeln!(std::io::stderr(), "exported {count} statements");
            Ok(ExitCode::SUCCESS)
        }
        Command::Link {
            remote,
            dry_run,
            same_as,
            close_match,
            format,
        } => {
            let store = open(&cli.store)?;
            let thresholds = isnad::link::score::Thresholds {
                same_as,
                close_match,
                ..Default::default()
            };
            let report = isnad::link::link(&store, &remote.options(), thresholds, dry_run)?;
            let (same, close, ambiguous, none) = report.counts();
            match format.as_str() {
                "json" => {
                    serde_json::to_writer_pretty(&mut out, &report)?;
                    writeln!(out)?;
                }
                "text" => {
                    for line in isnad::link::report_lines(&report) {
                        writeln!(out, "{line}")?;
                    }
                }
                other => anyhow::bail!("--format {other}: expected text or json"),
            }
            writeln!(
                std::io::stderr(),
                "{} entities: {same} owl:sameAs, {close} skos:closeMatch, {ambiguous} ambiguous \
                 (left unlinked), {none} without a match; {} with a curated link skipped; {} \
                 requests{}",
                report.rows.len(),
                report.curated,
                report.requests,
                if report.written {
                    format!(" — written to <{}>", isnad::link::LINKS_GRAPH)
                } else {
                    " — dry run, nothing written".to_owned()
                }
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Enrich { remote } => {
            let store = open(&cli.store)?;
            let r = isnad::link::enrich(&store, &remote.options())?;
            writeln!(
                out,
                "{} linked items: {} facts written to <{}>, {} with coordinates; {} requests",
                r.items,
                r.facts,
                isnad::link::EXTERNAL_GRAPH,
                r.with_coordinates,
                r.requests
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Load { files, graph } => {
            let store = open(&cli.store)?;
            let graph = graph
                .map(|g| {
                    oxigraph::model::NamedNode::new(&g)
                        .with_context(|| format!("--graph {g}: not an IRI"))
                })
                .transpose()?;
            for file in &files {
                let n = store.load_rdf(file, graph.as_ref())?;
                writeln!(out, "{}: {n} quads", file.display())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json } => {
            let store = open(&cli.store)?;
            let stats = stats::stats(&store)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &stats)?;
                writeln!(out)?;
            } else {
                write!(out, "{stats}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            corpus,
            exports,
            queries_dir,
        } => {
            let store = open(&cli.store)?;
            let summary = pipeline::build(
                &store,
                &corpus,
                &queries_dir,
                &exports,
                IngestOptions {
                    progress: true,
                    dry_run: false,
                },
            )?;
            for path in &summary.written {
                writeln!(out, "wrote {}", path.display())?;
            }
            for why in &summary.skipped {
                writeln!(std::io::stderr(), "skipped {why}")?;
            }
            Ok(report(&summary.ingest, &mut out)?)
        }
    }
}

fn open(path: &std::path::Path) -> anyhow::Result<IsnadStore> {
    let mut store = IsnadStore::open(path)
        .with_context(|| format!("cannot open the store at {}", path.display()))?;
    // Articles extracted by another version or lexicon are extracted again.
    store.set_extractor(isnad::extract::lexicon::fingerprint());
    Ok(store)
}

/// Prints rejections and warnings on stderr and the summary line on stdout; exit 1 when
/// something was rejected.
fn report(summary: &IngestSummary, out: &mut dyn Write) -> std::io::Result<ExitCode> {
    let mut err = std::io::stderr().lock();
    for warning in &summary.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    for rejection in &summary.rejected {
        writeln!(err, "rejected: {rejection}")?;
    }
    writeln!(out, "{summary}")?;
    Ok(if summary.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
