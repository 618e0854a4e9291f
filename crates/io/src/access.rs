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

use std::fs::File;
use std::io::Read;
use std::path::Path;

use encoding_rs::GB18030;
use junheng_core::access::CostMatrix;

use crate::csv_bytes::{CsvBytes, SplitError};
use crate::{CellError, IdTable, InputErrors, Table};

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
const NONE: u32 = u32::MAX;

/// One file's errors, at most [`MAX_ACCESS_ERRORS`] listed and the rest counted, so a file of a
/// million bad rows cannot exhaust memory with messages.
struct Errors {
    file: String,
    list: Vec<CellError>,
    more: usize,
    first_more_row: usize,
}

impl Errors {
    fn new(file: &str) -> Errors {
        Errors {
            file: file.to_string(),
            list: Vec::new(),
            more: 0,
            first_more_row: 0,
        }
    }

    fn push(&mut self, row: usize, column: &str, value: &str, zh: String, en: String) {
        if self.list.len() < MAX_ACCESS_ERRORS {
            self.list
                .push(CellError::new(&self.file, row, column, value, zh, en));
        } else {
            if self.more == 0 {
                self.first_more_row = row;
            }
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The errors in row order (stable, so a row's own order stays), then the count line.
    fn into_vec(mut self) -> Vec<CellError> {
        self.list.sort_by_key(|e| e.row);
        if self.more > 0 {
            let more = self.more;
            self.list.push(CellError::new(
                &self.file,
                self.first_more_row,
                "",
                "",
                format!("另有 {more} 处错误未列出（每个文件最多列出 {MAX_ACCESS_ERRORS} 处）"),
                format!("{more} more errors not listed (at most {MAX_ACCESS_ERRORS} per file)"),
            ));
        }
        self.list
    }
}

/// A non-negative finite number, with the messages of [`crate::RowReader::amount`].
fn amount(text: &str) -> Result<f64, (&'static str, &'static str)> {
    if text.is_empty() {
        return Err((
            "不能为空，应为非负数",
            "must not be empty: expected a non-negative number",
        ));
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        Ok(x) if x < 0.0 => Err((
            "应为非负数，不能为负数",
            "expected a non-negative number, got a negative one",
        )),
        _ => Err(("应为数字", "expected a number")),
    }
}

fn unreadable(file: &str, e: impl std::fmt::Display) -> CellError {
    CellError::new(
        file,
        1,
        "",
        "",
        format!("无法读取文件：{e}"),
        format!("cannot read the file: {e}"),
    )
}

fn too_large(file: &str, size: u64, max: u64) -> CellError {
    let mib = |b: u64| b / (1 << 20);
    CellError::new(
        file,
        1,
        "",
        "",
        format!(
            "文件过大（{} MiB），此类文件最大 {} MiB",
            mib(size),
            mib(max)
        ),
        format!(
            "the file is too large ({} MiB); at most {} MiB for this kind of file",
            mib(size),
            mib(max)
        ),
    )
}

fn is_xlsx(path: &Path) -> bool {
    path.to_string_lossy().to_lowercase().ends_with(".xlsx")
}

/// Positions of the required columns in a header (cells trimmed, BOM removed). A missing or
/// repeated required column is an error at row 1 naming it.
fn positions<const N: usize>(
    headers: &[String],
    required: [&str; N],
    errors: &mut Errors,
) -> Option<[usize; N]> {
    let mut at = [0usize; N];
    let mut ok = true;
    for (k, name) in required.iter().enumerate() {
        let found: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.trim_start_matches('\u{feff}') == *name)
            .map(|(i, _)| i)
            .collect();
        match found[..] {
            [i] => at[k] = i,
            [] => {
                ok = false;
                errors.push(
                    1,
                    name,
                    "",
                    format!("缺少必需的列 “{name}”"),
                    format!("missing required column `{name}`"),
                );
            }
            [a, b, ..] => {
                ok = false;
                errors.push(
                    1,
                    name,
                    "",
                    format!("列 “{name}” 出现多次（第 {} 列和第 {} 列）", a + 1, b + 1),
                    format!("column `{name}` appears more than once (columns {} and {})", a + 1, b + 1),
                );
            }
        }
    }
    ok.then_some(at)
}

/// `str::trim` (Unicode white space, e.g. the full-width U+3000), skipped when the cell starts
/// and ends with a visible ASCII character, as ids and numbers do.
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// What a row handler asks of the scan.
#[derive(PartialEq)]
enum Flow {
    Go,
    Stop,
}

/// The file is not UTF-8: read it again as GBK.
struct NotUtf8;

/// Calls `row(line, cells, errors)` for every non-blank CSV record after the header, with the
/// required cells trimmed; `Ok(true)` when the header had the required columns. `gbk` decodes every cell from GB18030; otherwise a cell that is not
/// UTF-8 ends the scan with [`NotUtf8`] (the caller starts again as GBK, the rule of
/// [`crate::decode_text`]: UTF-8 unless any byte says otherwise).
fn scan_csv<R: Read, const N: usize>(
    src: R,
    required: [&str; N],
    gbk: bool,
    errors: &mut Errors,
    mut row: impl FnMut(usize, [&str; N], &mut Errors) -> Flow,
) -> Result<bool, NotUtf8> {
    let bad_text = |errors: &mut Errors, line: usize| {
        errors.push(
            line,
            "",
            "",
            "文件既不是 UTF-8 也不是 GBK 编码的文本".into(),
            "the file is neither UTF-8 nor GBK text".into(),
        );
    };
    let split_error = |errors: &mut Errors, e: SplitError| match e {
        SplitError::Io(e) => errors.push(
            1,
            "",
            "",
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        ),
        SplitError::TooLong { line } => errors.push(
            line,
            "",
            "",
            format!("此行超过 {MAX_ACCESS_ROW_BYTES} 字节（引号是否未闭合？）"),
            format!("the row is longer than {MAX_ACCESS_ROW_BYTES} bytes (an unclosed quote?)"),
        ),
    };
    let mut csv = match CsvBytes::new(src, MAX_ACCESS_ROW_BYTES) {
        Ok(c) => c,
        Err(e) => {
            split_error(errors, e);
            return Ok(false);
        }
    };
    let mut cells: Vec<String> = Vec::new();
    let mut at: Option<[usize; N]> = None;
    loop {
        let line = match csv.next_record() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                split_error(errors, e);
                return Ok(at.is_some());
            }
        };
        let rec = &csv.record;
        // Decode: UTF-8 cells borrowed from the record, or GBK cells decoded into `cells`.
        let utf8 = if gbk {
            cells.clear();
            for k in 0..rec.len() {
                match GB18030.decode_without_bom_handling_and_without_replacement(rec.field(k)) {
                    Some(s) => cells.push(trim(&s).to_string()),
                    None => {
                        bad_text(errors, line);
                        return Ok(at.is_some());
                    }
                }
            }
            ""
        } else {
            // One check for the record; a cell boundary inside a character (a byte cut by a
            // delimiter) then shows as a failed `get` below.
            match std::str::from_utf8(&rec.data) {
                Ok(s) => s,
                Err(_) => return Err(NotUtf8),
            }
        };
        let cell = |k: usize| -> Option<&str> {
            if gbk {
                Some(cells.get(k).map_or("", String::as_str))
            } else {
                utf8.get(rec.range(k)).map(trim)
            }
        };
        let mut blank = true;
        for k in 0..rec.len() {
            match cell(k) {
                Some(c) => blank &= c.is_empty(),
                None => return Err(NotUtf8),
            }
        }
        if blank {
            continue;
        }
        let cell = |k: usize| cell(k).unwrap_or("");
        let Some(cols) = at else {
            let headers: Vec<String> = (0..rec.len()).map(|k| cell(k).to_string()).collect();
            match positions(&headers, required, errors) {
                Some(p) => at = Some(p),
                None => return Ok(false),
            }
            continue;
        };
        if row(line, cols.map(cell), errors) == Flow::Stop {
            return Ok(true);
        }
    }
    if at.is_none() {
        errors.push(
            1,
            "",
            "",
            "文件为空：缺少表头行".into(),
            "the file is empty: no header row".into(),
        );
    }
    Ok(at.is_some())
}

