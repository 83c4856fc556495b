//! Exports of a network for visualisation tools: GraphML (Gephi, yEd, Cytoscape, networkx),
//! GEXF 1.3 dynamic (Gephi's timeline), DOT (Graphviz, clusters by community), Cytoscape.js
//! JSON, GeoJSON (RFC 7946, places with coordinates and their events) and CSV node and
//! edge lists. Writers only: the network comes from [`crate::analyze`].

use crate::analyze::network::{EventInfo, Network, Node};
use crate::error::{Error, Result};
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write;

/// Network export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VizFormat {
    /// GraphML.
    GraphMl,
    /// GEXF 1.3.
    Gexf,
    /// Graphviz DOT.
    Dot,
    /// Cytoscape.js elements JSON.
    Cytoscape,
    /// GeoJSON FeatureCollection of places.
    GeoJson,
    /// CSV: nodes then edges.
    Csv,
}

impl VizFormat {
    /// Parses a format name.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "graphml" => Self::GraphMl,
            "gexf" => Self::Gexf,
            "dot" => Self::Dot,
            "cytoscape" => Self::Cytoscape,
            "geojson" => Self::GeoJson,
            "csv" => Self::Csv,
            _ => return None,
        })
    }
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A full date for a partial one: `2020` → `2020-01-01`, `2020-11` → `2020-11-01`. GEXF
/// uses one time representation (dates) throughout.
fn full_date(d: &str) -> String {
    match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_owned(),
    }
}

