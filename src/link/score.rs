//! Reconciliation scoring: pure functions from an entity and the candidate items an endpoint
//! returned to a decision. No I/O.

use crate::normalize::fold;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Wikidata classes that make an item a state (country, sovereign state).
pub const STATE_CLASSES: &[&str] = &["Q6256", "Q3624078"];
/// The class of human beings.
pub const HUMAN: &str = "Q5";
/// Classes (or direct superclasses) that make an item a geographic entity.
pub const GEO_CLASSES: &[&str] = &[
    "Q2221906", // geographic location
    "Q486972",  // human settlement
    "Q515",     // city
    "Q5119",    // capital
    "Q3957",    // town
    "Q532",     // village
    "Q56061",   // administrative territorial entity
    "Q82794",   // geographic region
    "Q6256",    // country
    "Q3624078", // sovereign state
    "Q35657",   // state of the United States
    "Q8502",    // mountain
    "Q4022",    // river
];
/// Classes (or direct superclasses) that make an item an organisation.
pub const ORG_CLASSES: &[&str] = &[
    "Q43229",  // organization
    "Q484652", // international organization
    "Q327333", // government agency
    "Q192283", // news agency
    "Q176799", // military unit
    "Q7278",   // political party
];

/// What kind of isnad entity is being linked; decides the class check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Kind {
    /// `isnad:State`: must be a country.
    State,
    /// `isnad:Person`: must be a human.
    Person,
    /// `isnad:Place`: must be a geographic entity.
    Place,
    /// `isnad:Organization`, `isnad:NewsAgency`, `isnad:ArmedForce`.
    Organization,
}

impl Kind {
    /// The kind of an isnad class IRI, if it is one that is linked.
    pub fn of_class(iri: &str) -> Option<Self> {
        Some(match iri.rsplit(['#', '/']).next()? {
            "State" => Self::State,
            "Person" => Self::Person,
            "Place" => Self::Place,
            "Organization" | "NewsAgency" | "ArmedForce" => Self::Organization,
            _ => return None,
        })
    }
}

/// An isnad entity without a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its IRI.
    pub iri: String,
    /// Its kind.
    pub kind: Kind,
    /// Labels as (text, language tag).
    pub labels: Vec<(String, String)>,
    /// QIDs of the state it belongs to (`isnad:partOf` a linked state), if known.
    pub context: BTreeSet<String>,
}

/// How a candidate's label matched one of the entity's labels.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LabelMatch {
    /// Language of the matched label.
    pub lang: String,
    /// True for `skos:altLabel`, false for `rdfs:label`.
    pub alias: bool,
}

/// Everything the endpoint said about one candidate item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// The item's QID.
    pub qid: String,
    /// Label matches against the entity.
    pub matches: BTreeSet<LabelMatch>,
    /// `wdt:P31` values (QIDs).
    pub classes: BTreeSet<String>,
    /// `wdt:P279` of those classes (QIDs).
    pub superclasses: BTreeSet<String>,
    /// `wdt:P27` values (QIDs).
    pub citizenship: BTreeSet<String>,
    /// `wdt:P17` values (QIDs).
    pub countries: BTreeSet<String>,
    /// Whether the item has `wdt:P625`.
    pub has_coordinates: bool,
}

/// A scored candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    /// The item's QID.
    pub qid: String,
    /// Score in [0, 1].
    pub score: f64,
    /// How the score was reached (label, class and context evidence).
    pub method: String,
}

/// What to do with an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "decision")]
pub enum Decision {
    /// Link with `owl:sameAs`.
    SameAs(Scored),
    /// Link with `skos:closeMatch`.
    CloseMatch(Scored),
    /// Several candidates score alike: leave unlinked and report them.
    Ambiguous {
        /// The tied candidates, best first.
        candidates: Vec<Scored>,
    },
    /// No candidate passed the checks (or the best is too weak).
    NoMatch {
        /// Scored candidates below the thresholds, if any.
        candidates: Vec<Scored>,
    },
}

/// Thresholds of the decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Minimum score for `owl:sameAs`.
    pub same_as: f64,
    /// Minimum score for `skos:closeMatch`.
    pub close_match: f64,
    /// The best candidate must lead the second by at least this much, or it is ambiguous.
    pub margin: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            same_as: 0.9,
            close_match: 0.7,
            margin: 0.1,
        }
    }
}

