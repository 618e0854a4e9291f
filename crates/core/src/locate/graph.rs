//! All-pairs shortest paths for network instances (e.g. OR-Library `pmed`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Shortest-path distances between all pairs of `n` vertices of an undirected graph, row-major
/// `n × n`, by `n` runs of Dijkstra's algorithm with a binary heap (O(n · m log n)).
///
/// `edges` are `(u, v, cost)` with 0-based vertices, in file order. **If an edge {u, v} is listed
/// more than once, the last listed cost wins** (the OR-Library convention, Beasley 1985; using
/// the minimum instead changes the pmed optima). Self-loops are ignored. Unreachable pairs are
/// `f64::INFINITY`. Costs must be ≥ 0.
pub fn all_pairs_shortest_paths(n: usize, edges: &[(usize, usize, f64)]) -> Vec<f64> {
    // Last-wins de-duplication on the unordered pair.
    let mut last = std::collections::HashMap::with_capacity(edges.len());
    for &(u, v, c) in edges {
        if u == v || u >= n || v >= n {
            continue;
        }
        last.insert((u.min(v), u.max(v)), c);
    }
    let mut pairs: Vec<_> = last.into_iter().collect();
    pairs.sort_by_key(|p| p.0);
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for ((u, v), c) in pairs {
        adj[u].push((v, c));
        adj[v].push((u, c));
    }
    let mut dist = vec![f64::INFINITY; n * n];
    let mut heap = BinaryHeap::new();
    for s in 0..n {
        let row = &mut dist[s * n..(s + 1) * n];
        row[s] = 0.0;
        heap.push(Reverse((OrdF(0.0), s)));
        while let Some(Reverse((OrdF(d), u))) = heap.pop() {
            if d > row[u] {
                continue;
            }
            for &(v, c) in &adj[u] {
                let nd = d + c;
                if nd < row[v] {
                    row[v] = nd;
                    heap.push(Reverse((OrdF(nd), v)));
                }
            }
        }
    }
    dist
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct OrdF(f64);
impl Eq for OrdF {}
impl PartialOrd for OrdF {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for OrdF {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Euclidean distance matrix between two point sets (`floor` = truncate each distance, as in
/// the Osman–Christofides pmedcap1 instances).
pub fn euclidean_matrix(from: &[(f64, f64)], to: &[(f64, f64)], floor: bool) -> Vec<f64> {
    let mut out = Vec::with_capacity(from.len() * to.len());
    for a in from {
        for b in to {
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            out.push(if floor { d.floor() } else { d });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_duplicate_edge_wins() {
        let d = all_pairs_shortest_paths(3, &[(0, 1, 1.0), (1, 2, 5.0), (0, 1, 7.0), (0, 2, 20.0)]);
        assert_eq!(d[1], 7.0);
        assert_eq!(d[2], 12.0);
        assert_eq!(d[2 * 3], 12.0);
    }
}
