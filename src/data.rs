//! The data files compiled into the binary, so that an installed `isnad` works in any
//! folder: the ontology, the gazetteer, the lexicon. A leaf module: it imports nothing.

/// The ontology, embedded so every store carries the version of the binary that wrote it.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/isnad.ttl");
/// The gazetteer's Turtle, as shipped.
pub const GAZETTEER_TTL: &str = include_str!("../ontology/gazetteer.ttl");
/// The states, generated from CLDR.
pub const STATES_TTL: &str = include_str!("../ontology/gazetteer-states.ttl");
/// The lexicon shipped with isnad (triggers, patterns, guards, classes).
pub const LEXICON: &str = include_str!("../ontology/lexicon.txt");
/// Lines of web pages that are not the article (end markers, prompts, photo credits).
pub const PAGE_FURNITURE: &str = include_str!("../ontology/page-furniture.txt");
/// Where the shipped lexicon comes from, for error messages.
pub const LEXICON_NAME: &str = "ontology/lexicon.txt";