/// The same rows from an XLSX workbook's first sheet (through [`Table`]); `true` when the
/// header had the required columns.
fn scan_xlsx<const N: usize>(
    shown: &str,
    bytes: &[u8],
    required: [&str; N],
    errors: &mut Errors,
    mut row: impl FnMut(usize, [&str; N], &mut Errors) -> Flow,
) -> bool {
    let table = match Table::read_xlsx(shown, bytes) {
        Ok(t) => t,
        Err(e) => {
            for c in e.0 {
                errors.push(c.row, &c.column, &c.value, c.message_zh, c.message_en);
            }
            return false;
        }
    };
    let Some(cols) = positions(&table.headers, required, errors) else {
        return false;
    };
    for r in &table.rows {
        let text = cols.map(|c| r.cells.get(c).map_or("", String::as_str));
        if row(r.number, text, errors) == Flow::Stop {
            break;
        }
    }
    true
}

/// Reads the whole file if it is within `max` bytes.
fn read_bounded(path: &Path, shown: &str, max: u64, errors: &mut Errors) -> Option<Vec<u8>> {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            errors.list.push(unreadable(shown, e));
            return None;
        }
    };
    if size > max {
        errors.list.push(too_large(shown, size, max));
        return None;
    }
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            errors.list.push(unreadable(shown, e));
            None
        }
    }
}

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
            errors.push(line, "id", id, "不能为空".into(), "must not be empty".into());
        } else if id.len() > MAX_ACCESS_ID_BYTES {
            errors.push(
                line,
                "id",
                "",
                format!("编号过长（{} 字节），最多 {MAX_ACCESS_ID_BYTES} 字节", id.len()),
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
        scan_csv(&bytes[..], ["id", "value"], gbk, &mut errors, row).unwrap_or(false)
    };
    out.extend(errors.into_vec());
    // With bad cells the file still names its ids, so the cost file is checked against them.
    header.then_some(v)
}

