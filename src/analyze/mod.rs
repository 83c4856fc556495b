//! Relations analysis (`isnad analyze`): the actor network and its measures, explained paths,
//! deployment–withdrawal lifecycles, contradictions, and the timeline; written back into
//! the named graph `https://w3id.org/isnad/analysis`.

pub mod measures;
pub mod network;
pub mod report;

use crate::error::{Error, Result};
use crate::extract::dates::DateValue;
use crate::query::select;
use crate::store::IsnadStore;
use network::{text_of, EventInfo, Network};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A deployment paired with the later withdrawal of the same force from the same place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lifecycle {
    /// The force (a shared agent).
    pub force: String,
    /// The place.
    pub place: String,
    /// The deployment event and its date.
    pub deployment: String,
    /// Its date.
    pub deployed: Option<String>,
    /// The withdrawal event, if known.
    pub withdrawal: Option<String>,
    /// Its date.
    pub withdrew: Option<String>,
    /// Days between the two, at the precision of the dates (first day of each).
    pub days: Option<i64>,
}

/// A contradiction between claimants or articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contradiction {
    /// The event.
    pub event: String,
    /// Its label.
    pub label: String,
    /// "stance", "figures" or "dates".
    pub kind: String,
    /// Who said what: (claimant or article, what).
    pub claims: Vec<(String, String)>,
}

fn first_day(lexical: &str) -> Option<i64> {
    let d = match lexical.len() {
        4 => DateValue::year(lexical.parse().ok()?),
        7 => DateValue::month(lexical[..4].parse().ok()?, lexical[5..].parse().ok()?),
        _ => DateValue::parse_iso(lexical)?,
    };
    Some(d.range().0)
}

/// Pairs deployments with the later withdrawal sharing an agent and a place; withdrawals
/// with no known deployment are listed with `deployment` empty.
pub fn lifecycles(events: &[EventInfo], labels: &BTreeMap<String, String>) -> Vec<Lifecycle> {
    let label = |iri: &str| labels.get(iri).cloned().unwrap_or_else(|| iri.to_owned());
    let of = |class: &str| -> Vec<&EventInfo> {
        let mut v: Vec<&EventInfo> = events.iter().filter(|e| e.class == class).collect();
        v.sort_by(|a, b| a.date.cmp(&b.date).then(a.iri.cmp(&b.iri)));
        v
    };
    let (deployments, withdrawals) = (of("Deployment"), of("Withdrawal"));
    let shared = |a: &EventInfo, b: &EventInfo| -> Option<(Vec<String>, String)> {
        let forces: BTreeSet<&String> = a.with_role("agent").collect();
        let both: Vec<String> = b
            .with_role("agent")
            .filter(|x| forces.contains(x))
            .cloned()
            .collect();
        let places: BTreeSet<&String> = a.with_role("hasPlace").collect();
        let place = b.with_role("hasPlace").find(|x| places.contains(x))?;
        (!both.is_empty()).then(|| (both, place.clone()))
    };
    let mut out = Vec::new();
    let mut paired: BTreeSet<&str> = BTreeSet::new();
    for d in &deployments {
        let later = withdrawals.iter().find(|w| {
            w.date
                .as_deref()
                .zip(d.date.as_deref())
                .is_some_and(|(wd, dd)| wd > dd)
                && shared(d, w).is_some()
        });
        if let Some(w) = later {
            let (forces, place) = shared(d, w).unwrap_or_default();
            let force = forces
                .iter()
                .map(|f| label(f))
                .collect::<Vec<_>>()
                .join(" / ");
            paired.insert(&w.iri);
            let days = w
                .date
                .as_deref()
                .and_then(first_day)
                .zip(d.date.as_deref().and_then(first_day))
                .map(|(a, b)| a - b);
            out.push(Lifecycle {
                force,
                place: label(&place),
                deployment: d.iri.clone(),
                deployed: d.date.clone(),
                withdrawal: Some(w.iri.clone()),
                withdrew: w.date.clone(),
                days,
            });
        }
    }
    for w in withdrawals
        .iter()
        .filter(|w| !paired.contains(w.iri.as_str()))
    {
        out.push(Lifecycle {
            force: w
                .with_role("agent")
                .next()
                .map(|a| label(a))
                .unwrap_or_default(),
            place: w
                .with_role("hasPlace")
                .next()
                .map(|p| label(p))
                .unwrap_or_default(),
            deployment: String::new(),
            deployed: None,
            withdrawal: Some(w.iri.clone()),
            withdrew: w.date.clone(),
            days: None,
        });
    }
    out
}

