//! The seed corpus against `tests/seeds/expected.json` (a copy of the founding corpus's
//! expectations), checked through SPARQL on a store built from `corpus/`: every non-optional
//! event with its class, an actor, its date at the right precision, and its mentions with
//! claimant and stance; every merge; every distinct group; nothing from the related-news
//! block; every mention's offsets; and the same graph whatever the ingest order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::root;
use isnad::normalize::fold;
use isnad::pipeline::{ingest_paths, IngestOptions};
use isnad::query::prepare;
use isnad::IsnadStore;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};

fn select(store: &IsnadStore, q: &str) -> Vec<BTreeMap<String, String>> {
    let QueryResults::Solutions(s) = store.query(prepare("test", q).unwrap()).unwrap() else {
        panic!("not a SELECT");
    };
    s.map(|row| {
        let row = row.unwrap();
        row.iter()
            .map(|(v, t)| {
                let value = match t {
                    Term::NamedNode(n) => n.as_str().to_owned(),
                    Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                };
                (v.as_str().to_owned(), value)
            })
            .collect()
    })
    .collect()
}

/// A corpus folder and the expectations of its articles.
struct Suite {
    corpus: std::path::PathBuf,
    expected: std::path::PathBuf,
    /// Whether roles, places, figures, background, status and cited sources are checked
    /// (`check_fields`), or only that each event is found with one of its actors.
    check_fields: bool,
}

fn seeds() -> Suite {
    Suite {
        corpus: root().join("corpus"),
        expected: root().join("tests/seeds/expected.json"),
        check_fields: true,
    }
}

/// Articles written for this test about other conflicts, with expectations written before
/// the extractor ran on them (see tests/heldout/expected.json).
fn held_out() -> Suite {
    Suite {
        corpus: root().join("tests/heldout/articles"),
        expected: root().join("tests/heldout/expected.json"),
        check_fields: false,
    }
}

fn build(dir: &std::path::Path, order: &[&str]) -> IsnadStore {
    build_from(dir, &seeds().corpus, order)
}

fn build_from(dir: &std::path::Path, corpus: &std::path::Path, order: &[&str]) -> IsnadStore {
    fill(IsnadStore::open(dir).unwrap(), corpus, order)
}

fn fill(store: IsnadStore, corpus: &std::path::Path, order: &[&str]) -> IsnadStore {
    let paths: Vec<_> = order
        .iter()
        .map(|id| corpus.join(format!("{id}.txt")))
        .collect();
    let summary = ingest_paths(&store, &paths, IngestOptions::default()).unwrap();
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    store
}

fn expected() -> Value {
    expected_of(&seeds())
}

fn expected_of(suite: &Suite) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&suite.expected).unwrap()).unwrap()
}

