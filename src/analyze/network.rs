//! The actor network, built from the events graph with SPARQL into petgraph. Nodes are
//! actors (and places for deployments and withdrawals); edges are typed and weighted by
//! their events, keeping the supporting event IRIs and the first and last dates.

use crate::error::Result;
use crate::query::select;
use crate::store::IsnadStore;
use oxigraph::model::Term;
use oxigraph::sparql::QuerySolution;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Kinds of relation between two nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// Two parties of the same agreement or talks.
    PartyWith,
    /// A mediator to a party.
    Mediates,
    /// Two sides of a clash (agent to target, or parties).
    ClashesWith,
    /// An actor to the place it deployed in.
    DeployedIn,
    /// An actor to the place it withdrew from.
    WithdrewFrom,
    /// A signatory to a party of the agreement signed.
    Signed,
    /// An event to one of its actors or places (event network).
    Involves,
}

impl EdgeKind {
    /// The kind's name in exports.
    pub fn name(self) -> &'static str {
        match self {
            Self::PartyWith => "party-with",
            Self::Mediates => "mediates",
            Self::ClashesWith => "clashes-with",
            Self::DeployedIn => "deployed-in",
            Self::WithdrewFrom => "withdrew-from",
            Self::Signed => "signed",
            Self::Involves => "involves",
        }
    }

    /// True for relations without a direction.
    pub fn symmetric(self) -> bool {
        matches!(self, Self::PartyWith | Self::ClashesWith)
    }
}

/// A node with its attributes and measures.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Node {
    /// IRI.
    pub iri: String,
    /// Arabic label.
    pub label_ar: String,
    /// English label.
    pub label_en: String,
    /// Class local name (State, Person, Place, Ceasefire…).
    pub class: String,
    /// Wikidata QID.
    pub qid: Option<String>,
    /// Latitude and longitude, for places.
    pub coordinates: Option<(f64, f64)>,
    /// PageRank.
    pub pagerank: f64,
    /// Betweenness (normalised).
    pub betweenness: f64,
    /// Degree (distinct neighbours).
    pub degree: usize,
    /// k-core number.
    pub core: usize,
    /// Community number.
    pub community: usize,
    /// First and last dates of its events.
    pub first: Option<String>,
    /// Last date.
    pub last: Option<String>,
}

/// An edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// Index of the source node.
    pub source: usize,
    /// Index of the target node.
    pub target: usize,
    /// Kind.
    pub kind: EdgeKind,
    /// Supporting events.
    pub events: Vec<String>,
    /// First date of its events.
    pub first: Option<String>,
    /// Last date of its events.
    pub last: Option<String>,
}

impl Edge {
    /// Weight: the number of supporting events.
    pub fn weight(&self) -> usize {
        self.events.len()
    }
}

/// A network of nodes and edges.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Network {
    /// Nodes, sorted by IRI.
    pub nodes: Vec<Node>,
    /// Edges, sorted by (source, target, kind).
    pub edges: Vec<Edge>,
}

/// An event as the analysis sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventInfo {
    /// IRI.
    pub iri: String,
    /// Class local name.
    pub class: String,
    /// Date lexical form.
    pub date: Option<String>,
    /// Label.
    pub label: String,
    /// (role local name, IRI) including `hasPlace`.
    pub roles: Vec<(String, String)>,
}

impl EventInfo {
    /// IRIs in a role.
    pub fn with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.roles
            .iter()
            .filter(move |(r, _)| r == role)
            .map(|(_, x)| x)
    }
}

pub(crate) fn text_of(row: &QuerySolution, name: &str) -> Option<String> {
    match row.get(name)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

pub(crate) fn local(iri: &str) -> String {
    iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned()
}

/// Reads the canonical events with their roles and places.
pub fn load_events(store: &IsnadStore) -> Result<Vec<EventInfo>> {
    let mut events: BTreeMap<String, EventInfo> = BTreeMap::new();
    // Only event nodes: the events graph also holds one copy of each entity the events name.
    let q = "SELECT ?e ?class ?date ?label WHERE {
        VALUES ?class { isnad:Agreement isnad:Ceasefire isnad:Deployment isnad:Withdrawal isnad:Clash isnad:Talks }
        GRAPH <https://w3id.org/isnad/events> {
        ?e a ?class . OPTIONAL { ?e isnad:date ?date } OPTIONAL { ?e rdfs:label ?label } } }";
    for row in select(store, "analyze", q)? {
        let Some(e) = text_of(&row, "e") else {
            continue;
        };
        let class = text_of(&row, "class")
            .map(|c| local(&c))
            .unwrap_or_default();
        let entry = events.entry(e.clone()).or_insert_with(|| EventInfo {
            iri: e,
            ..EventInfo::default()
        });
        entry.class = class;
        entry.date = text_of(&row, "date");
        entry.label = text_of(&row, "label").unwrap_or_default();
    }
    let q = "SELECT ?e ?role ?x WHERE { GRAPH <https://w3id.org/isnad/events> { ?e ?role ?x .
        VALUES ?role { isnad:agent isnad:party isnad:mediator isnad:signatory isnad:target sem:hasPlace } } }";
    for row in select(store, "analyze", q)? {
        if let (Some(e), Some(role), Some(x)) = (
            text_of(&row, "e"),
            text_of(&row, "role"),
            text_of(&row, "x"),
        ) {
            if let Some(ev) = events.get_mut(&e) {
                ev.roles.push((local(&role), x));
            }
        }
    }
    let mut out: Vec<EventInfo> = events.into_values().collect();
    for e in &mut out {
        e.roles.sort();
        e.roles.dedup();
    }
    Ok(out)
}

