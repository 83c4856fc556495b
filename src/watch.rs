//! Live updates: `isnad watch DIR` ingests files as they appear or change in a folder, one
//! log line per article with the events it created or updated, and `isnad remove` takes
//! articles out. Both leave the events graph as a full rebuild from the articles would.

use crate::error::{Error, Result};
use crate::pipeline::{ingest_paths, IngestOptions};
use crate::query::select;
use crate::store::IsnadStore;
use crate::vocab::{EVENTS_GRAPH, ID, ISNAD};
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a file must stay unchanged before it is read (a writer may still be at it).
const SETTLE: Duration = Duration::from_millis(300);

/// Removes articles by identifier or article-graph IRI, then rebuilds the events graph.
/// Every target is looked up before anything is removed: an unknown one is an error and
/// nothing changes. Returns the graphs removed and the events left.
pub fn remove(store: &IsnadStore, targets: &[String]) -> Result<(Vec<NamedNode>, usize)> {
    let mut graphs = BTreeSet::new();
    for target in targets {
        // An article graph's IRI (whatever version of isnad wrote it), else an identifier
        // (which may itself be a URL).
        let article_iri = NamedNode::new(target.as_str())
            .ok()
            .filter(|iri| iri.as_str().starts_with(&format!("{ID}article/")));
        let mut found = Vec::new();
        if let Some(iri) = article_iri {
            if store.has_graph(&iri)? {
                found.push(iri);
            }
        }
        if found.is_empty() {
            found = store.graphs_with_identifier(target)?;
        }
        if found.is_empty() {
            return Err(Error::Usage(format!(
                "no article {target:?} in the store {} (give an identifier or an article IRI)",
                store.path().display()
            )));
        }
        graphs.extend(found);
    }
    for g in &graphs {
        store.remove_article(g)?;
    }
    let events = crate::resolve::rebuild_events(store)?;
    store.flush()?;
    Ok((graphs.into_iter().collect(), events))
}

/// The readings the events graph groups into events (an event that keeps one of them after
/// an ingest is an updated event, whatever its IRI is now).
fn readings(store: &IsnadStore) -> Result<BTreeSet<String>> {
    let q = format!("SELECT ?r WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{ISNAD}reading> ?r }} }}");
    Ok(select(store, "watch", &q)?
        .iter()
        .filter_map(|row| row.get("r").map(ToString::to_string))
        .collect())
}

/// The events mentioned in one article: each with its class (local name) and its readings.
fn events_of(store: &IsnadStore, article: &str) -> Result<BTreeMap<String, (String, Vec<String>)>> {
    let q = format!(
        "SELECT ?e ?class ?r WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{ISNAD}mentionedIn> ?m ; \
         a ?class ; <{ISNAD}reading> ?r }} GRAPH ?g {{ ?m <{ISNAD}inArticle> <{article}> }} \
         FILTER(STRSTARTS(STR(?class), \"{ISNAD}\")) }}"
    );
    let mut out: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for row in select(store, "watch", &q)? {
        if let (Some(e), Some(Term::NamedNode(c)), Some(r)) =
            (row.get("e"), row.get("class"), row.get("r"))
        {
            let class = c.as_str().trim_start_matches(ISNAD).to_owned();
            let entry = out.entry(e.to_string()).or_insert((class, Vec::new()));
            entry.1.push(r.to_string());
        }
    }
    Ok(out)
}

