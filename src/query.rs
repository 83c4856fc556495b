//! SPARQL: saved queries in `queries/`, ad-hoc queries, variable bindings and result formats.

use crate::error::{Error, Result};
use crate::store::{IsnadStore, SparqlQuery};
use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A saved query: a `.rq` file with a grlc-style header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    /// The file stem, by which the query is called.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// `#+ summary:` line.
    pub summary: String,
    /// `#+ tags:` list.
    pub tags: Vec<String>,
    /// Parameters: variables written `?_name`, without the `?`.
    pub params: Vec<String>,
    /// The SPARQL text.
    pub text: String,
}

impl SavedQuery {
    /// Parses a saved query's text.
    pub fn parse(name: &str, path: &Path, text: &str) -> Self {
        let mut summary = String::new();
        let mut tags = Vec::new();
        for line in text.lines() {
            let Some(header) = line.trim().strip_prefix("#+") else {
                continue;
            };
            let header = header.trim();
            if let Some(s) = header.strip_prefix("summary:") {
                summary = s.trim().to_owned();
            } else if let Some(t) = header.strip_prefix("tags:") {
                tags = t
                    .split(',')
                    .map(|t| t.trim().trim_matches(['[', ']', '-']).trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
        }
        let mut params: Vec<String> = Vec::new();
        let mut rest = text;
        while let Some(pos) = rest.find("?_") {
            let tail = &rest[pos + 1..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(tail.len());
            let param = &tail[..end];
            let in_comment = rest[..pos]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.contains('#'));
            if param.len() > 1 && !in_comment && !params.iter().any(|p| p == param) {
                params.push(param.to_owned());
            }
            rest = &tail[end..];
        }
        Self {
            name: name.to_owned(),
            path: path.to_owned(),
            summary,
            tags,
            params,
            text: text.to_owned(),
        }
    }
}

/// Lists the saved queries, sorted by name: the built-in ones, with those of `dir` (when it
/// exists) added or put in their place.
pub fn saved_queries(dir: &Path) -> Result<Vec<SavedQuery>> {
    let mut queries: std::collections::BTreeMap<String, SavedQuery> = built_in_queries()
        .into_iter()
        .map(|q| (q.name.clone(), q))
        .collect();
    if dir.is_dir() {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            if path.extension().is_some_and(|e| e == "rq") {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                let name = path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                queries.insert(name.clone(), SavedQuery::parse(&name, &path, &text));
            }
        }
    }
    Ok(queries.into_values().collect())
}

/// The saved queries shipped in the binary: `queries/*.rq` when it was built.
const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/queries.rs"));

/// The saved queries shipped in the binary, each with the path `built-in/NAME.rq`.
pub fn built_in_queries() -> Vec<SavedQuery> {
    BUILT_IN
        .iter()
        .map(|(name, text)| {
            let path = PathBuf::from(format!("built-in/{name}.rq"));
            SavedQuery::parse(name, &path, text)
        })
        .collect()
}

/// Finds a saved query by name, in `dir` or among the built-in ones. Only plain names are
/// accepted: nothing can escape the directory.
pub fn find_saved(dir: &Path, name: &str) -> Result<Option<SavedQuery>> {
    let name = name.strip_suffix(".rq").unwrap_or(name);
    if !is_plain_name(name) {
        return Ok(None);
    }
    Ok(saved_queries(dir)?.into_iter().find(|q| q.name == name))
}

/// A name made only of letters, digits, `-` and `_`.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Resolves the QUERY argument: a `.rq` path, the name of a saved query, or inline text.
pub fn resolve(spec: &str, inline: bool, queries_dir: &Path) -> Result<(String, String)> {
    if inline {
        return Ok(("-e".to_owned(), spec.to_owned()));
    }
    let path = Path::new(spec);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        return Ok((spec.to_owned(), text));
    }
    match find_saved(queries_dir, spec)? {
        Some(q) => Ok((q.path.display().to_string(), q.text)),
        None => Err(Error::Usage(format!(
            "no query file {spec:?} and no saved query of that name (built in or in {}; see `isnad queries`)",
            queries_dir.display()
        ))),
    }
}

/// Output formats of `isnad query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text table (SELECT, ASK).
    Table,
    /// W3C SPARQL results formats (SELECT, ASK).
    Results(QueryResultsFormat),
    /// RDF formats (CONSTRUCT, DESCRIBE).
    Rdf(RdfFormat),
}

