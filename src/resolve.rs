//! Rebuilds the events graph: reads every reading from the store, clusters them across
//! articles ([`crate::extract::coref`]) and writes one canonical event per cluster, with all
//! its mentions, in `https://w3id.org/isnad/events`, replacing the previous version in one
//! transaction.

use crate::error::Result;
use crate::extract::coref::{self, ReadingRow};
use crate::extract::dates::{DateValue, Precision};
use crate::extract::lexicon::EventClass;
use crate::query::select;
use crate::store::IsnadStore;
use crate::vocab::{EVENTS_GRAPH, ID, ISNAD};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

const READINGS: &str = "SELECT ?r ?article ?type ?date ?prec WHERE {
  ?r a isnad:EventReading ; isnad:eventType ?type ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?r isnad:date ?date } OPTIONAL { ?r isnad:datePrecision ?prec } }";
const LINKS: &str = "SELECT ?r ?p ?x WHERE {
  ?r a isnad:EventReading ; ?p ?x .
  VALUES ?p { isnad:agent isnad:party isnad:mediator isnad:signatory isnad:target sem:hasPlace isnad:mentionedIn isnad:status } }";
const DENIED: &str = "SELECT DISTINCT ?r WHERE {
  ?r a isnad:EventReading ; isnad:mentionedIn ?m . ?m isnad:stance isnad:Denied }";
const SENTENCES: &str = "SELECT ?r ?b WHERE {
  ?r a isnad:EventReading ; isnad:mentionedIn ?m . ?m nif:beginIndex ?b }";
const PART_OF: &str = "SELECT ?x ?p ?type WHERE { ?x isnad:partOf ?p . OPTIONAL { ?p a ?type } }";
const CLAIMANTS: &str = "SELECT DISTINCT ?x WHERE { ?m isnad:claimant|isnad:citedSource ?x }";
const LABELS: &str = "SELECT ?x ?l WHERE { ?x rdfs:label ?l FILTER(lang(?l) = 'en') }";

fn iri(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn parse_date(t: Option<&Term>, precision: Option<&Term>) -> Option<DateValue> {
    let Some(Term::Literal(l)) = t else {
        return None;
    };
    let v = l.value();
    let dt = l.datatype().as_str();
    let decade = matches!(precision, Some(Term::Literal(p)) if p.value() == "decade");
    if dt.ends_with("#date") {
        DateValue::parse_iso(v)
    } else if dt.ends_with("#gYearMonth") {
        let (y, m) = v.split_once('-')?;
        Some(DateValue::month(y.parse().ok()?, m.parse().ok()?))
    } else {
        let y: i32 = v.parse().ok()?;
        Some(if decade {
            DateValue::decade(y)
        } else {
            DateValue::year(y)
        })
    }
}

/// Reads the readings of the store, with their actors resolved to their states.
pub fn load_readings(store: &IsnadStore) -> Result<Vec<ReadingRow>> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    for r in select(store, "resolve", PART_OF)? {
        if let (Some(x), Some(p)) = (iri(r.get(0)), iri(r.get(1))) {
            parent.entry(x).or_insert(p);
        }
    }
    let root = |x: &str| -> String {
        let mut cur = x.to_owned();
        for _ in 0..5 {
            if cur.contains("/id/state/") {
                break;
            }
            match parent.get(&cur) {
                Some(p) => cur = p.clone(),
                None => break,
            }
        }
        cur
    };
    let mut by_iri: BTreeMap<String, ReadingRow> = BTreeMap::new();
    for r in select(store, "resolve", READINGS)? {
        let (Some(reading), Some(article), Some(class)) =
            (iri(r.get(0)), iri(r.get(1)), iri(r.get(2)))
        else {
            continue;
        };
        let Some(class) = class.strip_prefix(ISNAD).and_then(EventClass::from_local) else {
            continue;
        };
        by_iri.insert(
            reading.clone(),
            ReadingRow {
                iri: reading,
                article,
                class,
                roles: Vec::new(),
                roots: BTreeSet::new(),
                places: Vec::new(),
                date: parse_date(r.get(3), r.get(4)),
                status: Vec::new(),
                mentions: Vec::new(),
                denied: false,
                sentences: Vec::new(),
                agents: BTreeSet::new(),
            },
        );
    }
    for r in select(store, "resolve", DENIED)? {
        if let Some(row) = iri(r.get(0)).and_then(|x| by_iri.get_mut(&x)) {
            row.denied = true;
        }
    }
    for r in select(store, "resolve", SENTENCES)? {
        if let (Some(row), Some(Term::Literal(b))) =
            (iri(r.get(0)).and_then(|x| by_iri.get_mut(&x)), r.get(1))
        {
            if let Ok(b) = b.value().parse() {
                row.sentences.push(b);
            }
        }
    }
    for r in select(store, "resolve", LINKS)? {
        let (Some(reading), Some(p), Some(x)) = (iri(r.get(0)), iri(r.get(1)), iri(r.get(2)))
        else {
            continue;
        };
        let Some(row) = by_iri.get_mut(&reading) else {
            continue;
        };
        let local = p.rsplit(['#', '/']).next().unwrap_or_default().to_owned();
        // The context of a reading: its actors' states (or roots) and its places. A
        // peacekeeping force of unknown nationality is compatible with any.
        let generic = x.ends_with("/force/peacekeepers");
        match local.as_str() {
            "hasPlace" => {
                row.roots.insert(x.clone());
                row.places.push(x);
            }
            "mentionedIn" => row.mentions.push(x),
            "status" => row.status.push(x),
            role => {
                if !generic {
                    row.roots.insert(root(&x));
                    if role == "agent" {
                        row.agents.insert(root(&x));
                    }
                }
                row.roles.push((role.to_owned(), x));
            }
        }
    }
    let mut out: Vec<ReadingRow> = by_iri.into_values().collect();
    for r in &mut out {
        r.roles.sort();
        r.places.sort();
        r.mentions.sort();
        r.status.sort();
        r.sentences.sort_unstable();
        r.sentences.dedup();
    }
    Ok(out)
}

