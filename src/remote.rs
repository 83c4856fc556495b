//! A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB…) spoken to over the standard
//! protocols only: the SPARQL 1.1 Protocol for queries and updates, and the Graph Store HTTP
//! Protocol to replace one named graph in one request. HTTP Basic or Digest credentials
//! come from the environment; connection errors and 5xx answers are retried with backoff;
//! every error names the endpoint.

use crate::error::{Error, Result};
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Triple, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
use std::sync::Mutex;
use std::time::Duration;

/// Where a remote store is and how to speak to it.
#[derive(Clone)]
pub struct RemoteConfig {
    /// The SPARQL 1.1 Protocol endpoint (queries and updates).
    pub query: String,
    /// The Graph Store HTTP Protocol endpoint.
    pub graph_store: String,
    /// User and password (HTTP Basic or Digest, as the server asks).
    pub credentials: Option<(String, String)>,
    /// Timeout of one request.
    pub timeout: Duration,
    /// Attempts of one request on connection errors and 5xx answers.
    pub attempts: u32,
    /// First pause between two attempts (doubled at each retry).
    pub backoff: Duration,
}

impl std::fmt::Debug for RemoteConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteConfig")
            .field("query", &self.query)
            .field("graph_store", &self.graph_store)
            .field("user", &self.credentials.as_ref().map(|c| &c.0))
            .finish_non_exhaustive()
    }
}

/// True when a `--store` value names a remote store rather than a directory.
pub fn is_remote(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

impl RemoteConfig {
    /// A remote store at `query`, its Graph Store endpoint at `graph_store` or derived from
    /// `query` (Virtuoso's `/sparql` → `/sparql-graph-crud`, `/sparql-auth` →
    /// `/sparql-graph-crud-auth`; otherwise the same URL, as Fuseki's dataset URL), with
    /// credentials from `ISNAD_REMOTE_USER` and `ISNAD_REMOTE_PASSWORD`.
    pub fn new(query: &str, graph_store: Option<&str>) -> Result<Self> {
        for url in std::iter::once(query).chain(graph_store) {
            if !is_remote(url) || url::Url::parse(url).is_err() {
                return Err(Error::Usage(format!(
                    "{url}: expected an http:// or https:// URL of a SPARQL endpoint"
                )));
            }
        }
        let graph_store = graph_store.map(str::to_owned).unwrap_or_else(|| {
            let base = query.trim_end_matches('/');
            if let Some(root) = base.strip_suffix("/sparql-auth") {
                format!("{root}/sparql-graph-crud-auth")
            } else if let Some(root) = base.strip_suffix("/sparql") {
                format!("{root}/sparql-graph-crud")
            } else {
                query.to_owned()
            }
        });
        let user = std::env::var("ISNAD_REMOTE_USER").ok();
        let password = std::env::var("ISNAD_REMOTE_PASSWORD").ok();
        let credentials = match (user, password) {
            (Some(u), Some(p)) => Some((u, p)),
            (None, None) => None,
            _ => {
                return Err(Error::Usage(
                    "set both ISNAD_REMOTE_USER and ISNAD_REMOTE_PASSWORD, or neither".into(),
                ))
            }
        };
        let seconds = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(default)
        };
        Ok(Self {
            query: query.to_owned(),
            graph_store,
            credentials,
            timeout: Duration::from_secs(seconds("ISNAD_REMOTE_TIMEOUT", 300)),
            attempts: seconds("ISNAD_REMOTE_ATTEMPTS", 5).max(1) as u32,
            backoff: Duration::from_millis(500),
        })
    }
}

/// A remote SPARQL 1.1 store.
pub struct RemoteStore {
    config: RemoteConfig,
    client: oxhttp::Client,
    /// The server's last Digest challenge, answered pre-emptively (with a new nonce count).
    digest: Mutex<Option<digest_auth::WwwAuthenticateHeader>>,
    /// The server asked for Basic credentials: they are sent pre-emptively.
    basic: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for RemoteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteStore")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What a request sends.
struct Call<'a> {
    method: Method,
    url: String,
    content_type: Option<&'a str>,
    accept: &'a str,
    body: Vec<u8>,
}

