//! The gazetteer: entities read from `ontology/gazetteer*.ttl` (embedded), matched in folded
//! text with one Aho-Corasick automaton. Proclitics (و ف ب ل ك ال and their combinations)
//! may precede a form; demonym and plural suffixes (ي، ية، يين، يون، ات) may follow it.

use crate::normalize::fold;
use crate::vocab::ISNAD;
use aho_corasick::{AhoCorasick, MatchKind};
use oxigraph::model::{Literal, NamedOrBlankNode, Term};
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::data::{GAZETTEER_TTL, STATES_TTL};

/// Kinds of entity, one per ontology class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `isnad:State`
    State,
    /// `isnad:Person`
    Person,
    /// `isnad:Organization`
    Organization,
    /// `isnad:NewsAgency`
    NewsAgency,
    /// `isnad:ArmedForce`
    ArmedForce,
    /// `isnad:Place`
    Place,
}

impl Kind {
    /// The class IRI.
    pub fn class_iri(self) -> String {
        let local = match self {
            Self::State => "State",
            Self::Person => "Person",
            Self::Organization => "Organization",
            Self::NewsAgency => "NewsAgency",
            Self::ArmedForce => "ArmedForce",
            Self::Place => "Place",
        };
        format!("{ISNAD}{local}")
    }

    /// True for actors (everything but places).
    pub fn is_actor(self) -> bool {
        self != Self::Place
    }
}

/// One entity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entity {
    /// Its IRI.
    pub iri: String,
    /// Its kind; `None` until a type is read.
    pub kind: Option<Kind>,
    /// Preferred Arabic label.
    pub label_ar: String,
    /// Preferred English label.
    pub label_en: String,
    /// Arabic variants.
    pub alt_ar: Vec<String>,
    /// Place names that stand for it.
    pub metonyms: Vec<String>,
    /// Demonym adjectives (masculine singular).
    pub demonyms: Vec<String>,
    /// Only these forms are matched (names that are also common words).
    pub exact_forms: Vec<String>,
    /// Names that are also common words.
    pub ambiguous: bool,
    /// IRI of the entity it belongs to.
    pub part_of: Option<String>,
    /// Wikidata IRI.
    pub same_as: Option<String>,
    /// Latitude and longitude (WGS84), when certain.
    pub coordinates: Option<(f64, f64)>,
    /// ISO 3166 code of a state.
    pub iso: Option<String>,
}

impl Entity {
    /// The definite feminine demonym (الروسية) used to name a state's ministries and forces.
    pub fn feminine_demonym(&self) -> Option<String> {
        let d = self.demonyms.first()?;
        if d.contains(' ') {
            return None;
        }
        Some(format!("ال{d}ة"))
    }
}

/// How a form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// A name or variant.
    Name,
    /// A place name standing for a government (باكو).
    Metonym,
    /// A demonym adjective (الأذربيجاني).
    Demonym,
}

/// A gazetteer match in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the entity.
    pub entity: usize,
    /// How it was named.
    pub form: Form,
    /// Byte range in the folded text, clitics included.
    pub start: usize,
    /// End of the word.
    pub end: usize,
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    /// Every entity, sorted by IRI.
    pub entities: Vec<Entity>,
    automaton: Option<AhoCorasick>,
    /// Entity, form, and whether the written form carries the article (اليمن): such a
    /// form needs it back (اليمن، باليمن، لليمن), so the verb «يمن» is no Yemen.
    patterns: Vec<(usize, Form, bool)>,
}

/// Proclitic sequences allowed before a form (folded).
const PROCLITICS: &[&str] = &[
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "فال", "بال", "كال",
    "لل", "ولل", "فلل", "وبال", "لا", "بالا",
];
const NAME_SUFFIXES: &[&str] = &["", "ي", "يه", "يين", "يون", "يا"];
const DEMONYM_SUFFIXES: &[&str] = &["", "ه", "ين", "ون", "ان", "تان", "تين", "ا", "ات", "يه"];

fn is_word_char(c: char) -> bool {
    super::text::is_word_char(c)
}

