//! Linking to external knowledge bases: `isnad link` reconciles entities without a link
//! against a SPARQL endpoint holding Wikidata-shaped data, and `isnad enrich` pulls facts of
//! the linked items back.
//!
//! Curated links (every `owl:sameAs` outside [`LINKS_GRAPH`], such as the gazetteer's) are
//! never overwritten: their entities are skipped. The links this module writes live in
//! [`LINKS_GRAPH`], each with its score and method, and are replaced as a whole by the next
//! run; pulled facts live in [`EXTERNAL_GRAPH`].

pub mod client;
pub mod score;

use crate::error::Result;
use crate::query::select;
use crate::store::IsnadStore;
use crate::vocab::{EVENTS_GRAPH, EXTERNAL_GRAPH, ID, ISNAD, LINKS_GRAPH};
use client::Endpoint;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use score::{Candidate, Decision, Entity, Kind, LabelMatch, Thresholds};
use serde::Serialize;
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// Wikidata's entity namespace.
pub const WD: &str = "http://www.wikidata.org/entity/";
/// Wikidata's direct-property namespace.
pub const WDT: &str = "http://www.wikidata.org/prop/direct/";

const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
const SKOS_CLOSE_MATCH: &str = "http://www.w3.org/2004/02/skos/core#closeMatch";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// How to talk to the endpoint.
#[derive(Debug, Clone)]
pub struct RemoteOptions {
    /// The SPARQL endpoint's URL.
    pub endpoint: String,
    /// Entities (or items) per VALUES query.
    pub batch: usize,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Pause between two requests.
    pub pause: Duration,
}

impl RemoteOptions {
    fn connect(&self) -> Result<Endpoint> {
        let mut endpoint = Endpoint::new(&self.endpoint, self.timeout)?;
        endpoint.pause = self.pause;
        Ok(endpoint)
    }
}

/// One entity's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRow {
    /// The entity's IRI.
    pub entity: String,
    /// Its first label (Arabic when it has one).
    pub label: String,
    /// Its kind.
    pub kind: Kind,
    /// What was decided.
    #[serde(flatten)]
    pub decision: Decision,
}

/// What `link` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LinkReport {
    /// One row per entity considered.
    pub rows: Vec<LinkRow>,
    /// Entities skipped because they carry a curated link.
    pub curated: usize,
    /// HTTP requests sent.
    pub requests: u32,
    /// Whether the links graph was written (false for a dry run).
    pub written: bool,
}

impl LinkReport {
    /// Counts of (sameAs, closeMatch, ambiguous, no match).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.rows {
            match r.decision {
                Decision::SameAs(_) => c.0 += 1,
                Decision::CloseMatch(_) => c.1 += 1,
                Decision::Ambiguous { .. } => c.2 += 1,
                Decision::NoMatch { .. } => c.3 += 1,
            }
        }
        c
    }
}

/// Entities of the events graph with a curated `owl:sameAs` to Wikidata: IRI → QIDs.
fn curated_links(store: &IsnadStore) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let q = format!(
        "SELECT DISTINCT ?e ?q WHERE {{ GRAPH ?g {{ ?e owl:sameAs ?q }} \
         FILTER(?g != <{LINKS_GRAPH}> && STRSTARTS(STR(?q), \"{WD}\")) }}"
    );
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(store, "link", &q)? {
        if let (Some(Term::NamedNode(e)), Some(Term::NamedNode(q))) = (row.get("e"), row.get("q")) {
            out.entry(e.as_str().to_owned())
                .or_default()
                .insert(q.as_str()[WD.len()..].to_owned());
        }
    }
    Ok(out)
}