fn ids(expected: &Value) -> Vec<String> {
    expected["articles"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// Every name an entity goes by, folded, with its Wikidata item and the items of what it
/// is part of.
struct Names {
    labels: BTreeMap<String, BTreeSet<String>>,
    qids: BTreeMap<String, BTreeSet<String>>,
}

fn names(store: &IsnadStore) -> Names {
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in select(
        store,
        "SELECT ?x ?l WHERE { ?x rdfs:label|skos:altLabel ?l }",
    ) {
        labels
            .entry(r["x"].clone())
            .or_default()
            .insert(fold(&r["l"]));
    }
    let mut qids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in select(
        store,
        "SELECT ?x ?q WHERE { ?x isnad:partOf*/owl:sameAs ?q }",
    ) {
        qids.entry(r["x"].clone())
            .or_default()
            .insert(r["q"].rsplit('/').next().unwrap().to_owned());
    }
    Names { labels, qids }
}

fn actor_matches(names: &Names, iri: &str, want: &Value) -> bool {
    let mut forms: Vec<String> = vec![fold(want["label_ar"].as_str().unwrap_or_default())];
    if let Some(alts) = want["alts"].as_array() {
        forms.extend(alts.iter().filter_map(Value::as_str).map(fold));
    }
    let qids = names.qids.get(iri);
    let by_qid = [&want["qid"], &want["state"]]
        .iter()
        .filter_map(|q| q.as_str())
        .any(|q| qids.is_some_and(|s| s.contains(q)));
    by_qid
        || names
            .labels
            .get(iri)
            .is_some_and(|ls| forms.iter().any(|f| ls.contains(f)))
}

/// The claimant named in the expectation is the found one, or of the same state.
fn claimant_matches(names: &Names, found: Option<&String>, want: &str) -> bool {
    let Some(found) = found else { return false };
    if names
        .labels
        .get(found)
        .is_some_and(|ls| ls.contains(&fold(want)))
    {
        return true;
    }
    let article = isnad::Article::from_text("claimant", "", &format!("قال {want} إن"), None);
    let analysis = isnad::extract::analysis::analyse(&article);
    let g = isnad::extract::gazetteer::Gazetteer::shipped();
    let roots_found = names.qids.get(found).cloned().unwrap_or_default();
    analysis.sentences.iter().flat_map(|s| &s.found).any(|f| {
        f.ent.iri == *found
            || g.get(&f.ent.root(g))
                .and_then(|e| e.same_as.as_deref())
                .is_some_and(|q| roots_found.contains(q.rsplit('/').next().unwrap_or_default()))
    })
}

struct MentionRow {
    event: String,
    class: BTreeSet<String>,
    anchor: String,
    claimant: Option<String>,
    stance: String,
    date: Option<String>,
}

fn mentions(store: &IsnadStore, article_id: &str) -> Vec<MentionRow> {
    let q = format!(
        r#"SELECT ?e ?class ?anchor ?claimant ?stance ?date WHERE {{
            ?a schema:identifier "{article_id}" .
            ?m isnad:inArticle ?a ; nif:anchorOf ?anchor ; isnad:stance ?stance .
            ?r isnad:mentionedIn ?m ; a isnad:EventReading .
            OPTIONAL {{ ?r isnad:date ?date }}
            OPTIONAL {{ ?m isnad:claimant ?claimant }}
            GRAPH <https://w3id.org/isnad/events> {{ ?e isnad:mentionedIn ?m ; a ?c }}
            ?c rdfs:subClassOf* ?class . }}"#
    );
    let mut by: BTreeMap<(String, String, String, Option<String>), MentionRow> = BTreeMap::new();
    for r in select(store, &q) {
        let key = (
            r["e"].clone(),
            r["anchor"].clone(),
            r["stance"].clone(),
            r.get("claimant").cloned(),
        );
        let row = by.entry(key).or_insert_with(|| MentionRow {
            event: r["e"].clone(),
            class: BTreeSet::new(),
            anchor: r["anchor"].clone(),
            claimant: r.get("claimant").cloned(),
            stance: r["stance"].rsplit('#').next().unwrap().to_owned(),
            date: r.get("date").cloned(),
        });
        row.class
            .insert(r["class"].rsplit('#').next().unwrap().to_owned());
    }
    by.into_values().collect()
}

fn event_actors(store: &IsnadStore, event: &str) -> Vec<String> {
    let q = format!(
        "SELECT DISTINCT ?x WHERE {{ GRAPH <https://w3id.org/isnad/events> {{ <{event}> isnad:agent|isnad:party|isnad:mediator|isnad:signatory|isnad:target ?x }} }}"
    );
    select(store, &q)
        .into_iter()
        .map(|r| r["x"].clone())
        .collect()
}

fn precision(date: &str) -> usize {
    match date.len() {
        3 => 4, // a decade is stored as its first year
        n => n,
    }
}