impl Gazetteer {
    /// The shipped gazetteer, parsed once.
    pub fn shipped() -> &'static Gazetteer {
        static CELL: OnceLock<Gazetteer> = OnceLock::new();
        CELL.get_or_init(|| Gazetteer::from_turtle(&[STATES_TTL, GAZETTEER_TTL]))
    }

    /// Builds a gazetteer from Turtle documents. Unparsable statements are skipped (the
    /// shipped files are checked by a test).
    pub fn from_turtle(documents: &[&str]) -> Self {
        let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
        for doc in documents {
            for triple in oxttl::TurtleParser::new()
                .for_slice(doc.as_bytes())
                .flatten()
            {
                let NamedOrBlankNode::NamedNode(subject) = &triple.subject else {
                    continue;
                };
                let e = by_iri
                    .entry(subject.as_str().to_owned())
                    .or_insert_with(|| Entity {
                        iri: subject.as_str().to_owned(),
                        ..Entity::default()
                    });
                apply(e, triple.predicate.as_str(), &triple.object);
            }
        }
        let entities: Vec<Entity> = by_iri.into_values().filter(|e| e.kind.is_some()).collect();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (index, e) in entities.iter().enumerate() {
            let mut add = |text: &str, form: Form| {
                let whole = fold(text);
                let folded = strip_article(&whole);
                if folded.chars().count() >= 2 {
                    let article = folded.len() < whole.len();
                    forms.push(folded);
                    patterns.push((index, form, article));
                }
            };
            if e.ambiguous {
                for f in &e.exact_forms {
                    add(f, Form::Name);
                }
            } else {
                add(&e.label_ar, Form::Name);
                for f in e.alt_ar.iter().chain(&e.exact_forms) {
                    add(f, Form::Name);
                }
                for d in &e.demonyms {
                    add(d, Form::Demonym);
                }
            }
            if !e.label_en.is_empty() && e.kind == Some(Kind::NewsAgency) {
                add(&e.label_en, Form::Name);
            }
            for m in &e.metonyms {
                add(m, Form::Metonym);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&forms)
            .ok();
        Self {
            entities,
            automaton,
            patterns,
        }
    }

    /// Index of the entity with this IRI.
    pub fn find(&self, iri: &str) -> Option<usize> {
        self.entities
            .binary_search_by(|e| e.iri.as_str().cmp(iri))
            .ok()
    }

    /// The entity with this IRI.
    pub fn get(&self, iri: &str) -> Option<&Entity> {
        self.find(iri).map(|i| &self.entities[i])
    }

    /// One bare Aho-Corasick pass over `folded` with every gazetteer form: the number of
    /// raw (overlapping) hits. The benchmark's reference for the cost of scanning.
    pub fn scan_count(&self, folded: &str) -> usize {
        self.automaton
            .as_ref()
            .map_or(0, |a| a.find_overlapping_iter(folded).count())
    }

    /// All matches in `folded`, clitics and suffixes checked, overlaps resolved in favour of
    /// the longest form (then the earliest).
    pub fn matches(&self, folded: &str) -> Vec<Match> {
        let mut candidates = Vec::new();
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        for m in automaton.find_overlapping_iter(folded) {
            let (entity, form, article) = self.patterns[m.pattern().as_usize()];
            let word_start = folded[..m.start()]
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_word_char(*c))
                .last()
                .map_or(m.start(), |(i, _)| i);
            let word_end = folded[m.end()..]
                .char_indices()
                .find(|(_, c)| !is_word_char(*c))
                .map_or(folded.len(), |(i, _)| m.end() + i);
            let prefix = &folded[word_start..m.start()];
            let suffix = &folded[m.end()..word_end];
            if !PROCLITICS.contains(&prefix)
                || (article && !(prefix.ends_with("ال") || prefix.ends_with("لل")))
            {
                continue;
            }
            let (ok, form) = match form {
                // السورية: a state's name (سورية) after an article the name does not carry
                // is its adjective.
                Form::Name
                    if suffix.is_empty()
                        && !article
                        && prefix.ends_with("ال")
                        && self.entities[entity].kind == Some(Kind::State) =>
                {
                    (true, Form::Demonym)
                }
                Form::Name if suffix.is_empty() => (true, Form::Name),
                Form::Name => (
                    NAME_SUFFIXES.contains(&suffix)
                        && self.entities[entity].kind == Some(Kind::State),
                    Form::Demonym,
                ),
                Form::Demonym => (DEMONYM_SUFFIXES.contains(&suffix), Form::Demonym),
                Form::Metonym => (suffix.is_empty(), Form::Metonym),
            };
            if ok {
                candidates.push((
                    m.end() - m.start(),
                    Match {
                        entity,
                        form,
                        start: word_start,
                        end: word_end,
                    },
                ));
            }
        }
        // Widest span first; on a tie the longest form (the most specific), then a metonym
        // beats a demonym beats a name (a city that names a government), then the earliest.
        let priority = |f: Form| match f {
            Form::Metonym => 0,
            Form::Demonym => 1,
            Form::Name => 2,
        };
        candidates.sort_by(|a, b| {
            (b.1.end - b.1.start)
                .cmp(&(a.1.end - a.1.start))
                .then(b.0.cmp(&a.0))
                .then(priority(a.1.form).cmp(&priority(b.1.form)))
                .then(a.1.start.cmp(&b.1.start))
        });
        let mut chosen: Vec<Match> = Vec::new();
        for (_, m) in candidates {
            if chosen.iter().all(|c| m.end <= c.start || m.start >= c.end) {
                chosen.push(m);
            }
        }
        chosen.sort_by_key(|m| m.start);
        chosen
    }
}

/// Drops the article from the first word of a form: clitics are matched separately.
fn strip_article(folded: &str) -> String {
    match folded.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_owned(),
        _ => folded.to_owned(),
    }
}

fn literal(term: &Term) -> Option<&Literal> {
    match term {
        Term::Literal(l) => Some(l),
        _ => None,
    }
}

