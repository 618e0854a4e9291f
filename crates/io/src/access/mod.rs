//! 可达性输入 — the three files of a floating-catchment run: demand `id,value` (residents),
//! supply `id,value` (places, beds, doctors) and costs `origin,destination,cost` (origin = a
//! demand id, destination = a supply id), matched into one [`IdTable`] and a CSR
//! [`CostMatrix`].
//!
//! The cost file is the large one (a metropolitan 30 km cutoff gives 1.7 M pairs, 57 MB): it is
//! split as bytes while it streams in, its ids are looked up without a `String` per row, and
//! its pairs go straight into the matrix arrays. Every bad cell still gets a located error
//! `FILE:ROW:COLUMN` in zh and en; UTF-8 (with or without BOM) and GBK files are read, and XLSX
//! through [`Table`].

use std::path::Path;

use junheng_core::access::CostMatrix;

use crate::{CellError, IdTable, InputErrors};

mod costs;
mod halves;
mod scan;
#[cfg(test)]
mod tests;

use costs::{read_costs, CostLookup};
use scan::{amount, is_xlsx, read_bounded, scan_csv, scan_xlsx, Errors, Flow};

/// Largest cost file read (bytes): 100 M pairs of 12-digit ids and costs are about 4 GB.
pub const MAX_ACCESS_COST_FILE_BYTES: u64 = 4 << 30;
/// Largest demand or supply file (bytes); it is read whole to settle its encoding first.
pub const MAX_ACCESS_VALUES_FILE_BYTES: u64 = 512 << 20;
/// Largest XLSX input (bytes): a workbook is unpacked in memory, so it is kept small; larger
/// cost tables belong in CSV.
pub const MAX_ACCESS_XLSX_BYTES: u64 = 64 << 20;
/// Most demand or supply locations: a 100 m grid over a 50 000 km² county.
pub const MAX_ACCESS_LOCATIONS: usize = 5_000_000;
/// Most cost pairs: 100 M pairs take about 1.6 GB while read (12 bytes each in the matrix, 4
/// for the row number kept for duplicate reports).
pub const MAX_ACCESS_PAIRS: usize = 100_000_000;
/// Longest id (bytes of UTF-8): a 12-digit 统计用区划代码 or a facility name of 60 Chinese
/// characters fits.
pub const MAX_ACCESS_ID_BYTES: usize = 200;
/// Longest CSV row (bytes): three cells and a few extra columns; a longer one is not a row of
/// these files (e.g. a missing closing quote swallowing the file).
pub const MAX_ACCESS_ROW_BYTES: usize = 64 * 1024;
/// Errors listed per file; the rest are counted in one final line.
pub const MAX_ACCESS_ERRORS: usize = 200;

/// The inputs of a floating-catchment run, matched to each other.
#[derive(Debug, Clone)]
pub struct AccessInputs {
    /// Every id of the demand and supply files, once (a tract that has both is one id).
    pub ids: IdTable,
    /// The id of each demand row, in file order.
    pub demand_ids: Vec<u32>,
    pub demand: Vec<f64>,
    /// The id of each supply row, in file order.
    pub supply_ids: Vec<u32>,
    pub supply: Vec<f64>,
    /// Rows = demand rows, columns = supply rows.
    pub costs: CostMatrix,
}

impl AccessInputs {
    /// The id text of demand row `i`.
    pub fn demand_id(&self, i: usize) -> &str {
        self.ids.get(self.demand_ids[i])
    }
}

/// Reads and matches the three files; every problem in any of them is reported.
pub fn read_access_inputs(
    demand: &Path,
    supply: &Path,
    cost: &Path,
) -> Result<AccessInputs, InputErrors> {
    let mut ids = IdTable::default();
    let mut errors = Vec::new();
    let d = read_values(demand, &mut ids, &mut errors);
    let s = read_values(supply, &mut ids, &mut errors);
    let position = |v: &Option<Values>| {
        v.as_ref().map(|v| {
            let mut at = vec![NONE; ids.len()];
            for (i, &k) in v.ids.iter().enumerate() {
                if k != NONE {
                    at[k as usize] = i as u32;
                }
            }
            at
        })
    };
    let lookup = CostLookup {
        ids: &ids,
        demand_at: position(&d),
        supply_at: position(&s),
        supply_rows: s.as_ref().map_or(&[][..], |v| v.ids.as_slice()),
    };
    let n = (
        d.as_ref().map_or(0, |v| v.values.len()),
        s.as_ref().map_or(0, |v| v.values.len()),
    );
    let costs = read_costs(cost, &lookup, n, &mut errors);
    match (d, s, costs) {
        (Some(d), Some(s), Some(costs)) if errors.is_empty() => Ok(AccessInputs {
            ids,
            demand_ids: d.ids,
            demand: d.values,
            supply_ids: s.ids,
            supply: s.values,
            costs,
        }),
        _ => Err(InputErrors(errors)),
    }
}