/// Attributes of every labelled entity (labels, class, Wikidata item, coordinates).
pub fn load_nodes(store: &IsnadStore, iris: &BTreeSet<String>) -> Result<BTreeMap<String, Node>> {
    let mut nodes: BTreeMap<String, Node> = iris
        .iter()
        .map(|i| {
            (
                i.clone(),
                Node {
                    iri: i.clone(),
                    ..Node::default()
                },
            )
        })
        .collect();
    let q = "SELECT ?x ?p ?o WHERE { ?x ?p ?o . VALUES ?p { rdfs:label rdf:type owl:sameAs isnad:lat isnad:long } }";
    for row in select(store, "analyze", q)? {
        let (Some(x), Some(p)) = (text_of(&row, "x"), text_of(&row, "p")) else {
            continue;
        };
        let Some(node) = nodes.get_mut(&x) else {
            continue;
        };
        let o = row.get("o");
        match (local(&p).as_str(), o) {
            ("label", Some(Term::Literal(l))) => match l.language() {
                Some("ar") if node.label_ar.is_empty() => node.label_ar = l.value().to_owned(),
                Some("en") if node.label_en.is_empty() => node.label_en = l.value().to_owned(),
                _ => {}
            },
            ("type", Some(Term::NamedNode(c))) if c.as_str().starts_with(crate::vocab::ISNAD) => {
                node.class = local(c.as_str());
            }
            ("sameAs", Some(Term::NamedNode(q))) => node.qid = Some(local(q.as_str())),
            ("lat", Some(Term::Literal(l))) => {
                let lat = l.value().parse().unwrap_or(f64::NAN);
                node.coordinates = Some((lat, node.coordinates.map_or(f64::NAN, |c| c.1)));
            }
            ("long", Some(Term::Literal(l))) => {
                let long = l.value().parse().unwrap_or(f64::NAN);
                node.coordinates = Some((node.coordinates.map_or(f64::NAN, |c| c.0), long));
            }
            _ => {}
        }
    }
    for n in nodes.values_mut() {
        if n.coordinates.is_some_and(|(a, b)| a.is_nan() || b.is_nan()) {
            n.coordinates = None;
        }
    }
    // Facts pulled by `isnad enrich`: coordinates (Wikidata P625) for places the gazetteer
    // lacks, and the English label of entities that have none.
    let q = format!(
        "SELECT ?x ?p ?o WHERE {{ ?x owl:sameAs ?q . GRAPH <{}> {{ ?q ?p ?o }} \
         FILTER(?p = wdt:P625 || (?p = rdfs:label && LANG(?o) = \"en\")) }}",
        crate::vocab::EXTERNAL_GRAPH
    );
    for row in select(store, "analyze", &q)? {
        let (Some(x), Some(p), Some(o)) =
            (text_of(&row, "x"), text_of(&row, "p"), text_of(&row, "o"))
        else {
            continue;
        };
        let Some(node) = nodes.get_mut(&x) else {
            continue;
        };
        if p.ends_with("P625") && node.coordinates.is_none() {
            node.coordinates = crate::vocab::wkt_point(&o);
        } else if p.ends_with("#label") && node.label_en.is_empty() {
            node.label_en = o;
        }
    }
    Ok(nodes)
}

