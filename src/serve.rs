//! `isnad serve`: a SPARQL 1.1 Protocol endpoint over the store (`/sparql`, alias `/query`),
//! read-only unless started with `--allow-update`, with a time limit that really stops the
//! query, caps on result rows and request bodies, saved queries over HTTP (`/queries`,
//! `/queries/NAME`), `/health`, CORS headers, a small self-contained page at `/`, and one
//! log line per request with its timing.

use crate::error::{Error, Result};
use crate::query::{self, with_prefixes};
use crate::store::IsnadStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server};

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on.
    pub bind: String,
    /// Accept SPARQL Update.
    pub allow_update: bool,
    /// Time limit per query.
    pub timeout: Duration,
    /// Most result rows returned.
    pub max_rows: usize,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Queries evaluated at once: the engine checks its time limit only between reads of
    /// the store, so twenty cross products at once would each overrun it many times over.
    pub max_queries: usize,
    /// Requests handled at once; more get 503 at once.
    pub max_requests: usize,
    /// Saved queries.
    pub queries_dir: PathBuf,
}

/// Largest request head answered (tiny_http reads the head before isnad sees it).
const MAX_HEADER_BYTES: usize = 64 * 1024;

const PAGE: &str = include_str!("serve_page.html");
/// The view of the graph: actor network, map of places, timeline, evidence of an event.
const VIEW: &str = include_str!("view_page.html");

struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.into().into_bytes(),
        }
    }
}

/// Runs the server until `stop` is set (by SIGINT or SIGTERM in the binary).
pub fn serve(store: Arc<IsnadStore>, options: ServeOptions, stop: Arc<AtomicBool>) -> Result<()> {
    let server = Server::http(&options.bind)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", options.bind)))?;
    eprintln!("isnad: SPARQL endpoint on http://{}/sparql", options.bind);
    let slots = Arc::new(Slots::new(options.max_queries.max(1)));
    let options = Arc::new(options);
    // Requests in flight are awaited before returning: a query thread still reading the
    // store while the process exits can bring RocksDB down with a signal instead of exit 0.
    let mut workers: Vec<std::thread::JoinHandle<()>> = Vec::new();
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(e) => return Err(Error::Output(e)),
        };
        // A weak handle: a request waiting on its client keeps no store open, so the store
        // closes when the server stops even if a slow client is still sending.
        let (store, options, slots) = (Arc::downgrade(&store), options.clone(), slots.clone());
        workers.retain(|w| !w.is_finished());
        if workers.len() >= options.max_requests {
            // Answered off the accept loop: dropping a request reads the rest of its body,
            // which a slow client could make last forever.
            let busy = Response::from_string("the server is busy: try again shortly")
                .with_status_code(503);
            let _ = std::thread::Builder::new()
                .stack_size(64 << 10)
                .spawn(move || {
                    let _ = request.respond(busy);
                });
            continue;
        }
        // A larger stack than the default 2 MiB: the parser and evaluator recurse on the
        // query's structure (nesting itself is capped by query::check_nesting).
        let worker = std::thread::Builder::new()
            .stack_size(512 << 20)
            .spawn(move || handle(request, &store, &options, &slots));
        match worker {
            Ok(w) => workers.push(w),
            Err(e) => eprintln!("isnad: cannot start a request thread: {e}"),
        }
    }
    drop(server);
    // A query ends within the time limit (it is cancelled then); a request stuck on a slow
    // client's socket holds no store iterator and is not waited for past that.
    let deadline = Instant::now() + options.timeout + Duration::from_millis(500);
    while workers.iter().any(|w| !w.is_finished()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("isnad: shut down");
    Ok(())
}

