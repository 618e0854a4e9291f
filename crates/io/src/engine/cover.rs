use junheng_core::limits::{Domain, FieldError, ID, PLANAR_COORDINATE, POINT_DEMAND};

use super::{at, check_points, engine_text};
use crate::limits::MAX_DISTANCE_PAIRS;
use crate::{CellError, ErrorSink, InputErrors, Table};

/// Points of a covering problem (MCLP/LSCP): every point is demand and, unless marked
/// otherwise, a candidate site.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverPoints {
    pub ids: Vec<String>,
    pub xy: Vec<[f64; 2]>,
    pub demand: Vec<f64>,
    /// Whether each point may be opened (`None`: all may).
    pub candidate: Option<Vec<bool>>,
    /// Positions of the points that are always open.
    pub fixed: Vec<usize>,
}

impl CoverPoints {
    fn new() -> Self {
        CoverPoints {
            ids: Vec::new(),
            xy: Vec::new(),
            demand: Vec::new(),
            candidate: None,
            fixed: Vec::new(),
        }
    }
}

/// Longitude and latitude in degrees, for points measured with the haversine distance.
const LONGITUDE: Domain = Domain {
    field: "x",
    zh: "经度",
    en: "longitude",
    min: -180.0,
    max: 180.0,
};
const LATITUDE: Domain = Domain {
    field: "y",
    zh: "纬度",
    en: "latitude",
    min: -90.0,
    max: 90.0,
};

/// Most points a covering file may hold: the distance limit's square root.
fn max_points() -> usize {
    (MAX_DISTANCE_PAIRS as f64).sqrt() as usize
}

/// A points table (CSV/XLSX) `id,x,y,demand[,candidate][,fixed]`; `candidate`/`fixed` are
/// true/false, 是/否 or 1/0 (an empty candidate cell means yes). With `degrees`, x and y are
/// longitude and latitude.
pub fn read_cover_points(
    file: &str,
    bytes: &[u8],
    degrees: bool,
) -> Result<CoverPoints, InputErrors> {
    let table = Table::read(file, bytes)?;
    let cols = table.columns(&["id", "x", "y", "demand"])?;
    if table.rows.len() > max_points() {
        let line = table.rows[max_points()].number;
        return Err(at(
            file,
            line,
            "",
            "",
            format!("点数超过上限 {}（距离矩阵最多 {MAX_DISTANCE_PAIRS} 个）", max_points()),
            format!(
                "more than {} points, the limit (the distance matrix may hold {MAX_DISTANCE_PAIRS} entries)",
                max_points()
            ),
        ));
    }
    let (xd, yd) = if degrees {
        (LONGITUDE, LATITUDE)
    } else {
        (
            Domain {
                field: "x",
                ..PLANAR_COORDINATE
            },
            Domain {
                field: "y",
                ..PLANAR_COORDINATE
            },
        )
    };
    let mut errors = Vec::new();
    let mut pts = CoverPoints::new();
    pts.candidate = cols.has("candidate").then(Vec::new);
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        pts.ids.push(r.checked_text("id", &ID, true));
        let x = r.in_domain("x", &xd).unwrap_or(0.0);
        let y = r.in_domain("y", &yd).unwrap_or(0.0);
        pts.xy.push([x, y]);
        let demand = r.amount("demand");
        if let Err(e) = POINT_DEMAND.check(demand) {
            r.domain_error(&e);
        }
        pts.demand.push(demand);
        if let Some(c) = pts.candidate.as_mut() {
            c.push(r.text("candidate").is_empty() || r.boolean("candidate"));
        }
        if cols.has("fixed") && !r.text("fixed").is_empty() && r.boolean("fixed") {
            pts.fixed.push(pts.xy.len() - 1);
        }
    }
    InputErrors::or_ok(errors, pts)
}

/// Lorena–Pereira SJC covering instance: `n 9999 p S` (only n is read), then n lines
/// `x y demand` (whitespace separated). Points are numbered 1..n.
pub fn read_sjc_points(file: &str, bytes: &[u8]) -> Result<CoverPoints, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (l0, n) = match lines.next() {
        Some((k, l)) => match l.split_whitespace().next().map(str::parse::<usize>) {
            Some(Ok(n)) if n >= 1 => (k + 1, n),
            _ => {
                return Err(at(
                    file,
                    k + 1,
                    "n",
                    l.split_whitespace().next().unwrap_or(""),
                    "第一行应以点数 n（正整数）开头".into(),
                    "expected the number of points n (a positive whole number) first".into(),
                ))
            }
        },
        None => {
            return Err(at(
                file,
                1,
                "n",
                "",
                "文件为空".into(),
                "the file is empty".into(),
            ))
        }
    };
    check_points(file, l0, "n", n)?;
    let mut errors = Vec::new();
    let mut pts = CoverPoints::new();
    let mut found = 0usize;
    for (k, l) in lines {
        found += 1;
        if found > n {
            // Counted for the message, not stored.
            continue;
        }
        let cells: Vec<&str> = l.split_whitespace().take(4).collect();
        let mut v = [0.0; 3];
        for (c, (name, domain)) in [
            ("x", &PLANAR_COORDINATE),
            ("y", &PLANAR_COORDINATE),
            ("demand", &POINT_DEMAND),
        ]
        .into_iter()
        .enumerate()
        {
            let cell = cells.get(c).copied().unwrap_or("");
            match cell
                .parse::<f64>()
                .map_err(|_| None)
                .and_then(|x| domain.check(x).map_err(Some))
            {
                Ok(x) => v[c] = x,
                Err(e) => errors.add(cell_error(file, k + 1, name, cell, e)),
            }
        }
        pts.ids.push((pts.xy.len() + 1).to_string());
        pts.xy.push([v[0], v[1]]);
        pts.demand.push(v[2]);
    }
    if found != n {
        errors.add(CellError::new(
            file,
            l0,
            "n",
            &n.to_string(),
            format!("表头为 {n} 个点，实际有 {found} 行"),
            format!("the header says {n} points but {found} lines follow"),
        ));
    }
    InputErrors::or_ok(errors, pts)
}

