//! Extraction: an [`Article`] in, the quads of its named graph out. Pure: no I/O.

pub mod analysis;
pub mod coref;
pub mod dates;
pub mod doc;
pub mod entities;
pub mod events;
pub mod explain;
pub mod figures;
pub mod gazetteer;
pub mod groups;
pub mod lexicon;
pub mod rdf;
pub mod text;

#[cfg(test)]
mod real_text_tests;

use crate::article::Article;
use crate::vocab::*;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// Builds the article's named graph: the article node, and what extraction found in it.
pub fn extract(article: &Article) -> Vec<Quad> {
    let mut graph = GraphBuilder::new(article.iri());
    article_triples(article, &mut graph);
    let analysis = analysis::analyse(article);
    rdf::emit(&analysis, &article.body, &mut graph);
    let mut seen = std::collections::HashSet::new();
    graph.quads.retain(|q| seen.insert(q.clone()));
    graph.quads
}

/// Collects quads into one named graph.
#[derive(Debug)]
pub struct GraphBuilder {
    graph: NamedNode,
    /// The quads so far.
    pub quads: Vec<Quad>,
}

impl GraphBuilder {
    /// A builder for the graph named `graph`.
    pub fn new(graph: NamedNode) -> Self {
        Self {
            graph,
            quads: Vec::new(),
        }
    }

    /// The graph name.
    pub fn graph(&self) -> &NamedNode {
        &self.graph
    }

    /// Adds one triple to the graph.
    pub fn add(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: impl Into<NamedNode>,
        object: impl Into<Term>,
    ) {
        self.quads.push(Quad::new(
            subject,
            predicate,
            object,
            GraphName::NamedNode(self.graph.clone()),
        ));
    }
}

fn article_triples(article: &Article, g: &mut GraphBuilder) {
    let a = g.graph().clone();
    let lang = article.language.clone().unwrap_or_else(|| "ar".to_owned());
    let text = |value: &str| {
        Literal::new_language_tagged_literal(value, &lang)
            .unwrap_or_else(|_| Literal::new_simple_literal(value))
    };
    g.add(a.clone(), RDF_TYPE, ISNAD_ARTICLE);
    g.add(a.clone(), SCHEMA_HEADLINE, text(&article.headline));
    g.add(a.clone(), SCHEMA_ARTICLE_BODY, text(&article.body));
    g.add(
        a.clone(),
        SCHEMA_IDENTIFIER,
        Literal::new_simple_literal(&article.identifier),
    );
    g.add(
        a.clone(),
        ISNAD_SHA256,
        Literal::new_simple_literal(&article.sha256),
    );
    if let Some(date) = &article.published {
        g.add(
            a.clone(),
            SCHEMA_DATE_PUBLISHED,
            Literal::new_typed_literal(date, XSD_DATE),
        );
    }
    if let Some(url) = &article.url {
        g.add(a.clone(), SCHEMA_URL, Literal::new_simple_literal(url));
    }
    if let Some(publisher) = &article.publisher {
        g.add(
            a.clone(),
            SCHEMA_PUBLISHER,
            Literal::new_simple_literal(publisher),
        );
    }
    if let Some(author) = &article.author {
        g.add(
            a.clone(),
            SCHEMA_AUTHOR,
            Literal::new_simple_literal(author),
        );
    }
    if let Some(language) = &article.language {
        g.add(
            a.clone(),
            SCHEMA_IN_LANGUAGE,
            Literal::new_simple_literal(language),
        );
    }
    for credit in &article.image_credits {
        g.add(
            a.clone(),
            SCHEMA_IMAGE_CREDIT,
            Literal::new_simple_literal(credit),
        );
    }
}