fn apply(e: &mut Entity, predicate: &str, object: &Term) {
    let lang = literal(object).and_then(Literal::language).unwrap_or("");
    let text = literal(object).map(|l| l.value().to_owned());
    let iri = match object {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        _ => None,
    };
    match predicate.strip_prefix(ISNAD) {
        Some("metonym") => e.metonyms.extend(text),
        Some("demonym") => e.demonyms.extend(text),
        Some("exactForm") => e.exact_forms.extend(text),
        Some("ambiguous") => e.ambiguous = text.as_deref() == Some("true"),
        Some("partOf") => e.part_of = iri,
        Some("isoCode") => e.iso = text,
        Some("lat") => {
            let lat = text.and_then(|t| t.parse().ok()).unwrap_or(f64::NAN);
            let long = e.coordinates.map_or(f64::NAN, |c| c.1);
            e.coordinates = Some((lat, long));
        }
        Some("long") => {
            let long = text.and_then(|t| t.parse().ok()).unwrap_or(f64::NAN);
            let lat = e.coordinates.map_or(f64::NAN, |c| c.0);
            e.coordinates = Some((lat, long));
        }
        _ => match predicate {
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                let local = iri.as_deref().and_then(|i| i.strip_prefix(ISNAD));
                let kind = match local {
                    Some("State") => Some(Kind::State),
                    Some("Person") => Some(Kind::Person),
                    Some("Organization") => Some(Kind::Organization),
                    Some("NewsAgency") => Some(Kind::NewsAgency),
                    Some("ArmedForce") => Some(Kind::ArmedForce),
                    Some("Place") => Some(Kind::Place),
                    _ => None,
                };
                if kind.is_some() {
                    e.kind = kind;
                }
            }
            "http://www.w3.org/2000/01/rdf-schema#label" => match lang {
                "ar" => e.label_ar = text.unwrap_or_default(),
                "en" => e.label_en = text.unwrap_or_default(),
                _ => {}
            },
            "http://www.w3.org/2004/02/skos/core#altLabel" if lang == "ar" || lang == "en" => {
                e.alt_ar.extend(text);
            }
            "http://www.w3.org/2002/07/owl#sameAs" => e.same_as = iri,
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Form)> {
        let g = Gazetteer::shipped();
        let folded = fold(text);
        g.matches(&folded)
            .into_iter()
            .map(|m| (g.entities[m.entity].label_en.clone(), m.form))
            .collect()
    }

    #[test]
    fn a_name_written_with_the_article_needs_it() {
        let yemen = |t: &str| names(t).iter().any(|(n, _)| n == "Yemen");
        for t in ["في اليمن", "باليمن", "لليمن", "واليمن"] {
            assert!(yemen(t), "{t}");
        }
        // The verb «يمن» (to bestow) is no Yemen.
        assert!(!yemen("وأسأل الله أن يمن على المصابين بالشفاء"));
    }

    #[test]
    fn shipped_files_parse_completely() {
        for doc in [STATES_TTL, GAZETTEER_TTL] {
            let errors = oxttl::TurtleParser::new()
                .for_slice(doc.as_bytes())
                .filter(Result::is_err)
                .count();
            assert_eq!(errors, 0);
        }
        let g = Gazetteer::shipped();
        assert!(g.entities.len() > 250);
        let az = g.get("https://w3id.org/isnad/id/state/az").unwrap();
        assert_eq!(
            az.same_as.as_deref(),
            Some("http://www.wikidata.org/entity/Q227")
        );
        assert!(az.metonyms.contains(&"باكو".to_owned()));
    }

    #[test]
    fn clitics_and_demonyms_find_their_entity() {
        assert_eq!(names("وصل وفد للأرمن"), vec![]);
        assert_eq!(
            names("وباكو ترفض"),
            vec![("Azerbaijan".into(), Form::Metonym)]
        );
        assert_eq!(
            names("القوات الأذربيجانية"),
            vec![("Azerbaijan".into(), Form::Demonym)]
        );
        assert_eq!(
            names("للجيش الروسي"),
            vec![("Russia".into(), Form::Demonym)]
        );
        assert_eq!(
            names("بين أرمينيا وأذربيجان"),
            vec![
                ("Armenia".into(), Form::Name),
                ("Azerbaijan".into(), Form::Name)
            ]
        );
        assert_eq!(
            names("المسؤولين الأذربيجانيين"),
            vec![("Azerbaijan".into(), Form::Demonym)]
        );
    }

    #[test]
    fn ethnic_and_state_adjectives_differ() {
        // الأرمينية is of the Republic of Armenia; الأرمنية (ethnic) is not the state.
        assert_eq!(
            names("الحكومة الأرمينية"),
            vec![("Armenia".into(), Form::Demonym)]
        );
        assert_eq!(names("الأقلية الأرمنية"), vec![]);
    }

    #[test]
    fn longest_form_wins_and_words_are_not_cut() {
        assert_eq!(
            names("في ناغورنو قرة باغ"),
            vec![("Nagorno-Karabakh".into(), Form::Name)]
        );
        assert_eq!(names("مصرف محلي"), vec![]);
        assert_eq!(names("الوضع المالي"), vec![]);
    }
}