/// Finds, for each non-optional expected event, the event node whose mention in the
/// article contains the evidence; checks class, actors, date and mentions. Returns the map
/// key → node per article, and the failures.
fn check_events(
    store: &IsnadStore,
    names: &Names,
    exp: &Value,
) -> (BTreeMap<(String, String), String>, Vec<String>) {
    let mut nodes = BTreeMap::new();
    let mut failures = Vec::new();
    for id in ids(exp) {
        let rows = mentions(store, &id);
        for ev in exp["articles"][&id]["events"].as_array().unwrap() {
            if ev["optional"].as_bool() == Some(true) {
                continue;
            }
            let key = ev["key"].as_str().unwrap();
            let class = ev["type"].as_str().unwrap();
            let want_mentions = ev["mentions"].as_array().unwrap();
            let first = fold(want_mentions[0]["evidence"].as_str().unwrap());
            let candidates: Vec<&MentionRow> = rows
                .iter()
                .filter(|m| m.class.contains(class) && fold(&m.anchor).contains(&first))
                .collect();
            // A sentence may hold two readings of one class (نفى … استهداف، وقال إن ضرباته
            // استهدفت …): prefer the one with the first expected mention's stance.
            let want_stance = if want_mentions[0]["stance"] == "denied" {
                "Denied"
            } else {
                "Asserted"
            };
            let found = candidates
                .iter()
                .find(|m| m.stance == want_stance)
                .or(candidates.first());
            let Some(found) = found else {
                failures.push(format!(
                    "{id} {key}: no {class} mentioned in «{}»",
                    want_mentions[0]["evidence"]
                ));
                continue;
            };
            let event = found.event.clone();
            nodes.insert((id.clone(), key.to_owned()), event.clone());
            let actors = event_actors(store, &event);
            let wanted = ev["actors"].as_array().unwrap();
            if !wanted.is_empty()
                && !actors
                    .iter()
                    .any(|a| wanted.iter().any(|w| actor_matches(names, a, w)))
            {
                failures.push(format!(
                    "{id} {key}: none of the actors {:?} among {actors:?}",
                    wanted
                        .iter()
                        .map(|w| w["label_ar"].as_str().unwrap_or_default())
                        .collect::<Vec<_>>()
                ));
            }
            if let Some(want) = ev["date"].as_str() {
                let ok = found
                    .date
                    .as_deref()
                    .is_some_and(|d| d.starts_with(want) && precision(d) == precision(want));
                if !ok {
                    failures.push(format!(
                        "{id} {key}: date {:?}, expected {want}",
                        found.date
                    ));
                }
            }
            for wm in want_mentions {
                let evidence = fold(wm["evidence"].as_str().unwrap());
                let stance = if wm["stance"] == "denied" {
                    "Denied"
                } else {
                    "Asserted"
                };
                let same: Vec<&MentionRow> = rows
                    .iter()
                    .filter(|m| m.event == event && fold(&m.anchor).contains(&evidence))
                    .collect();
                let ok = same.iter().any(|m| {
                    m.stance == stance
                        && wm["claimant"]
                            .as_str()
                            .is_none_or(|c| claimant_matches(names, m.claimant.as_ref(), c))
                });
                if !ok {
                    failures.push(format!(
                        "{id} {key}: no mention «{}» ({stance}, claimant {:?}) of the event; found {:?}",
                        wm["evidence"].as_str().unwrap(),
                        wm["claimant"],
                        same.iter().map(|m| (&m.stance, &m.claimant)).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    (nodes, failures)
}

/// The news agencies' names in `expected.json` and how articles write them.
const AGENCIES: &[(&str, &str)] = &[
    ("Reuters", "رويترز"),
    ("AFP", "فرانس برس"),
    ("Al Jazeera", "الجزيرة"),
    ("AZERTAC", "أذرتاج"),
];

/// Whether the source `iri` is the agency `want` names (in English, as `expected.json` does).
fn is_agency(names: &Names, iri: &str, want: &str) -> bool {
    let arabic = AGENCIES
        .iter()
        .find(|(en, _)| *en == want)
        .map_or(want, |(_, ar)| ar);
    names
        .labels
        .get(iri)
        .is_some_and(|ls| ls.contains(&fold(arabic)) || ls.contains(want))
}

fn local(iri: &str) -> String {
    iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned()
}

/// The fields `check_events` leaves to this function, for every event it found: each listed
/// actor that was found has its role; the place; the figures; background; status; and the
/// cited source of each mention. Tolerance, as `tests/seeds/EXPECTED.md` documents it: an
/// actor not found is no failure here (one found actor is enough to match); in a clash,
/// `party` may stand for either side (agent or target) but agent and target may not swap; a
/// place is checked where an evidence sentence names it; a figure may come from any
/// mention of the event in the article; a mention the file gives no agency may carry only
/// agencies the article cites; a state stands for its ministries and forces.
fn check_fields(
    store: &IsnadStore,
    names: &Names,
    exp: &Value,
    nodes: &BTreeMap<(String, String), String>,
) -> Vec<String> {
    let mut failures = Vec::new();
    for ((id, key), event) in nodes {
        let ev = exp["articles"][id]["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["key"] == key.as_str())
            .unwrap();
        let roles = select(
            store,
            &format!(
                "SELECT ?p ?x WHERE {{ GRAPH <https://w3id.org/isnad/events> {{ <{event}> ?p ?x }}
                   VALUES ?p {{ isnad:agent isnad:party isnad:mediator isnad:signatory isnad:target }} }}"
            ),
        );
        for want in ev["actors"].as_array().unwrap() {
            let role = want["role"].as_str().unwrap();
            let found: Vec<String> = roles
                .iter()
                .filter(|r| actor_matches(names, &r["x"], want))
                .map(|r| local(&r["p"]))
                .collect();
            let clash_side = ev["type"] == "Clash" && matches!(role, "agent" | "target");
            let fits = |r: &String| r == role || (clash_side && r == "party");
            if !found.is_empty() && !found.iter().any(fits) {
                failures.push(format!(
                    "{id} {key}: {} is {found:?}, expected {role}",
                    want["label_ar"]
                ));
            }
        }
        let named = |label: &str| {
            ev["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| fold(m["evidence"].as_str().unwrap()).contains(&fold(label)))
        };
        if ev["place"]["label_ar"].as_str().is_some_and(named) {
            let places = select(
                store,
                &format!("SELECT ?p WHERE {{ GRAPH <https://w3id.org/isnad/events> {{ <{event}> sem:hasPlace ?p }} }}"),
            );
            if !places
                .iter()
                .any(|p| actor_matches(names, &p["p"], &ev["place"]))
            {
                failures.push(format!(
                    "{id} {key}: place {} not among {:?}",
                    ev["place"]["label_ar"],
                    places.iter().map(|p| &p["p"]).collect::<Vec<_>>()
                ));
            }
        }
        // The mentions of this event in this article, with their fields.
        let rows = select(
            store,
            &format!(
                r#"SELECT ?m ?anchor ?background ?source ?measure ?value ?status WHERE {{
                     ?a schema:identifier "{id}" .
                     GRAPH <https://w3id.org/isnad/events> {{ <{event}> isnad:mentionedIn ?m }}
                     ?m isnad:inArticle ?a ; nif:anchorOf ?anchor .
                     OPTIONAL {{ ?m isnad:background ?background }}
                     OPTIONAL {{ ?m isnad:citedSource ?source }}
                     OPTIONAL {{ ?m ?measure ?value VALUES ?measure {{ isnad:killed isnad:wounded }} }}
                     OPTIONAL {{ ?r isnad:mentionedIn ?m ; isnad:status ?status }} }}"#
            ),
        );
        if let Some(numbers) = ev["numbers"].as_object() {
            for (measure, value) in numbers {
                let value = value.to_string();
                if !rows.iter().any(|r| {
                    r.get("measure").is_some_and(|m| local(m) == *measure)
                        && r.get("value") == Some(&value)
                }) {
                    failures.push(format!("{id} {key}: no mention says {measure} {value}"));
                }
            }
        }
        let background = ev["background"].as_bool() == Some(true);
        if !rows
            .iter()
            .any(|r| (r.get("background").map(String::as_str) == Some("true")) == background)
        {
            failures.push(format!(
                "{id} {key}: no mention with background {background}"
            ));
        }
        if let Some(status) = ev["status"].as_str() {
            if !rows.iter().any(|r| {
                r.get("status")
                    .is_some_and(|s| local(s).eq_ignore_ascii_case(status))
            }) {
                failures.push(format!("{id} {key}: status {status} not found"));
            }
        }
        for wm in ev["mentions"].as_array().unwrap() {
            let evidence = fold(wm["evidence"].as_str().unwrap());
            let sources: BTreeSet<String> = rows
                .iter()
                .filter(|r| fold(&r["anchor"]).contains(&evidence))
                .filter_map(|r| r.get("source").cloned())
                .collect();
            match wm["cited_source"].as_str() {
                Some(want) => {
                    if !sources.iter().any(|s| is_agency(names, s, want)) {
                        failures.push(format!(
                            "{id} {key}: «{}» not cited to {want}; found {sources:?}",
                            wm["evidence"].as_str().unwrap()
                        ));
                    }
                }
                None => {
                    let cited = &exp["articles"][id]["cited_sources"];
                    let allowed = |s: &String| {
                        cited
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|want| is_agency(names, s, want.as_str().unwrap()))
                    };
                    if let Some(other) = sources.iter().find(|s| !allowed(s)) {
                        failures.push(format!(
                            "{id} {key}: «{}» cited to {other}, which the article does not cite",
                            wm["evidence"].as_str().unwrap()
                        ));
                    }
                }
            }
        }
    }
    failures
}

/// Every failed expectation of a suite.
fn failures_of(suite: &Suite) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    failures_in(IsnadStore::open(dir.path()).unwrap(), suite)
}

/// Every failed expectation of a suite, its corpus ingested into `store`.
fn failures_in(store: IsnadStore, suite: &Suite) -> Vec<String> {
    let exp = expected_of(suite);
    let order: Vec<String> = ids(&exp);
    let store = fill(
        store,
        &suite.corpus,
        &order.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let names = names(&store);
    let (nodes, mut failures) = check_events(&store, &names, &exp);
    if suite.check_fields {
        failures.extend(check_fields(&store, &names, &exp, &nodes));
    }

    for merge in exp["merges"].as_array().unwrap() {
        let key = merge["key"].as_str().unwrap();
        let distinct: BTreeSet<&String> = nodes
            .iter()
            .filter(|((_, k), _)| k == key)
            .map(|(_, e)| e)
            .collect();
        if distinct.len() > 1 {
            failures.push(format!(
                "merge {key}: {} nodes instead of one",
                distinct.len()
            ));
        }
    }
    for group in exp["distinct"].as_array().unwrap() {
        let keys: Vec<&str> = group
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut owner: BTreeMap<&String, &str> = BTreeMap::new();
        for ((_, k), e) in &nodes {
            if keys.contains(&k.as_str()) {
                if let Some(other) = owner.insert(e, k) {
                    if other != k {
                        failures.push(format!("distinct: {other} and {k} are one node {e}"));
                    }
                }
            }
        }
    }
    for id in ids(&exp) {
        if let Some(words) = exp["articles"][&id]["must_not_mention"].as_array() {
            let q = format!(
                r#"SELECT ?g ?o WHERE {{ ?a schema:identifier "{id}" . GRAPH ?a {{ ?s ?p ?o FILTER(isLiteral(?o)) }} }}"#
            );
            for r in select(&store, &q) {
                for w in words.iter().filter_map(Value::as_str) {
                    if r["o"].contains(w) {
                        failures.push(format!(
                            "{id}: «{w}» from the related-news block entered the graph"
                        ));
                    }
                }
            }
        }
    }
    failures
}

fn assert_holds(suite: &Suite) {
    let failures = failures_of(suite);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_expectations_hold() {
    assert_holds(&seeds());
}

/// The same acceptance with the graph in a real Virtuoso (skipped, with the reason printed,
/// where Virtuoso is not installed; a failure then under CI=true).
#[test]
fn seed_expectations_hold_on_virtuoso() {
    let Some(v) = common::Virtuoso::start("seed_expectations_hold_on_virtuoso") else {
        return;
    };
    let mut config = isnad::remote::RemoteConfig::new(&v.sparql(), None).unwrap();
    config.credentials = Some(("dba".into(), "dba".into()));
    let mut failures = failures_in(IsnadStore::open_remote(config.clone()).unwrap(), &seeds());
    failures.extend(offset_failures(&IsnadStore::open_remote(config).unwrap()));
    assert!(
        failures.is_empty(),
        "{} failures on Virtuoso:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The strengthened checks can fail: in a copy of `expected.json` a signatory becomes a
/// party, an agent of a withdrawal or deployment a party, a cited agency another, and a
/// figure another; each
/// change, and nothing else, is reported.
#[test]
fn a_changed_role_source_or_figure_in_expected_json_fails() {
    let mut exp: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/seeds/expected.json")).unwrap(),
    )
    .unwrap();
    // One change of each kind, each in the first event that allows it.
    let mut changed: [Option<String>; 4] = Default::default();
    for (id, article) in exp["articles"].as_object_mut().unwrap() {
        for ev in article["events"].as_array_mut().unwrap() {
            let key = ev["key"].as_str().unwrap().to_owned();
            let clash = ev["type"] == "Clash";
            for actor in ev["actors"].as_array_mut().unwrap() {
                let slot = if actor["role"] == "signatory" {
                    (0, "party")
                } else if !clash && actor["role"] == "agent" {
                    (1, "party")
                } else {
                    continue;
                };
                if changed[slot.0].is_none() {
                    actor["role"] = slot.1.into();
                    changed[slot.0] = Some(format!("{id} {key}: {} is", actor["label_ar"]));
                }
            }
            if changed[2].is_none() {
                let mentions = ev["mentions"].as_array_mut().unwrap();
                if let Some(m) = mentions.iter_mut().find(|m| m["cited_source"].is_string()) {
                    m["cited_source"] = "TASS".into();
                    changed[2] = Some(format!("{id} {key}: «"));
                }
            }
            if let Some(killed) = ev["numbers"].get_mut("killed") {
                if changed[3].is_none() {
                    *killed = (killed.as_i64().unwrap() + 1).into();
                    changed[3] = Some(format!("{id} {key}: no mention says killed"));
                }
            }
        }
    }
    let changed: Vec<String> = changed.into_iter().flatten().collect();
    assert_eq!(
        changed.len(),
        4,
        "the file has no field to change: {changed:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("expected.json");
    std::fs::write(&copy, serde_json::to_string(&exp).unwrap()).unwrap();
    let failures = failures_of(&Suite {
        expected: copy,
        ..seeds()
    });
    for want in &changed {
        assert!(
            failures.iter().any(|f| f.starts_with(want.as_str())),
            "no failure for {want}: {failures:#?}"
        );
    }
    assert_eq!(failures.len(), changed.len(), "{failures:#?}");
}

#[test]
fn held_out_expectations_hold() {
    assert_holds(&held_out());
}

#[test]
fn every_mention_offset_checks_out() {
    let dir = tempfile::tempdir().unwrap();
    let exp = expected();
    let order = ids(&exp);
    let store = build(
        dir.path(),
        &order.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let failures = offset_failures(&store);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Mentions whose anchor is not the slice of the article body their offsets name (code
/// points, cut here rather than by the store's SUBSTR), and events without a mention or an
/// article.
fn offset_failures(store: &IsnadStore) -> Vec<String> {
    let rows = select(
        store,
        "SELECT ?m ?anchor ?b ?e ?body WHERE { ?m a isnad:Mention ; nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?a .
           ?a schema:articleBody ?body }",
    );
    let mut failures = Vec::new();
    if rows.len() <= 30 {
        failures.push(format!("only {} mentions", rows.len()));
    }
    for r in &rows {
        let (b, e): (usize, usize) = (r["b"].parse().unwrap(), r["e"].parse().unwrap());
        let slice: String = r["body"]
            .chars()
            .skip(b)
            .take(e.saturating_sub(b))
            .collect();
        if slice != r["anchor"] {
            failures.push(format!(
                "{}: «{}» at {b}..{e} is «{slice}»",
                r["m"], r["anchor"]
            ));
        }
    }
    let events = select(store, "SELECT ?e WHERE { GRAPH <https://w3id.org/isnad/events> { ?e a ?c } ?c rdfs:subClassOf* isnad:Event FILTER NOT EXISTS { GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m ; prov:wasDerivedFrom ?a } } }");
    if !events.is_empty() {
        failures.push(format!(
            "events without a mention or an article: {events:?}"
        ));
    }
    failures
}

#[test]
fn ingest_order_does_not_change_the_graph() {
    let exp = expected();
    let order = ids(&exp);
    let forward: Vec<&str> = order.iter().map(String::as_str).collect();
    let mut shuffled = forward.clone();
    shuffled.rotate_left(2);
    shuffled.swap(0, 3);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let quads = |store: &IsnadStore| -> HashSet<oxigraph::model::Quad> {
        store.quads(None).map(Result::unwrap).collect()
    };
    let first = quads(&build(a.path(), &forward));
    // One at a time in another order: the events graph is rebuilt after each.
    let store = IsnadStore::open(b.path()).unwrap();
    for id in &shuffled {
        ingest_paths(
            &store,
            &[root().join(format!("corpus/{id}.txt"))],
            IngestOptions::default(),
        )
        .unwrap();
    }
    let second = quads(&store);
    assert_eq!(first.len(), second.len());
    assert!(
        first == second,
        "graphs differ: {:?}",
        first
            .symmetric_difference(&second)
            .take(5)
            .collect::<Vec<_>>()
    );
}