/// Where each interned id sits in the demand and supply files (`None`: that file is unusable,
/// so its ids are not checked).
struct CostLookup<'a> {
    ids: &'a IdTable,
    demand_at: Option<Vec<u32>>,
    supply_at: Option<Vec<u32>>,
    /// The interned id of each supply row (to name a destination in a message).
    supply_rows: &'a [u32],
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
struct Pairs {
    /// (origin, first pair index) of each run of rows with the same origin.
    blocks: Vec<(u32, usize)>,
    dests: Vec<u32>,
    costs: Vec<f64>,
    rows: Vec<u32>,
}

/// `origin,destination,cost` rows against the demand and supply ids; `n` = (demand rows,
/// supply rows).
fn read_costs(
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
        scan_xlsx(&shown, &bytes, COST_COLUMNS, &mut errors, cost_row(lookup, &mut p));
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

const COST_COLUMNS: [&str; 3] = ["origin", "destination", "cost"];

/// Streams a CSV cost file (no whole-file buffer), as UTF-8 or as GBK.
fn stream_costs(
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
        Ok((_, f)) => {
            scan_csv(f, COST_COLUMNS, gbk, &mut errors, cost_row(lookup, &mut p))?;
        }
    }
    Ok((p, errors))
}

/// The handler of one cost row: checks its cells and stores the pair.
fn cost_row<'a>(
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
fn into_matrix(
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
        scratch.extend(
            r.clone()
                .map(|k| (dests[k], costs[k], rows[k])),
        );
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
