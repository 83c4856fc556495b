//! `isnad analyze report`: top actors by each measure, communities with their members,
//! lifecycles, contradictions and a timeline, as text or JSON, with the time each step took.
//! The measures and lifecycles are written back to `https://w3id.org/isnad/analysis`.

use super::network::{self, EventInfo, Network};
use super::{contradictions, lifecycles, measures, Contradiction, Lifecycle};
use crate::error::Result;
use crate::store::IsnadStore;
use crate::vocab::{ID, ISNAD};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

/// The analysis graph.
pub const ANALYSIS_GRAPH: &str = "https://w3id.org/isnad/analysis";

/// One ranked actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Label.
    pub label: String,
    /// IRI.
    pub iri: String,
    /// Value.
    pub value: f64,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Events analysed.
    pub events: usize,
    /// Nodes and edges of the actor network.
    pub nodes: usize,
    /// Edges.
    pub edges: usize,
    /// Top actors per measure.
    pub top: BTreeMap<String, Vec<Ranked>>,
    /// Communities: members' labels.
    pub communities: Vec<Vec<String>>,
    /// Mediation: (mediator, party, event label).
    pub mediation: Vec<(String, String, String)>,
    /// Lifecycles.
    pub lifecycles: Vec<Lifecycle>,
    /// Contradictions.
    pub contradictions: Vec<Contradiction>,
    /// Timeline: (date, class, label).
    pub timeline: Vec<(String, String, String)>,
    /// Milliseconds per step.
    pub timings_ms: BTreeMap<String, u128>,
    /// The actor network, with its measures (not printed in text).
    #[serde(skip)]
    pub network: Network,
    /// The events.
    #[serde(skip)]
    pub event_list: Vec<EventInfo>,
}

fn label(n: &network::Node) -> String {
    if n.label_ar.is_empty() {
        n.iri.clone()
    } else {
        n.label_ar.clone()
    }
}

/// Runs the whole analysis and writes the analysis graph.
pub fn analyze(store: &IsnadStore) -> Result<Report> {
    let mut timings = BTreeMap::new();
    let t = Instant::now();
    let events = network::load_events(store)?;
    timings.insert("load events".to_owned(), t.elapsed().as_millis());
    let t = Instant::now();
    let mut net = network::actor_network(store, &events)?;
    timings.insert("build network".to_owned(), t.elapsed().as_millis());
    let t = Instant::now();
    measures::compute(&mut net);
    timings.insert("measures".to_owned(), t.elapsed().as_millis());
    let labels: BTreeMap<String, String> = net
        .nodes
        .iter()
        .map(|n| (n.iri.clone(), label(n)))
        .collect();
    let t = Instant::now();
    let cycles = lifecycles(&events, &labels);
    let contra = contradictions(store, &events)?;
    timings.insert(
        "lifecycles and contradictions".to_owned(),
        t.elapsed().as_millis(),
    );

    let mut top = BTreeMap::new();
    let actors: Vec<&network::Node> = net.nodes.iter().filter(|n| n.class != "Place").collect();
    for (name, key) in [
        ("pagerank", 0),
        ("betweenness", 1),
        ("degree", 2),
        ("k-core", 3),
    ] {
        let mut ranked: Vec<Ranked> = actors
            .iter()
            .map(|n| Ranked {
                label: label(n),
                iri: n.iri.clone(),
                value: match key {
                    0 => n.pagerank,
                    1 => n.betweenness,
                    2 => n.degree as f64,
                    _ => n.core as f64,
                },
            })
            .collect();
        ranked.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.iri.cmp(&b.iri)));
        ranked.truncate(10);
        top.insert(name.to_owned(), ranked);
    }
    let mut communities: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for n in &net.nodes {
        communities.entry(n.community).or_default().push(label(n));
    }
    let mut mediation = Vec::new();
    let event_label: BTreeMap<&str, &str> = events
        .iter()
        .map(|e| (e.iri.as_str(), e.label.as_str()))
        .collect();
    for e in net
        .edges
        .iter()
        .filter(|e| e.kind == network::EdgeKind::Mediates)
    {
        for ev in &e.events {
            mediation.push((
                label(&net.nodes[e.source]),
                label(&net.nodes[e.target]),
                event_label
                    .get(ev.as_str())
                    .copied()
                    .unwrap_or(ev)
                    .to_owned(),
            ));
        }
    }
    let mut timeline: Vec<(String, String, String)> = events
        .iter()
        .filter_map(|e| {
            e.date
                .clone()
                .map(|d| (d, e.class.clone(), e.label.clone()))
        })
        .collect();
    timeline.sort();
    let t = Instant::now();
    write_back(store, &net, &cycles)?;
    timings.insert("write back".to_owned(), t.elapsed().as_millis());
    Ok(Report {
        events: events.len(),
        nodes: net.nodes.len(),
        edges: net.edges.len(),
        top,
        communities: communities.into_values().collect(),
        mediation,
        lifecycles: cycles,
        contradictions: contra,
        timeline,
        timings_ms: timings,
        network: net,
        event_list: events,
    })
}