/// Events asserted by some and denied by others; figures that differ by claimant; the same
/// event dated differently by different articles.
pub fn contradictions(store: &IsnadStore, events: &[EventInfo]) -> Result<Vec<Contradiction>> {
    let labels: BTreeMap<&str, &str> = events
        .iter()
        .map(|e| (e.iri.as_str(), e.label.as_str()))
        .collect();
    let q = "SELECT DISTINCT ?e ?m ?stance ?claimant ?article ?date ?measure ?value WHERE {
        GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m }
        ?m isnad:stance ?stance ; isnad:inArticle ?a . ?a schema:identifier ?article .
        ?r a isnad:EventReading ; isnad:mentionedIn ?m . OPTIONAL { ?r isnad:date ?date }
        OPTIONAL { ?m isnad:claimant ?c . ?c rdfs:label ?claimant FILTER(lang(?claimant) = 'ar') }
        OPTIONAL { VALUES ?p { isnad:killed isnad:wounded isnad:displaced } ?m ?p ?value BIND(STRAFTER(STR(?p), '#') AS ?measure) } }";
    let mut stances: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let mut figures: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    let mut dates: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for row in select(store, "analyze", q)? {
        let Some(e) = text_of(&row, "e") else {
            continue;
        };
        let who = text_of(&row, "claimant")
            .or_else(|| text_of(&row, "article"))
            .unwrap_or_default();
        let stance = text_of(&row, "stance")
            .map(|s| s.rsplit('#').next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        stances
            .entry(e.clone())
            .or_default()
            .insert((who.clone(), stance));
        if let (Some(m), Some(v)) = (text_of(&row, "measure"), text_of(&row, "value")) {
            figures
                .entry((e.clone(), m))
                .or_default()
                .insert((who.clone(), v));
        }
        if let (Some(a), Some(d)) = (text_of(&row, "article"), text_of(&row, "date")) {
            dates.entry(e.clone()).or_default().insert((a, d));
        }
    }
    let label = |e: &str| labels.get(e).copied().unwrap_or(e).to_owned();
    let mut out = Vec::new();
    for (e, claims) in stances {
        let kinds: BTreeSet<&String> = claims.iter().map(|(_, s)| s).collect();
        if kinds.len() > 1 {
            out.push(Contradiction {
                label: label(&e),
                event: e,
                kind: "stance".into(),
                claims: claims.into_iter().collect(),
            });
        }
    }
    for ((e, measure), claims) in figures {
        let values: BTreeSet<&String> = claims.iter().map(|(_, v)| v).collect();
        let claimants: BTreeSet<&String> = claims.iter().map(|(c, _)| c).collect();
        if values.len() > 1 && claimants.len() > 1 {
            out.push(Contradiction {
                label: format!("{} ({measure})", label(&e)),
                event: e,
                kind: "figures".into(),
                claims: claims
                    .into_iter()
                    .map(|(c, v)| (c, format!("{v} {measure}")))
                    .collect(),
            });
        }
    }
    for (e, claims) in dates {
        // Different dates from different articles, at the same precision.
        let mut by_precision: BTreeMap<usize, BTreeSet<&String>> = BTreeMap::new();
        for (_, d) in &claims {
            by_precision.entry(d.len()).or_default().insert(d);
        }
        let articles: BTreeSet<&String> = claims.iter().map(|(a, _)| a).collect();
        if articles.len() > 1 && by_precision.values().any(|s| s.len() > 1) {
            out.push(Contradiction {
                label: label(&e),
                event: e,
                kind: "dates".into(),
                claims: claims.into_iter().collect(),
            });
        }
    }
    Ok(out)
}

/// One hop of an explained path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// From (label).
    pub from: String,
    /// To (label).
    pub to: String,
    /// Relation kind.
    pub kind: String,
    /// The event (label) and IRI.
    pub event: String,
    /// Event IRI.
    pub event_iri: String,
    /// Its date.
    pub date: Option<String>,
    /// One sentence stating it.
    pub evidence: String,
}