/// The turns of query evaluation: at most `max_queries` at once.
#[derive(Debug)]
struct Slots {
    free: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

impl Slots {
    fn new(n: usize) -> Self {
        Self {
            free: std::sync::Mutex::new(n),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Waits for a turn until `deadline`; `None` when the deadline passes first.
    fn take(&self, deadline: Instant) -> Option<Turn<'_>> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            let left = deadline.checked_duration_since(Instant::now())?;
            free = self
                .freed
                .wait_timeout(free, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *free -= 1;
        Some(Turn(self))
    }
}

/// A turn of evaluation, given back when dropped.
struct Turn<'a>(&'a Slots);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

fn handle(
    mut request: Request,
    store: &std::sync::Weak<IsnadStore>,
    options: &ServeOptions,
    slots: &Slots,
) {
    let start = Instant::now();
    let method = request.method().clone();
    let url = request.url().to_owned();
    let reply = route(&mut request, store, options, slots).unwrap_or_else(|e| match e {
        Error::QuerySyntax { .. } | Error::Usage(_) => Reply::text(400, e.to_string()),
        // The engine here has no HTTP client for SERVICE: refused as a request, not failed
        // as a server error.
        Error::QueryEvaluation(ref q) if q.to_string().contains("is not supported") => Reply::text(
            400,
            format!("{q} (SERVICE, a federated query, is not allowed on this endpoint)"),
        ),
        Error::QueryEvaluation(ref q) if q.to_string().to_lowercase().contains("cancel") => {
            Reply::text(
                503,
                format!(
                    "query stopped after the time limit of {} s",
                    options.timeout.as_secs_f64()
                ),
            )
        }
        other => Reply::text(500, other.to_string()),
    });
    let status = reply.status;
    let mut response = Response::from_data(reply.body).with_status_code(status);
    for (k, v) in [
        ("Content-Type", reply.content_type.as_str()),
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Allow-Headers", "Content-Type, Accept"),
    ] {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
    eprintln!(
        "{{\"method\": \"{method}\", \"path\": {:?}, \"status\": {status}, \"ms\": {:.1}}}",
        url.split('?').next().unwrap_or_default(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn params(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn header(request: &Request, name: &str) -> String {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_owned())
        .unwrap_or_default()
}

fn route(
    request: &mut Request,
    store: &std::sync::Weak<IsnadStore>,
    options: &ServeOptions,
    slots: &Slots,
) -> Result<Reply> {
    let url = request.url().to_owned();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    let method = request.method().clone();
    if method == Method::Options {
        return Ok(Reply::text(204, ""));
    }
    let header_bytes: usize = request.url().len()
        + request
            .headers()
            .iter()
            .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
            .sum::<usize>();
    if header_bytes > MAX_HEADER_BYTES {
        return Ok(Reply::text(
            431,
            format!("request headers over {MAX_HEADER_BYTES} bytes"),
        ));
    }
    if request.body_length().is_some_and(|n| n > options.max_body) {
        return Ok(Reply::text(
            413,
            format!("request body over {} bytes", options.max_body),
        ));
    }
    let mut body = String::new();
    if method == Method::Post {
        let mut bytes = Vec::new();
        request
            .as_reader()
            .take(options.max_body as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Usage(format!("the request body could not be read: {e}")))?;
        if bytes.len() > options.max_body {
            return Ok(Reply::text(
                413,
                format!("request body over {} bytes", options.max_body),
            ));
        }
        // Found by fuzzing: a body that is not UTF-8 was a server error (500).
        match String::from_utf8(bytes) {
            Ok(text) => body = text,
            Err(e) => {
                return Ok(Reply::text(
                    400,
                    format!(
                        "the request body is not UTF-8 (byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                ))
            }
        }
    }
    let accept = header(request, "Accept");
    let Some(store) = store.upgrade() else {
        return Ok(Reply::text(503, "the server is shutting down"));
    };
    let store = store.as_ref();
    match (method, path) {
        (Method::Get, "/") => Ok(Reply {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: PAGE.as_bytes().to_vec(),
        }),
        (Method::Get, "/view") => Ok(Reply {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: VIEW.as_bytes().to_vec(),
        }),
        (Method::Get, "/health") => Ok(Reply::text(200, "ok")),
        (Method::Get, "/queries") => {
            let list: Vec<serde_json::Value> = query::saved_queries(&options.queries_dir)?
                .into_iter()
                .map(|q| serde_json::json!({"name": q.name, "summary": q.summary, "tags": q.tags, "params": q.params, "sparql": q.text}))
                .collect();
            Ok(Reply {
                status: 200,
                content_type: "application/json".into(),
                body: serde_json::to_vec(&list).unwrap_or_default(),
            })
        }
        (Method::Get, p) if p.starts_with("/queries/") => {
            // Only plain names present in the directory: `..`, slashes (even encoded) and
            // absolute paths never reach the file system.
            let name = decode(&p["/queries/".len()..]);
            let Some(saved) = query::find_saved(&options.queries_dir, &name)? else {
                return Ok(Reply::text(404, format!("no saved query {name:?}")));
            };
            let mut bindings = Vec::new();
            let (mut limit, mut offset) = (None, 0);
            for (k, v) in params(query_string) {
                let number = || {
                    v.parse::<usize>().map_err(|_| {
                        Error::Usage(format!("{k}={v}: a page parameter takes a whole number"))
                    })
                };
                match k.as_str() {
                    "_limit" => limit = Some(number()?),
                    "_offset" => offset = number()?,
                    _ if saved.params.contains(&k) => {
                        bindings.push(query::parse_binding(&format!("{k}={v}"))?);
                    }
                    _ => {}
                }
            }
            let text = query::page(&saved.name, &saved.text, limit, offset)?;
            let job = (saved.name.as_str(), text.as_str(), bindings.as_slice());
            run(store, job, &accept, options, slots)
        }
        (m @ (Method::Get | Method::Post), "/sparql" | "/query") => {
            let content_type = header(request, "Content-Type");
            let mut form = params(query_string);
            if m == Method::Post {
                if content_type.starts_with("application/sparql-query") {
                    form.push(("query".into(), body));
                } else if content_type.starts_with("application/sparql-update") {
                    form.push(("update".into(), body));
                } else {
                    form.extend(params(&body));
                }
            }
            if let Some((_, update)) = form.iter().find(|(k, _)| k == "update") {
                if !options.allow_update || m != Method::Post {
                    return Ok(Reply::text(403, "this endpoint is read-only (start it with --allow-update to accept SPARQL Update)"));
                }
                query::check_nesting("update", update)?;
                let prepared = query::evaluator(None)?.parse_update(update).map_err(|e| {
                    Error::QuerySyntax {
                        origin: "update".into(),
                        message: e.to_string(),
                    }
                })?;
                store.update(prepared, update)?;
                return Ok(Reply::text(200, "updated"));
            }
            let Some((_, text)) = form.iter().find(|(k, _)| k == "query") else {
                return Ok(Reply::text(400, "give a query (or an update) parameter"));
            };
            run(store, ("request", text, &[]), &accept, options, slots)
        }
        _ => Ok(Reply::text(404, "not found")),
    }
}

fn results_format(accept: &str) -> QueryResultsFormat {
    let a = accept.to_ascii_lowercase();
    if a.contains("sparql-results+xml") || a.contains("application/xml") {
        QueryResultsFormat::Xml
    } else if a.contains("text/csv") {
        QueryResultsFormat::Csv
    } else if a.contains("tab-separated") {
        QueryResultsFormat::Tsv
    } else {
        QueryResultsFormat::Json
    }
}

fn graph_format(accept: &str) -> RdfFormat {
    let a = accept.to_ascii_lowercase();
    if a.contains("n-triples") {
        RdfFormat::NTriples
    } else if a.contains("n-quads") {
        RdfFormat::NQuads
    } else if a.contains("ld+json") {
        RdfFormat::JsonLd {
            profile: Default::default(),
        }
    } else {
        RdfFormat::Turtle
    }
}

/// A query to run: where it comes from, its text, and the values bound to its variables.
type Job<'a> = (
    &'a str,
    &'a str,
    &'a [(oxigraph::model::Variable, oxigraph::model::Term)],
);

fn run(
    store: &IsnadStore,
    (origin, text, bindings): Job<'_>,
    accept: &str,
    options: &ServeOptions,
    slots: &Slots,
) -> Result<Reply> {
    // The time limit counts from when the request was read: a query still waiting for its
    // turn when it passes is stopped like one that ran too long.
    let deadline = Instant::now() + options.timeout;
    let Some(_turn) = slots.take(deadline) else {
        return Ok(Reply::text(
            503,
            format!(
                "query stopped after the time limit of {} s (waiting for a turn: the server is busy)",
                options.timeout.as_secs_f64()
            ),
        ));
    };
    // The timer cancels the query when the limit passes; it ends early, without cancelling,
    // when the request finishes first (its sender is dropped).
    let token = CancellationToken::new();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    {
        let token = token.clone();
        let limit = deadline.saturating_duration_since(Instant::now());
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                token.cancel();
            }
        });
    }
    let _done = done;
    let mut prepared = query::prepare_with(origin, text, Some(token))?;
    for (v, t) in bindings {
        prepared = prepared.substitute(v.clone(), t.clone());
    }
    let mut body = Vec::new();
    let content_type;
    match store.query(prepared)? {
        QueryResults::Solutions(solutions) => {
            let format = results_format(accept);
            content_type = format.media_type().to_owned();
            let mut ser = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())?;
            for s in solutions.take(options.max_rows) {
                ser.serialize(&s?)?;
            }
            ser.finish()?;
        }
        QueryResults::Boolean(b) => {
            let format = results_format(accept);
            content_type = format.media_type().to_owned();
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut body, b)?;
        }
        QueryResults::Graph(triples) => {
            let format = graph_format(accept);
            content_type = format.media_type().to_owned();
            let mut ser = with_prefixes(RdfSerializer::from_format(format))?.for_writer(&mut body);
            for t in triples.take(options.max_rows) {
                ser.serialize_triple(&t?)?;
            }
            ser.finish()?;
        }
    }
    Ok(Reply {
        status: 200,
        content_type,
        body,
    })
}