/// Normalises a label for comparison: Arabic folding (hamza carriers, alef maqsura, teh
/// marbuta, diacritics, tatweel), lower case, punctuation to spaces, spaces collapsed.
pub fn normalise(label: &str) -> String {
    let folded: String = fold(label)
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spellings of a label to look up verbatim (endpoints compare literals exactly): the label,
/// and the common orthographic variants of Arabic (bare alef for hamza carriers, yeh for a
/// final alef maqsura, heh for a final teh marbuta and back).
pub fn spellings(label: &str) -> Vec<String> {
    let mut out = vec![label.trim().to_owned()];
    let bare: String = label
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, 'أ' | 'إ' | 'آ') {
                'ا'
            } else {
                c
            }
        })
        .collect();
    let swap_final = |s: &str, from: char, to: char| -> String {
        s.split(' ')
            .map(|w| match w.strip_suffix(from) {
                Some(stem) => format!("{stem}{to}"),
                None => w.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for base in [out[0].clone(), bare] {
        for v in [
            base.clone(),
            swap_final(&base, 'ى', 'ي'),
            swap_final(&base, 'ي', 'ى'),
            swap_final(&base, 'ة', 'ه'),
            swap_final(&base, 'ه', 'ة'),
        ] {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn any_in(set: &BTreeSet<String>, list: &[&str]) -> Option<String> {
    set.iter().find(|c| list.contains(&c.as_str())).cloned()
}

/// Scores one candidate for an entity, or rejects it (`None`) when its class or context
/// contradicts the entity.
pub fn score(entity: &Entity, candidate: &Candidate) -> Option<Scored> {
    let best = candidate.matches.iter().min_by_key(|m| m.alias)?;
    let mut score: f64 = if best.alias { 0.9 } else { 1.0 };
    let mut method = vec![format!(
        "{}@{}",
        if best.alias { "altLabel" } else { "label" },
        best.lang
    )];
    let is_human = candidate.classes.contains(HUMAN);
    let geo = any_in(&candidate.classes, GEO_CLASSES)
        .or_else(|| any_in(&candidate.superclasses, GEO_CLASSES));
    match entity.kind {
        Kind::State => method.push(format!(
            "P31:{}",
            any_in(&candidate.classes, STATE_CLASSES)?
        )),
        Kind::Person if is_human => method.push(format!("P31:{HUMAN}")),
        Kind::Person => return None,
        Kind::Place if is_human => return None,
        Kind::Place => match geo {
            Some(class) => method.push(format!("P31:{class}")),
            None if candidate.has_coordinates => method.push("P625".to_owned()),
            None => return None,
        },
        Kind::Organization if is_human || geo.is_some() => return None,
        Kind::Organization => match any_in(&candidate.classes, ORG_CLASSES)
            .or_else(|| any_in(&candidate.superclasses, ORG_CLASSES))
        {
            Some(class) => method.push(format!("P31:{class}")),
            None if candidate.classes.is_empty() => return None,
            None => {
                score *= 0.8;
                method.push("P31:unverified".to_owned());
            }
        },
    }
    let (property, values) = match entity.kind {
        Kind::Person => ("P27", &candidate.citizenship),
        _ => ("P17", &candidate.countries),
    };
    if entity.context.is_empty() {
        if entity.kind == Kind::Person {
            score *= 0.85;
            method.push("no context".to_owned());
        }
    } else if let Some(shared) = values.iter().find(|v| entity.context.contains(*v)) {
        method.push(format!("{property}:{shared}"));
    } else if values.is_empty() {
        score *= 0.85;
        method.push(format!("{property}:unknown"));
    } else {
        return None;
    }
    Some(Scored {
        qid: candidate.qid.clone(),
        score: (score * 1000.0).round() / 1000.0,
        method: method.join(" + "),
    })
}

/// Decides what to do with an entity given every candidate item found for it.
pub fn decide(
    entity: &Entity,
    candidates: &BTreeMap<String, Candidate>,
    thresholds: Thresholds,
) -> Decision {
    let mut scored: Vec<Scored> = candidates
        .values()
        .filter_map(|c| score(entity, c))
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.qid.cmp(&b.qid)));
    let Some(best) = scored.first() else {
        return Decision::NoMatch { candidates: scored };
    };
    if best.score < thresholds.close_match {
        return Decision::NoMatch { candidates: scored };
    }
    let tied = scored
        .iter()
        .take_while(|s| best.score - s.score < thresholds.margin)
        .count();
    if tied > 1 {
        scored.truncate(tied);
        return Decision::Ambiguous { candidates: scored };
    }
    let best = best.clone();
    if best.score >= thresholds.same_as {
        Decision::SameAs(best)
    } else {
        Decision::CloseMatch(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn entity(kind: Kind, label: &str, context: &[&str]) -> Entity {
        Entity {
            iri: "https://w3id.org/isnad/id/x".into(),
            kind,
            labels: vec![(label.into(), "ar".into())],
            context: set(context),
        }
    }

    fn cand(qid: &str, alias: bool, classes: &[&str], citizenship: &[&str]) -> Candidate {
        Candidate {
            qid: qid.into(),
            matches: [LabelMatch {
                lang: "ar".into(),
                alias,
            }]
            .into(),
            classes: set(classes),
            citizenship: set(citizenship),
            ..Candidate::default()
        }
    }

    fn decide_all(e: &Entity, cands: Vec<Candidate>) -> Decision {
        let map = cands.into_iter().map(|c| (c.qid.clone(), c)).collect();
        decide(e, &map, Thresholds::default())
    }

    #[test]
    fn normalised_labels_ignore_hamza_diacritics_and_case() {
        assert_eq!(normalise("إلهامُ  علييف"), normalise("الهام علييف"));
        assert_eq!(normalise("Saint-Denis"), "saint denis");
        assert_eq!(normalise("مدينة"), normalise("مدينه"));
    }

    #[test]
    fn spellings_cover_arabic_variants() {
        let s = spellings("أحمد مصطفى");
        assert!(s.contains(&"احمد مصطفى".to_owned()));
        assert!(s.contains(&"أحمد مصطفي".to_owned()));
        assert_eq!(spellings("Paris"), vec!["Paris".to_owned()]);
    }

    #[test]
    fn a_place_never_links_to_a_person_of_the_same_name() {
        let e = entity(Kind::Place, "كرمة", &[]);
        let d = decide_all(
            &e,
            vec![
                cand("Q1", true, &["Q5"], &[]),
                cand("Q2", false, &["Q532"], &[]),
            ],
        );
        assert!(
            matches!(d, Decision::SameAs(ref s) if s.qid == "Q2"),
            "{d:?}"
        );
    }

    #[test]
    fn citizenship_separates_namesakes_and_its_absence_leaves_them_tied() {
        let a = cand("Q10", false, &["Q5"], &["Q100"]);
        let b = cand("Q11", false, &["Q5"], &["Q200"]);
        let with_context = entity(Kind::Person, "سامي خليل", &["Q200"]);
        let d = decide_all(&with_context, vec![a.clone(), b.clone()]);
        assert!(
            matches!(d, Decision::SameAs(ref s) if s.qid == "Q11"),
            "{d:?}"
        );
        let without = entity(Kind::Person, "سامي خليل", &[]);
        assert!(matches!(
            decide_all(&without, vec![a, b]),
            Decision::Ambiguous { ref candidates } if candidates.len() == 2
        ));
    }

    #[test]
    fn a_person_without_context_is_only_a_close_match() {
        let e = entity(Kind::Person, "سامي خليل", &[]);
        let d = decide_all(&e, vec![cand("Q10", false, &["Q5"], &["Q100"])]);
        assert!(
            matches!(d, Decision::CloseMatch(ref s) if s.score < 0.9 && s.score >= 0.7),
            "{d:?}"
        );
    }

    #[test]
    fn a_state_must_be_a_country() {
        let e = entity(Kind::State, "جزر الشمس", &[]);
        let d = decide_all(
            &e,
            vec![
                cand("Q1", false, &["Q35657"], &[]),
                cand("Q2", true, &["Q3624078"], &[]),
            ],
        );
        assert!(
            matches!(d, Decision::SameAs(ref s) if s.qid == "Q2"),
            "{d:?}"
        );
        let none = decide_all(&e, vec![cand("Q1", false, &["Q35657"], &[])]);
        assert!(matches!(none, Decision::NoMatch { .. }));
    }

    #[test]
    fn wrong_citizenship_rejects_and_weak_organisations_stay_close() {
        let e = entity(Kind::Person, "سامي خليل", &["Q300"]);
        assert!(score(&e, &cand("Q10", false, &["Q5"], &["Q100"])).is_none());
        let org = entity(Kind::Organization, "هيئة الموانئ", &[]);
        let d = decide_all(&org, vec![cand("Q7", false, &["Q999"], &[])]);
        assert!(matches!(d, Decision::CloseMatch(ref s) if s.method.contains("unverified")));
    }
}
