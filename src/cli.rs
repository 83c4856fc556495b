//! The command line's shape (clap types): part of the binary, not of the library. Formats
//! and networks are value enums, so clap lists and checks them.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// isnad: knowledge graphs of who reported what, on whose authority, from Arabic conflict news.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, propagate_version = true)]
pub struct Cli {
    /// The store: a directory (embedded Oxigraph), or the http(s) URL of a SPARQL 1.1
    /// endpoint (Virtuoso, Fuseki…; credentials in ISNAD_REMOTE_USER/ISNAD_REMOTE_PASSWORD).
    #[arg(
        long,
        global = true,
        env = "ISNAD_STORE",
        default_value = "./isnad-store"
    )]
    pub store: PathBuf,
    /// The Graph Store HTTP Protocol endpoint of a remote store, when it is not derived from
    /// --store (Virtuoso's /sparql → /sparql-graph-crud, /sparql-auth → /sparql-graph-crud-auth).
    #[arg(long, global = true, env = "ISNAD_GRAPH_STORE")]
    pub graph_store: Option<String>,
    /// More lexicon files (triggers, patterns, guard words, new event classes), read after
    /// the shipped ontology/lexicon.txt. Repeat the option, or separate paths with ':'.
    #[arg(long, global = true, env = "ISNAD_LEXICON", value_delimiter = ':')]
    pub lexicon: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest articles: .txt/.md (with NAME.meta.json sidecars), .json, .jsonl, .zip, .gz.
    Ingest {
        /// Files or directories (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Read and extract everything, write nothing (report what would be written).
        #[arg(long)]
        dry_run: bool,
    },
    /// Watch a folder: ingest what is there, then each file as it appears or changes, one
    /// line per article with the events it created or updated (stop with Ctrl-C/SIGTERM).
    Watch {
        /// The folder (watched recursively).
        dir: PathBuf,
    },
    /// Remove articles (by identifier or article IRI) and rebuild the events without them.
    Remove {
        /// Identifiers or article-graph IRIs.
        #[arg(required = true)]
        targets: Vec<String>,
    },
    /// Extract one shard of the articles (K/N, by a hash of their identifiers) to
    /// gzip-compressed N-Quads for a store's own bulk loader; no store is opened. Then
    /// `isnad resolve` builds the events from what the store holds.
    Extract(ExtractArgs),
    /// Rebuild the events graph from the articles the store holds (after a bulk load).
    Resolve,
    /// Run a SPARQL query: a .rq file, a saved query's name, or -e 'SPARQL'.
    Query(QueryArgs),
    /// List the saved queries with their summaries and parameters.
    Queries {
        /// Directory of saved queries that add to or replace the built-in ones
        /// (default: ./queries when it exists).
        #[arg(long, value_parser = existing_dir)]
        queries_dir: Option<PathBuf>,
    },
    /// Export: turtle|ntriples|nquads|trig (the store), or graphml|gexf|dot|cytoscape|geojson|csv
    /// (the network, with its measures).
    Export(ExportArgs),
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
        /// Directory of saved queries that add to or replace the built-in ones
        /// (default: ./queries when it exists).
        #[arg(long, value_parser = existing_dir)]
        queries_dir: Option<PathBuf>,
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
    Serve(ServeArgs),
    /// Reconcile entities without a link against a SPARQL endpoint with Wikidata-shaped data;
    /// writes owl:sameAs / skos:closeMatch with score and method to the links graph.
    Link(LinkArgs),
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
pub struct Remote {
    /// The SPARQL endpoint (e.g. https://query.wikidata.org/sparql).
    #[arg(long)]
    pub endpoint: String,
    /// Entities (or items) per VALUES query.
    #[arg(long, default_value_t = 40)]
    pub batch: usize,
    /// Seconds before a request is abandoned.
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Seconds to wait between two requests (be kind to public endpoints).
    #[arg(long, default_value_t = 0.5)]
    pub pause: f64,
}