/// The entities the events name, with their labels and the state they belong to.
fn entities(store: &IsnadStore) -> Result<Vec<(Entity, Option<String>)>> {
    let q = format!(
        "SELECT ?e ?type ?label ?part WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e a ?type . \
         OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e isnad:partOf ?part }} }} \
         FILTER(STRSTARTS(STR(?type), \"{ISNAD}\")) }}"
    );
    let mut map: BTreeMap<String, (Entity, Option<String>)> = BTreeMap::new();
    for row in select(store, "link", &q)? {
        let (Some(Term::NamedNode(e)), Some(Term::NamedNode(t))) = (row.get("e"), row.get("type"))
        else {
            continue;
        };
        let Some(kind) = Kind::of_class(t.as_str()) else {
            continue;
        };
        let entry = map.entry(e.as_str().to_owned()).or_insert_with(|| {
            (
                Entity {
                    iri: e.as_str().to_owned(),
                    kind,
                    labels: Vec::new(),
                    context: BTreeSet::new(),
                },
                None,
            )
        });
        entry.0.kind = entry.0.kind.min(kind);
        if let Some(Term::Literal(l)) = row.get("label") {
            let pair = (l.value().to_owned(), l.language().unwrap_or("").to_owned());
            if !pair.0.trim().is_empty() && !entry.0.labels.contains(&pair) {
                entry.0.labels.push(pair);
            }
        }
        if let Some(Term::NamedNode(p)) = row.get("part") {
            entry.1 = Some(p.as_str().to_owned());
        }
    }
    let mut out: Vec<_> = map.into_values().collect();
    for (e, _) in &mut out {
        e.labels.sort_by_key(|(_, lang)| lang != "ar");
    }
    Ok(out)
}

/// A literal in SPARQL/N-Triples syntax (oxigraph escapes it); a bad language tag falls
/// back to a plain literal.
fn literal(text: &str, lang: &str) -> String {
    Literal::new_language_tagged_literal(text, lang)
        .unwrap_or_else(|_| Literal::new_simple_literal(text))
        .to_string()
}

fn qid_of(term: Option<&Term>) -> Option<String> {
    match term? {
        Term::NamedNode(n) => n.as_str().strip_prefix(WD).map(str::to_owned),
        _ => None,
    }
}

