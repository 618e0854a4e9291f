//! 已知最优值表 — the tables of published optima the location benchmarks are checked against
//! (`pmed/optimal.txt`, `pcenter/optimal.txt`, `cpmp_*/optimal.txt`, `mclp/optimal.tsv`).
//! Instance names become file names next to the table, so a name must be a plain file name.

use super::{at, engine_text};
use crate::limits::{MAX_CELL_CHARS, MAX_OPTIMA_ROWS};
use crate::InputErrors;

/// One row of `mclp/optimal.tsv`: the instance, radius S, sites p, the CBC optimum of the
/// covered demand and the set-covering minimum at that radius.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverOptimum {
    pub instance: String,
    pub radius: f64,
    pub p: usize,
    pub optimum: f64,
    pub lscp_min_sites: f64,
}

fn check_name(file: &str, line: usize, name: &str) -> Result<(), InputErrors> {
    let plain = !name.is_empty()
        && name.chars().count() <= MAX_CELL_CHARS
        && name != ".."
        && !name.contains(['/', '\\', '\0']);
    if plain {
        Ok(())
    } else {
        Err(at(
            file,
            line,
            "instance",
            name,
            format!("实例名须为不含路径的文件名（最多 {MAX_CELL_CHARS} 个字符）"),
            format!(
                "an instance name must be a plain file name (at most {MAX_CELL_CHARS} characters)"
            ),
        ))
    }
}

fn count_row(file: &str, line: usize, rows: usize) -> Result<(), InputErrors> {
    if rows < MAX_OPTIMA_ROWS {
        return Ok(());
    }
    Err(at(
        file,
        line,
        "",
        "",
        format!("最多 {MAX_OPTIMA_ROWS} 行"),
        format!("at most {MAX_OPTIMA_ROWS} rows"),
    ))
}

fn number(file: &str, line: usize, column: &str, cell: Option<&str>) -> Result<f64, InputErrors> {
    let cell = cell.unwrap_or("").trim();
    match cell.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(at(
            file,
            line,
            column,
            cell,
            "应为不小于 0 的数".into(),
            "expected a number of 0 or more".into(),
        )),
    }
}

/// `instance … optimum …` rows (whitespace-separated; `#` lines and rows shorter than the
/// optimum's column are skipped): each instance with the value in column `col` (0-based).
pub fn read_optima(
    file: &str,
    bytes: &[u8],
    col: usize,
) -> Result<Vec<(String, f64)>, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut out = Vec::new();
    for (k, l) in text.lines().enumerate() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if l.starts_with('#') || f.len() <= col {
            continue;
        }
        count_row(file, k + 1, out.len())?;
        check_name(file, k + 1, f[0])?;
        let v = number(file, k + 1, &(col + 1).to_string(), Some(f[col]))?;
        out.push((f[0].to_string(), v));
    }
    Ok(out)
}

/// The rows of `mclp/optimal.tsv` (tab-separated; `#` lines, the header and blank lines are
/// skipped). Columns: instance, n, total_demand, S, p, optimal_covered_demand, covered_pct,
/// lscp_min_sites, ….
pub fn read_cover_optima(file: &str, bytes: &[u8]) -> Result<Vec<CoverOptimum>, InputErrors> {
    let text = engine_text(file, bytes)?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("instance") || line.trim().is_empty() {
            continue;
        }
        let n = k + 1;
        count_row(file, n, out.len())?;
        let c: Vec<&str> = line.split('\t').collect();
        check_name(file, n, c[0])?;
        let p = number(file, n, "p", c.get(4).copied())?;
        if p < 1.0 || p.fract() != 0.0 || p > 1e6 {
            return Err(at(
                file,
                n,
                "p",
                c[4],
                "应为 1–1000000 的整数".into(),
                "expected a whole number of 1–1000000".into(),
            ));
        }
        out.push(CoverOptimum {
            instance: c[0].to_string(),
            radius: number(file, n, "S", c.get(3).copied())?,
            p: p as usize,
            optimum: number(file, n, "optimal_covered_demand", c.get(5).copied())?,
            lscp_min_sites: number(file, n, "lscp_min_sites", c.get(7).copied())?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(e: InputErrors) -> String {
        e.0[0].located("en")
    }

    #[test]
    fn optima_rows_are_read_and_bad_ones_located() {
        let ok = "# comment\npmed1 100 200 5 5819\npmed2 100 200 10 4093\nshort 1\n";
        let rows = read_optima("o.txt", ok.as_bytes(), 4).unwrap();
        assert_eq!(
            rows,
            vec![("pmed1".to_string(), 5819.0), ("pmed2".to_string(), 4093.0)]
        );
        let e = err(read_optima("o.txt", b"# c\npmed1 100 200 5 x\n", 4).unwrap_err());
        assert_eq!(
            e,
            "o.txt:2:5: expected a number of 0 or more (value: \"x\")"
        );
        let e = err(read_optima("o.txt", b"../../etc/passwd 1 2 3 4\n", 4).unwrap_err());
        assert!(
            e.starts_with("o.txt:1:instance: an instance name must be a plain file name"),
            "{e}"
        );
    }

    #[test]
    fn cover_optima_name_the_bad_column() {
        let head = "instance\tn\ttotal_demand\tS\tp\toptimal_covered_demand\tcovered_pct\tlscp_min_sites\n";
        let ok = format!("{head}SJC324.txt\t324\t12152\t800\t1\t5461\t44.9\t5\n");
        let rows = read_cover_optima("t.tsv", ok.as_bytes()).unwrap();
        assert_eq!(
            rows,
            vec![CoverOptimum {
                instance: "SJC324.txt".into(),
                radius: 800.0,
                p: 1,
                optimum: 5461.0,
                lscp_min_sites: 5.0
            }]
        );
        let bad = format!("{head}SJC324.txt\t324\t12152\t800\t1.5\t5461\t44.9\t5\n");
        let e = err(read_cover_optima("t.tsv", bad.as_bytes()).unwrap_err());
        assert!(e.starts_with("t.tsv:2:p: expected a whole number"), "{e}");
        let bad = format!("{head}SJC324.txt\t324\t12152\t800\t1\t5461\n");
        let e = err(read_cover_optima("t.tsv", bad.as_bytes()).unwrap_err());
        assert_eq!(e, "t.tsv:2:lscp_min_sites: expected a number of 0 or more");
        let many = "a 1\n".repeat(MAX_OPTIMA_ROWS + 1);
        let e = err(read_optima("m.txt", many.as_bytes(), 1).unwrap_err());
        assert_eq!(
            e,
            format!(
                "m.txt:{}:: at most {MAX_OPTIMA_ROWS} rows",
                MAX_OPTIMA_ROWS + 1
            )
        );
    }
}