impl RemoteStore {
    /// Connects (lazily: the first request tells whether the endpoint is up).
    pub fn new(config: RemoteConfig) -> Result<Self> {
        let client = oxhttp::Client::new()
            .with_global_timeout(config.timeout)
            .with_redirection_limit(3)
            .with_user_agent(concat!(
                "isnad/",
                env!("CARGO_PKG_VERSION"),
                " (https://w3id.org/isnad) oxhttp/0.3"
            ))
            .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Self {
            config,
            client,
            digest: Mutex::new(None),
            basic: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The query endpoint's URL.
    pub fn url(&self) -> &str {
        &self.config.query
    }

    fn error(&self, url: &str, message: impl std::fmt::Display) -> Error {
        Error::Endpoint {
            url: url.to_owned(),
            message: message.to_string(),
        }
    }

    /// Sends `call`, answering an authentication challenge once and retrying connection
    /// errors and 5xx answers with exponential backoff. Returns the status and the body of a
    /// successful answer; any other answer is an error naming the URL.
    fn send(&self, call: &Call<'_>) -> Result<Vec<u8>> {
        let mut pause = self.config.backoff;
        let mut challenged = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self.request(call)?;
            let response = match self.client.request(request) {
                Ok(r) => r,
                Err(e) if attempt < self.config.attempts => {
                    let _ = e;
                    std::thread::sleep(pause);
                    pause *= 2;
                    continue;
                }
                Err(e) => {
                    return Err(self.error(
                        &call.url,
                        format!("the store does not answer ({e}) after {attempt} attempts"),
                    ))
                }
            };
            let status = response.status();
            // Virtuoso cuts an answer at its ResultSetMaxRows and says so only in this
            // header: a cut answer would make a smaller graph, so it is an error.
            if let Some(limit) = response
                .headers()
                .get("x-sparql-maxrows")
                .and_then(|v| v.to_str().ok())
            {
                return Err(self.error(&call.url, cut_answer(limit.trim())));
            }
            let challenge = response
                .headers()
                .get(WWW_AUTHENTICATE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body = response
                .into_body()
                .to_vec()
                .map_err(|e| self.error(&call.url, format!("the answer was cut: {e}")))?;
            if status == StatusCode::UNAUTHORIZED {
                let stale = challenge
                    .as_deref()
                    .is_some_and(|c| c.to_ascii_lowercase().contains("stale=true"));
                if (!challenged || stale) && self.config.credentials.is_some() {
                    if let Some(c) = challenge.as_deref() {
                        self.accept_challenge(&call.url, c)?;
                        challenged = true;
                        attempt -= 1;
                        continue;
                    }
                }
                return Err(self.error(
                    &call.url,
                    if self.config.credentials.is_some() {
                        "HTTP 401 Unauthorized: the store refused the credentials of \
                         ISNAD_REMOTE_USER / ISNAD_REMOTE_PASSWORD"
                    } else {
                        "HTTP 401 Unauthorized: the store asks for credentials \
                         (set ISNAD_REMOTE_USER and ISNAD_REMOTE_PASSWORD)"
                    },
                ));
            }
            if status.is_server_error() && attempt < self.config.attempts {
                std::thread::sleep(pause);
                pause *= 2;
                continue;
            }
            if !status.is_success() {
                let text = String::from_utf8_lossy(&body);
                let excerpt: String = text.trim().chars().take(400).collect();
                return Err(self.error(&call.url, format!("HTTP {status}: {excerpt}")));
            }
            return Ok(body);
        }
    }

    fn request(&self, call: &Call<'_>) -> Result<Request<Body>> {
        let mut builder = Request::builder()
            .method(call.method.clone())
            .uri(&call.url)
            .header(ACCEPT, call.accept);
        if let Some(t) = call.content_type {
            builder = builder.header(CONTENT_TYPE, t);
        }
        if let Some(value) = self.authorization(call)? {
            builder = builder.header(AUTHORIZATION, value);
        }
        builder
            .body(Body::from(call.body.clone()))
            .map_err(|e| self.error(&call.url, e))
    }

    fn accept_challenge(&self, url: &str, challenge: &str) -> Result<()> {
        if challenge
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("basic")
        {
            self.basic.store(true, std::sync::atomic::Ordering::SeqCst);
            return Ok(());
        }
        let prompt = digest_auth::parse(challenge)
            .map_err(|e| self.error(url, format!("unreadable Digest challenge: {e}")))?;
        *self
            .digest
            .lock()
            .map_err(|_| Error::Internal("digest lock poisoned".into()))? = Some(prompt);
        Ok(())
    }

    /// The Authorization header for `call`, when the server asked for one.
    fn authorization(&self, call: &Call<'_>) -> Result<Option<String>> {
        let Some((user, password)) = &self.config.credentials else {
            return Ok(None);
        };
        if self.basic.load(std::sync::atomic::Ordering::SeqCst) {
            use base64::Engine;
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            return Ok(Some(format!("Basic {token}")));
        }
        let mut guard = self
            .digest
            .lock()
            .map_err(|_| Error::Internal("digest lock poisoned".into()))?;
        let Some(prompt) = guard.as_mut() else {
            return Ok(None);
        };
        let parsed = url::Url::parse(&call.url).map_err(|e| self.error(&call.url, e))?;
        let uri = match parsed.query() {
            Some(q) => format!("{}?{q}", parsed.path()),
            None => parsed.path().to_owned(),
        };
        let method = digest_auth::HttpMethod::from(call.method.as_str().to_owned());
        let context = digest_auth::AuthContext::new_with_method(
            user.as_str(),
            password.as_str(),
            uri,
            Some(call.body.as_slice()),
            method,
        );
        let answer = prompt.respond(&context).map_err(|e| {
            self.error(
                &call.url,
                format!("cannot answer the Digest challenge: {e}"),
            )
        })?;
        Ok(Some(answer.to_header_string()))
    }

    fn form(key: &str, value: &str) -> Vec<u8> {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair(key, value)
            .finish()
            .into_bytes()
    }

    /// Runs a query (SELECT, ASK, CONSTRUCT or DESCRIBE: `graph` tells the last two).
    pub fn query(&self, text: &str, graph: bool) -> Result<QueryResults<'static>> {
        let call = Call {
            method: Method::POST,
            url: self.config.query.clone(),
            content_type: Some("application/x-www-form-urlencoded"),
            accept: if graph {
                "application/n-triples, text/plain;q=0.9"
            } else {
                "application/sparql-results+json"
            },
            body: Self::form("query", text),
        };
        let body = self.send(&call)?;
        if graph {
            let triples = self.parse_triples(&call.url, &body)?;
            return Ok(QueryResults::Graph(QueryTripleIter::new(
                triples.into_iter().map(Ok),
            )));
        }
        let body = virtuoso_blank_nodes(body);
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_slice(&body)
            .map_err(|e| self.error(&call.url, format!("unreadable SPARQL JSON results: {e}")))?;
        match parsed {
            SliceQueryResultsParserOutput::Boolean(b) => Ok(QueryResults::Boolean(b)),
            SliceQueryResultsParserOutput::Solutions(solutions) => {
                let variables: std::sync::Arc<[Variable]> = solutions.variables().into();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| {
                        self.error(&call.url, format!("unreadable SPARQL JSON results: {e}"))
                    })?;
                    let values: Vec<Option<Term>> = solution
                        .values()
                        .iter()
                        .map(|t| t.clone().map(canonical_boolean))
                        .collect();
                    rows.push(Ok(values));
                }
                Ok(QueryResults::Solutions(QuerySolutionIter::from_tuples(
                    variables, rows,
                )))
            }
        }
    }

    fn parse_triples(&self, url: &str, body: &[u8]) -> Result<Vec<Triple>> {
        RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(body)
            .map(|q| q.map(Triple::from))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.error(url, format!("unreadable N-Triples: {e}")))
    }

    /// Runs a SPARQL update.
    pub fn update(&self, text: &str) -> Result<()> {
        self.send(&Call {
            method: Method::POST,
            url: self.config.query.clone(),
            content_type: Some("application/x-www-form-urlencoded"),
            accept: "*/*",
            body: Self::form("update", text),
        })?;
        Ok(())
    }

    fn graph_url(&self, graph: &NamedNode) -> String {
        let sep = if self.config.graph_store.contains('?') {
            '&'
        } else {
            '?'
        };
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("graph", graph.as_str())
            .finish();
        format!("{}{sep}{query}", self.config.graph_store)
    }

    fn graph_call(&self, method: Method, graph: &NamedNode, triples: &[Triple]) -> Result<()> {
        let mut body = Vec::new();
        let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for t in triples {
            ser.serialize_triple(t)?;
        }
        ser.finish()?;
        self.send(&Call {
            method,
            url: self.graph_url(graph),
            content_type: Some("application/n-triples"),
            accept: "*/*",
            body,
        })?;
        Ok(())
    }

    /// Replaces the named graph `graph` with `triples` in one request (Graph Store PUT).
    pub fn put_graph(&self, graph: &NamedNode, triples: &[Triple]) -> Result<()> {
        self.graph_call(Method::PUT, graph, triples)
    }

    /// Adds `triples` to the named graph `graph` in one request (Graph Store POST).
    pub fn post_graph(&self, graph: &NamedNode, triples: &[Triple]) -> Result<()> {
        self.graph_call(Method::POST, graph, triples)
    }

    /// Deletes the named graph `graph` (Graph Store DELETE); an absent graph is no error.
    pub fn delete_graph(&self, graph: &NamedNode) -> Result<()> {
        match self.send(&Call {
            method: Method::DELETE,
            url: self.graph_url(graph),
            content_type: None,
            accept: "*/*",
            body: Vec::new(),
        }) {
            Err(Error::Endpoint { message, .. }) if message.starts_with("HTTP 404") => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// The triples of the named graph `graph` (Graph Store GET); an absent graph is empty.
    pub fn get_graph(&self, graph: &NamedNode) -> Result<Vec<Triple>> {
        let call = Call {
            method: Method::GET,
            url: self.graph_url(graph),
            content_type: None,
            accept: "application/n-triples, text/plain;q=0.9",
            body: Vec::new(),
        };
        let triples = match self.send(&call) {
            Ok(body) => self.parse_triples(&call.url, &body)?,
            Err(Error::Endpoint { message, .. }) if message.starts_with("HTTP 404") => Vec::new(),
            Err(e) => return Err(e),
        };
        // An engine may cut a Graph Store answer silently (Virtuoso does, at its
        // ResultSetMaxRows, without the header): the graph's size is asked and compared.
        let count = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}");
        if let QueryResults::Solutions(mut rows) = self.query(&count, false)? {
            let expected = match rows.next().transpose()?.as_ref().and_then(|r| r.get(0)) {
                Some(Term::Literal(n)) => n.value().parse::<usize>().ok(),
                _ => None,
            };
            if expected.is_some_and(|n| n > triples.len()) {
                return Err(self.error(&call.url, cut_answer(&triples.len().to_string())));
            }
        }
        Ok(triples)
    }
}

