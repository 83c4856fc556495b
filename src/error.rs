//! Typed errors of the library. The binary maps them to exit codes.

use std::path::PathBuf;

/// Every error the library can return.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The on-disk store could not be opened, read or written.
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A file or directory could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// Writing output (to a pipe, a file, a socket) failed.
    #[error("output error: {0}")]
    Output(#[from] std::io::Error),
    /// A SPARQL query did not parse. Carries the line and column.
    #[error("{origin}: SPARQL syntax error: {message}")]
    QuerySyntax {
        /// Where the query came from (a path, a saved query name or `-e`).
        origin: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A SPARQL query failed while running.
    #[error("query evaluation failed: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// A SPARQL update failed.
    #[error("update failed: {0}")]
    Update(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// RDF text (Turtle, N-Quads…) did not parse.
    #[error("{origin}: RDF syntax error: {message}")]
    RdfSyntax {
        /// Which document.
        origin: String,
        /// The parser's message with its position.
        message: String,
    },
    /// A remote SPARQL endpoint failed or answered something unreadable.
    #[error("endpoint {url}: {message}")]
    Endpoint {
        /// The endpoint's URL.
        url: String,
        /// What went wrong (HTTP status and the start of the answer, or the parse error).
        message: String,
    },
    /// A lexicon file did not parse (file and line in the message).
    #[error(transparent)]
    Lexicon(#[from] crate::extract::lexicon::LexiconError),
    /// The user asked for something that cannot be done (bad name, bad format…).
    #[error("{0}")]
    Usage(String),
    /// Another process (a running `isnad serve`) holds the store's lock.
    #[error(
        "the store at {} is held by another isnad process (isnad serve?): stop it before \
         writing to the store, or use another --store",
        .0.display()
    )]
    StoreBusy(PathBuf),
    /// An internal invariant was broken. Never expected; reported instead of panicking.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            error: source,
        }
    }

    /// True when the error is a closed pipe on output (`isnad … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Self::Output(e) | Self::Io { error: e, .. } => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            Self::QueryEvaluation(e) => e.to_string().contains("Broken pipe"),
            _ => false,
        }
    }
}

/// Result alias of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