/// Writes a network (or, for GeoJSON, the places of the events).
pub fn write(
    network: &Network,
    events: &[EventInfo],
    format: VizFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let text = match format {
        VizFormat::GraphMl => graphml(network),
        VizFormat::Gexf => gexf(network),
        VizFormat::Dot => dot(network),
        VizFormat::Cytoscape => serde_json::to_string_pretty(&cytoscape(network))
            .map_err(|e| Error::Internal(e.to_string()))?,
        VizFormat::GeoJson => serde_json::to_string_pretty(&geojson(network, events))
            .map_err(|e| Error::Internal(e.to_string()))?,
        VizFormat::Csv => csv(network),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn graphml(n: &Network) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, target, kind) in [
        ("label_ar", "node", "string"),
        ("label_en", "node", "string"),
        ("class", "node", "string"),
        ("qid", "node", "string"),
        ("pagerank", "node", "double"),
        ("betweenness", "node", "double"),
        ("community", "node", "int"),
        ("kind", "edge", "string"),
        ("weight", "edge", "double"),
        ("first", "edge", "string"),
        ("last", "edge", "string"),
        ("events", "edge", "int"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    s.push_str("  <graph id=\"isnad\" edgedefault=\"directed\">\n");
    for node in &n.nodes {
        let _ = writeln!(s, "    <node id=\"{}\">", xml(&node.iri));
        let data = [
            ("label_ar", xml(&node.label_ar)),
            ("label_en", xml(&node.label_en)),
            ("class", xml(&node.class)),
            ("qid", node.qid.clone().unwrap_or_default()),
            ("pagerank", format!("{:.6}", node.pagerank)),
            ("betweenness", format!("{:.6}", node.betweenness)),
            ("community", node.community.to_string()),
        ];
        for (k, v) in data {
            let _ = writeln!(s, "      <data key=\"{k}\">{v}</data>");
        }
        s.push_str("    </node>\n");
    }
    for (i, e) in n.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml(&n.nodes[e.source].iri),
            xml(&n.nodes[e.target].iri)
        );
        let data = [
            ("kind", e.kind.name().to_owned()),
            ("weight", e.weight().to_string()),
            ("first", e.first.clone().unwrap_or_default()),
            ("last", e.last.clone().unwrap_or_default()),
            ("events", e.events.len().to_string()),
        ];
        for (k, v) in data {
            let _ = writeln!(s, "      <data key=\"{k}\">{v}</data>");
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

fn interval(first: &Option<String>, last: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(f) = first {
        let _ = write!(s, " start=\"{}\"", full_date(f));
    }
    if let Some(l) = last {
        let _ = write!(s, " end=\"{}\"", full_date(l));
    }
    s
}

fn gexf(n: &Network) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n  <meta>\n    <creator>isnad</creator>\n    <description>Actor network of conflict events</description>\n  </meta>\n  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\">\n");
    s.push_str("    <attributes class=\"node\">\n");
    for (i, (title, kind)) in [
        ("label_ar", "string"),
        ("label_en", "string"),
        ("class", "string"),
        ("qid", "string"),
        ("pagerank", "double"),
        ("betweenness", "double"),
        ("community", "integer"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            s,
            "      <attribute id=\"n{i}\" title=\"{title}\" type=\"{kind}\"/>"
        );
    }
    s.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (i, (title, kind)) in [("kind", "string"), ("events", "integer")]
        .iter()
        .enumerate()
    {
        let _ = writeln!(
            s,
            "      <attribute id=\"e{i}\" title=\"{title}\" type=\"{kind}\"/>"
        );
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for node in &n.nodes {
        let label = if node.label_ar.is_empty() {
            &node.iri
        } else {
            &node.label_ar
        };
        let _ = writeln!(
            s,
            "      <node id=\"{}\" label=\"{}\"{}>",
            xml(&node.iri),
            xml(label),
            interval(&node.first, &node.last)
        );
        s.push_str("        <attvalues>\n");
        let values = [
            xml(&node.label_ar),
            xml(&node.label_en),
            xml(&node.class),
            node.qid.clone().unwrap_or_default(),
            format!("{:.6}", node.pagerank),
            format!("{:.6}", node.betweenness),
            node.community.to_string(),
        ];
        for (i, v) in values.iter().enumerate() {
            let _ = writeln!(s, "          <attvalue for=\"n{i}\" value=\"{v}\"/>");
        }
        s.push_str("        </attvalues>\n      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in n.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"{}>\n        <attvalues>\n          <attvalue for=\"e0\" value=\"{}\"/>\n          <attvalue for=\"e1\" value=\"{}\"/>\n        </attvalues>\n      </edge>",
            xml(&n.nodes[e.source].iri),
            xml(&n.nodes[e.target].iri),
            e.weight(),
            interval(&e.first, &e.last),
            e.kind.name(),
            e.events.len()
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

fn dot_label(node: &Node) -> String {
    let label = if node.label_ar.is_empty() {
        node.iri.rsplit('/').next().unwrap_or_default()
    } else {
        &node.label_ar
    };
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

fn dot(n: &Network) -> String {
    let mut s = String::from("digraph isnad {\n  graph [charset=\"UTF-8\", rankdir=LR, newrank=true, fontname=\"DejaVu Sans\"];\n  node [shape=box, style=rounded, fontname=\"DejaVu Sans\"];\n  edge [fontname=\"DejaVu Sans\", fontsize=9];\n");
    let mut communities: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, node) in n.nodes.iter().enumerate() {
        communities.entry(node.community).or_default().push(i);
    }
    for (c, members) in &communities {
        let _ = writeln!(
            s,
            "  subgraph cluster_{c} {{\n    label=\"community {c}\";\n    style=dashed;"
        );
        for &i in members {
            let node = &n.nodes[i];
            let shape = if node.class == "Place" {
                ", shape=ellipse"
            } else {
                ""
            };
            let _ = writeln!(s, "    n{i} [label=\"{}\"{shape}];", dot_label(node));
        }
        s.push_str("  }\n");
    }
    for e in &n.edges {
        let dir = if e.kind.symmetric() { ", dir=none" } else { "" };
        let _ = writeln!(
            s,
            "  n{} -> n{} [label=\"{}\", penwidth={}{dir}];",
            e.source,
            e.target,
            e.kind.name(),
            1 + e.weight().min(5)
        );
    }
    s.push_str("}\n");
    s
}

fn cytoscape(n: &Network) -> serde_json::Value {
    let mut elements = Vec::new();
    for node in &n.nodes {
        elements.push(json!({"group": "nodes", "data": {
            "id": node.iri, "label": node.label_ar, "label_en": node.label_en, "class": node.class,
            "qid": node.qid, "pagerank": node.pagerank, "betweenness": node.betweenness,
            "community": node.community, "start": node.first, "end": node.last }}));
    }
    for (i, e) in n.edges.iter().enumerate() {
        elements.push(json!({"group": "edges", "data": {
            "id": format!("e{i}"), "source": n.nodes[e.source].iri, "target": n.nodes[e.target].iri,
            "kind": e.kind.name(), "weight": e.weight(), "events": e.events, "first": e.first, "last": e.last }}));
    }
    json!({ "elements": elements })
}

fn geojson(n: &Network, events: &[EventInfo]) -> serde_json::Value {
    let mut features = Vec::new();
    for node in n.nodes.iter().filter(|x| x.class == "Place") {
        let Some((lat, long)) = node.coordinates else {
            continue;
        };
        let mut list: Vec<serde_json::Value> = events
            .iter()
            .filter(|e| e.with_role("hasPlace").any(|p| *p == node.iri))
            .map(|e| json!({"event": e.iri, "class": e.class, "date": e.date, "label": e.label}))
            .collect();
        list.sort_by_key(|v| v["date"].as_str().unwrap_or_default().to_owned());
        features.push(json!({
            "type": "Feature",
            "id": node.iri,
            "geometry": {"type": "Point", "coordinates": [long, lat]},
            "properties": {"name": node.label_ar, "name_en": node.label_en, "events": list}
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(n: &Network) -> String {
    let mut s = String::from(
        "# nodes\nid,label_ar,label_en,class,qid,pagerank,betweenness,degree,core,community\n",
    );
    for node in &n.nodes {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{:.6},{:.6},{},{},{}",
            csv_field(&node.iri),
            csv_field(&node.label_ar),
            csv_field(&node.label_en),
            node.class,
            node.qid.clone().unwrap_or_default(),
            node.pagerank,
            node.betweenness,
            node.degree,
            node.core,
            node.community
        );
    }
    s.push_str("\n# edges\nsource,target,kind,weight,first,last\n");
    for e in &n.edges {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            csv_field(&n.nodes[e.source].iri),
            csv_field(&n.nodes[e.target].iri),
            e.kind.name(),
            e.weight(),
            e.first.clone().unwrap_or_default(),
            e.last.clone().unwrap_or_default()
        );
    }
    s
}

/// Renders DOT with Graphviz's `dot` to SVG or PNG; a clear error when it is missing.
pub fn render(dot_path: &std::path::Path, format: &str, out: &std::path::Path) -> Result<()> {
    if !matches!(format, "svg" | "png") {
        return Err(Error::Usage(format!(
            "--render takes svg or png, not {format:?}"
        )));
    }
    let status = std::process::Command::new("dot")
        .arg(format!("-T{format}"))
        .arg(dot_path)
        .arg("-o")
        .arg(out)
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(Error::Usage(format!(
            "Graphviz dot failed ({s}) rendering {}",
            dot_path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Usage(
            "Graphviz is not installed: `dot` was not found on PATH (apt-get install graphviz)"
                .into(),
        )),
        Err(e) => Err(Error::io(dot_path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::network::{Edge, EdgeKind};

    fn tiny() -> Network {
        Network {
            nodes: vec![
                Node {
                    iri: "https://x/a".into(),
                    label_ar: "أ & ب".into(),
                    class: "State".into(),
                    ..Node::default()
                },
                Node {
                    iri: "https://x/p".into(),
                    label_ar: "مكان".into(),
                    class: "Place".into(),
                    coordinates: Some((40.0, 45.0)),
                    ..Node::default()
                },
            ],
            edges: vec![Edge {
                source: 0,
                target: 1,
                kind: EdgeKind::DeployedIn,
                events: vec!["e1".into()],
                first: Some("2020".into()),
                last: Some("2021-03-04".into()),
            }],
        }
    }

    #[test]
    fn xml_formats_escape_and_carry_dates() {
        let g = graphml(&tiny());
        assert!(g.contains("أ &amp; ب"));
        let x = gexf(&tiny());
        assert!(x.contains("start=\"2020-01-01\" end=\"2021-03-04\""));
        assert!(x.contains("version=\"1.3\""));
    }

    #[test]
    fn geojson_is_lon_lat() {
        let events = vec![EventInfo {
            iri: "e1".into(),
            class: "Deployment".into(),
            date: Some("2020".into()),
            label: "d".into(),
            roles: vec![("hasPlace".into(), "https://x/p".into())],
        }];
        let v = geojson(&tiny(), &events);
        assert_eq!(
            v["features"][0]["geometry"]["coordinates"],
            json!([45.0, 40.0])
        );
        assert_eq!(v["features"][0]["properties"]["events"][0]["date"], "2020");
    }
}