/// Marks "no such id / no row".
pub(super) const NONE: u32 = u32::MAX;

/// One `id,value` file: the interned id of each row (`NONE` for a bad one) and its value.
#[derive(Debug)]
struct Values {
    ids: Vec<u32>,
    values: Vec<f64>,
}

/// `id,value` rows: ids unique, non-empty and at most [`MAX_ACCESS_ID_BYTES`]; values
/// non-negative numbers; at most [`MAX_ACCESS_LOCATIONS`] rows.
fn read_values(path: &Path, ids: &mut IdTable, out: &mut Vec<CellError>) -> Option<Values> {
    let shown = path.display().to_string();
    let mut errors = Errors::new(&shown);
    let xlsx = is_xlsx(path);
    let max = if xlsx {
        MAX_ACCESS_XLSX_BYTES
    } else {
        MAX_ACCESS_VALUES_FILE_BYTES
    };
    let Some(bytes) = read_bounded(path, &shown, max, &mut errors) else {
        out.extend(errors.into_vec());
        return None;
    };
    let mut v = Values {
        ids: Vec::new(),
        values: Vec::new(),
    };
    // First row of each interned id in this file, to name it in a duplicate error.
    let mut first_row: Vec<u32> = Vec::new();
    let row = |line: usize, [id, value]: [&str; 2], errors: &mut Errors| -> Flow {
        if v.values.len() == MAX_ACCESS_LOCATIONS {
            errors.push(
                line,
                "",
                "",
                format!("行数超过上限 {MAX_ACCESS_LOCATIONS}"),
                format!("more than {MAX_ACCESS_LOCATIONS} rows"),
            );
            return Flow::Stop;
        }
        let mut k = NONE;
        if id.is_empty() {
            errors.push(
                line,
                "id",
                id,
                "不能为空".into(),
                "must not be empty".into(),
            );
        } else if id.len() > MAX_ACCESS_ID_BYTES {
            errors.push(
                line,
                "id",
                "",
                format!(
                    "编号过长（{} 字节），最多 {MAX_ACCESS_ID_BYTES} 字节",
                    id.len()
                ),
                format!(
                    "the id is too long ({} bytes); at most {MAX_ACCESS_ID_BYTES}",
                    id.len()
                ),
            );
        } else {
            let (i, _) = ids.intern(id);
            if first_row.len() <= i as usize {
                first_row.resize(i as usize + 1, 0);
            }
            match first_row[i as usize] {
                0 => {
                    first_row[i as usize] = line.min(u32::MAX as usize) as u32;
                    k = i;
                }
                first => errors.push(
                    line,
                    "id",
                    id,
                    format!("编号重复（首次出现在第 {first} 行）"),
                    format!("duplicate id (first seen on row {first})"),
                ),
            }
        }
        let x = amount(value).unwrap_or_else(|(zh, en)| {
            errors.push(line, "value", value, zh.into(), en.into());
            0.0
        });
        v.ids.push(k);
        v.values.push(x);
        Flow::Go
    };
    let header = if xlsx {
        scan_xlsx(&shown, &bytes, ["id", "value"], &mut errors, row)
    } else {
        // Settled once for the whole file, as `decode_text` does, so interning never has to be
        // undone (the BOM is skipped by the splitter).
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let gbk = std::str::from_utf8(body).is_err();
        scan_csv(&bytes[..], ["id", "value"], None, gbk, &mut errors, row)
            .is_ok_and(|end| end.header)
    };
    out.extend(errors.into_vec());
    // With bad cells the file still names its ids, so the cost file is checked against them.
    header.then_some(v)
}
