//! The cost file `origin,destination,cost`: streamed, checked against the demand and supply
//! ids, and turned into the CSR matrix.

use std::fs::File;
use std::path::Path;

use junheng_core::access::CostMatrix;

use super::scan::{
    amount, is_xlsx, read_bounded, scan_csv, scan_xlsx, too_large, unreadable, Errors, Flow,
    NotUtf8,
};
use super::{MAX_ACCESS_COST_FILE_BYTES, MAX_ACCESS_PAIRS, MAX_ACCESS_XLSX_BYTES, NONE};
use crate::{CellError, IdTable};

/// Where each interned id sits in the demand and supply files (`None`: that file is unusable,
/// so its ids are not checked).
pub(super) struct CostLookup<'a> {
    pub(super) ids: &'a IdTable,
    pub(super) demand_at: Option<Vec<u32>>,
    pub(super) supply_at: Option<Vec<u32>>,
    /// The interned id of each supply row (to name a destination in a message).
    pub(super) supply_rows: &'a [u32],
}

impl CostLookup<'_> {
    fn find(&self, at: &[u32], id: &str) -> Option<u32> {
        let k = self.ids.index(id.as_bytes())?;
        at.get(k as usize).copied().filter(|&i| i != NONE)
    }
}

/// The pairs as read: blocks of consecutive rows with one origin, their destinations and
/// costs, and each pair's row number (for duplicate reports).
#[derive(Default)]
pub(super) struct Pairs {
    /// (origin, first pair index) of each run of rows with the same origin.
    pub(super) blocks: Vec<(u32, usize)>,
    pub(super) dests: Vec<u32>,
    pub(super) costs: Vec<f64>,
    pub(super) rows: Vec<u32>,
}

/// `origin,destination,cost` rows against the demand and supply ids; `n` = (demand rows,
/// supply rows).
pub(super) fn read_costs(
    path: &Path,
    lookup: &CostLookup,
    n: (usize, usize),
    out: &mut Vec<CellError>,
) -> Option<CostMatrix> {
    let shown = path.display().to_string();
    let xlsx = is_xlsx(path);
    let (pairs, mut errors) = if xlsx {
        let mut errors = Errors::new(&shown);
        let Some(bytes) = read_bounded(path, &shown, MAX_ACCESS_XLSX_BYTES, &mut errors) else {
            out.extend(errors.into_vec());
            return None;
        };
        let mut p = Pairs::default();
        scan_xlsx(
            &shown,
            &bytes,
            COST_COLUMNS,
            &mut errors,
            cost_row(lookup, &mut p),
        );
        (p, errors)
    } else {
        match stream_costs(path, &shown, lookup, false) {
            Ok(r) => r,
            Err(NotUtf8) => match stream_costs(path, &shown, lookup, true) {
                Ok(r) => r,
                // GBK cells are decoded, never refused as UTF-8: reported, not unwrapped.
                Err(NotUtf8) => {
                    let mut errors = Errors::new(&shown);
                    errors.push(
                        1,
                        "",
                        "",
                        "文件既不是 UTF-8 也不是 GBK 编码的文本".into(),
                        "the file is neither UTF-8 nor GBK text".into(),
                    );
                    (Pairs::default(), errors)
                }
            },
        }
    };
    let matrix = if lookup.demand_at.is_some() && lookup.supply_at.is_some() {
        into_matrix(pairs, n, lookup, &mut errors)
    } else {
        None
    };
    let ok = errors.is_empty();
    out.extend(errors.into_vec());
    matrix.filter(|_| ok)
}

pub(super) const COST_COLUMNS: [&str; 3] = ["origin", "destination", "cost"];

/// Streams a CSV cost file (no whole-file buffer), as UTF-8 or as GBK; a large UTF-8 file is
/// read as two halves on two threads when the machine has them ([`super::halves`]).
pub(super) fn stream_costs(
    path: &Path,
    shown: &str,
    lookup: &CostLookup,
    gbk: bool,
) -> Result<(Pairs, Errors), NotUtf8> {
    let mut errors = Errors::new(shown);
    let mut p = Pairs::default();
    let file = std::fs::metadata(path).and_then(|m| Ok((m.len(), File::open(path)?)));
    match file {
        Err(e) => errors.list.push(unreadable(shown, e)),
        Ok((size, _)) if size > MAX_ACCESS_COST_FILE_BYTES => {
            errors
                .list
                .push(too_large(shown, size, MAX_ACCESS_COST_FILE_BYTES));
        }
        Ok((size, f)) => {
            if !gbk {
                if let Some(both) = super::halves::stream_halves(path, shown, lookup, size)? {
                    return Ok(both);
                }
            }
            scan_csv(
                f,
                COST_COLUMNS,
                None,
                gbk,
                &mut errors,
                cost_row(lookup, &mut p),
            )?;
        }
    }
    Ok((p, errors))
}

