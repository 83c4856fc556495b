//! A polite SPARQL client for remote endpoints: a descriptive User-Agent, POSTed queries,
//! and `Retry-After` honoured on 429 and 503.

use crate::error::{Error, Result};
use oxhttp::model::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::model::Term;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::collections::BTreeMap;
use std::time::Duration;

/// The User-Agent isnad sends (Wikimedia's policy asks for a tool name, version and contact).
pub const USER_AGENT: &str = concat!(
    "isnad/",
    env!("CARGO_PKG_VERSION"),
    " (https://w3id.org/isnad; entity linking of Arabic conflict news) oxhttp/0.3"
);

/// One row of a SELECT result.
pub type Row = BTreeMap<String, Term>;

/// A remote SPARQL endpoint.
pub struct Endpoint {
    url: String,
    client: oxhttp::Client,
    /// Attempts per query when the endpoint answers 429 or 503.
    pub attempts: u32,
    /// Longest wait accepted from a `Retry-After` header.
    pub max_wait: Duration,
    /// Pause between two queries.
    pub pause: Duration,
    requests: std::cell::Cell<u32>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &self.url)
            .field("attempts", &self.attempts)
            .field("requests", &self.requests.get())
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// An endpoint at `url` (http or https) with a per-request timeout.
    pub fn new(url: &str, timeout: Duration) -> Result<Self> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::Usage(format!(
                "--endpoint {url}: expected an http:// or https:// URL"
            )));
        }
        let client = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_redirection_limit(3)
            .with_user_agent(USER_AGENT)
            .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Self {
            url: url.to_owned(),
            client,
            attempts: 4,
            max_wait: Duration::from_secs(120),
            pause: Duration::ZERO,
            requests: std::cell::Cell::new(0),
        })
    }

    /// The endpoint's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many HTTP requests were sent (retries included).
    pub fn requests(&self) -> u32 {
        self.requests.get()
    }

    fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::Endpoint {
            url: self.url.clone(),
            message: message.to_string(),
        }
    }

    /// Runs a SELECT query and returns its rows.
    pub fn select(&self, query: &str) -> Result<Vec<Row>> {
        let form: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .finish();
        let mut attempt = 0;
        loop {
            attempt += 1;
            if self.requests.get() > 0 && !self.pause.is_zero() {
                std::thread::sleep(self.pause);
            }
            self.requests.set(self.requests.get() + 1);
            let request = Request::builder()
                .method(Method::POST)
                .uri(&self.url)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(ACCEPT, "application/sparql-results+json")
                .body(Body::from(form.clone()))
                .map_err(|e| self.error(e))?;
            let response = self.client.request(request).map_err(|e| self.error(e))?;
            let status = response.status();
            if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
            {
                let wait = retry_after(
                    response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok()),
                    attempt,
                );
                if attempt >= self.attempts || wait > self.max_wait {
                    return Err(self.error(format!(
                        "HTTP {status} after {attempt} attempts (asked to wait {} s)",
                        wait.as_secs()
                    )));
                }
                std::thread::sleep(wait);
                continue;
            }
            let body = response.into_body().to_vec().map_err(|e| self.error(e))?;
            if !status.is_success() {
                let text = String::from_utf8_lossy(&body);
                let excerpt: String = text.chars().take(300).collect();
                return Err(self.error(format!("HTTP {status}: {}", excerpt.trim())));
            }
            return self.parse(&body);
        }
    }

    fn parse(&self, body: &[u8]) -> Result<Vec<Row>> {
        let parser = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(body)
            .map_err(|e| self.error(format!("unreadable SPARQL JSON results: {e}")))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parser else {
            return Err(self.error("expected SELECT results, got a boolean"));
        };
        let mut rows = Vec::new();
        for solution in solutions {
            let solution =
                solution.map_err(|e| self.error(format!("unreadable SPARQL JSON results: {e}")))?;
            rows.push(
                solution
                    .iter()
                    .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                    .collect(),
            );
        }
        Ok(rows)
    }
}

/// The wait a `Retry-After` value asks for (seconds; an HTTP date or nothing falls back to
/// an exponential backoff of 2, 4, 8… seconds).
pub fn retry_after(value: Option<&str>, attempt: u32) -> Duration {
    value
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or_else(
            || Duration::from_secs(1 << attempt.min(6)),
            Duration::from_secs,
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};

    /// A loopback server answering each connection with the next canned response.
    fn serve(responses: Vec<String>) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/sparql", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for response in responses {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut head = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    head.push_str(&line);
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                seen.push(head + &String::from_utf8_lossy(&body));
                reader.get_mut().write_all(response.as_bytes()).unwrap();
            }
            seen
        });
        (url, handle)
    }

    #[test]
    fn honours_retry_after_and_identifies_itself() {
        let json = r#"{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"ok"}}]}}"#;
        let (url, handle) = serve(vec![
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned(),
            format!("HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}", json.len()),
        ]);
        let endpoint = Endpoint::new(&url, Duration::from_secs(10)).unwrap();
        let started = std::time::Instant::now();
        let rows = endpoint.select("SELECT ?x WHERE {}").unwrap();
        assert!(started.elapsed() >= Duration::from_secs(1), "did not wait");
        assert_eq!(rows.len(), 1);
        assert_eq!(endpoint.requests(), 2);
        let seen = handle.join().unwrap();
        assert!(seen[0].contains("user-agent: isnad/") || seen[0].contains("User-Agent: isnad/"));
        assert!(seen[1].contains("query=SELECT"));
    }

    #[test]
    fn an_error_status_names_the_endpoint() {
        let (url, handle) = serve(vec![
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 9\r\nConnection: close\r\n\r\nbad query"
                .to_owned(),
        ]);
        let endpoint = Endpoint::new(&url, Duration::from_secs(10)).unwrap();
        let message = endpoint.select("SELECT").unwrap_err().to_string();
        assert!(message.contains(&url) && message.contains("400") && message.contains("bad query"));
        handle.join().unwrap();
        assert!(Endpoint::new("ftp://x", Duration::from_secs(1)).is_err());
    }

    #[test]
    fn retry_after_seconds_or_backoff() {
        assert_eq!(retry_after(Some(" 3 "), 1), Duration::from_secs(3));
        assert_eq!(
            retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT"), 2),
            Duration::from_secs(4)
        );
        assert_eq!(retry_after(None, 1), Duration::from_secs(2));
    }
}