/// Ingests `paths` and writes one line per article written: its identifier, the time taken
/// and its events, new (not in the events graph before) or updated. Rejected inputs get a
/// line each too; they never stop the watch.
pub fn ingest_and_log(store: &IsnadStore, paths: &[PathBuf], log: &mut dyn Write) -> Result<()> {
    let start = Instant::now();
    let before = readings(store)?;
    let options = IngestOptions {
        progress: false,
        dry_run: false,
    };
    let summary = ingest_paths(store, paths, options)?;
    let ms = start.elapsed().as_millis();
    for r in &summary.rejected {
        writeln!(log, "rejected {}: {}", r.origin, r.reason)?;
    }
    if summary.written.is_empty() {
        return Ok(());
    }
    for (identifier, iri) in &summary.written {
        let mut created = Vec::new();
        let mut updated = Vec::new();
        for (class, readings) in events_of(store, iri)?.into_values() {
            if readings.iter().any(|r| before.contains(r)) {
                updated.push(class);
            } else {
                created.push(class);
            }
        }
        writeln!(
            log,
            "{identifier}: {} events ({} new{}{}; {} updated{}{}); batch of {} in {ms} ms",
            created.len() + updated.len(),
            created.len(),
            if created.is_empty() { "" } else { ": " },
            created.join(", "),
            updated.len(),
            if updated.is_empty() { "" } else { ": " },
            updated.join(", "),
            summary.written.len(),
        )?;
    }
    log.flush()?;
    Ok(())
}

/// True for a path with a hidden part below `dir` (.draft.txt, an editor's swap file, a
/// store kept inside the folder as .isnad), which an ingest of the folder skips too.
fn hidden(dir: &Path, path: &Path) -> bool {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
        })
}

/// Watches `dir` (recursively): ingests what is there, then every file created or changed,
/// once it has been still for a moment, until `stop` is set (SIGINT, SIGTERM).
pub fn watch(store: &IsnadStore, dir: &Path, stop: &AtomicBool, log: &mut dyn Write) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: not a folder", dir.display())));
    }
    let watch_error = |e: notify::Error| Error::Io {
        path: dir.to_path_buf(),
        error: std::io::Error::other(format!("cannot watch: {e}")),
    };
    // Events name absolute paths; the store may live inside the folder (its files change
    // at every write and are no articles).
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, store_dir) = (absolute(dir), absolute(store.path()));
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    notify::Watcher::watch(&mut watcher, &root, notify::RecursiveMode::Recursive)
        .map_err(watch_error)?;
    writeln!(log, "watching {} (Ctrl-C to stop)", dir.display())?;
    ingest_and_log(store, &[dir.to_path_buf()], log)?;
    let mut pending: BTreeMap<PathBuf, Instant> = BTreeMap::new();
    while !stop.load(Ordering::SeqCst) {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(event)) => {
                use notify::EventKind;
                if event.need_rescan() {
                    // Events were lost (the kernel's queue overflowed): read the whole folder
                    // again; what is stored already is skipped by its content hash.
                    pending.insert(dir.to_path_buf(), Instant::now());
                } else if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
                    let skip = |p: &PathBuf| hidden(&root, p) || p.starts_with(&store_dir);
                    for p in event.paths.into_iter().filter(|p| !skip(p)) {
                        pending.insert(p, Instant::now());
                    }
                }
            }
            Ok(Err(e)) => writeln!(log, "watch error: {e}")?,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let ready: Vec<PathBuf> = pending
            .iter()
            .filter(|(_, t)| t.elapsed() >= SETTLE)
            .map(|(p, _)| p.clone())
            .collect();
        if ready.is_empty() {
            continue;
        }
        for p in &ready {
            pending.remove(p);
        }
        // A sidecar (NAME.meta.json) changes its article: the text is read again with it.
        let mut files: BTreeSet<PathBuf> = BTreeSet::new();
        for p in ready {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            match name.as_deref().and_then(|n| n.strip_suffix(".meta.json")) {
                Some(stem) => files.extend(
                    ["txt", "md", "markdown", "TXT", "MD"]
                        .iter()
                        .map(|ext| p.with_file_name(format!("{stem}.{ext}")))
                        .filter(|t| t.is_file()),
                ),
                // A folder moved or unpacked in: read it whole (stored articles are skipped).
                None if p.is_file() || p.is_dir() => {
                    files.insert(p);
                }
                None => {}
            }
        }
        let files: Vec<PathBuf> = files.into_iter().collect();
        if !files.is_empty() {
            ingest_and_log(store, &files, log)?;
        }
    }
    writeln!(log, "stopped")?;
    store.flush()?;
    Ok(())
}