/// The handler of one cost row: checks its cells and stores the pair.
pub(super) fn cost_row<'a>(
    lookup: &'a CostLookup,
    p: &'a mut Pairs,
) -> impl FnMut(usize, [&str; 3], &mut Errors) -> Flow + 'a {
    // Rows of one origin usually come together: its lookup is reused while the text repeats.
    let mut last: (String, Option<u32>) = (String::from("\u{0}"), None);
    move |line, [o, d, c], errors| {
        if p.dests.len() == MAX_ACCESS_PAIRS {
            errors.push(
                line,
                "",
                "",
                format!("起讫点对超过上限 {MAX_ACCESS_PAIRS}"),
                format!("more than {MAX_ACCESS_PAIRS} origin–destination pairs"),
            );
            return Flow::Stop;
        }
        for (col, v) in [("origin", o), ("destination", d)] {
            if v.is_empty() {
                errors.push(line, col, v, "不能为空".into(), "must not be empty".into());
            }
        }
        let cost = amount(c).unwrap_or_else(|(zh, en)| {
            errors.push(line, "cost", c, zh.into(), en.into());
            0.0
        });
        let oi = match &lookup.demand_at {
            Some(at) if !o.is_empty() => {
                if last.0 != o {
                    last = (o.to_string(), lookup.find(at, o));
                }
                if last.1.is_none() {
                    errors.push(
                        line,
                        "origin",
                        o,
                        "需求文件中没有此编号".into(),
                        "no such id in the demand file".into(),
                    );
                }
                last.1
            }
            _ => None,
        };
        let di = match &lookup.supply_at {
            Some(at) if !d.is_empty() => {
                let v = lookup.find(at, d);
                if v.is_none() {
                    errors.push(
                        line,
                        "destination",
                        d,
                        "供给文件中没有此编号".into(),
                        "no such id in the supply file".into(),
                    );
                }
                v
            }
            _ => None,
        };
        if let (Some(oi), Some(di)) = (oi, di) {
            if p.blocks.last().is_none_or(|b| b.0 != oi) {
                p.blocks.push((oi, p.dests.len()));
            }
            p.dests.push(di);
            p.costs.push(cost);
            p.rows.push(line.min(u32::MAX as usize) as u32);
        }
        Flow::Go
    }
}

/// Orders the pairs by origin (no move when the file already lists origins in demand order),
/// each row by destination, reports repeated pairs with the row that listed them first, and
/// adopts the arrays as the matrix.
pub(super) fn into_matrix(
    p: Pairs,
    (n_origins, n_dests): (usize, usize),
    lookup: &CostLookup,
    errors: &mut Errors,
) -> Option<CostMatrix> {
    let nnz = p.dests.len();
    let mut offsets = vec![0usize; n_origins + 1];
    let block_end = |b: usize| p.blocks.get(b + 1).map_or(nnz, |n| n.1);
    for (b, &(o, start)) in p.blocks.iter().enumerate() {
        offsets[o as usize + 1] += block_end(b) - start;
    }
    for o in 0..n_origins {
        offsets[o + 1] += offsets[o];
    }
    let in_order = p.blocks.windows(2).all(|w| w[0].0 < w[1].0);
    let (mut dests, mut costs, mut rows) = if in_order {
        (p.dests, p.costs, p.rows)
    } else {
        // Counting sort by origin, block by block: stable, so a row keeps the file's order.
        let mut fill = offsets.clone();
        let mut dests = vec![0u32; nnz];
        let mut costs = vec![0.0; nnz];
        let mut rows = vec![0u32; nnz];
        for (b, &(o, start)) in p.blocks.iter().enumerate() {
            let end = block_end(b);
            let at = fill[o as usize];
            let len = end - start;
            dests[at..at + len].copy_from_slice(&p.dests[start..end]);
            costs[at..at + len].copy_from_slice(&p.costs[start..end]);
            rows[at..at + len].copy_from_slice(&p.rows[start..end]);
            fill[o as usize] += len;
        }
        (dests, costs, rows)
    };
    let mut scratch: Vec<(u32, f64, u32)> = Vec::new();
    let supply_text = |di: u32| -> &str {
        match lookup.supply_rows.get(di as usize) {
            Some(&k) if k != NONE => lookup.ids.get(k),
            _ => "",
        }
    };
    for o in 0..n_origins {
        let r = offsets[o]..offsets[o + 1];
        if dests[r.clone()].windows(2).all(|w| w[0] < w[1]) {
            continue;
        }
        scratch.clear();
        scratch.extend(r.clone().map(|k| (dests[k], costs[k], rows[k])));
        scratch.sort_by_key(|e| e.0);
        let mut first = 0u32;
        for (k, &(d, c, row)) in r.clone().zip(&scratch) {
            if k > r.start && dests[k - 1] == d {
                errors.push(
                    row as usize,
                    "destination",
                    supply_text(d),
                    format!("起讫点对重复（首次出现在第 {first} 行）"),
                    format!("duplicate origin–destination pair (first seen on row {first})"),
                );
            } else {
                first = row;
            }
            dests[k] = d;
            costs[k] = c;
            rows[k] = row;
        }
    }
    drop(rows);
    if !errors.is_empty() {
        return None;
    }
    match CostMatrix::from_csr(n_dests, offsets, dests, costs) {
        Ok(m) => Some(m),
        Err(e) => {
            // Not reachable from checked rows; reported rather than unwrapped all the same.
            errors.push(
                1,
                "",
                "",
                format!("无法建立代价矩阵：{e}"),
                format!("cannot build the cost matrix: {e}"),
            );
            None
        }
    }
}
