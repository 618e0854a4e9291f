//! The list of sources, read from the table in data/reference/README.md so the shipped
//! list and the documented one cannot drift apart.

use super::BuildError;
use crate::Source;

/// Header of the sources table in the README, cell for cell.
pub const HEADER: [&str; 6] = ["dataset", "file", "origin", "licence", "vintage", "trust"];

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner
        .split('|')
        .map(|c| c.trim().trim_matches('`').trim().to_string())
        .collect()
}

/// The rows of the README's sources table; every file in `required` must be listed.
pub fn read(file: &str, text: &str, required: &[&str]) -> Result<Vec<Source>, BuildError> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with('|') && cells(l) == HEADER)
        .ok_or_else(|| {
            BuildError::new(
                file,
                0,
                "",
                format!("找不到来源表（表头 | {} |）", HEADER.join(" | ")),
                format!("no sources table (header | {} |)", HEADER.join(" | ")),
            )
        })?;
    let mut out = Vec::new();
    // Row numbers are README line numbers; the separator line follows the header.
    for (i, line) in lines.iter().enumerate().skip(start + 2) {
        if !line.trim_start().starts_with('|') {
            break;
        }
        let c = cells(line);
        if c.len() != HEADER.len() || c.iter().any(|v| v.is_empty()) {
            return Err(BuildError::new(
                file,
                i + 1,
                "",
                format!("来源表每行应有 {} 个非空单元格", HEADER.len()),
                format!("each sources row needs {} non-empty cells", HEADER.len()),
            ));
        }
        let mut c = c.into_iter();
        let mut next = || c.next().expect("six cells");
        out.push(Source {
            dataset: next(),
            file: next(),
            origin: next(),
            licence: next(),
            vintage: next(),
            trust: next(),
        });
    }
    if let Some(missing) = required.iter().find(|f| !out.iter().any(|s| s.file == **f)) {
        return Err(BuildError::new(
            file,
            start + 1,
            "file",
            format!("来源表缺少 {missing}"),
            format!("the sources table does not list {missing}"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_read_and_checked() {
        let md = "# x\n\n| dataset | file | origin | licence | vintage | trust |\n|---|---|---|---|---|---|\n| codes | `a.csv` | GitHub x/y | WTFPL | 2023 | high |\n\nafter\n";
        let s = read("README.md", md, &["a.csv"]).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].file.as_str(), s[0].licence.as_str()),
            ("a.csv", "WTFPL")
        );
        let e = read("README.md", md, &["a.csv", "b.csv"]).unwrap_err();
        assert_eq!(
            e.located("en"),
            "README.md:3:file: the sources table does not list b.csv"
        );
        let short = md.replace("| high |", "|");
        assert_eq!(read("README.md", &short, &[]).unwrap_err().row, 5);
    }
}
