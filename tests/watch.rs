//! Live updates: `isnad remove` leaves the events graph a fresh ingest of the remaining
//! articles gives, and `isnad watch` ingests files as they arrive and stops on SIGTERM.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{copy_corpus, isnad, root, stderr, stdout};
use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const REMOVED: &str = "002_b2d432f4c5225c23";

/// The quads of the events graph, as N-Quads lines.
fn events_graph(dir: &Path, store: &str) -> BTreeSet<String> {
    let file = dir.join(format!("{store}.nq"));
    let out = isnad(
        dir,
        &[
            "--store",
            store,
            "export",
            "--format",
            "nquads",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|l| l.ends_with("<https://w3id.org/isnad/events> ."))
        .map(str::to_owned)
        .collect()
}

#[test]
fn removing_an_article_leaves_what_a_fresh_ingest_of_the_others_gives() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = copy_corpus(dir.path());
    let out = isnad(
        dir.path(),
        &["--store", "all", "ingest", corpus.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // An unknown target changes nothing and says which.
    let out = isnad(
        dir.path(),
        &["--store", "all", "remove", REMOVED, "no-such-article"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-article"), "{}", stderr(&out));
    let before = events_graph(dir.path(), "all");
    // A target given twice is removed once.
    let out = isnad(dir.path(), &["--store", "all", "remove", REMOVED, REMOVED]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 articles removed"),
        "{}",
        stdout(&out)
    );
    let after = events_graph(dir.path(), "all");
    assert_ne!(before, after, "the removed article's mentions are gone");

    for ext in ["txt", "meta.json"] {
        std::fs::remove_file(corpus.join(format!("{REMOVED}.{ext}"))).unwrap();
    }
    let out = isnad(
        dir.path(),
        &["--store", "rest", "ingest", corpus.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(after, events_graph(dir.path(), "rest"));
}

#[test]
fn watch_ingests_files_as_they_arrive_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let corpus = root().join("corpus");
    let put = |stem: &str| {
        // The sidecar first, then the text, as a feed would write them.
        for ext in ["meta.json", "txt"] {
            let name = format!("{stem}.{ext}");
            std::fs::copy(corpus.join(&name), inbox.join(&name)).unwrap();
        }
    };
    put("000_c519fb17f7c0a84d");
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .current_dir(dir.path())
        .env_remove("ISNAD_STORE")
        .args(["--store", "live", "watch", inbox.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::io::BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    let mut wait_for = |prefix: &str| {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                log.push(line.clone());
                if line.starts_with(prefix) {
                    return line;
                }
            }
        }
        panic!("no line starting with {prefix:?} in {log:?}");
    };
    let first = wait_for("000_c519fb17f7c0a84d:");
    assert!(first.contains(" new"), "{first}");
    put("001_12308afd6b4c7457");
    let second = wait_for("001_12308afd6b4c7457:");
    assert!(second.contains(" events ("), "{second}");
    // A folder moved in whole (one rename event, none for its files) is read too.
    let batch = dir.path().join("batch");
    std::fs::create_dir_all(&batch).unwrap();
    for ext in ["meta.json", "txt"] {
        let name = format!("003_dbc05e736944a18f.{ext}");
        std::fs::copy(corpus.join(&name), batch.join(&name)).unwrap();
    }
    std::fs::rename(&batch, inbox.join("batch")).unwrap();
    wait_for("003_dbc05e736944a18f:");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "watch did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(exit.success(), "{exit:?}");
    wait_for("stopped");

    // The three articles are in the store, and nothing else.
    let out = isnad(
        dir.path(),
        &["--store", "live", "query", "--format", "csv", "-e",
          "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/isnad/ontology#Article> } }"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().nth(1), Some("3"), "{}", stdout(&out));
}