impl FromStr for OutputFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => Self::Table,
            "json" => Self::Results(QueryResultsFormat::Json),
            "csv" => Self::Results(QueryResultsFormat::Csv),
            "tsv" => Self::Results(QueryResultsFormat::Tsv),
            "xml" => Self::Results(QueryResultsFormat::Xml),
            "turtle" | "ttl" => Self::Rdf(RdfFormat::Turtle),
            "ntriples" | "nt" => Self::Rdf(RdfFormat::NTriples),
            "nquads" | "nq" => Self::Rdf(RdfFormat::NQuads),
            "trig" => Self::Rdf(RdfFormat::TriG),
            other => {
                return Err(Error::Usage(format!(
                    "unknown format {other:?}: use table, json, csv, tsv, xml, turtle, ntriples, nquads or trig"
                )))
            }
        })
    }
}

/// Parses a query; a syntax error carries the origin, line and column.
/// Runs a SELECT written by isnad itself (`origin` names it in errors) on the store: the
/// one helper resolve, stats, analyze and link read the store through. A solution's values
/// are found by variable name or by position.
pub fn select(store: &IsnadStore, origin: &str, text: &str) -> Result<Vec<QuerySolution>> {
    let mut out = Vec::new();
    if let QueryResults::Solutions(solutions) = store.query(prepare(origin, text)?)? {
        for s in solutions {
            out.push(s?);
        }
    }
    Ok(out)
}

/// One page of a query's results: the query text with its solutions sliced (`limit`
/// solutions from `offset`, after its own ORDER BY, LIMIT and OFFSET). The query is parsed
/// and written again, so a syntax error is reported here with its position.
pub fn page(origin: &str, text: &str, limit: Option<usize>, offset: usize) -> Result<String> {
    if limit.is_none() && offset == 0 {
        return Ok(text.to_owned());
    }
    check_nesting(origin, text)?;
    let parser = declare_prefixes(spargebra::SparqlParser::new(), |p, name, iri| {
        p.with_prefix(name, iri)
    })?;
    let mut query = parser.parse_query(text).map_err(|e| Error::QuerySyntax {
        origin: origin.to_owned(),
        message: e.to_string(),
    })?;
    // A query with its own LIMIT/OFFSET: the page is taken within its slice (a nested slice
    // would be written back as the inner one alone).
    let slice = |pattern: spargebra::algebra::GraphPattern| match pattern {
        spargebra::algebra::GraphPattern::Slice {
            inner,
            start,
            length,
        } => spargebra::algebra::GraphPattern::Slice {
            inner,
            start: start.saturating_add(offset),
            length: match (length, limit) {
                (Some(own), Some(page)) => Some(own.saturating_sub(offset).min(page)),
                (Some(own), None) => Some(own.saturating_sub(offset)),
                (None, page) => page,
            },
        },
        inner => spargebra::algebra::GraphPattern::Slice {
            inner: Box::new(inner),
            start: offset,
            length: limit,
        },
    };
    // ASK has one answer: there is nothing to page.
    if let spargebra::Query::Select { pattern, .. }
    | spargebra::Query::Construct { pattern, .. }
    | spargebra::Query::Describe { pattern, .. } = &mut query
    {
        let empty = spargebra::algebra::GraphPattern::Bgp {
            patterns: Vec::new(),
        };
        *pattern = slice(std::mem::replace(pattern, empty));
    }
    Ok(query.to_string())
}

pub fn prepare(origin: &str, text: &str) -> Result<SparqlQuery> {
    prepare_with(origin, text, None)
}

/// The evaluator with the project's prefixes (and a cancellation token, for timeouts). It
/// never calls remote endpoints: see [`federated_evaluator`].
pub fn evaluator(cancel: Option<oxigraph::sparql::CancellationToken>) -> Result<SparqlEvaluator> {
    with_project_prefixes(
        SparqlEvaluator::new().without_default_http_service_handler(),
        cancel,
    )
}

/// An evaluator whose `SERVICE` clauses call remote endpoints over HTTP (30 s per call).
pub fn federated_evaluator() -> Result<SparqlEvaluator> {
    with_project_prefixes(
        SparqlEvaluator::new().with_http_timeout(std::time::Duration::from_secs(30)),
        None,
    )
}

