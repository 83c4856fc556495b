//! Event tables for researchers' own tools: one row per canonical event, in ACLED's columns
//! (CSV) or PLOVER's event fields (JSON lines). The class mapping is data: the
//! `skos:closeMatch`, `isnad:acledSubEventType`, `isnad:ploverMode`… statements of
//! `ontology/isnad.ttl`, read from the store's ontology graph.

use crate::error::{Error, Result};
use crate::query::select;
use crate::store::IsnadStore;
use oxigraph::sparql::QuerySolution;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// The two table shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// ACLED-style CSV.
    Acled,
    /// PLOVER event records, one JSON object per line.
    Plover,
}

impl TableFormat {
    /// The format named `name`, if it is a table format.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "acled" => Some(Self::Acled),
            "plover" => Some(Self::Plover),
            _ => None,
        }
    }
}

/// ACLED's columns, in ACLED's order, then isnad's own.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "interaction",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "isnad_class",
    "claimants",
    "stance",
    "contested",
    "mentions",
    "evidence",
];

/// How a class is exported (from the ontology).
#[derive(Debug, Clone, Default)]
struct Mapping {
    acled_type: String,
    acled_sub: String,
    disorder: String,
    plover_type: String,
    plover_mode: String,
    plover_context: String,
}

/// An actor of an event.
#[derive(Debug, Clone, Default)]
struct Actor {
    iri: String,
    label_ar: String,
    label_en: String,
    kind: String,
    state: Option<String>,
    wikidata: Option<String>,
}

impl Actor {
    /// ACLED's actor type code: 1 state forces, 2 rebel groups, 8 other.
    fn acled_code(&self) -> u8 {
        match self.kind.as_str() {
            "State" => 1,
            "ArmedForce" if self.state.is_some() => 1,
            "ArmedForce" => 2,
            _ => 8,
        }
    }

    fn name(&self) -> String {
        if self.label_en.is_empty() {
            self.label_ar.clone()
        } else {
            format!("{} ({})", self.label_en, self.label_ar)
        }
    }
}

/// A place of an event.
#[derive(Debug, Clone, Default)]
struct Place {
    label: String,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<String>,
    state_place: bool,
}

/// A mention of an event.
#[derive(Debug, Clone, Default)]
struct Mention {
    begin: i64,
    article: String,
    url: String,
    published: String,
    stance: String,
    claimant: Option<String>,
    cited: Option<String>,
    publisher: Option<String>,
    killed: Option<u64>,
    evidence: String,
}

/// One canonical event with what the tables need.
#[derive(Debug, Clone, Default)]
struct Row {
    iri: String,
    class: String,
    date: Option<String>,
    roles: Vec<(String, Actor)>,
    places: Vec<Place>,
    mentions: Vec<Mention>,
}

use crate::analyze::network::{local, text_of as text};

const PREFIXES: &str = "PREFIX isnad: <https://w3id.org/isnad/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <http://schema.org/>
";

fn q(store: &IsnadStore, body: &str) -> Result<Vec<QuerySolution>> {
    select(store, "event tables", &format!("{PREFIXES}{body}"))
}

fn mappings(store: &IsnadStore) -> Result<BTreeMap<String, Mapping>> {
    let mut out: BTreeMap<String, Mapping> = BTreeMap::new();
    let rows = q(
        store,
        "SELECT ?class ?scheme ?type ?sub ?disorder ?mode ?context WHERE {
           GRAPH <https://w3id.org/isnad/ontology> {
             ?class skos:closeMatch ?c . ?c skos:inScheme ?scheme ; skos:prefLabel ?type .
             FILTER(lang(?type) = \"en\")
             OPTIONAL { ?class isnad:acledSubEventType ?sub }
             OPTIONAL { ?class isnad:acledDisorderType ?disorder }
             OPTIONAL { ?class isnad:ploverMode ?mode }
             OPTIONAL { ?class isnad:ploverContext ?context }
           } }",
    )?;
    for r in rows {
        let (Some(class), Some(scheme), Some(t)) =
            (text(&r, "class"), text(&r, "scheme"), text(&r, "type"))
        else {
            continue;
        };
        let m = out.entry(local(&class)).or_default();
        if scheme.ends_with("acledEventTypes") {
            m.acled_type = t;
        } else if scheme.ends_with("ploverEventTypes") {
            m.plover_type = t;
        }
        m.acled_sub = text(&r, "sub").unwrap_or_default();
        m.disorder = text(&r, "disorder").unwrap_or_default();
        m.plover_mode = text(&r, "mode").unwrap_or_default();
        m.plover_context = text(&r, "context").unwrap_or_default();
    }
    Ok(out)
}