fn n(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Rebuilds the events graph. Returns the number of events.
pub fn rebuild_events(store: &IsnadStore) -> Result<usize> {
    let readings = load_readings(store)?;
    let clusters = coref::cluster(&readings);
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for r in select(store, "resolve", LABELS)? {
        if let (Some(x), Some(Term::Literal(l))) = (iri(r.get(0)), r.get(1)) {
            // The least label, so the choice depends on no store's order of answers.
            let label = labels.entry(x).or_insert_with(|| l.value().to_owned());
            if l.value() < label.as_str() {
                l.value().clone_into(label);
            }
        }
    }
    let graph = GraphName::NamedNode(n(EVENTS_GRAPH));
    let mut quads = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for members in &clusters {
        let class = coref::representative_class(&readings, members);
        let date = coref::representative_date(&readings, members);
        let roots: BTreeSet<&String> = members
            .iter()
            .flat_map(|&m| readings[m].roots.iter())
            .collect();
        let mut key = format!(
            "{}|{}|",
            class.family().local(),
            date.map(|d| d.lexical()).unwrap_or_default()
        );
        for r in &roots {
            key.push_str(r);
            key.push('|');
        }
        let mut digest = crate::article::hex(&Sha256::digest(key.as_bytes()))[..16].to_owned();
        if !used.insert(digest.clone()) {
            let first = &readings[members[0]].iri;
            digest = crate::article::hex(&Sha256::digest(format!("{key}{first}").as_bytes()))[..16]
                .to_owned();
            used.insert(digest.clone());
        }
        let event = n(format!("{ID}event/{digest}"));
        let mut add =
            |p: NamedNode, o: Term| quads.push(Quad::new(event.clone(), p, o, graph.clone()));
        let isnad = |local: &str| n(format!("{ISNAD}{local}"));
        add(
            n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            isnad(class.local()).into(),
        );
        let mut who: Vec<String> = Vec::new();
        let mut roles: BTreeSet<(String, String)> = BTreeSet::new();
        let mut places: BTreeSet<String> = BTreeSet::new();
        let mut status: BTreeSet<String> = BTreeSet::new();
        for &m in members {
            let r = &readings[m];
            roles.extend(r.roles.iter().cloned());
            places.extend(r.places.iter().cloned());
            status.extend(r.status.iter().cloned());
            add(isnad("reading"), n(&r.iri).into());
            add(
                n("http://www.w3.org/ns/prov#wasDerivedFrom"),
                n(&r.article).into(),
            );
            for mention in &r.mentions {
                add(isnad("mentionedIn"), n(mention).into());
            }
        }
        for (role, x) in &roles {
            add(isnad(role), n(x).into());
            if role != "mediator" {
                if let Some(l) = labels.get(x) {
                    if !who.contains(l) {
                        who.push(l.clone());
                    }
                }
            }
        }
        for p in &places {
            add(
                n("http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"),
                n(p).into(),
            );
        }
        for s in &status {
            add(isnad("status"), n(s).into());
        }
        if let Some(d) = date {
            add(isnad("date"), d.literal().into());
            if d.precision == Precision::Decade {
                add(
                    isnad("datePrecision"),
                    Literal::new_simple_literal("decade").into(),
                );
            }
        }
        let when = date
            .map(|d| d.lexical())
            .unwrap_or_else(|| "undated".into());
        let label = format!("{} {when}: {}", class.local(), who.join(", "));
        add(
            n("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal::new_language_tagged_literal_unchecked(label.trim_end_matches(": "), "en")
                .into(),
        );
    }
    // Materialise one deduplicated copy of every entity the events name (actors, places,
    // claimants, agencies), so queries join labels without the union's repeats.
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for r in &readings {
        entities.extend(r.roles.iter().map(|(_, x)| x.clone()));
        entities.extend(r.places.iter().cloned());
    }
    for row in select(store, "resolve", CLAIMANTS)? {
        entities.extend(iri(row.get(0)));
    }
    let mut parents: BTreeSet<String> = BTreeSet::new();
    let listed: Vec<String> = entities.iter().cloned().collect();
    for (e, facts) in store.entities_facts(&listed)? {
        for (p, o) in facts {
            if let Term::NamedNode(parent) = &o {
                if p.as_str().ends_with("#partOf") && !entities.contains(parent.as_str()) {
                    parents.insert(parent.as_str().to_owned());
                }
            }
            quads.push(Quad::new(n(&e), p, o, graph.clone()));
        }
    }
    let parents: Vec<String> = parents.into_iter().collect();
    for (e, facts) in store.entities_facts(&parents)? {
        for (p, o) in facts {
            quads.push(Quad::new(n(&e), p, o, graph.clone()));
        }
    }
    let count = clusters.len();
    store.replace_graph(&n(EVENTS_GRAPH), quads)?;
    Ok(count)
}
