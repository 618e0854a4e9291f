use junheng_core::limits::{check_sites, COST};
use junheng_core::locate::{graph, Problem};

use super::{at, check_points, engine_text, field_error, in_domain, positive_count, NumberLines};
use crate::limits::MAX_EDGES;
use crate::InputErrors;

/// OR-Library p-median graph (Beasley 1985, `pmed1`–`pmed40`): `n m p`, then `m` lines
/// `u v cost` (1-based vertices). Duplicate edges: the last one listed wins (see
/// `graph::all_pairs_shortest_paths`). The header is checked (n × n distances within the
/// limit, m edges at most one per pair, 1 ≤ p ≤ n) before anything is allocated for it.
pub fn read_orlib(file: &str, bytes: &[u8]) -> Result<Problem, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut lines = NumberLines::new(file, &text);
    let head = lines.expect(&["n", "m", "p"])?;
    let l0 = head.line;
    let n = positive_count(file, l0, "n", head.numbers[0])?;
    check_points(file, l0, "n", n)?;
    let m = positive_count(file, l0, "m", head.numbers[1])?;
    if m > MAX_EDGES {
        return Err(at(
            file,
            l0,
            "m",
            &m.to_string(),
            format!("边数 {m} 超出上限 {MAX_EDGES}"),
            format!("{m} edges are beyond the limit of {MAX_EDGES}"),
        ));
    }
    let p = positive_count(file, l0, "p", head.numbers[2])?;
    check_sites(p, n).map_err(|e| field_error(file, l0, "p", &p.to_string(), e))?;
    let mut edges = Vec::new();
    for k in 0..m {
        let Some(l) = lines.next_line()? else {
            return Err(at(
                file,
                lines.last,
                "",
                "",
                format!("表头声明 {m} 条边，文件只有 {k} 条"),
                format!("the header announces {m} edges, the file has {k}"),
            ));
        };
        if l.numbers.len() != 3 {
            return Err(at(
                file,
                l.line,
                "",
                "",
                format!("应为 3 个数（u v cost），实际 {} 个", l.numbers.len()),
                format!("expected 3 numbers (u v cost), found {}", l.numbers.len()),
            ));
        }
        let vertex = |c: usize, name: &str| -> Result<usize, InputErrors> {
            let v = positive_count(file, l.line, name, l.numbers[c])?;
            if v > n {
                return Err(at(
                    file,
                    l.line,
                    name,
                    &v.to_string(),
                    format!("顶点应在 1 到 {n} 之间"),
                    format!("vertex out of 1..{n}"),
                ));
            }
            Ok(v - 1)
        };
        let (u, w) = (vertex(0, "u")?, vertex(1, "v")?);
        let cost = in_domain(file, l.line, "cost", &COST, l.numbers[2])?;
        edges.push((u, w, cost));
    }
    lines.expect_end(&format!(" {m} 条边"), &format!("{m} edges"))?;
    let dist = graph::all_pairs_shortest_paths(n, &edges);
    if dist.iter().any(|d| d.is_infinite()) {
        return Err(at(
            file,
            l0,
            "",
            "",
            "图不连通：有顶点之间没有路径".into(),
            "the graph is not connected".into(),
        ));
    }
    Problem::new(n, n, dist)
        .map(|pr| pr.with_p(p))
        .map_err(|e| {
            at(
                file,
                l0,
                "",
                "",
                format!("实例无效：{e}"),
                format!("invalid instance: {e}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        read_orlib("g.txt", text.as_bytes()).unwrap_err().0[0].located("en")
    }

    #[test]
    fn errors_name_file_line_and_field() {
        assert_eq!(
            err("3 2 1\n1 2 5\n1 9 4\n"),
            "g.txt:3:v: vertex out of 1..3 (value: \"9\")"
        );
        assert_eq!(
            err("3 3 1\n1 2 5\n2 3 x\n"),
            "g.txt:3:3: expected a number (value: \"x\")"
        );
        assert_eq!(
            err("3 3 1\n1 2 5\n2 3 1\n"),
            "g.txt:3:: the header announces 3 edges, the file has 2"
        );
        assert_eq!(
            err("3 1 1\n1 2 5\n2 3 1\n"),
            "g.txt:3:: more lines than the 1 edges announced"
        );
        assert_eq!(
            err("3 2 0\n1 2 5\n2 3 1\n"),
            "g.txt:1:p: expected a positive whole number (value: \"0\")"
        );
        assert_eq!(
            err("3 2 4\n1 2 5\n2 3 1\n"),
            "g.txt:1:p: p (sites to open) must be between 1 and 3 (the candidates), got 4 (value: \"4\")"
        );
        assert!(err("3 2 1\n1 2 -5\n2 3 1\n").starts_with("g.txt:2:cost: cost must be between 0"));
        assert_eq!(
            err("3 1 1\n1 2 5\n"),
            "g.txt:1:: the graph is not connected"
        );
    }

    #[test]
    fn a_huge_header_is_refused_before_allocating() {
        // 100,000 vertices would be 10^10 distances (80 GB).
        assert_eq!(
            err("100000 1 5\n1 2 10\n"),
            "g.txt:1:n: 100000 points are beyond the limit: the distance matrix (points × points) may hold 16000000 entries, i.e. 4000 points (value: \"100000\")"
        );
        assert!(err("4000 99999999999 5\n").starts_with("g.txt:1:m: 99999999999 edges are beyond"));
        assert!(err("1e300 1 1\n").starts_with("g.txt:1:n: "));
    }

    #[test]
    fn the_last_duplicate_wins_and_pmed1_reads() {
        let pr = read_orlib("g.txt", b"3 3 1\n1 2 1\n2 3 1\n1 2 10\n").unwrap();
        assert_eq!(pr.c(0, 1), 10.0);
        assert_eq!(pr.c(0, 2), 11.0);
        let pr = read_orlib(
            "pmed1.txt",
            include_bytes!("../../../core/tests/data/locate/pmed1.txt"),
        )
        .unwrap();
        // pmed1: 100 vertices, p = 5 (Beasley 1985).
        assert_eq!((pr.n_clients, pr.p), (100, Some(5)));
    }
}
