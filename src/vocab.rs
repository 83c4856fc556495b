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
/// The named graph of the links `isnad link` writes.
pub const LINKS_GRAPH: &str = "https://w3id.org/isnad/links";
/// The named graph of the facts `isnad enrich` pulls.
pub const EXTERNAL_GRAPH: &str = "https://w3id.org/isnad/external";

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

/// Parses a WKT point (`Point(lon lat)`, optionally after a CRS IRI) into (lat, lon).
pub fn wkt_point(wkt: &str) -> Option<(f64, f64)> {
    let body = wkt.trim();
    let body = match body.strip_prefix('<') {
        Some(rest) => rest.split_once('>')?.1.trim(),
        None => body,
    };
    let inner = body
        .strip_prefix("Point")
        .or_else(|| body.strip_prefix("POINT"))?
        .trim()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut parts = inner.split_whitespace().map(str::parse::<f64>);
    let lon = parts.next()?.ok()?;
    let lat = parts.next()?.ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkt_points_are_lon_lat() {
        assert_eq!(wkt_point("Point(-95.38 29.76)"), Some((29.76, -95.38)));
        assert_eq!(
            wkt_point("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT (10 20)"),
            Some((20.0, 10.0))
        );
        assert_eq!(wkt_point("Point(200 10)"), None);
        assert_eq!(wkt_point("LINESTRING(1 2, 3 4)"), None);
    }
}
