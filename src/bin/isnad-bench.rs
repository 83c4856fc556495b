//! Measurements for `bench/run` that need the library in-process: a bare Aho-Corasick scan,
//! extraction alone, oxigraph's bulk loader, and saved-query latencies. Prints JSON.

use anyhow::Context;
use isnad::extract::gazetteer::Gazetteer;
use isnad::normalize::fold;
use isnad::query::{self, OutputFormat};
use isnad::IsnadStore;
use std::path::PathBuf;
use std::time::Instant;

fn articles(paths: &[String]) -> Vec<isnad::Article> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let (files, _) = isnad::ingest::discover(&paths);
    files
        .iter()
        .flat_map(|f| isnad::ingest::read_path(f).articles)
        .collect()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        anyhow::bail!("usage: isnad-bench scan|extract PATH… | bulkload FILE.nq DIR | queries STORE QUERIES_DIR RUNS");
    };
    match command.as_str() {
        "scan" | "extract" => {
            let list = articles(rest);
            let bytes: usize = list.iter().map(|a| a.body.len() + a.headline.len()).sum();
            let start = Instant::now();
            let mut units = 0usize;
            if command == "scan" {
                // The same text the extractor reads (folded), the same gazetteer forms, one pass.
                let folded: Vec<String> = list.iter().map(|a| fold(&a.body)).collect();
                let start_scan = Instant::now();
                let g = Gazetteer::shipped();
                for f in &folded {
                    units += g.scan_count(f);
                }
                let scan = start_scan.elapsed().as_secs_f64();
                println!("{{\"articles\": {}, \"bytes\": {bytes}, \"seconds\": {scan}, \"hits\": {units}}}", list.len());
                return Ok(());
            }
            for a in &list {
                units += isnad::extract::extract(a).len();
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{{\"articles\": {}, \"bytes\": {bytes}, \"seconds\": {secs}, \"quads\": {units}}}",
                list.len()
            );
        }
        "bulkload" => {
            let [file, dir] = rest else {
                anyhow::bail!("bulkload FILE.nq DIR")
            };
            let store = IsnadStore::open(dir)?;
            let start = Instant::now();
            let quads = store.bulk_load_nquads(std::path::Path::new(file))?;
            println!(
                "{{\"quads\": {quads}, \"seconds\": {}}}",
                start.elapsed().as_secs_f64()
            );
        }
        "queries" => {
            let [store_dir, queries_dir, runs] = rest else {
                anyhow::bail!("queries STORE QUERIES_DIR RUNS")
            };
            let runs: usize = runs.parse().context("RUNS")?;
            let store = IsnadStore::open(store_dir)?;
            let mut out = Vec::new();
            let first_event = {
                let mut buf = Vec::new();
                query::run(&store, "bench", "SELECT ?e WHERE { GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m } } LIMIT 1", &[], Some(OutputFormat::Results(oxigraph::sparql::results::QueryResultsFormat::Tsv)), false, &mut buf)?;
                String::from_utf8_lossy(&buf)
                    .lines()
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned()
            };
            let mut results = Vec::new();
            for q in query::saved_queries(std::path::Path::new(queries_dir))? {
                let bindings: Vec<_> = q
                    .params
                    .iter()
                    .map(|p| query::parse_binding(&format!("{p}={first_event}")))
                    .collect::<Result<_, _>>()?;
                let mut times = Vec::with_capacity(runs);
                for _ in 0..runs {
                    out.clear();
                    let t = Instant::now();
                    query::run(
                        &store,
                        &q.name,
                        &q.text,
                        &bindings,
                        Some(OutputFormat::Results(
                            oxigraph::sparql::results::QueryResultsFormat::Csv,
                        )),
                        false,
                        &mut out,
                    )?;
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                times.sort_by(f64::total_cmp);
                let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
                results.push(format!(
                    "\"{}\": [{:.2}, {:.2}, {}]",
                    q.name,
                    p(0.5),
                    p(0.95),
                    out.iter()
                        .filter(|b| **b == b'\n')
                        .count()
                        .saturating_sub(1)
                ));
            }
            println!("{{{}}}", results.join(", "));
        }
        other => anyhow::bail!("unknown command {other:?}"),
    }
    Ok(())
}
