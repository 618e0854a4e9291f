use junheng_core::limits::{check_sites, PLANAR_COORDINATE, POINT_DEMAND, SITE_CAPACITY};
use junheng_core::locate::{graph, Problem};

use super::{at, check_points, engine_text, field_error, in_domain, positive_count, NumberLines};
use crate::InputErrors;

/// Lorena–Senne capacitated p-median instance (SJC1–4): `n p`, then `n` lines
/// `x y capacity demand` (real Euclidean distances).
pub fn read_lorena(file: &str, bytes: &[u8]) -> Result<Problem, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut lines = NumberLines::new(file, &text);
    let head = lines.expect(&["n", "p"])?;
    let l0 = head.line;
    let n = positive_count(file, l0, "n", head.numbers[0])?;
    check_points(file, l0, "n", n)?;
    let p = positive_count(file, l0, "p", head.numbers[1])?;
    check_sites(p, n).map_err(|e| field_error(file, l0, "p", &p.to_string(), e))?;
    let rows = points(&mut lines, n, &["x", "y", "capacity", "demand"])?;
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[0], r[1])).collect();
    finish(
        file,
        l0,
        n,
        p,
        graph::euclidean_matrix(&pts, &pts, false),
        rows.iter().map(|r| r[2]).collect(),
        rows.iter().map(|r| r[3]).collect(),
    )
}

/// OR-Library pmedcap1 (Osman–Christofides) instance: `problem optimum`, `n p capacity`, then
/// `n` lines `id x y demand`; floor(Euclidean) distances. Returns the problem and the optimum.
pub fn read_beasley_cap(file: &str, bytes: &[u8]) -> Result<(Problem, f64), InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut lines = NumberLines::new(file, &text);
    let head = lines.expect(&["problem", "optimum"])?;
    let h2 = lines.expect(&["n", "p", "capacity"])?;
    let l1 = h2.line;
    let n = positive_count(file, l1, "n", h2.numbers[0])?;
    check_points(file, l1, "n", n)?;
    let p = positive_count(file, l1, "p", h2.numbers[1])?;
    check_sites(p, n).map_err(|e| field_error(file, l1, "p", &p.to_string(), e))?;
    let cap = in_domain(file, l1, "capacity", &SITE_CAPACITY, h2.numbers[2])?;
    let rows = points(&mut lines, n, &["id", "x", "y", "demand"])?;
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[1], r[2])).collect();
    let pr = finish(
        file,
        l1,
        n,
        p,
        graph::euclidean_matrix(&pts, &pts, true),
        vec![cap; n],
        rows.iter().map(|r| r[3]).collect(),
    )?;
    Ok((pr, head.numbers[1]))
}

fn finish(
    file: &str,
    line: usize,
    n: usize,
    p: usize,
    dist: Vec<f64>,
    capacities: Vec<f64>,
    demands: Vec<f64>,
) -> Result<Problem, InputErrors> {
    let invalid = |e: junheng_core::locate::LocateError| {
        at(
            file,
            line,
            "",
            "",
            format!("实例无效：{e}"),
            format!("invalid instance: {e}"),
        )
    };
    let pr = Problem::new(n, n, dist)
        .map_err(invalid)?
        .with_p(p)
        .with_capacities(capacities)
        .with_demands(demands);
    pr.validate().map_err(invalid)?;
    Ok(pr)
}

/// `n` point lines of the given fields; coordinates, capacities and demands within their
/// domains; no line after them.
fn points(
    lines: &mut NumberLines,
    n: usize,
    fields: &[&str],
) -> Result<Vec<Vec<f64>>, InputErrors> {
    let file = lines.file;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let Some(l) = lines.next_line()? else {
            return Err(at(
                file,
                lines.last,
                "",
                "",
                format!("表头声明 {n} 个点，文件只有 {k} 行"),
                format!("the header announces {n} points, the file has {k} point lines"),
            ));
        };
        if l.numbers.len() != fields.len() {
            return Err(at(
                file,
                l.line,
                "",
                "",
                format!(
                    "应为 {} 个数（{}），实际 {} 个",
                    fields.len(),
                    fields.join(" "),
                    l.numbers.len()
                ),
                format!(
                    "expected {} numbers ({}), found {}",
                    fields.len(),
                    fields.join(" "),
                    l.numbers.len()
                ),
            ));
        }
        for (name, v) in fields.iter().zip(&l.numbers) {
            let domain = match *name {
                "x" | "y" => &PLANAR_COORDINATE,
                "capacity" => &SITE_CAPACITY,
                "demand" => &POINT_DEMAND,
                _ => continue,
            };
            in_domain(file, l.line, name, domain, *v)?;
        }
        out.push(l.numbers);
    }
    lines.expect_end(&format!(" {n} 个点"), &format!("{n} points"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_instances_read() {
        let pr = read_lorena(
            "SJC1",
            include_bytes!("../../../core/tests/data/locate/SJC1"),
        )
        .unwrap();
        // SJC1: 100 points, p = 10; the first point is 409154 435528 720 50.
        assert_eq!((pr.n_clients, pr.p), (100, Some(10)));
        assert_eq!((pr.capacity[0], pr.demand[0]), (720.0, 50.0));
        let (pr, opt) = read_beasley_cap(
            "pmedcap1_1.txt",
            include_bytes!("../../../core/tests/data/locate/pmedcap1_1.txt"),
        )
        .unwrap();
        // pmedcap1 #1: 50 points, p = 5, capacity 120, optimum 713.
        assert_eq!(
            (pr.n_clients, pr.p, pr.capacity[0], opt),
            (50, Some(5), 120.0, 713.0)
        );
    }

    #[test]
    fn bad_headers_and_points_are_located() {
        let e = |t: &str| read_lorena("s.txt", t.as_bytes()).unwrap_err().0[0].located("en");
        assert!(e("5000 3\n").starts_with("s.txt:1:n: 5000 points are beyond the limit"));
        assert_eq!(
            e("2 1\n0 0 10 1\n"),
            "s.txt:2:: the header announces 2 points, the file has 1 point lines"
        );
        assert_eq!(
            e("1 1\n0 0 10 -1\n"),
            "s.txt:2:demand: demand must be between 0 and 1000000000000, not below 0 (value: \"-1\")"
        );
        assert_eq!(
            e("1 1\n0 0 10 1\n0 0 1 1\n"),
            "s.txt:3:: more lines than the 1 points announced"
        );
        let b = |t: &str| read_beasley_cap("b.txt", t.as_bytes()).unwrap_err().0[0].located("en");
        assert_eq!(
            b("1 713\n"),
            "b.txt:1:: the file ends here, a line `n p capacity` is missing"
        );
        assert!(b("1 713\n2 3 10\n")
            .starts_with("b.txt:2:p: p (sites to open) must be between 1 and 2"));
    }
}
