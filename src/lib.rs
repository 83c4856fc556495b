//! isnad builds RDF knowledge graphs from Arabic news about armed conflicts and answers
//! questions about them: who reported what, and on whose authority.
//!
//! The modules follow the data: [`ingest`] → [`extract`] → [`store`] → [`query`] →
//! [`export`]; [`pipeline`] chains them into the `ingest` and `build` jobs.

pub mod analyze;
pub mod article;
pub mod commands;
pub mod data;
pub mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod link;
pub mod normalize;
pub mod pipeline;
pub mod query;
pub mod remote;
pub mod resolve;
pub mod serve;
pub mod shard;
pub mod stats;
pub mod store;
pub mod tables;
pub mod viz;
pub mod vocab;
pub mod watch;

pub use article::Article;
pub use error::{Error, Result};
pub use store::IsnadStore;