fn with_project_prefixes(
    mut evaluator: SparqlEvaluator,
    cancel: Option<oxigraph::sparql::CancellationToken>,
) -> Result<SparqlEvaluator> {
    if let Some(token) = cancel {
        evaluator = evaluator.with_cancellation_token(token);
    }
    declare_prefixes(evaluator, |e, name, iri| e.with_prefix(name, iri))
}

/// `target` with the project's prefixes declared by `add` (an evaluator, a parser, a
/// serializer).
fn declare_prefixes<T, E: std::fmt::Display>(
    mut target: T,
    add: impl Fn(T, &str, &str) -> std::result::Result<T, E>,
) -> Result<T> {
    for (prefix, iri) in PREFIXES {
        target = add(target, prefix, iri).map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(target)
}

/// Like [`prepare`], with a cancellation token that stops the evaluation when cancelled.
pub fn prepare_with(
    origin: &str,
    text: &str,
    cancel: Option<oxigraph::sparql::CancellationToken>,
) -> Result<SparqlQuery> {
    parse_with(evaluator(cancel)?, origin, text)
}

/// True when a query calls a remote endpoint (a `SERVICE` clause).
pub fn calls_service(text: &str) -> bool {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().to_ascii_uppercase())
        .any(|l| {
            l.split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w == "SERVICE")
        })
}

/// The deepest nesting of brackets a query may have. The SPARQL parser recurses on each
/// level: a query of a thousand nested groups would overflow a thread's stack and bring a
/// whole server down. Real queries stay far below this.
pub const MAX_NESTING: usize = 128;