/// Why a cut answer is refused, and what to change.
fn cut_answer(limit: &str) -> String {
    format!(
        "the store cut its answer at {limit} rows (Virtuoso: [SPARQL] ResultSetMaxRows in \
         virtuoso.ini); raise that limit above the largest answer isnad needs (the events \
         and article graphs, the readings of the whole store); nothing was taken from this \
         answer"
    )
}

/// The text a remote store is sent for a query of isnad's: the project's prefixes declared
/// first (a query's own declarations come after and win), and each binding given as a
/// `VALUES` block at the start of the query's outer group (after `WHERE {`, or after the
/// first `{` when the query has no `WHERE`), where its filters see it.
pub fn query_text(text: &str, bindings: &[(Variable, Term)]) -> String {
    let mut out = String::new();
    for (prefix, iri) in crate::vocab::PREFIXES {
        out.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
    }
    if bindings.is_empty() {
        out.push_str(text);
        return out;
    }
    let mut values = String::from(" VALUES (");
    for (v, _) in bindings {
        values.push_str(&format!("{v} "));
    }
    values.push_str(") { (");
    for (_, t) in bindings {
        values.push_str(&format!("{t} "));
    }
    values.push_str(") } ");
    let at = outer_group(text).unwrap_or(text.len());
    out.push_str(&text[..at]);
    out.push_str(&values);
    out.push_str(&text[at..]);
    out
}