impl Remote {
    pub fn options(&self) -> isnad::link::RemoteOptions {
        isnad::link::RemoteOptions {
            endpoint: self.endpoint.clone(),
            batch: self.batch,
            timeout: std::time::Duration::from_secs_f64(self.timeout.max(0.001)),
            pause: std::time::Duration::from_secs_f64(self.pause.max(0.0)),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AnalyzeCommand {
    /// Print the analysis report (and write it back to the analysis graph).
    Report {
        /// text or json.
        #[arg(long, short = 'f', value_enum, default_value_t = Shape::Text)]
        format: Shape,
    },
    /// The shortest explained connection between two actors (IRI, label or Wikidata QID).
    Path {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
    },
}

/// Export formats: the store as RDF, or the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Graphml,
    Gexf,
    Dot,
    Cytoscape,
    Geojson,
    Csv,
    /// One row per event in ACLED's columns (CSV).
    Acled,
    /// One PLOVER event record per line (JSON lines).
    Plover,
}

/// Result formats of `isnad query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    Tsv,
    Xml,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
}

/// The network an export draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Network {
    Actors,
    Events,
}

/// What Graphviz renders DOT to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Render {
    Svg,
    Png,
}

/// Text for people or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shape {
    Text,
    Json,
}

/// The name clap knows a value by, which the library parses.
pub fn name(value: &impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}

impl From<Network> for isnad::pipeline::NetworkKind {
    fn from(n: Network) -> Self {
        match n {
            Network::Actors => Self::Actors,
            Network::Events => Self::Events,
        }
    }
}

impl From<Shape> for isnad::commands::Shape {
    fn from(s: Shape) -> Self {
        match s {
            Shape::Text => Self::Text,
            Shape::Json => Self::Json,
        }
    }
}

/// The options of `isnad query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A .rq path or a saved query name (see `isnad queries`).
    #[arg(required_unless_present = "expression", conflicts_with = "expression")]
    pub query: Option<String>,
    /// Inline SPARQL text.
    #[arg(short = 'e', long = "expression", value_name = "SPARQL")]
    pub expression: Option<String>,
    /// table|json|csv|tsv|xml for SELECT/ASK; turtle|ntriples|nquads|trig for CONSTRUCT/DESCRIBE.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<QueryFormat>,
    /// Bind a variable: NAME=VALUE (an IRI, prefixed name, "literal"@lang, number or text).
    #[arg(long = "bind", value_name = "NAME=VALUE")]
    pub bind: Vec<String>,
    /// Directory of saved queries that add to or replace the built-in ones
    /// (default: ./queries when it exists).
    #[arg(long, value_parser = existing_dir)]
    pub queries_dir: Option<PathBuf>,
    /// Let SERVICE clauses call remote SPARQL endpoints (refused otherwise).
    #[arg(long)]
    pub allow_service: bool,
    /// At most this many results (one page; applied after the query's own ORDER BY/LIMIT).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Skip this many results first (with --limit: the page to show).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

/// The options of `isnad export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Turtle)]
    pub format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Export only this named graph (RDF formats).
    #[arg(long)]
    pub graph: Option<String>,
    /// actors or events (network formats).
    #[arg(long, value_enum, default_value_t = Network::Actors)]
    pub network: Network,
    /// Export only what a CONSTRUCT query returns (a .rq path or a saved query name).
    #[arg(long)]
    pub query: Option<String>,
    /// With --format dot: render with Graphviz to svg or png (needs -o).
    #[arg(long, value_enum)]
    pub render: Option<Render>,
    /// Directory of saved queries that add to or replace the built-in ones
    /// (default: ./queries when it exists).
    #[arg(long, value_parser = existing_dir)]
    pub queries_dir: Option<PathBuf>,
}

/// The options of `isnad extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories (read recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Which shard: K/N (1 ≤ K ≤ N).
    #[arg(long, default_value = "1/1")]
    pub shard: isnad::shard::Shard,
    /// Directory the shard file (isnad-shard-K-of-N.nq.gz) is written to.
    #[arg(long, short = 'o')]
    pub output: PathBuf,
}

