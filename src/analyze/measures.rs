//! Measures on the undirected projection of a network (petgraph): PageRank (power iteration),
//! betweenness and k-core (rustworkx-core), degree, and Louvain communities.

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
    let pagerank = pagerank(&g, 0.85, 200);
    let betweenness = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50);
    let cores = rustworkx_core::connectivity::core_number(&g);
    let communities = louvain(&g);
    for (i, node) in network.nodes.iter_mut().enumerate() {
        let idx = NodeIndex::new(i);
        node.pagerank = pagerank.get(i).copied().unwrap_or(0.0);
        node.betweenness = betweenness.get(i).copied().flatten().unwrap_or(0.0);
        node.degree = g.neighbors(idx).count();
        node.core = cores.get(&idx).copied().unwrap_or(0);
        node.community = communities[i];
    }
}

/// PageRank by power iteration on the undirected graph (each edge both ways), damping 0.85;
/// the rank of nodes without neighbours is spread evenly, so ranks sum to one.
pub fn pagerank(g: &UnGraph<usize, ()>, damping: f64, iterations: usize) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let degree: Vec<f64> = (0..n)
        .map(|i| g.neighbors(NodeIndex::new(i)).count() as f64)
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&i| degree[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for (i, r) in rank.iter().enumerate() {
            if degree[i] > 0.0 {
                let share = damping * r / degree[i];
                for nb in g.neighbors(NodeIndex::new(i)) {
                    next[nb.index()] += share;
                }
            }
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < 1e-12 {
            break;
        }
    }
    rank
}

/// Communities by the Louvain method (local moving then aggregation, repeated), with nodes
/// visited in index order and ties broken towards the smallest community, so the result is
/// deterministic for a given graph. Communities are numbered by their smallest node.
pub fn louvain(g: &UnGraph<usize, ()>) -> Vec<usize> {
    let n = g.node_count();
    let mut membership: Vec<usize> = (0..n).collect();
    // The current level's weighted graph: adjacency with weights, self-loops allowed.
    let mut adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for e in g.edge_indices() {
        if let Some((a, b)) = g.edge_endpoints(e) {
            *adj[a.index()].entry(b.index()).or_default() += 1.0;
            *adj[b.index()].entry(a.index()).or_default() += 1.0;
        }
    }
    loop {
        let size = adj.len();
        let k: Vec<f64> = adj.iter().map(|m| m.values().sum()).collect();
        let m2: f64 = k.iter().sum();
        if m2 == 0.0 {
            break;
        }
        let mut comm: Vec<usize> = (0..size).collect();
        let mut tot: Vec<f64> = k.clone();
        let mut moved_any = false;
        loop {
            let mut moved = false;
            for i in 0..size {
                let own = comm[i];
                tot[own] -= k[i];
                let mut links: BTreeMap<usize, f64> = BTreeMap::new();
                for (&j, &w) in &adj[i] {
                    if j != i {
                        *links.entry(comm[j]).or_default() += w;
                    }
                }
                let gain = |c: usize, w: f64| w - tot[c] * k[i] / m2;
                let mut best = own;
                let mut best_gain = gain(own, links.get(&own).copied().unwrap_or(0.0));
                for (&c, &w) in &links {
                    let g = gain(c, w);
                    if g > best_gain + 1e-12
                        || (g > best_gain - 1e-12 && c < best && g >= best_gain)
                    {
                        best = c;
                        best_gain = g;
                    }
                }
                tot[best] += k[i];
                if best != own {
                    comm[i] = best;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // Aggregate: communities become nodes.
        let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
        for &c in &comm {
            let next = renumber.len();
            renumber.entry(c).or_insert(next);
        }
        let mut next_adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); renumber.len()];
        for (i, m) in adj.iter().enumerate() {
            for (&j, &w) in m {
                *next_adj[renumber[&comm[i]]]
                    .entry(renumber[&comm[j]])
                    .or_default() += w;
            }
        }
        for m in &mut membership {
            *m = renumber[&comm[*m]];
        }
        adj = next_adj;
    }
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    membership
        .iter()
        .map(|c| {
            let next = number.len();
            *number.entry(*c).or_insert(next)
        })
        .collect()
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