/// The relations an event implies, as (source, target, kind).
pub fn relations(e: &EventInfo) -> Vec<(String, String, EdgeKind)> {
    let mut out = Vec::new();
    let sides: Vec<&String> = e.with_role("party").chain(e.with_role("agent")).collect();
    let pairs = |list: &[&String], kind: EdgeKind, out: &mut Vec<(String, String, EdgeKind)>| {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a != b {
                    let (x, y) = if a < b { (a, b) } else { (b, a) };
                    out.push(((*x).clone(), (*y).clone(), kind));
                }
            }
        }
    };
    match e.class.as_str() {
        "Agreement" | "Ceasefire" | "Talks" => {
            pairs(&sides, EdgeKind::PartyWith, &mut out);
            for m in e.with_role("mediator") {
                for p in &sides {
                    if m != *p {
                        out.push((m.clone(), (*p).clone(), EdgeKind::Mediates));
                    }
                }
            }
            for s in e.with_role("signatory") {
                for p in &sides {
                    out.push((s.clone(), (*p).clone(), EdgeKind::Signed));
                }
            }
        }
        "Clash" => {
            let agents: Vec<&String> = e.with_role("agent").collect();
            let targets: Vec<&String> = e.with_role("target").collect();
            if !agents.is_empty() && !targets.is_empty() {
                for a in &agents {
                    for t in &targets {
                        if a != t {
                            out.push(((*a).clone(), (*t).clone(), EdgeKind::ClashesWith));
                        }
                    }
                }
            } else {
                let all: Vec<&String> = sides.iter().copied().chain(targets).collect();
                pairs(&all, EdgeKind::ClashesWith, &mut out);
            }
        }
        "Deployment" | "Withdrawal" => {
            let kind = if e.class == "Deployment" {
                EdgeKind::DeployedIn
            } else {
                EdgeKind::WithdrewFrom
            };
            for a in &sides {
                for p in e.with_role("hasPlace") {
                    out.push(((*a).clone(), p.clone(), kind));
                }
            }
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

/// First and last date (lexical ISO prefixes sort in time order).
type DateRange = (Option<String>, Option<String>);

fn widen(range: &mut DateRange, date: Option<&String>) {
    if let Some(d) = date {
        if range.0.as_ref().is_none_or(|f| d < f) {
            range.0 = Some(d.clone());
        }
        if range.1.as_ref().is_none_or(|l| d > l) {
            range.1 = Some(d.clone());
        }
    }
}

/// Builds a network from (source, target, kind, event, date) relations.
fn assemble(
    store: &IsnadStore,
    relations: Vec<(String, String, EdgeKind, String, Option<String>)>,
    extra_nodes: BTreeMap<String, Node>,
) -> Result<Network> {
    let mut iris: BTreeSet<String> = BTreeSet::new();
    for (a, b, ..) in &relations {
        iris.insert(a.clone());
        iris.insert(b.clone());
    }
    iris.retain(|i| !extra_nodes.contains_key(i));
    let mut nodes = load_nodes(store, &iris)?;
    nodes.extend(extra_nodes);
    let index: BTreeMap<String, usize> = nodes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let mut nodes: Vec<Node> = nodes.into_values().collect();
    let mut grouped: BTreeMap<(usize, usize, EdgeKind), (BTreeSet<String>, DateRange)> =
        BTreeMap::new();
    for (a, b, kind, event, date) in relations {
        let (s, t) = (index[&a], index[&b]);
        let entry = grouped.entry((s, t, kind)).or_default();
        entry.0.insert(event);
        widen(&mut entry.1, date.as_ref());
        for n in [s, t] {
            let mut r = (nodes[n].first.take(), nodes[n].last.take());
            widen(&mut r, date.as_ref());
            nodes[n].first = r.0;
            nodes[n].last = r.1;
        }
    }
    let edges = grouped
        .into_iter()
        .map(|((source, target, kind), (events, (first, last)))| Edge {
            source,
            target,
            kind,
            events: events.into_iter().collect(),
            first,
            last,
        })
        .collect();
    Ok(Network { nodes, edges })
}

/// The actor network.
pub fn actor_network(store: &IsnadStore, events: &[EventInfo]) -> Result<Network> {
    let mut rels = Vec::new();
    for e in events {
        for (a, b, kind) in relations(e) {
            rels.push((a, b, kind, e.iri.clone(), e.date.clone()));
        }
    }
    assemble(store, rels, BTreeMap::new())
}

/// The event network: events linked to their actors and places.
pub fn event_network(store: &IsnadStore, events: &[EventInfo]) -> Result<Network> {
    let mut rels = Vec::new();
    let mut extra = BTreeMap::new();
    for e in events {
        extra.insert(
            e.iri.clone(),
            Node {
                iri: e.iri.clone(),
                label_ar: e.label.clone(),
                label_en: e.label.clone(),
                class: e.class.clone(),
                ..Node::default()
            },
        );
        for (_, x) in &e.roles {
            rels.push((
                e.iri.clone(),
                x.clone(),
                EdgeKind::Involves,
                e.iri.clone(),
                e.date.clone(),
            ));
        }
    }
    assemble(store, rels, extra)
}