/// The options of `isnad serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Accept SPARQL Update (refused with 403 otherwise).
    #[arg(long)]
    pub allow_update: bool,
    /// Seconds a query may run before it is stopped with 503.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Most result rows returned.
    #[arg(long, default_value_t = 100_000)]
    pub max_rows: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1_048_576)]
    pub max_body: usize,
    /// Queries evaluated at once (default: the number of cores); others wait their turn
    /// within their time limit.
    #[arg(long)]
    pub max_queries: Option<usize>,
    /// Requests handled at once; beyond this, requests get 503 at once.
    #[arg(long, default_value_t = 256)]
    pub max_requests: usize,
    /// Directory of saved queries that add to or replace the built-in ones
    /// (default: ./queries when it exists).
    #[arg(long, value_parser = existing_dir)]
    pub queries_dir: Option<PathBuf>,
}

/// The options of `isnad link`.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    #[command(flatten)]
    pub remote: Remote,
    /// Print the candidates and decisions, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Minimum score for owl:sameAs.
    #[arg(long, default_value_t = 0.9)]
    pub same_as: f64,
    /// Minimum score for skos:closeMatch.
    #[arg(long, default_value_t = 0.7)]
    pub close_match: f64,
    /// text or json.
    #[arg(long, short = 'f', value_enum, default_value_t = Shape::Text)]
    pub format: Shape,
}

impl From<QueryArgs> for isnad::commands::QueryRequest {
    fn from(a: QueryArgs) -> Self {
        Self {
            query: a.query,
            expression: a.expression,
            format: a.format.map(|f| name(&f)),
            bind: a.bind,
            queries_dir: queries_dir(a.queries_dir),
            allow_service: a.allow_service,
            limit: a.limit,
            offset: a.offset,
        }
    }
}

impl From<ExportArgs> for isnad::commands::ExportRequest {
    fn from(a: ExportArgs) -> Self {
        Self {
            format: name(&a.format),
            output: a.output,
            graph: a.graph,
            network: a.network.into(),
            query: a.query,
            render: a.render.map(|r| name(&r)),
            queries_dir: queries_dir(a.queries_dir),
        }
    }
}

impl From<ServeArgs> for isnad::serve::ServeOptions {
    fn from(a: ServeArgs) -> Self {
        Self {
            bind: a.bind,
            allow_update: a.allow_update,
            timeout: std::time::Duration::from_secs_f64(a.timeout.max(0.001)),
            max_rows: a.max_rows,
            max_body: a.max_body,
            max_queries: a.max_queries.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
            }),
            max_requests: a.max_requests,
            queries_dir: queries_dir(a.queries_dir),
        }
    }
}

impl LinkArgs {
    /// The scores above which links are written.
    pub fn thresholds(&self) -> isnad::link::score::Thresholds {
        isnad::link::score::Thresholds {
            same_as: self.same_as,
            close_match: self.close_match,
            ..Default::default()
        }
    }
}

/// An explicit directory of saved queries must exist.
fn existing_dir(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(s);
    if p.is_dir() {
        Ok(p)
    } else {
        Err(format!("{s}: no such directory of saved queries"))
    }
}

/// The directory of saved queries: the one given, else ./queries (used when it exists; the
/// built-in queries are always there).
pub fn queries_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| PathBuf::from("queries"))
}

/// Opens the store for a command that only reads, with a note on stderr when another
/// process holds it and it is read read-only.
pub fn reader(
    store: &std::path::Path,
    err: &mut dyn std::io::Write,
) -> anyhow::Result<isnad::store::IsnadStore> {
    let (store, note) = isnad::commands::open_for_reading(store)?;
    if let Some(note) = note {
        writeln!(err, "note: {note}")?;
    }
    Ok(store)
}

/// A flag set by SIGINT or SIGTERM (and Ctrl-C), for the long-running commands.
pub fn stop_flag() -> anyhow::Result<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::SeqCst))?;
    Ok(stop)
}