/// Rejects a query nesting brackets ({ ( [) deeper than [`MAX_NESTING`], before the parser
/// sees it. Brackets inside strings, IRIs and comments do not count.
pub fn check_nesting(origin: &str, text: &str) -> Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    // Runs of prefix operators (!!!!x, ---1, ^^^p) recurse in the parser just as brackets do.
    let (mut run, mut longest) = (0usize, 0usize);
    while i < chars.len() {
        if matches!(chars[i], '!' | '-' | '+' | '^') {
            run += 1;
            longest = longest.max(run);
        } else if !chars[i].is_whitespace() {
            run = 0;
        }
        match chars[i] {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            q @ ('"' | '\'') => {
                let long = chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q);
                i += if long { 3 } else { 1 };
                while i < chars.len() {
                    if chars[i] == '\\' {
                        i += 2;
                        continue;
                    }
                    if chars[i] == q
                        && (!long || (chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q)))
                    {
                        i += if long { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            // <iri>: up to the closing '>' if one comes before any space (else "less than").
            '<' => {
                if let Some(end) = chars[i + 1..]
                    .iter()
                    .position(|c| *c == '>' || c.is_whitespace())
                    .filter(|&k| chars[i + 1 + k] == '>')
                {
                    i += end + 1;
                }
            }
            '{' | '(' | '[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    let deepest = deepest.max(longest);
    if deepest > MAX_NESTING {
        return Err(Error::QuerySyntax {
            origin: origin.to_owned(),
            message: format!(
                "brackets or prefix operators nested {deepest} deep: more than {MAX_NESTING} levels are refused"
            ),
        });
    }
    Ok(())
}

fn parse_with(evaluator: SparqlEvaluator, origin: &str, text: &str) -> Result<SparqlQuery> {
    check_nesting(origin, text)?;
    let mut prepared = evaluator
        .parse_query(text)
        .map_err(|e| Error::QuerySyntax {
            origin: origin.to_owned(),
            message: e.to_string(),
        })?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(SparqlQuery::new(prepared, text))
}

/// Parses a `NAME=VALUE` binding. VALUE is an RDF term in N-Triples syntax (`<iri>`,
/// `"text"@ar`, `"1"^^<…>`), a prefixed name (`isnad:Ceasefire`), an absolute IRI, an
/// integer, or else a plain string.
pub fn parse_binding(binding: &str) -> Result<(Variable, Term)> {
    let (name, value) = binding
        .split_once('=')
        .ok_or_else(|| Error::Usage(format!("binding {binding:?} is not NAME=VALUE")))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    let variable = Variable::new(name)
        .map_err(|e| Error::Usage(format!("bad variable name {name:?}: {e}")))?;
    Ok((variable, parse_term(value)))
}

fn parse_term(value: &str) -> Term {
    if let Ok(term) = Term::from_str(value) {
        return term;
    }
    if let Some((prefix, local)) = value.split_once(':') {
        if let Some((_, ns)) = PREFIXES.iter().find(|(p, _)| *p == prefix) {
            if let Ok(iri) = NamedNode::new(format!("{ns}{local}")) {
                return iri.into();
            }
        }
        if value.starts_with("http://") || value.starts_with("https://") {
            if let Ok(iri) = NamedNode::new(value) {
                return iri.into();
            }
        }
    }
    if let Ok(n) = value.parse::<i64>() {
        return Literal::from(n).into();
    }
    Literal::new_simple_literal(value).into()
}

/// Runs a query and writes its results in `format` (or the natural default for its kind:
/// a table on a terminal, CSV elsewhere, Turtle for graphs).
pub fn run(
    store: &IsnadStore,
    origin: &str,
    text: &str,
    bindings: &[(Variable, Term)],
    format: Option<OutputFormat>,
    terminal: bool,
    out: &mut dyn Write,
) -> Result<()> {
    run_with(store, origin, text, bindings, format, terminal, out, false)
}

/// [`run`], optionally letting `SERVICE` clauses call remote endpoints. Without that
/// permission a query with `SERVICE` is refused with an explanation.
#[allow(clippy::too_many_arguments)]
pub fn run_with(
    store: &IsnadStore,
    origin: &str,
    text: &str,
    bindings: &[(Variable, Term)],
    format: Option<OutputFormat>,
    terminal: bool,
    out: &mut dyn Write,
    allow_service: bool,
) -> Result<()> {
    if calls_service(text) && !allow_service {
        return Err(Error::Usage(format!(
            "{origin}: the query calls a remote endpoint with SERVICE; isnad does not reach out \
             to the network unless asked: rerun with --allow-service"
        )));
    }
    let mut prepared = if allow_service {
        parse_with(federated_evaluator()?, origin, text)?
    } else {
        prepare(origin, text)?
    };
    for (variable, term) in bindings {
        prepared = prepared.substitute(variable.clone(), term.clone());
    }
    let results = store.query(prepared)?;
    write_results(results, format, terminal, out)
}

/// Writes query results.
pub fn write_results(
    results: QueryResults<'_>,
    format: Option<OutputFormat>,
    terminal: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let default_tabular = if terminal {
        OutputFormat::Table
    } else {
        OutputFormat::Results(QueryResultsFormat::Csv)
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match format.unwrap_or(default_tabular) {
                OutputFormat::Table => {
                    let mut rows = Vec::new();
                    for solution in solutions {
                        let solution = solution?;
                        rows.push(
                            variables
                                .iter()
                                .map(|v| solution.get(v).map(display_term).unwrap_or_default())
                                .collect(),
                        );
                    }
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(&header, &rows, out)?;
                }
                OutputFormat::Results(f) => {
                    let mut ser = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(out, variables)?;
                    for solution in solutions {
                        ser.serialize(&solution?)?;
                    }
                    ser.finish()?;
                }
                OutputFormat::Rdf(f) => return Err(wrong_format("SELECT", f.name())),
            }
        }
        QueryResults::Boolean(value) => match format.unwrap_or(default_tabular) {
            OutputFormat::Table => writeln!(out, "{value}")?,
            OutputFormat::Results(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, value)?;
            }
            OutputFormat::Rdf(f) => return Err(wrong_format("ASK", f.name())),
        },
        QueryResults::Graph(triples) => {
            let f = match format {
                None => RdfFormat::Turtle,
                Some(OutputFormat::Rdf(f)) => f,
                Some(_) => return Err(Error::Usage(
                    "CONSTRUCT and DESCRIBE results take --format turtle, ntriples, nquads or trig"
                        .into(),
                )),
            };
            let mut ser = with_prefixes(RdfSerializer::from_format(f))?.for_writer(out);
            for triple in triples {
                ser.serialize_triple(&triple?)?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}

fn wrong_format(kind: &str, format: &str) -> Error {
    Error::Usage(format!(
        "{kind} results take --format table, json, csv, tsv or xml, not {format}"
    ))
}

/// Declares the project's prefixes on an RDF serializer.
pub fn with_prefixes(serializer: RdfSerializer) -> Result<RdfSerializer> {
    declare_prefixes(serializer, |s, name, iri| s.with_prefix(name, iri))
}

/// A term for people: prefixed IRIs, plain literal values.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// `https://w3id.org/isnad/ontology#Article` → `isnad:Article`.
pub fn compact_iri(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns) && iri.len() > ns.len())
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| format!("<{iri}>"))
}

fn write_table(header: &[String], rows: &[Vec<String>], out: &mut dyn Write) -> Result<()> {
    let clip = |s: &str| -> String {
        let one_line: String = s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
        if one_line.chars().count() > 80 {
            one_line
                .chars()
                .take(79)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            one_line
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "| {} |", padded.join(" | "))
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "|-{}-|", rule.join("-|-"))?;
    for row in &rows {
        line(row, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn deep_nesting_is_refused_before_parsing_but_brackets_in_strings_do_not_count() {
        let deep = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(1000),
            "}".repeat(1000)
        );
        let e = check_nesting("t", &deep).unwrap_err().to_string();
        assert!(e.contains("1000 deep"), "{e}");
        let nots = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER({}true) }}",
            "!".repeat(5000)
        );
        assert!(check_nesting("t", &nots).is_err());
        let ok = format!(
            "SELECT * WHERE {{ ?s ?p \"{}\" }} # {}",
            "{".repeat(500),
            "(".repeat(500)
        );
        assert!(check_nesting("t", &ok).is_ok());
        let iri = "SELECT * WHERE { ?s <http://x/{{{{> ?o FILTER(?o < 3) }";
        assert!(check_nesting("t", iri).is_ok());
    }
    use super::*;

    #[test]
    fn header_and_params_are_read() {
        let q = SavedQuery::parse(
            "evidence",
            Path::new("evidence.rq"),
            "#+ summary: Every mention of one event\n#+ tags: events, provenance\n# ?_ignored in a comment\nSELECT ?_event ?m WHERE { ?_event <p> ?m . FILTER(?_event != ?_other) }",
        );
        assert_eq!(q.summary, "Every mention of one event");
        assert_eq!(q.tags, vec!["events", "provenance"]);
        assert_eq!(q.params, vec!["_event", "_other"]);
    }

    #[test]
    fn bindings_parse_as_terms() {
        let (v, t) = parse_binding("_event=isnad:Ceasefire").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.as_str(), "_event");
        assert_eq!(t.to_string(), "<https://w3id.org/isnad/ontology#Ceasefire>");
        let (_, t) = parse_binding("x=\"قره باغ\"@ar").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.to_string(), "\"قره باغ\"@ar");
        let (_, t) = parse_binding("x=42").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t, Literal::from(42i64).into());
        let (_, t) = parse_binding("x=https://example.org/a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.to_string(), "<https://example.org/a>");
        assert!(parse_binding("novalue").is_err());
    }

    #[test]
    fn plain_names_only() {
        assert!(is_plain_name("articles"));
        assert!(!is_plain_name("../etc/passwd"));
        assert!(!is_plain_name("/etc/passwd"));
        assert!(!is_plain_name(""));
    }

    #[test]
    fn a_page_of_a_query_with_its_own_limit_stays_within_it() {
        let text = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 100 OFFSET 20";
        let paged = page("t", text, Some(5), 10).unwrap();
        assert!(
            paged.contains("LIMIT 5") && paged.contains("OFFSET 30"),
            "{paged}"
        );
        // Near the end of its own slice the page is cut short.
        let paged = page("t", text, Some(50), 90).unwrap();
        assert!(
            paged.contains("LIMIT 10") && paged.contains("OFFSET 110"),
            "{paged}"
        );
        let paged = page("t", "SELECT ?s WHERE { ?s ?p ?o }", Some(2), 1).unwrap();
        assert!(
            paged.contains("LIMIT 2") && paged.contains("OFFSET 1"),
            "{paged}"
        );
    }

    #[test]
    fn syntax_errors_name_their_position() {
        let err = prepare("-e", "SELECT * WHERE { ?s ?p }")
            .err()
            .map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.contains("-e"), "{err}");
        assert!(err.contains("1:"), "{err}");
    }
}