/// Resolves an actor given as IRI, Wikidata QID or label (Arabic or English).
pub fn resolve_actor(network: &Network, spec: &str) -> Option<usize> {
    let folded = crate::normalize::fold(spec.trim());
    network.nodes.iter().position(|n| {
        n.iri == spec
            || n.qid.as_deref() == Some(spec)
            || crate::normalize::fold(&n.label_ar) == folded
            || n.label_en.eq_ignore_ascii_case(spec.trim())
    })
}

/// The shortest explained connection between two actors (breadth-first on the undirected
/// actor network, neighbours in index order, so the answer is deterministic).
pub fn path(
    store: &IsnadStore,
    network: &Network,
    events: &[EventInfo],
    a: &str,
    b: &str,
) -> Result<Vec<Hop>> {
    let from = resolve_actor(network, a)
        .ok_or_else(|| Error::Usage(format!("no actor {a:?} in the network")))?;
    let to = resolve_actor(network, b)
        .ok_or_else(|| Error::Usage(format!("no actor {b:?} in the network")))?;
    let mut adjacency: BTreeMap<usize, BTreeSet<(usize, usize)>> = BTreeMap::new();
    for (k, e) in network.edges.iter().enumerate() {
        adjacency.entry(e.source).or_default().insert((e.target, k));
        adjacency.entry(e.target).or_default().insert((e.source, k));
    }
    let mut previous: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = BTreeSet::from([from]);
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        for &(m, k) in adjacency.get(&n).into_iter().flatten() {
            if seen.insert(m) {
                previous.insert(m, (n, k));
                queue.push_back(m);
            }
        }
    }
    if from != to && !previous.contains_key(&to) {
        return Err(Error::Usage(format!(
            "no connection between {a:?} and {b:?}"
        )));
    }
    let dated: BTreeMap<&str, &EventInfo> = events.iter().map(|e| (e.iri.as_str(), e)).collect();
    let mut hops = Vec::new();
    let mut cur = to;
    while cur != from {
        let (prev, k) = previous[&cur];
        let edge = &network.edges[k];
        let event = edge.events.first().cloned().unwrap_or_default();
        let info = dated.get(event.as_str());
        let q = format!("SELECT ?s WHERE {{ GRAPH <https://w3id.org/isnad/events> {{ <{event}> isnad:mentionedIn ?m }} ?m nif:anchorOf ?s }} ORDER BY ?s LIMIT 1");
        let evidence = select(store, "analyze", &q)?
            .first()
            .and_then(|r| text_of(r, "s"))
            .unwrap_or_default();
        hops.push(Hop {
            from: network.nodes[prev].label_ar.clone(),
            to: network.nodes[cur].label_ar.clone(),
            kind: edge.kind.name().to_owned(),
            event: info.map(|e| e.label.clone()).unwrap_or_default(),
            event_iri: event,
            date: info.and_then(|e| e.date.clone()),
            evidence,
        });
        cur = prev;
    }
    hops.reverse();
    Ok(hops)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(iri: &str, class: &str, date: &str, agent: &str, place: &str) -> EventInfo {
        EventInfo {
            iri: iri.into(),
            class: class.into(),
            date: Some(date.into()),
            label: iri.into(),
            roles: vec![
                ("agent".into(), agent.into()),
                ("hasPlace".into(), place.into()),
            ],
        }
    }

    #[test]
    fn deployments_pair_with_the_later_withdrawal_of_the_same_force_and_place() {
        let events = vec![
            event("d1", "Deployment", "2014-03", "unit", "town"),
            event("w0", "Withdrawal", "2013-01-01", "unit", "town"),
            event("w1", "Withdrawal", "2016-05-02", "unit", "town"),
            event("w2", "Withdrawal", "2017-01-01", "other", "city"),
        ];
        let l = lifecycles(&events, &BTreeMap::new());
        assert_eq!(l[0].withdrawal.as_deref(), Some("w1"));
        // 2014-03-01 to 2016-05-02: 306 + 365 + 62 = 793 days.
        assert_eq!(l[0].days, Some(793));
        let orphans: Vec<&str> = l
            .iter()
            .filter(|x| x.deployment.is_empty())
            .filter_map(|x| x.withdrawal.as_deref())
            .collect();
        assert_eq!(orphans, vec!["w0", "w2"]);
    }
}