fn rows(store: &IsnadStore) -> Result<Vec<Row>> {
    let mut events: BTreeMap<String, Row> = BTreeMap::new();
    for r in q(
        store,
        "SELECT ?e ?class ?date WHERE {
           GRAPH <https://w3id.org/isnad/events> {
             ?e a ?class ; isnad:mentionedIn ?any . OPTIONAL { ?e isnad:date ?date } }
           FILTER(STRSTARTS(STR(?class), STR(isnad:)) && ?class != isnad:Event) }",
    )? {
        let Some(e) = text(&r, "e") else { continue };
        let row = events.entry(e.clone()).or_insert_with(|| Row {
            iri: e,
            ..Row::default()
        });
        if let Some(c) = text(&r, "class") {
            row.class = local(&c);
        }
        if row.date.is_none() {
            row.date = text(&r, "date");
        }
    }
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in q(
        store,
        "SELECT ?e ?role ?x ?ar ?en ?kind ?state ?same WHERE {
           GRAPH <https://w3id.org/isnad/events> {
             ?e ?role ?x .
             FILTER(?role IN (isnad:agent, isnad:party, isnad:target, isnad:mediator, isnad:signatory)) }
           OPTIONAL { ?x rdfs:label ?ar FILTER(lang(?ar) = \"ar\") }
           OPTIONAL { ?x rdfs:label ?en FILTER(lang(?en) = \"en\") }
           OPTIONAL { ?x a ?kind FILTER(STRSTARTS(STR(?kind), STR(isnad:))) }
           OPTIONAL { ?x isnad:partOf ?state }
           OPTIONAL { ?x owl:sameAs ?same FILTER(STRSTARTS(STR(?same), \"http://www.wikidata.org/entity/\")) }
         } ORDER BY ?e ?role ?x",
    )? {
        let (Some(e), Some(role), Some(x)) = (text(&r, "e"), text(&r, "role"), text(&r, "x"))
        else {
            continue;
        };
        if !seen.insert((e.clone(), role.clone(), x.clone())) {
            continue;
        }
        if let Some(row) = events.get_mut(&e) {
            row.roles.push((
                local(&role),
                Actor {
                    label_ar: text(&r, "ar").unwrap_or_else(|| local(&x)),
                    label_en: text(&r, "en").unwrap_or_default(),
                    kind: text(&r, "kind").map(|k| local(&k)).unwrap_or_default(),
                    state: text(&r, "state"),
                    wikidata: text(&r, "same"),
                    iri: x,
                },
            ));
        }
    }
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for r in q(
        store,
        "SELECT ?e ?p ?label ?lat ?long ?country ?kind WHERE {
           GRAPH <https://w3id.org/isnad/events> { ?e sem:hasPlace ?p }
           OPTIONAL { ?p rdfs:label ?label FILTER(lang(?label) = \"ar\") }
           OPTIONAL { ?p isnad:lat ?lat ; isnad:long ?long }
           OPTIONAL { ?p a ?kind FILTER(?kind = isnad:State) }
           OPTIONAL { ?p isnad:partOf ?s . ?s rdfs:label ?country FILTER(lang(?country) = \"en\") }
         } ORDER BY ?e ?p",
    )? {
        let (Some(e), Some(p)) = (text(&r, "e"), text(&r, "p")) else {
            continue;
        };
        if !seen.insert((e.clone(), p.clone())) {
            continue;
        }
        let state_place = r.get("kind").is_some();
        if let Some(row) = events.get_mut(&e) {
            row.places.push(Place {
                label: text(&r, "label").unwrap_or_else(|| local(&p)),
                lat: text(&r, "lat").and_then(|v| v.parse().ok()),
                lon: text(&r, "long").and_then(|v| v.parse().ok()),
                country: text(&r, "country"),
                state_place,
            });
        }
    }
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for r in q(
        store,
        "SELECT ?e ?m ?begin ?stance ?claimant ?cited ?killed ?anchor ?article ?url ?published ?publisher WHERE {
           GRAPH <https://w3id.org/isnad/events> { ?e isnad:mentionedIn ?m }
           ?m isnad:inArticle ?a ; nif:anchorOf ?anchor ; nif:beginIndex ?begin .
           ?a schema:identifier ?article .
           OPTIONAL { ?a schema:url ?url }
           OPTIONAL { ?a schema:datePublished ?published }
           OPTIONAL { ?a schema:publisher ?publisher }
           OPTIONAL { ?m isnad:stance ?stance }
           OPTIONAL { ?m isnad:killed ?killed }
           OPTIONAL { ?m isnad:claimant ?c . ?c rdfs:label ?claimant FILTER(lang(?claimant) = \"ar\") }
           OPTIONAL { ?m isnad:citedSource ?s . ?s rdfs:label ?cited FILTER(lang(?cited) = \"ar\") }
         } ORDER BY ?e ?published ?article ?begin",
    )? {
        let (Some(e), Some(m)) = (text(&r, "e"), text(&r, "m")) else {
            continue;
        };
        let killed = text(&r, "killed").and_then(|k| k.parse().ok());
        let Some(row) = events.get_mut(&e) else {
            continue;
        };
        if !seen.insert((e.clone(), m.clone())) {
            // Several tolls of one mention: keep the highest.
            if let Some(last) = row.mentions.last_mut() {
                last.killed = last.killed.max(killed);
            }
            continue;
        }
        row.mentions.push(Mention {
            begin: text(&r, "begin").and_then(|b| b.parse().ok()).unwrap_or(0),
            article: text(&r, "article").unwrap_or_default(),
            url: text(&r, "url").unwrap_or_default(),
            published: text(&r, "published").unwrap_or_default(),
            stance: text(&r, "stance").map(|s| local(&s)).unwrap_or_default(),
            claimant: text(&r, "claimant"),
            cited: text(&r, "cited"),
            publisher: text(&r, "publisher"),
            killed,
            evidence: text(&r, "anchor").unwrap_or_default(),
        });
    }
    let mut out: Vec<Row> = events.into_values().collect();
    out.sort_by(|a, b| (&a.date, &a.iri).cmp(&(&b.date, &b.iri)));
    Ok(out)
}

impl Row {
    /// Attackers (or the first side) first, then their targets (or the other sides); an
    /// actor of the first side's own state (Azerbaijan beside its army) is not the other.
    fn sides(&self) -> (Vec<&Actor>, Vec<&Actor>) {
        let of = |role: &str| -> Vec<&Actor> {
            self.roles
                .iter()
                .filter(|(r, _)| r == role)
                .map(|(_, a)| a)
                .collect()
        };
        let (agents, targets) = (of("agent"), of("target"));
        let mut parties = of("party");
        parties.extend(of("signatory"));
        let first: Vec<&Actor> = if agents.is_empty() {
            parties.iter().take(1).copied().collect()
        } else {
            agents
        };
        let side_of = |a: &Actor| a.state.clone().unwrap_or_else(|| a.iri.clone());
        let own: BTreeSet<String> = first.iter().map(|a| side_of(a)).collect();
        let rest = if targets.is_empty() { parties } else { targets };
        let second = rest
            .into_iter()
            .filter(|a| !first.iter().any(|f| f.iri == a.iri) && !own.contains(&side_of(a)))
            .collect();
        (first, second)
    }

    fn contested(&self) -> bool {
        self.mentions.iter().any(|m| m.stance == "Denied")
            && self.mentions.iter().any(|m| m.stance == "Asserted")
    }

    fn stance(&self) -> &'static str {
        match (
            self.mentions.iter().any(|m| m.stance == "Asserted"),
            self.mentions.iter().any(|m| m.stance == "Denied"),
        ) {
            (true, true) => "contested",
            (false, true) => "denied",
            _ => "asserted",
        }
    }

    fn claimants(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .mentions
            .iter()
            .filter_map(|m| m.claimant.clone())
            .collect();
        set.into_iter().collect()
    }

    fn sources(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .mentions
            .iter()
            .flat_map(|m| m.cited.iter().chain(m.publisher.iter()).cloned())
            .collect();
        set.into_iter().collect()
    }

    fn fatalities(&self) -> u64 {
        self.mentions
            .iter()
            .filter_map(|m| m.killed)
            .max()
            .unwrap_or(0)
    }

    fn country(&self) -> Option<String> {
        self.places.iter().find_map(|p| p.country.clone())
    }

    /// ACLED's id style (country letters, then a number): the code of the first state
    /// named, then the event IRI's hash.
    fn id(&self) -> String {
        let code = self
            .roles
            .iter()
            .find_map(|(_, a)| {
                a.state
                    .as_deref()
                    .or((a.kind == "State").then_some(a.iri.as_str()))
            })
            .map(local)
            .filter(|c| c.len() <= 3)
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or_else(|| "XX".into());
        format!("{code}{}", local(&self.iri))
    }

    /// 1: the day is known; 2: the week (never given here); 3: the month or coarser.
    fn time_precision(&self) -> &'static str {
        match self.date.as_deref().map(str::len) {
            Some(10) => "1",
            Some(_) => "3",
            None => "",
        }
    }

    /// The last publication day of its reports, as a Unix time (deterministic).
    fn timestamp(&self) -> String {
        self.mentions
            .iter()
            .map(|m| m.published.as_str())
            .max()
            .and_then(unix_day)
            .map(|days| (days * 86_400).to_string())
            .unwrap_or_default()
    }
}

/// Days from 1970-01-01 of an xsd:date (Howard Hinnant's days_from_civil).
fn unix_day(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let y = y - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    Some(era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468)
}

fn join(actors: &[&Actor]) -> String {
    actors
        .iter()
        .map(|a| a.name())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes the events of the store as a table. Returns the number of rows.
pub fn export_table(store: &IsnadStore, format: TableFormat, out: &mut dyn Write) -> Result<usize> {
    let maps = mappings(store)?;
    let rows = rows(store)?;
    match format {
        TableFormat::Acled => write_acled(&rows, &maps, out)?,
        TableFormat::Plover => write_plover(&rows, &maps, out)?,
    }
    Ok(rows.len())
}

fn write_acled(rows: &[Row], maps: &BTreeMap<String, Mapping>, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| Error::Usage(format!("writing the ACLED table: {e}"));
    w.write_record(ACLED_COLUMNS).map_err(csv_err)?;
    for r in rows {
        let m = maps.get(&r.class).cloned().unwrap_or_default();
        let (first, second) = r.sides();
        let actor = |v: &[&Actor], i: usize| v.get(i).map(|a| a.name()).unwrap_or_default();
        let assoc = |v: &[&Actor]| join(&v.iter().skip(1).copied().collect::<Vec<_>>());
        let inter = |v: &[&Actor]| v.first().map(|a| a.acled_code());
        let interaction = match (inter(&first), inter(&second)) {
            (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
            (Some(a), None) | (None, Some(a)) => format!("{a}0"),
            (None, None) => String::new(),
        };
        let place = r
            .places
            .iter()
            .find(|p| p.lat.is_some())
            .or(r.places.first());
        let geo_precision = match place {
            Some(p) if p.lat.is_some() && !p.state_place => "1",
            Some(p) if p.lat.is_some() => "3",
            _ => "",
        };
        let evidence = r
            .mentions
            .first()
            .map(|m| m.evidence.clone())
            .unwrap_or_default();
        let year = r.date.as_deref().map(|d| d[..4.min(d.len())].to_owned());
        let record: Vec<String> = vec![
            r.id(),
            r.date.clone().unwrap_or_default(),
            year.unwrap_or_default(),
            r.time_precision().into(),
            m.disorder,
            m.acled_type,
            m.acled_sub,
            actor(&first, 0),
            assoc(&first),
            actor(&second, 0),
            assoc(&second),
            interaction,
            r.country().unwrap_or_default(),
            String::new(),
            place.map(|p| p.label.clone()).unwrap_or_default(),
            place
                .and_then(|p| p.lat)
                .map(|v| format!("{v:.4}"))
                .unwrap_or_default(),
            place
                .and_then(|p| p.lon)
                .map(|v| format!("{v:.4}"))
                .unwrap_or_default(),
            geo_precision.into(),
            r.sources().join("; "),
            "Other".into(),
            evidence,
            r.fatalities().to_string(),
            r.timestamp(),
            r.class.clone(),
            r.claimants().join("; "),
            r.stance().into(),
            r.contested().to_string(),
            r.mentions.len().to_string(),
            r.iri.clone(),
        ];
        w.write_record(&record).map_err(csv_err)?;
    }
    w.flush()
        .map_err(|e| Error::Usage(format!("writing the ACLED table: {e}")))?;
    Ok(())
}

fn write_plover(rows: &[Row], maps: &BTreeMap<String, Mapping>, out: &mut dyn Write) -> Result<()> {
    for r in rows {
        let m = maps.get(&r.class).cloned().unwrap_or_default();
        let (first, second) = r.sides();
        let who = |v: &[&Actor]| -> Vec<serde_json::Value> {
            v.iter()
                .map(|a| {
                    serde_json::json!({
                        "name": a.label_ar, "name_en": a.label_en, "iri": a.iri,
                        "type": a.kind, "wikidata": a.wikidata, "state": a.state,
                    })
                })
                .collect()
        };
        let mediators: Vec<&Actor> = r
            .roles
            .iter()
            .filter(|(role, _)| role == "mediator")
            .map(|(_, a)| a)
            .collect();
        let place = r
            .places
            .iter()
            .find(|p| p.lat.is_some())
            .or(r.places.first());
        let record = serde_json::json!({
            "id": r.id(),
            "date": r.date,
            "event_type": m.plover_type,
            "mode": m.plover_mode,
            "context": m.plover_context,
            "actor": who(&first),
            "recipient": who(&second),
            "mediator": who(&mediators),
            "location": place.map(|p| serde_json::json!({
                "name": p.label, "country": p.country, "lat": p.lat, "lon": p.lon,
            })),
            "dead": r.mentions.iter().filter_map(|x| x.killed).max(),
            "contested": r.contested(),
            "isnad_class": r.class,
            "isnad_iri": r.iri,
            "evidence": r.mentions.iter().map(|x| serde_json::json!({
                "text": x.evidence, "claimant": x.claimant, "stance": x.stance,
                "source": x.cited, "article": x.article, "url": x.url,
                "published": x.published, "offset": x.begin,
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{record}")?;
    }
    Ok(())
}