fn cell_error(file: &str, line: usize, name: &str, cell: &str, e: Option<FieldError>) -> CellError {
    match e {
        Some(e) => CellError::new(file, line, name, cell, e.message_zh, e.message_en),
        None => CellError::new(file, line, name, cell, "应为数字", "expected a number"),
    }
}

/// Swain's 55-node network (`swain.dat`): `id, x, y, population` per line.
pub fn read_swain(file: &str, bytes: &[u8]) -> Result<CoverPoints, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut errors = Vec::new();
    let mut pts = CoverPoints::new();
    for (k, l) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        if pts.xy.len() == max_points() {
            errors.add(CellError::new(
                file,
                k + 1,
                "",
                "",
                format!("点数超过上限 {}", max_points()),
                format!("more than {} points, the limit", max_points()),
            ));
            break;
        }
        let v: Vec<&str> = l
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .take(5)
            .collect();
        let id = v.first().copied().unwrap_or_default();
        if let Err(e) = ID.check(id) {
            errors.add(CellError::new(
                file,
                k + 1,
                "id",
                id,
                e.message_zh,
                e.message_en,
            ));
        }
        let mut num = |c: usize, name: &str, domain: &Domain| -> f64 {
            let cell = v.get(c).copied().unwrap_or("");
            match cell
                .parse::<f64>()
                .map_err(|_| None)
                .and_then(|x| domain.check(x).map_err(Some))
            {
                Ok(x) => x,
                Err(e) => {
                    errors.add(cell_error(file, k + 1, name, cell, e));
                    0.0
                }
            }
        };
        let xy = [
            num(1, "x", &PLANAR_COORDINATE),
            num(2, "y", &PLANAR_COORDINATE),
        ];
        let demand = num(3, "population", &POINT_DEMAND);
        pts.ids.push(id.to_string());
        pts.xy.push(xy);
        pts.demand.push(demand);
    }
    InputErrors::or_ok(errors, pts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_instances_read() {
        let s = read_sjc_points(
            "SJC324.txt",
            include_bytes!("../../../core/tests/data/mclp/SJC324.txt"),
        )
        .unwrap();
        // SJC324: 324 points, the first 409154 435528 with demand 50.
        assert_eq!(
            (s.xy.len(), s.xy[0], s.demand[0]),
            (324, [409154.0, 435528.0], 50.0)
        );
        let w = read_swain(
            "swain.dat",
            include_bytes!("../../../core/tests/data/mclp/swain.dat"),
        )
        .unwrap();
        // Swain: 55 nodes, total population 640; node 01 at (32, 31) with 71.
        assert_eq!(w.xy.len(), 55);
        assert_eq!(w.demand.iter().sum::<f64>(), 640.0);
        assert_eq!(
            (w.ids[0].as_str(), w.xy[0], w.demand[0]),
            ("01", [32.0, 31.0], 71.0)
        );
    }

    #[test]
    fn bad_points_are_located() {
        let e = read_cover_points("p.csv", b"id,x,y,demand\na,0,zero,1\nb,1,0,-1\n", false)
            .unwrap_err();
        let got: Vec<String> = e.0.iter().map(|e| e.located("en")).collect();
        assert_eq!(
            got,
            [
                "p.csv:2:y: expected a number (value: \"zero\")",
                "p.csv:3:demand: expected a non-negative number, got a negative one (value: \"-1\")"
            ]
        );
        let e = read_cover_points("p.csv", b"id,x,y,demand\na,200,0,1\n", true).unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "p.csv:2:x: longitude above the limit: must be between -180 and 180 (value: \"200\")"
        );
        let e = read_sjc_points("s.txt", b"100000 9999 5 800\n1 2 3\n").unwrap_err();
        assert!(e.0[0]
            .message_en
            .starts_with("100000 points are beyond the limit"));
        let e = read_sjc_points("s.txt", b"2 9999 p S\n1 2 3\n1 x 3\n1 2 3\n").unwrap_err();
        let got: Vec<String> = e.0.iter().map(|e| e.located("en")).collect();
        assert_eq!(
            got,
            [
                "s.txt:3:y: expected a number (value: \"x\")",
                "s.txt:1:n: the header says 2 points but 3 lines follow (value: \"2\")"
            ]
        );
        let e = read_swain("w.dat", b"01, 32, 31, 71,\n02, 29, x, 62,\n").unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "w.dat:2:y: expected a number (value: \"x\")"
        );
    }
}
