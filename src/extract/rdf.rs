//! An article's analysis as quads of its named graph: the article, the entities not in the
//! gazetteer, one mention per statement (NIF offsets into `schema:articleBody`) and one
//! reading per event statement.

use super::analysis::Analysis;
use super::entities::Ent;
use super::events::Stance;
use super::GraphBuilder;
use crate::vocab::{ID, ISNAD};
use oxigraph::model::{Literal, NamedNode};

const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SEM_HAS_PLACE: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace";
const PROV_DERIVED: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
const SCHEMA_JOB_TITLE: &str = "http://schema.org/jobTitle";
const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
const RDFS_SUBCLASS: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";

fn n(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn isnad(local: &str) -> NamedNode {
    n(format!("{ISNAD}{local}"))
}

fn lang(text: &str, tag: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, tag)
}

/// An offset or a count, as `xsd:integer` (its values are those of NIF's
/// `xsd:nonNegativeInteger`): Oxigraph stores derived integer types as `xsd:integer`, other
/// engines (Virtuoso) keep them, so writing `xsd:integer` makes every store hold one literal.
fn integer(value: u64) -> Literal {
    Literal::from(i64::try_from(value).unwrap_or(i64::MAX))
}

/// Declares an entity extraction made up (a ministry, a contingent, a person by title).
fn declare(g: &mut GraphBuilder, e: &Ent) {
    let s = n(&e.iri);
    g.add(s.clone(), n(RDF_TYPE), n(e.kind.class_iri()));
    g.add(s.clone(), n(RDFS_LABEL), lang(&e.label_ar, "ar"));
    if !e.label_en.is_empty() {
        g.add(s.clone(), n(RDFS_LABEL), lang(&e.label_en, "en"));
    }
    if let Some(p) = &e.part_of {
        g.add(s.clone(), isnad("partOf"), n(p));
    }
    if let Some(r) = &e.role {
        g.add(s, n(SCHEMA_JOB_TITLE), lang(r, "ar"));
    }
}

/// Adds the quads of an analysis to the article graph.
pub fn emit(analysis: &Analysis, body: &str, g: &mut GraphBuilder) {
    let article = g.graph().clone();
    let key = article
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or("article")
        .to_owned();
    for e in &analysis.new_entities {
        declare(g, e);
    }
    for r in &analysis.readings {
        for (_, e) in &r.roles {
            if e.new && !analysis.new_entities.iter().any(|x| x.iri == e.iri) {
                declare(g, e);
            }
        }
    }
    for a in &analysis.cited {
        g.add(article.clone(), isnad("citedSource"), n(&a.iri));
    }
    let chars: Vec<char> = body.chars().collect();
    for (index, r) in analysis.readings.iter().enumerate() {
        let Some(sentence) = analysis.sentences.get(r.sentence) else {
            continue;
        };
        let reading = n(format!("{ID}reading/{key}-{index}"));
        let anchor: String = chars[sentence.begin.min(chars.len())..sentence.end.min(chars.len())]
            .iter()
            .collect();
        // One mention per figure when a statement gives several, so that each figure keeps
        // its own qualifier; otherwise one mention.
        let slots: Vec<Option<&super::figures::Figure>> = if r.figures.len() > 1 {
            r.figures.iter().map(Some).collect()
        } else {
            vec![r.figures.first()]
        };
        let mut mentions = Vec::new();
        for (k, figure) in slots.iter().enumerate() {
            let suffix = if slots.len() > 1 {
                format!("-f{k}")
            } else {
                String::new()
            };
            let mention = n(format!("{ID}mention/{key}-{index}{suffix}"));
            g.add(mention.clone(), n(RDF_TYPE), isnad("Mention"));
            g.add(mention.clone(), n(RDF_TYPE), n(format!("{NIF}String")));
            g.add(
                mention.clone(),
                n(format!("{NIF}referenceContext")),
                article.clone(),
            );
            g.add(
                mention.clone(),
                n(format!("{NIF}beginIndex")),
                integer(sentence.begin as u64),
            );
            g.add(
                mention.clone(),
                n(format!("{NIF}endIndex")),
                integer(sentence.end as u64),
            );
            g.add(
                mention.clone(),
                n(format!("{NIF}anchorOf")),
                Literal::new_simple_literal(anchor.clone()),
            );
            g.add(mention.clone(), isnad("inArticle"), article.clone());
            let stance = if r.stance == Stance::Denied {
                "Denied"
            } else {
                "Asserted"
            };
            g.add(mention.clone(), isnad("stance"), isnad(stance));
            g.add(
                mention.clone(),
                isnad("background"),
                Literal::from(r.background),
            );
            if let Some(c) = &r.claimant {
                g.add(mention.clone(), isnad("claimant"), n(&c.iri));
            }
            if let Some(a) = &r.cited {
                g.add(mention.clone(), isnad("citedSource"), n(&a.iri));
            }
            if let Some(f) = figure {
                g.add(mention.clone(), isnad(f.measure.local()), integer(f.value));
                if let Some(q) = f.qualifier {
                    g.add(mention.clone(), isnad("qualifier"), isnad(q.local()));
                }
            }
            mentions.push(mention);
        }
        if let Some(c) = &r.claimant {
            if c.new && !analysis.new_entities.iter().any(|x| x.iri == c.iri) {
                declare(g, c);
            }
        }
        g.add(reading.clone(), n(RDF_TYPE), isnad("EventReading"));
        g.add(reading.clone(), isnad("eventType"), isnad(r.class.local()));
        if r.class.is_declared() {
            // A class a lexicon file declared: the graph says what it is.
            let class = isnad(r.class.local());
            let (en, ar) = r.class.labels();
            g.add(class.clone(), n(RDF_TYPE), n(OWL_CLASS));
            g.add(class.clone(), n(RDFS_SUBCLASS), isnad("Event"));
            g.add(class.clone(), n(RDFS_LABEL), lang(en, "en"));
            if !ar.is_empty() {
                g.add(class, n(RDFS_LABEL), lang(ar, "ar"));
            }
        }
        for mention in &mentions {
            g.add(reading.clone(), isnad("mentionedIn"), mention.clone());
        }
        g.add(reading.clone(), n(PROV_DERIVED), article.clone());
        for (role, e) in &r.roles {
            g.add(reading.clone(), isnad(role.local()), n(&e.iri));
        }
        for p in &r.places {
            g.add(reading.clone(), n(SEM_HAS_PLACE), n(&p.iri));
        }
        if let Some(d) = r.date {
            g.add(reading.clone(), isnad("date"), d.literal());
            if d.precision == super::dates::Precision::Decade {
                g.add(
                    reading.clone(),
                    isnad("datePrecision"),
                    Literal::new_simple_literal("decade"),
                );
            }
        }
        if let Some(s) = r.status {
            g.add(reading.clone(), isnad("status"), isnad(s.local()));
        }
    }
}
