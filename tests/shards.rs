//! Sharded extraction: shards extracted separately (deterministically) and bulk-loaded,
//! then `isnad resolve`, give the store one ingest of the whole corpus gives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use common::*;
use std::collections::BTreeSet;

fn quads(dir: &std::path::Path, store: &str) -> BTreeSet<String> {
    let out = ok(
        &isnad(dir, &["--store", store, "export", "--format", "nquads"]),
        "export",
    );
    out.lines().map(str::to_owned).collect()
}

#[test]
fn two_shards_bulk_loaded_then_resolved_equal_one_ingest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_corpus(dir);
    let first = ok(
        &isnad(
            dir,
            &["extract", "corpus", "--shard", "1/2", "-o", "shards"],
        ),
        "shard 1",
    );
    let second = ok(
        &isnad(
            dir,
            &["extract", "corpus", "--shard", "2/2", "-o", "shards"],
        ),
        "shard 2",
    );
    let count = |s: &str| -> usize {
        s.split(": ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let articles = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(count(&first) + count(&second), articles, "{first}{second}");
    assert!(count(&first) > 0 && count(&second) > 0);
    // The same shard from the files given in another order, elsewhere: the same bytes.
    let one = std::fs::read(dir.join("shards/isnad-shard-1-of-2.nq.gz")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files.reverse();
    let mut args = vec!["extract", "--shard", "1/2", "-o", "again"];
    args.extend(files.iter().map(String::as_str));
    ok(&isnad(dir, &args), "shard 1 again");
    assert!(one == std::fs::read(dir.join("again/isnad-shard-1-of-2.nq.gz")).unwrap());

    ok(
        &isnad(
            dir,
            &[
                "--store",
                "sharded",
                "load",
                "shards/isnad-shard-1-of-2.nq.gz",
                "shards/isnad-shard-2-of-2.nq.gz",
            ],
        ),
        "load",
    );
    let resolved = ok(&isnad(dir, &["--store", "sharded", "resolve"]), "resolve");
    ok(
        &isnad(dir, &["--store", "whole", "ingest", "corpus"]),
        "ingest",
    );
    let (a, b) = (quads(dir, "sharded"), quads(dir, "whole"));
    assert!(a.len() > 1000 && resolved.trim_end().ends_with(" events"));
    assert!(
        a == b,
        "only sharded: {:?}\nonly ingested: {:?}",
        a.difference(&b).take(3).collect::<Vec<_>>(),
        b.difference(&a).take(3).collect::<Vec<_>>()
    );
    // The completion markers came with the shards: an ingest finds nothing to do.
    let again = ok(
        &isnad(dir, &["--store", "sharded", "ingest", "corpus"]),
        "ingest",
    );
    assert!(again.starts_with("0 ingested,"), "{again}");
    let bad = isnad(dir, &["extract", "corpus", "--shard", "3/2", "-o", "x"]);
    assert!(!bad.status.success() && stderr(&bad).contains("K/N"));
}
