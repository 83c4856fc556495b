//! IRIs of the vocabularies isnad writes: its own ontology and the standards it refines.

use oxigraph::model::NamedNodeRef;

/// Namespace of the isnad ontology.
pub const ISNAD: &str = "https://w3id.org/isnad/ontology#";
/// Prefix of data IRIs (articles, mentions, events, entities).
pub const ID: &str = "https://w3id.org/isnad/id/";
/// The named graph holding the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/isnad/ontology";
/// The named graph holding the canonical events, rebuilt from the readings.
pub const EVENTS_GRAPH: &str = "https://w3id.org/isnad/events";
/// The named graph holding the gazetteer.
pub const GAZETTEER_GRAPH: &str = "https://w3id.org/isnad/gazetteer";

/// Prefixes declared in Turtle output and offered to SPARQL users.
pub const PREFIXES: &[(&str, &str)] = &[
    ("isnad", ISNAD),
    ("id", ID),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "http://schema.org/"),
    (
        "nif",
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    ),
    ("time", "http://www.w3.org/2006/time#"),
    ("geo", "http://www.opengis.net/ont/geosparql#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("wdt", "http://www.wikidata.org/prop/direct/"),
    ("dcterms", "http://purl.org/dc/terms/"),
];

macro_rules! terms {
    ($($name:ident = $iri:expr;)*) => {
        $(
            #[doc = concat!("`", $iri, "`")]
            pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked($iri);
        )*
    };
}

terms! {
    RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    ISNAD_ARTICLE = "https://w3id.org/isnad/ontology#Article";
    ISNAD_SHA256 = "https://w3id.org/isnad/ontology#sha256";
    ISNAD_INGESTED = "https://w3id.org/isnad/ontology#ingestComplete";
    SCHEMA_HEADLINE = "http://schema.org/headline";
    SCHEMA_ARTICLE_BODY = "http://schema.org/articleBody";
    SCHEMA_DATE_PUBLISHED = "http://schema.org/datePublished";
    SCHEMA_URL = "http://schema.org/url";
    SCHEMA_PUBLISHER = "http://schema.org/publisher";
    SCHEMA_IDENTIFIER = "http://schema.org/identifier";
    SCHEMA_IN_LANGUAGE = "http://schema.org/inLanguage";
    SCHEMA_AUTHOR = "http://schema.org/author";
    SCHEMA_IMAGE_CREDIT = "http://schema.org/creditText";
    XSD_DATE = "http://www.w3.org/2001/XMLSchema#date";
    XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
}