fn write_back(store: &IsnadStore, net: &Network, cycles: &[Lifecycle]) -> Result<()> {
    // Read beside a running server: the report is computed, the graph is left as it is.
    if store.is_read_only() {
        return Ok(());
    }
    let g = GraphName::NamedNode(NamedNode::new_unchecked(ANALYSIS_GRAPH));
    let p = |l: &str| NamedNode::new_unchecked(format!("{ISNAD}{l}"));
    let mut quads = Vec::new();
    for n in &net.nodes {
        let s = NamedNode::new_unchecked(&n.iri);
        quads.push(Quad::new(
            s.clone(),
            p("pagerank"),
            Literal::from(n.pagerank),
            g.clone(),
        ));
        quads.push(Quad::new(
            s.clone(),
            p("betweenness"),
            Literal::from(n.betweenness),
            g.clone(),
        ));
        quads.push(Quad::new(
            s.clone(),
            p("degree"),
            Literal::from(n.degree as i64),
            g.clone(),
        ));
        quads.push(Quad::new(
            s.clone(),
            p("coreNumber"),
            Literal::from(n.core as i64),
            g.clone(),
        ));
        quads.push(Quad::new(
            s,
            p("community"),
            Literal::from(n.community as i64),
            g.clone(),
        ));
    }
    for c in cycles.iter().filter(|c| !c.deployment.is_empty()) {
        let key = crate::article::sha256_hex(&format!(
            "{}|{}",
            c.deployment,
            c.withdrawal.clone().unwrap_or_default()
        ));
        let s = NamedNode::new_unchecked(format!("{ID}lifecycle/{}", &key[..16]));
        quads.push(Quad::new(
            s.clone(),
            NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            p("Lifecycle"),
            g.clone(),
        ));
        quads.push(Quad::new(
            s.clone(),
            p("deployment"),
            NamedNode::new_unchecked(&c.deployment),
            g.clone(),
        ));
        if let Some(w) = &c.withdrawal {
            quads.push(Quad::new(
                s.clone(),
                p("withdrawal"),
                NamedNode::new_unchecked(w),
                g.clone(),
            ));
        }
        if let Some(d) = c.days {
            quads.push(Quad::new(
                s.clone(),
                p("durationDays"),
                Literal::from(d),
                g.clone(),
            ));
        }
        let deployment = NamedNode::new_unchecked(&c.deployment);
        quads.push(Quad::new(deployment, p("lifecycle"), s, g.clone()));
    }
    store.replace_graph(&NamedNode::new_unchecked(ANALYSIS_GRAPH), quads)
}

impl Report {
    /// The report without its timings, for files that must not change between runs.
    pub fn to_text_without_timings(&self) -> String {
        let text = self.to_text();
        text.split("\n## Timings")
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// The report as Markdown text.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# isnad analysis\n\n{} events; actor network of {} nodes and {} edges.\n",
            self.events, self.nodes, self.edges
        );
        for (measure, ranked) in &self.top {
            let _ = writeln!(s, "## Top actors by {measure}\n");
            for (i, r) in ranked.iter().enumerate() {
                let _ = writeln!(s, "{}. {} — {:.4}", i + 1, r.label, r.value);
            }
            s.push('\n');
        }
        let _ = writeln!(s, "## Communities\n");
        for (i, c) in self.communities.iter().enumerate() {
            let _ = writeln!(s, "- community {i}: {}", c.join("، "));
        }
        let _ = writeln!(s, "\n## Mediation (mediator → party, event)\n");
        for (m, p, e) in &self.mediation {
            let _ = writeln!(s, "- {m} → {p} ({e})");
        }
        let _ = writeln!(s, "\n## Lifecycles (deployment → withdrawal)\n");
        for c in &self.lifecycles {
            if c.deployment.is_empty() {
                let _ = writeln!(
                    s,
                    "- withdrawal with no known deployment: {} from {} on {}",
                    c.force,
                    c.place,
                    c.withdrew.clone().unwrap_or_default()
                );
            } else {
                let _ = writeln!(
                    s,
                    "- {} in {}: deployed {} → withdrew {} ({} days)",
                    c.force,
                    c.place,
                    c.deployed.clone().unwrap_or_default(),
                    c.withdrew.clone().unwrap_or_default(),
                    c.days.map_or("?".into(), |d| d.to_string())
                );
            }
        }
        let _ = writeln!(s, "\n## Contradictions\n");
        for c in &self.contradictions {
            let claims: Vec<String> = c
                .claims
                .iter()
                .map(|(who, what)| format!("{who}: {what}"))
                .collect();
            let _ = writeln!(s, "- [{}] {}: {}", c.kind, c.label, claims.join(" | "));
        }
        let _ = writeln!(s, "\n## Timeline\n");
        for (d, class, label) in &self.timeline {
            let _ = writeln!(s, "- {d} {class}: {label}");
        }
        let _ = writeln!(s, "\n## Timings\n");
        for (step, ms) in &self.timings_ms {
            let _ = writeln!(s, "- {step}: {ms} ms");
        }
        s
    }
}
