//! Sharded extraction for many machines: `isnad extract --shard K/N -o DIR` extracts the
//! articles whose identifier falls in shard K of N and writes their article graphs (with
//! the completion markers an ingest writes) as gzip-compressed N-Quads, ready for a store's
//! own bulk loader (Virtuoso's `ld_dir` and `rdf_loader_run`, or `isnad load`). The same
//! shard gives the same bytes on any machine; `isnad resolve` then rebuilds the events from
//! what the store holds.

use crate::article::Article;
use crate::error::{Error, Result};
use crate::ingest::{self, Rejection};
use oxigraph::io::{RdfFormat, RdfSerializer};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Usage(format!("--shard {s:?}: expected K/N with 1 ≤ K ≤ N"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u64, u64) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Self { index, count })
    }
}

impl Shard {
    /// True when the article `identifier` belongs to this shard (by a hash of the
    /// identifier, so every machine agrees without talking to the others).
    pub fn holds(&self, identifier: &str) -> bool {
        let digest = Sha256::digest(identifier.as_bytes());
        let mut head = [0u8; 8];
        head.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(head) % self.count + 1 == self.index
    }

    /// The file the shard is written to in `dir`.
    pub fn file(&self, dir: &Path) -> PathBuf {
        dir.join(format!(
            "isnad-shard-{}-of-{}.nq.gz",
            self.index, self.count
        ))
    }
}

/// What one shard's extraction did.
#[derive(Debug, Default)]
pub struct ShardSummary {
    /// Articles of the shard written.
    pub articles: usize,
    /// Articles of the other shards skipped.
    pub others: usize,
    /// Quads written.
    pub quads: usize,
    /// Inputs that could not be read, with reasons.
    pub rejected: Vec<Rejection>,
    /// The file written.
    pub file: PathBuf,
}

/// Extracts shard `shard` of the articles under `paths` into `dir`.
pub fn extract_shard(
    paths: &[PathBuf],
    shard: Shard,
    dir: &Path,
    extractor: &str,
) -> Result<ShardSummary> {
    let (files, mut rejected) = ingest::discover(paths);
    // Articles by identifier: the order of files and of threads never changes the bytes.
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    let mut seen = std::collections::HashMap::new();
    let mut others = 0;
    for file in &files {
        let batch = ingest::read_path(file);
        rejected.extend(batch.rejections);
        let (mine, theirs): (Vec<Article>, Vec<Article>) = batch
            .articles
            .into_iter()
            .partition(|a| shard.holds(&a.identifier));
        others += theirs.len();
        for article in ingest::drop_duplicate_identifiers(mine, &mut seen, &mut rejected) {
            articles.insert(article.identifier.clone(), article);
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let target = shard.file(dir);
    let partial = target.with_extension("gz.partial");
    let file = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
    let gz = flate2::GzBuilder::new().mtime(0).write(
        std::io::BufWriter::new(file),
        flate2::Compression::default(),
    );
    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(gz);
    let list: Vec<&Article> = articles.values().collect();
    let mut quads = 0;
    for chunk in list.chunks(256) {
        let extracted: Vec<Vec<oxigraph::model::Quad>> = chunk
            .par_iter()
            .map(|a| {
                let mut q = crate::extract::extract(a);
                q.extend(crate::store::article_markers(&a.iri(), extractor));
                q
            })
            .collect();
        for q in extracted.iter().flatten() {
            ser.serialize_quad(q).map_err(|e| Error::io(&partial, e))?;
            quads += 1;
        }
    }
    let gz = ser.finish().map_err(|e| Error::io(&partial, e))?;
    let mut inner = gz.finish().map_err(|e| Error::io(&partial, e))?;
    inner.flush().map_err(|e| Error::io(&partial, e))?;
    drop(inner);
    std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
    Ok(ShardSummary {
        articles: articles.len(),
        others,
        quads,
        rejected,
        file: target,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_identifiers_and_parse_strictly() {
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for id in ["a", "b", "c", "article-17", "2015-07-21/42"] {
            assert_eq!(shards.iter().filter(|s| s.holds(id)).count(), 1, "{id}");
        }
        for bad in ["0/2", "3/2", "1", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