/// Asks the endpoint for every item whose label or alias is a spelling of an entity's label,
/// with the facts the checks need. Returns candidates per entity (same order).
fn candidates(endpoint: &Endpoint, batch: &[Entity]) -> Result<Vec<BTreeMap<String, Candidate>>> {
    let mut needles: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut values = BTreeSet::new();
    for (i, e) in batch.iter().enumerate() {
        for (label, lang) in &e.labels {
            let lang = if lang.is_empty() { "ar" } else { lang.as_str() };
            for spelling in score::spellings(label) {
                values.insert(literal(&spelling, lang));
            }
            let ids = needles
                .entry((score::normalise(label), lang.to_owned()))
                .or_default();
            if !ids.contains(&i) {
                ids.push(i);
            }
        }
    }
    let mut out = vec![BTreeMap::new(); batch.len()];
    if values.is_empty() {
        return Ok(out);
    }
    let query = format!(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
         PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
         PREFIX wdt: <{WDT}>\n\
         SELECT ?needle ?item ?how ?class ?super ?citizen ?country ?coord WHERE {{\n\
           VALUES ?needle {{ {} }}\n\
           {{ ?item rdfs:label ?needle . BIND(\"label\" AS ?how) }}\n\
           UNION {{ ?item skos:altLabel ?needle . BIND(\"alias\" AS ?how) }}\n\
           FILTER(STRSTARTS(STR(?item), \"{WD}Q\"))\n\
           OPTIONAL {{ ?item wdt:P31 ?class . OPTIONAL {{ ?class wdt:P279 ?super }} }}\n\
           OPTIONAL {{ ?item wdt:P27 ?citizen }}\n\
           OPTIONAL {{ ?item wdt:P17 ?country }}\n\
           OPTIONAL {{ ?item wdt:P625 ?coord }}\n\
         }}",
        values.into_iter().collect::<Vec<_>>().join(" ")
    );
    for row in endpoint.select(&query)? {
        let (Some(Term::Literal(needle)), Some(qid)) = (row.get("needle"), qid_of(row.get("item")))
        else {
            continue;
        };
        let lang = needle.language().unwrap_or("").to_owned();
        let Some(ids) = needles.get(&(score::normalise(needle.value()), lang.clone())) else {
            continue;
        };
        let alias = matches!(row.get("how"), Some(Term::Literal(l)) if l.value() == "alias");
        for &i in ids {
            let c = out[i].entry(qid.clone()).or_insert_with(|| Candidate {
                qid: qid.clone(),
                ..Candidate::default()
            });
            c.matches.insert(LabelMatch {
                lang: lang.clone(),
                alias,
            });
            add(&mut c.classes, qid_of(row.get("class")));
            add(&mut c.superclasses, qid_of(row.get("super")));
            add(&mut c.citizenship, qid_of(row.get("citizen")));
            add(&mut c.countries, qid_of(row.get("country")));
            c.has_coordinates |= row.contains_key("coord");
        }
    }
    Ok(out)
}

fn add(set: &mut BTreeSet<String>, value: Option<String>) {
    if let Some(v) = value {
        set.insert(v);
    }
}

/// Reconciles every entity of the events graph that has no curated link. States, places and
/// organisations go first, so a person's state is linked before the person is checked
/// against it (P27).
pub fn link(
    store: &IsnadStore,
    remote: &RemoteOptions,
    thresholds: Thresholds,
    dry_run: bool,
) -> Result<LinkReport> {
    let curated = curated_links(store)?;
    let endpoint = remote.connect()?;
    let mut known: BTreeMap<String, BTreeSet<String>> = curated.clone();
    let mut report = LinkReport::default();
    let all = entities(store)?;
    report.curated = all
        .iter()
        .filter(|(e, _)| curated.contains_key(&e.iri))
        .count();
    for persons in [false, true] {
        let group: Vec<Entity> = all
            .iter()
            .filter(|(e, _)| (e.kind == Kind::Person) == persons && !curated.contains_key(&e.iri))
            .map(|(e, part)| {
                let mut e = e.clone();
                if let Some(qids) = part.as_ref().and_then(|p| known.get(p)) {
                    e.context = qids.clone();
                }
                e
            })
            .collect();
        for chunk in group.chunks(remote.batch.max(1)) {
            for (e, found) in chunk.iter().zip(candidates(&endpoint, chunk)?) {
                let decision = score::decide(e, &found, thresholds);
                if let Decision::SameAs(s) = &decision {
                    known
                        .entry(e.iri.clone())
                        .or_default()
                        .insert(s.qid.clone());
                }
                report.rows.push(LinkRow {
                    entity: e.iri.clone(),
                    label: e.labels.first().map(|l| l.0.clone()).unwrap_or_default(),
                    kind: e.kind,
                    decision,
                });
            }
        }
    }
    report.requests = endpoint.requests();
    if !dry_run {
        store.replace_graph(
            &NamedNode::new_unchecked(LINKS_GRAPH),
            link_quads(&report, endpoint.url()),
        )?;
        report.written = true;
    }
    Ok(report)
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn link_quads(report: &LinkReport, endpoint: &str) -> Vec<Quad> {
    let g = GraphName::NamedNode(node(LINKS_GRAPH));
    let now = Term::from(Literal::from(oxsdatatypes::DateTime::now()));
    let source = NamedNode::new(endpoint).map_or_else(
        |_| Term::from(Literal::new_simple_literal(endpoint)),
        Term::from,
    );
    let mut quads = Vec::new();
    for row in &report.rows {
        let (predicate, s) = match &row.decision {
            Decision::SameAs(s) => (OWL_SAME_AS, s),
            Decision::CloseMatch(s) => (SKOS_CLOSE_MATCH, s),
            _ => continue,
        };
        let entity = node(&row.entity);
        let item = node(&format!("{WD}{}", s.qid));
        let hash = sha2::Sha256::digest(format!("{}\n{}", row.entity, s.qid).as_bytes());
        let id: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let link = node(&format!("{ID}link/{id}"));
        let mut add = |s: &NamedNode, p: &str, o: Term| {
            quads.push(Quad::new(s.clone(), node(p), o, g.clone()));
        };
        add(&entity, predicate, item.clone().into());
        add(&link, RDF_TYPE, node(&format!("{ISNAD}Link")).into());
        add(&link, &format!("{ISNAD}linkSubject"), entity.clone().into());
        add(&link, &format!("{ISNAD}linkTarget"), item.into());
        add(
            &link,
            &format!("{ISNAD}linkRelation"),
            node(predicate).into(),
        );
        add(
            &link,
            &format!("{ISNAD}linkScore"),
            Literal::from(s.score).into(),
        );
        add(
            &link,
            &format!("{ISNAD}linkMethod"),
            Literal::new_simple_literal(&s.method).into(),
        );
        add(
            &link,
            "http://www.w3.org/ns/prov#wasDerivedFrom",
            source.clone(),
        );
        add(
            &link,
            "http://www.w3.org/ns/prov#generatedAtTime",
            now.clone(),
        );
    }
    quads
}

/// What `enrich` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EnrichReport {
    /// Linked items asked for.
    pub items: usize,
    /// Facts written.
    pub facts: usize,
    /// Items that came back with coordinates.
    pub with_coordinates: usize,
    /// HTTP requests sent.
    pub requests: u32,
}

/// Fetches coordinates (P625), country (P17), instance-of (P31) and Arabic and English labels
/// of every Wikidata item an entity is `owl:sameAs` (curated or linked), into
/// [`EXTERNAL_GRAPH`] (replaced as a whole).
pub fn enrich(store: &IsnadStore, remote: &RemoteOptions) -> Result<EnrichReport> {
    let q = format!(
        "SELECT DISTINCT ?q WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e a ?t }} ?e owl:sameAs ?q \
         FILTER(STRSTARTS(STR(?q), \"{WD}Q\")) }} ORDER BY ?q"
    );
    let items: Vec<String> = select(store, "link", &q)?
        .iter()
        .filter_map(|row| qid_of(row.get("q")))
        .collect();
    let endpoint = remote.connect()?;
    let g = GraphName::NamedNode(node(EXTERNAL_GRAPH));
    let mut quads: std::collections::HashSet<Quad> = std::collections::HashSet::new();
    let mut with_coordinates = BTreeSet::new();
    for chunk in items.chunks(remote.batch.max(1)) {
        let values: Vec<String> = chunk.iter().map(|q| format!("<{WD}{q}>")).collect();
        let query = format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX wdt: <{WDT}>\n\
             SELECT ?item ?p ?o WHERE {{\n\
               VALUES ?item {{ {} }}\n\
               VALUES ?p {{ wdt:P625 wdt:P17 wdt:P31 rdfs:label }}\n\
               ?item ?p ?o .\n\
               FILTER(?p != rdfs:label || LANG(?o) IN (\"ar\", \"en\"))\n\
             }}",
            values.join(" ")
        );
        for row in endpoint.select(&query)? {
            let (Some(Term::NamedNode(item)), Some(Term::NamedNode(p)), Some(o)) =
                (row.get("item"), row.get("p"), row.get("o"))
            else {
                continue;
            };
            if p.as_str() == format!("{WDT}P625") {
                with_coordinates.insert(item.as_str().to_owned());
            }
            quads.insert(Quad::new(item.clone(), p.clone(), o.clone(), g.clone()));
        }
    }
    let report = EnrichReport {
        items: items.len(),
        facts: quads.len(),
        with_coordinates: with_coordinates.len(),
        requests: endpoint.requests(),
    };
    // Sorted, so the graph is written in the same order whatever the hash seed.
    let mut quads: Vec<Quad> = quads.into_iter().collect();
    quads.sort_by_cached_key(ToString::to_string);
    store.replace_graph(&node(EXTERNAL_GRAPH), quads)?;
    Ok(report)
}

/// Rows of a text report (used by the binary).
pub fn report_lines(report: &LinkReport) -> Vec<String> {
    let mut lines = Vec::new();
    for r in &report.rows {
        let show = |s: &score::Scored| format!("wd:{} {:.3} ({})", s.qid, s.score, s.method);
        let (what, detail) = match &r.decision {
            Decision::SameAs(s) => ("owl:sameAs", show(s)),
            Decision::CloseMatch(s) => ("skos:closeMatch", show(s)),
            Decision::Ambiguous { candidates } => (
                "AMBIGUOUS (left unlinked)",
                candidates.iter().map(show).collect::<Vec<_>>().join("; "),
            ),
            Decision::NoMatch { candidates } if candidates.is_empty() => {
                ("no match", String::new())
            }
            Decision::NoMatch { candidates } => (
                "no match",
                format!(
                    "below threshold: {}",
                    candidates.iter().map(show).collect::<Vec<_>>().join("; ")
                ),
            ),
        };
        lines.push(format!(
            "{:<28} {:<13} {:<26} {}",
            r.label,
            format!("{:?}", r.kind),
            what,
            detail
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_escaped_for_values() {
        assert_eq!(literal("a\"b\\c", "en"), "\"a\\\"b\\\\c\"@en");
        assert_eq!(literal("x", ""), "\"x\"");
    }
}
