//! `isnad serve` with raw HTTP requests on a free loopback port: results in each format, a
//! saved query, updates refused, path traversal refused, the time limit, CORS, the page,
//! and a clean shutdown on SIGTERM.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{copy_corpus, isnad, root, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

fn start(store: &std::path::Path) -> Server {
    let queries = root().join("queries");
    common::serve(
        store,
        &["--timeout", "1", "--queries-dir", queries.to_str().unwrap()],
    )
}

/// One HTTP/1.0 request; returns (status, headers, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.0\r\nHost: localhost\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap();
    (status, head.to_owned(), body.to_owned())
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_endpoint_answers_refuses_and_stops_queries() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(dir.path());
    let store = dir.path().join("store");
    assert!(isnad(
        dir.path(),
        &[
            "--store",
            store.to_str().unwrap(),
            "ingest",
            corpus.to_str().unwrap()
        ]
    )
    .status
    .success());
    let server = start(&store);
    let port = server.port;

    let (status, head, body) = http(port, "GET", "/health", &[], "");
    assert_eq!((status, body.as_str()), (200, "ok"));
    assert!(
        head.to_lowercase()
            .contains("access-control-allow-origin: *"),
        "{head}"
    );

    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?a a isnad:Article }";
    let (status, _, body) = http(
        port,
        "GET",
        &format!("/sparql?query={}", encode(count)),
        &[("Accept", "application/sparql-results+json")],
        "",
    );
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["results"]["bindings"][0]["n"]["value"], "5");
    for (accept, marker) in [
        ("text/csv", "n\r\n5"),
        ("text/tab-separated-values", "?n\n5"),
        ("application/sparql-results+xml", "<sparql"),
    ] {
        let (status, _, body) = http(
            port,
            "POST",
            "/query",
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", accept),
            ],
            count,
        );
        assert_eq!(status, 200);
        assert!(body.contains(marker), "{accept}: {body}");
    }
    let (status, head, body) = http(
        port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/n-triples"),
        ],
        &format!(
            "query={}",
            encode("CONSTRUCT { ?a a isnad:Article } WHERE { ?a a isnad:Article }")
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        head.contains("n-triples") && body.lines().count() == 5,
        "{head}\n{body}"
    );

    let (status, _, body) = http(
        port,
        "GET",
        "/queries/articles",
        &[("Accept", "text/csv")],
        "",
    );
    assert_eq!(status, 200);
    assert_eq!(body.lines().count(), 6);
    // One page: the header and rows 2 and 3 of the whole result.
    let (status, _, page) = http(
        port,
        "GET",
        "/queries/articles?_limit=2&_offset=1",
        &[("Accept", "text/csv")],
        "",
    );
    assert_eq!(status, 200, "{page}");
    let whole: Vec<&str> = body.lines().collect();
    let want: Vec<&str> = whole[..1].iter().chain(&whole[2..4]).copied().collect();
    assert_eq!(page.lines().collect::<Vec<_>>(), want);
    let (status, _, message) = http(port, "GET", "/queries/articles?_limit=many", &[], "");
    assert_eq!(status, 400, "{message}");
    assert!(message.contains("_limit"), "{message}");
    let (status, _, body) = http(port, "GET", "/queries", &[], "");
    assert_eq!(status, 200);
    assert!(body.contains("\"evidence\""));

    let update = format!(
        "update={}",
        encode(
            "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
        )
    );
    let (status, _, _) = http(
        port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &update,
    );
    assert_eq!(status, 403);
    let (status, _, _) = http(
        port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        "CLEAR ALL",
    );
    assert_eq!(status, 403);

    for evil in [
        "/queries/..%2F..%2Fetc%2Fpasswd",
        "/queries/../../etc/passwd",
        "/queries/%2Fetc%2Fpasswd",
        "/queries/articles%2F..%2Farticles",
    ] {
        let (status, _, body) = http(port, "GET", evil, &[], "");
        assert_eq!(status, 404, "{evil}: {body}");
        assert!(!body.contains("root:"));
    }

    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let t = Instant::now();
    let (status, _, _) = http(
        port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        slow,
    );
    assert_eq!(status, 503);
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let (status, _, _) = http(port, "GET", "/health", &[], "");
    assert_eq!(status, 200, "still responsive after a timeout");

    let (status, _, body) = http(port, "GET", "/", &[], "");
    assert_eq!(status, 200);
    assert!(
        body.contains("<textarea") && !body.contains("http://") && !body.contains("https://cdn")
    );
    let (status, _, _) = http(port, "GET", "/sparql?query=SELECT", &[], "");
    assert_eq!(status, 400);

    // A federated query through SERVICE, from another store, only with --allow-service.
    let other = dir.path().join("other");
    let federated = format!(
        "SELECT ?n WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <https://w3id.org/isnad/ontology#Article> }} }} }}"
    );
    let refused = isnad(
        dir.path(),
        &[
            "--store",
            other.to_str().unwrap(),
            "query",
            "--format",
            "csv",
            "-e",
            &federated,
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(common::stderr(&refused).contains("--allow-service"));
    let allowed = isnad(
        dir.path(),
        &[
            "--store",
            other.to_str().unwrap(),
            "query",
            "--allow-service",
            "--format",
            "csv",
            "-e",
            &federated,
        ],
    );
    assert!(allowed.status.success(), "{}", common::stderr(&allowed));
    assert_eq!(common::csv_rows(&common::stdout(&allowed))[1][0], "5");

    // SIGTERM: the server stops accepting and exits cleanly.
    let mut server = server;
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let code = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(Instant::now() < deadline, "no clean shutdown");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(0));
}

#[test]
fn readers_work_beside_a_running_server_and_writers_get_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(dir.path());
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    let out = isnad(
        dir.path(),
        &["--store", s, "ingest", corpus.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let _server = start(&store);
    // A reader gets the rows, with a note that it read the store read-only.
    let out = isnad(
        dir.path(),
        &["--store", s, "query", "articles", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(common::csv_rows(&common::stdout(&out)).len(), 6);
    assert!(
        common::stderr(&out).contains("read-only"),
        "{}",
        common::stderr(&out)
    );
    for args in [
        &["stats"][..],
        &["export", "--format", "nquads"],
        &["analyze", "report"],
    ] {
        let mut all = vec!["--store", s];
        all.extend_from_slice(args);
        let out = isnad(dir.path(), &all);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            common::stderr(&out)
        );
        assert!(!common::stdout(&out).is_empty(), "{args:?}");
    }
    // A writer is told, in one line, what holds the store and what to do: no raw lock error.
    let out = isnad(
        dir.path(),
        &["--store", s, "ingest", corpus.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains("held by another isnad process"), "{err}");
    assert!(!err.contains("LOCK"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
