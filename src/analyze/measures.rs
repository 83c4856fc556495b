//! Measures on the undirected projection of a network: PageRank (petgraph), betweenness and
//! k-core (rustworkx-core), degree, and communities by deterministic label propagation.

use super::network::Network;
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet};

/// The undirected simple graph of a network (one edge per connected pair).
pub fn projection(network: &Network) -> UnGraph<usize, ()> {
    let mut g: UnGraph<usize, ()> = UnGraph::default();
    let ids: Vec<NodeIndex> = (0..network.nodes.len()).map(|i| g.add_node(i)).collect();
    let pairs: BTreeSet<(usize, usize)> = network
        .edges
        .iter()
        .filter(|e| e.source != e.target)
        .map(|e| (e.source.min(e.target), e.source.max(e.target)))
        .collect();
    for (a, b) in pairs {
        g.add_edge(ids[a], ids[b], ());
    }
    g
}

/// Computes every measure and stores it on the nodes.
pub fn compute(network: &mut Network) {
    let g = projection(network);
    let n = g.node_count();
    if n == 0 {
        return;
    }
    let pagerank = petgraph::algo::page_rank(&g, 0.85_f64, 100);
    let betweenness = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50);
    let cores = rustworkx_core::connectivity::core_number(&g);
    let communities = label_propagation(&g);
    for (i, node) in network.nodes.iter_mut().enumerate() {
        let idx = NodeIndex::new(i);
        node.pagerank = pagerank.get(i).copied().unwrap_or(0.0);
        node.betweenness = betweenness.get(i).copied().flatten().unwrap_or(0.0);
        node.degree = g.neighbors(idx).count();
        node.core = cores.get(&idx).copied().unwrap_or(0);
        node.community = communities[i];
    }
}

/// Label propagation, deterministic: nodes are visited in index order, each takes the label
/// most frequent among its neighbours (ties to the smallest label), until nothing changes.
/// Communities are then numbered by their smallest node index.
pub fn label_propagation(g: &UnGraph<usize, ()>) -> Vec<usize> {
    let n = g.node_count();
    let mut labels: Vec<usize> = (0..n).collect();
    for _ in 0..100 {
        let mut changed = false;
        for i in 0..n {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for nb in g.neighbors(NodeIndex::new(i)) {
                *counts.entry(labels[nb.index()]).or_default() += 1;
            }
            let Some(best) = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| *l)
            else {
                continue;
            };
            let current = counts.get(&labels[i]).copied().unwrap_or(0);
            if counts[&best] > current
                || (counts[&best] == current && best < labels[i] && current > 0)
            {
                labels[i] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = vec![0; n];
    for i in 0..n {
        let next = renumber.len();
        out[i] = *renumber.entry(labels[i]).or_insert(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::network::{Edge, EdgeKind, Node};
    use super::*;

    fn network(n: usize, edges: &[(usize, usize)]) -> Network {
        Network {
            nodes: (0..n)
                .map(|i| Node {
                    iri: format!("n{i}"),
                    ..Node::default()
                })
                .collect(),
            edges: edges
                .iter()
                .map(|&(source, target)| Edge {
                    source,
                    target,
                    kind: EdgeKind::PartyWith,
                    events: vec!["e".into()],
                    first: None,
                    last: None,
                })
                .collect(),
        }
    }

    #[test]
    fn star_centre_has_the_highest_measures() {
        // A star: 0 in the centre of 1..4. Betweenness of the centre (normalised) is 1; of
        // a leaf 0. PageRank of the centre is (1-d)/n + d × (sum over leaves of their rank).
        let mut net = network(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        compute(&mut net);
        let c = &net.nodes[0];
        assert!((c.betweenness - 1.0).abs() < 1e-9, "{}", c.betweenness);
        assert_eq!(net.nodes[1].betweenness, 0.0);
        assert_eq!(c.degree, 4);
        // Hand-computed stationary solution: centre x, leaves y, x + 4y = 1,
        // x = 0.03 + 0.85 × 4y, y = 0.03 + 0.85 × x / 4  →  x ≈ 0.4757, y ≈ 0.1311.
        assert!((c.pagerank - 0.4757).abs() < 1e-3, "{}", c.pagerank);
        assert!((net.nodes[1].pagerank - 0.1311).abs() < 1e-3);
        assert_eq!(c.core, 1);
    }

    #[test]
    fn a_path_has_betweenness_in_the_middle() {
        // 0 - 1 - 2: the middle node lies on the only shortest path between the ends.
        let mut net = network(3, &[(0, 1), (1, 2)]);
        compute(&mut net);
        assert!((net.nodes[1].betweenness - 1.0).abs() < 1e-9);
        assert_eq!(net.nodes[0].betweenness, 0.0);
    }

    #[test]
    fn two_cliques_joined_by_a_bridge_are_two_communities() {
        let mut edges = vec![];
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push((a, b));
                edges.push((a + 4, b + 4));
            }
        }
        edges.push((3, 4));
        let mut net = network(8, &edges);
        compute(&mut net);
        let c: Vec<usize> = net.nodes.iter().map(|n| n.community).collect();
        assert_eq!(c, vec![0, 0, 0, 0, 1, 1, 1, 1]);
        assert_eq!(net.nodes[0].core, 3);
        // Deterministic: the same graph gives the same communities.
        let mut again = network(8, &edges);
        compute(&mut again);
        assert_eq!(
            again.nodes.iter().map(|n| n.community).collect::<Vec<_>>(),
            c
        );
    }
}