/// The byte just after the `{` that opens a query's outer group, found outside comments,
/// strings and IRIs.
fn outer_group(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut first_brace = None;
    let mut after_where = false;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'<' if text[i + 1..]
                .find(['>', ' ', '\n'])
                .is_some_and(|e| text.as_bytes()[i + 1 + e] == b'>') =>
            {
                i += text[i..].find('>').unwrap_or(0);
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => {
                if after_where {
                    return Some(i + 1);
                }
                first_brace.get_or_insert(i + 1);
            }
            b'w' | b'W'
                if text[i..].len() >= 5
                    && text[i..i + 5].eq_ignore_ascii_case("where")
                    && (i == 0
                        || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'?')
                    && !text[i + 5..].starts_with(|c: char| c.is_alphanumeric() || c == '_') =>
            {
                after_where = true;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    first_brace
}

/// Virtuoso answers `true` as `"1"^^xsd:boolean` in results: booleans are written in their
/// canonical form again.
fn canonical_boolean(term: Term) -> Term {
    if let Term::Literal(l) = &term {
        if l.datatype() == oxigraph::model::vocab::xsd::BOOLEAN {
            match l.value() {
                "1" => return Literal::from(true).into(),
                "0" => return Literal::from(false).into(),
                _ => {}
            }
        }
    }
    term
}

/// Virtuoso writes blank nodes in JSON results as `nodeID://b123`, which is no blank node
/// label: the prefix is dropped (`b123`). Only a structural `"value": "nodeID://` is
/// touched: a quote inside a JSON string is escaped, so no literal is changed.
fn virtuoso_blank_nodes(body: Vec<u8>) -> Vec<u8> {
    const MARKS: [&[u8]; 2] = [b"\"value\": \"nodeID://", b"\"value\":\"nodeID://"];
    if !MARKS.iter().any(|m| body.windows(m.len()).any(|w| w == *m)) {
        return body;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if let Some(m) = MARKS.iter().find(|m| body[i..].starts_with(m)) {
            let keep = m.len() - "nodeID://".len();
            out.extend_from_slice(&m[..keep]);
            i += m.len();
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
}

/// True when `text` is a CONSTRUCT or DESCRIBE query (its answer is a graph).
pub fn is_graph_query(text: &str) -> bool {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, iri) in crate::vocab::PREFIXES {
        parser = match parser.with_prefix(*prefix, *iri) {
            Ok(p) => p,
            Err(_) => return false,
        };
    }
    matches!(
        parser.parse_query(text),
        Ok(spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{NamedNode, Variable};

    #[test]
    fn bindings_go_into_the_outer_group_after_where() {
        let b = vec![(
            Variable::new_unchecked("_e"),
            NamedNode::new_unchecked("http://x/e").into(),
        )];
        let q = "# a { comment\nCONSTRUCT { ?s ?p \"{\" } WHERE { ?s ?p ?_e FILTER(?_e != <http://x/{>) }";
        let t = query_text(q, &b);
        assert!(
            t.contains("WHERE { VALUES (?_e ) { (<http://x/e> ) }  ?s ?p ?_e"),
            "{t}"
        );
        let q = "SELECT * { ?s ?p ?_e }";
        assert!(query_text(q, &b)
            .ends_with("SELECT * { VALUES (?_e ) { (<http://x/e> ) }  ?s ?p ?_e }"));
        assert!(query_text("SELECT ?where WHERE { ?where ?p ?o }", &b).contains("WHERE { VALUES"));
        assert!(is_graph_query("CONSTRUCT WHERE { ?s isnad:p ?o }"));
        assert!(!is_graph_query("SELECT * { ?s ?p ?o }"));
    }

    #[test]
    fn virtuoso_booleans_become_canonical() {
        let one = Literal::new_typed_literal("1", oxigraph::model::vocab::xsd::BOOLEAN);
        assert_eq!(canonical_boolean(one.into()), Literal::from(true).into());
        let n: Term = Literal::from(1).into();
        assert_eq!(canonical_boolean(n.clone()), n);
    }

    #[test]
    fn virtuoso_blank_node_labels_become_labels_and_literals_stay() {
        let body = br#"{"o": { "type": "bnode", "value": "nodeID://b10006" }, "l": { "type": "literal", "value": "say \"value\": \"nodeID://x" }}"#;
        let fixed = String::from_utf8(virtuoso_blank_nodes(body.to_vec())).unwrap();
        assert!(fixed.contains(r#""value": "b10006""#), "{fixed}");
        assert!(fixed.contains(r#"say \"value\": \"nodeID://x"#), "{fixed}");
    }

    #[test]
    fn graph_store_endpoint_is_derived_from_virtuoso_paths() {
        let c = RemoteConfig::new("http://h:8890/sparql", None).unwrap();
        assert_eq!(c.graph_store, "http://h:8890/sparql-graph-crud");
        let c = RemoteConfig::new("http://h:8890/sparql-auth/", None).unwrap();
        assert_eq!(c.graph_store, "http://h:8890/sparql-graph-crud-auth");
        let c = RemoteConfig::new("http://h:3030/ds", Some("http://h:3030/ds/data")).unwrap();
        assert_eq!(c.graph_store, "http://h:3030/ds/data");
        assert!(RemoteConfig::new("ftp://h/sparql", None).is_err());
    }
}
