//! XLSX 读取上限 — the first sheet of a workbook read within the table limits.
//!
//! calamine sizes a sheet's range from the cells it finds (one cell at A1 and one at
//! XFD1048576 make a 17-billion-cell range) and parses cell references with arithmetic that
//! overflows on `A99999999999`. So the workbook is checked before calamine sees it: the zip
//! directory (number of parts), the inflated size of every XML part (zip bombs), and every
//! cell, row and dimension reference in them (well-formed and inside Excel's grid). The sheet
//! is then read cell by cell with calamine's streaming reader, refusing the file as soon as a
//! cell lies beyond the row, column or cell limits, so nothing is allocated for what a file
//! merely claims.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use quick_xml::events::Event;

use crate::limits::{
    human_bytes, too_big, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_XLSX_BYTES, MAX_XLSX_PARTS,
    MAX_XLSX_XML_BYTES,
};
use crate::{CellError, InputErrors};

/// Excel's grid: 1,048,576 rows and 16,384 columns (XFD).
const EXCEL_ROWS: u64 = 1 << 20;
const EXCEL_COLUMNS: u64 = 1 << 14;

/// Cells of the first sheet by absolute position (0-based row, column), text already made.
pub(crate) struct SheetCells {
    /// (row, column, text) of every non-empty cell, in reading order.
    pub cells: Vec<(u32, u32, String)>,
}

fn fail(file: &str, zh: String, en: String) -> InputErrors {
    InputErrors::single(CellError::new(file, 1, "", "", zh, en))
}

/// Reads the non-empty cells of the first sheet, or a located error naming the limit crossed.
pub(crate) fn first_sheet_cells(file: &str, bytes: &[u8]) -> Result<SheetCells, InputErrors> {
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(InputErrors::single(too_big(
            file,
            bytes.len(),
            MAX_XLSX_BYTES,
            "XLSX ",
            "XLSX",
        )));
    }
    check_parts(file, bytes)?;
    // calamine is a parser of hostile input we do not own: the checks above keep it from every
    // panic we know of (found by tests/fuzz.rs); should another remain, the file is refused
    // rather than the host brought down.
    std::panic::catch_unwind(|| read_cells(file, bytes)).unwrap_or_else(|_| {
        Err(fail(
            file,
            "XLSX 工作簿已损坏，无法读取；请在 Excel 中打开并另存后再导入".into(),
            "the XLSX workbook is damaged and cannot be read: open it in Excel, save it again and import it again".into(),
        ))
    })
}

fn read_cells(file: &str, bytes: &[u8]) -> Result<SheetCells, InputErrors> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        fail(
            file,
            format!("无法读取 XLSX 工作簿：{e}"),
            format!("cannot read the XLSX workbook: {e}"),
        )
    })?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(fail(
            file,
            "工作簿中没有工作表".into(),
            "the workbook has no sheet".into(),
        ));
    };
    let unreadable = |e: calamine::XlsxError| {
        fail(
            file,
            format!("无法读取第一个工作表：{e}"),
            format!("cannot read the first sheet: {e}"),
        )
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let dim = reader.dimensions();
    let (rows, cols) = (
        dim.end.0.saturating_sub(dim.start.0) as u64 + 1,
        dim.end.1.saturating_sub(dim.start.1) as u64 + 1,
    );
    // The dimension is only a claim, but a claim beyond the limits is not a planner's table.
    if rows > MAX_ROWS as u64 + 1 || cols > MAX_COLUMNS as u64 || rows * cols > MAX_CELLS as u64 {
        let claim = format!("{}:{}", cell_name(dim.start), cell_name(dim.end));
        return Err(InputErrors::single(CellError::new(
            file,
            1,
            "",
            &claim,
            format!(
                "工作表声明的范围 {claim} 为 {rows} 行 × {cols} 列，超出上限（最多 {} 行、{MAX_COLUMNS} 列、{MAX_CELLS} 个单元格）",
                MAX_ROWS + 1
            ),
            format!(
                "the sheet claims the range {claim}, {rows} rows × {cols} columns, beyond the limits ({} rows, {MAX_COLUMNS} columns, {MAX_CELLS} cells)",
                MAX_ROWS + 1
            ),
        )));
    }
    let mut out = Vec::new();
    let (mut min_row, mut max_row, mut min_col, mut max_col) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        let data: Data = cell.get_value().clone().into();
        if data == Data::Empty {
            continue;
        }
        min_row = min_row.min(r);
        max_row = max_row.max(r);
        min_col = min_col.min(c);
        max_col = max_col.max(c);
        let rows = (max_row - min_row) as u64 + 1;
        let cols = (max_col - min_col) as u64 + 1;
        if rows > MAX_ROWS as u64 + 1 || cols > MAX_COLUMNS as u64 || rows * cols > MAX_CELLS as u64
        {
            let at = cell_name((r, c));
            return Err(InputErrors::single(CellError::new(
                file,
                r as usize + 1,
                &at,
                "",
                format!(
                    "单元格 {at} 使表格达到 {rows} 行 × {cols} 列，超出上限（最多 {} 行数据、{MAX_COLUMNS} 列、{MAX_CELLS} 个单元格）",
                    MAX_ROWS
                ),
                format!(
                    "cell {at} makes the table {rows} rows × {cols} columns, beyond the limits ({MAX_ROWS} data rows, {MAX_COLUMNS} columns, {MAX_CELLS} cells)"
                ),
            )));
        }
        out.push((r, c, crate::table::cell_text(&data)));
    }
    Ok(SheetCells { cells: out })
}

/// `A1`-style name of a 0-based (row, column).
pub(crate) fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

/// Reads the zip's end-of-central-directory record for the number of parts, so a directory
/// claiming millions of entries is refused before the zip reader reserves room for them.
fn declared_parts(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
    const ZIP64_EOCD: &[u8] = b"PK\x06\x06";
    let tail_start = bytes.len().saturating_sub(22 + u16::MAX as usize);
    let at = bytes[tail_start..]
        .windows(4)
        .rposition(|w| w == EOCD)
        .map(|i| tail_start + i)?;
    let total = u16::from_le_bytes(bytes.get(at + 10..at + 12)?.try_into().ok()?);
    if total != u16::MAX {
        return Some(total as u64);
    }
    // Zip64: the locator sits just before the record and points at the zip64 record.
    let loc = at.checked_sub(20)?;
    if bytes.get(loc..loc + 4)? != ZIP64_LOCATOR {
        return Some(total as u64);
    }
    let off = u64::from_le_bytes(bytes.get(loc + 8..loc + 16)?.try_into().ok()?);
    let off = usize::try_from(off).ok()?;
    if bytes.get(off..off + 4)? != ZIP64_EOCD {
        return None;
    }
    Some(u64::from_le_bytes(
        bytes.get(off + 32..off + 40)?.try_into().ok()?,
    ))
}

/// Counts what the workbook's XML parts inflate to and checks every cell reference in them,
/// within [`MAX_XLSX_XML_BYTES`] in all.
fn check_parts(file: &str, bytes: &[u8]) -> Result<(), InputErrors> {
    if let Some(n) = declared_parts(bytes) {
        if n > MAX_XLSX_PARTS as u64 {
            return Err(fail(
                file,
                format!("XLSX 文件包含 {n} 个部件，超出上限 {MAX_XLSX_PARTS}"),
                format!("the XLSX file has {n} parts, more than the limit of {MAX_XLSX_PARTS}"),
            ));
        }
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        fail(
            file,
            format!("无法读取 XLSX 工作簿：{e}"),
            format!("cannot read the XLSX workbook: {e}"),
        )
    })?;
    if zip.len() > MAX_XLSX_PARTS {
        return Err(fail(
            file,
            format!(
                "XLSX 文件包含 {} 个部件，超出上限 {MAX_XLSX_PARTS}",
                zip.len()
            ),
            format!(
                "the XLSX file has {} parts, more than the limit of {MAX_XLSX_PARTS}",
                zip.len()
            ),
        ));
    }
    let mut budget = MAX_XLSX_XML_BYTES;
    // The largest shared-string index a cell gives (calamine indexes its list with it).
    let mut max_shared: Option<usize> = None;
    for i in 0..zip.len() {
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            // An unreadable part is calamine's to report if it needs it.
            Err(_) => continue,
        };
        let name = part.name().to_string();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let mut limited = Budget {
            inner: &mut part,
            left: budget,
            exceeded: false,
        };
        let scanned = scan_references(&mut limited, &mut max_shared);
        if scanned.is_err() {
            // The rest of the part still counts towards what calamine would inflate.
            let _ = std::io::copy(&mut limited, &mut std::io::sink());
        }
        budget = limited.left;
        if limited.exceeded {
            return Err(fail(
                file,
                format!(
                    "XLSX 解压后的内容超过 {}（可能是压缩炸弹）",
                    human_bytes(MAX_XLSX_XML_BYTES as usize)
                ),
                format!(
                    "the XLSX content inflates to more than {} (a zip bomb?)",
                    human_bytes(MAX_XLSX_XML_BYTES as usize)
                ),
            ));
        }
        match scanned {
            Err(Scan::BadRef(zh, en, r)) => {
                return Err(InputErrors::single(CellError::new(
                    file,
                    1,
                    "",
                    &r,
                    format!("{name} 中的{zh}引用 “{r}” 无效或超出 Excel 表格范围（最多 1048576 行、XFD 列）"),
                    format!("{name}: the {en} reference `{r}` is malformed or outside Excel's grid (1048576 rows, columns to XFD)"),
                )))
            }
            Err(Scan::BadShared(v)) => {
                return Err(InputErrors::single(CellError::new(
                    file,
                    1,
                    "",
                    &v,
                    format!("{name} 中的共享字符串编号 “{v}” 无效"),
                    format!("{name}: the shared-string number `{v}` is malformed"),
                )))
            }
            // Malformed XML is left to calamine, which names it.
            _ => {}
        }
    }
    if let Some(idx) = max_shared {
        let have = shared_strings(&mut zip, budget);
        if have.is_none_or(|n| idx >= n) {
            let have = have.map_or("?".to_string(), |n| n.to_string());
            return Err(fail(
                file,
                format!("单元格引用第 {} 个共享字符串，但工作簿只有 {have} 个；文件已损坏", idx + 1),
                format!(
                    "a cell refers to shared string {}, the workbook has {have}: the file is damaged",
                    idx + 1
                ),
            ));
        }
    }
    Ok(())
}

/// The XML reader as calamine configures it, so events (and so counts) are the ones it sees.
fn calamine_xml<R: Read>(part: R) -> quick_xml::Reader<std::io::BufReader<R>> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    xml
}

/// How many shared strings calamine will hold (its `read_shared_strings`: an `<si>` counts when
/// it has a `<t>` outside phonetic runs, or a rich-text `<r>`), or `None` when the part cannot
/// be read (calamine then refuses the workbook itself). The part is found as calamine finds it.
fn shared_strings<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    budget: u64,
) -> Option<usize> {
    const PATH: &str = "xl/sharedStrings.xml";
    let path = zip
        .file_names()
        .find(|n| PATH.eq_ignore_ascii_case(&n.replace('\\', "/")))
        .unwrap_or(PATH)
        .to_string();
    let mut part = zip.by_name(&path).ok()?;
    let mut limited = Budget {
        inner: &mut part,
        left: budget,
        exceeded: false,
    };
    let mut xml = calamine_xml(&mut limited);
    let (mut buf, mut inner, mut n) = (Vec::new(), Vec::new(), 0usize);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(ref e) if e.local_name().as_ref() == b"si" => {
                let closing = e.name().as_ref().to_vec();
                if string_is_kept(&mut xml, &closing, &mut inner)? {
                    n += 1;
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == b"sst" => return Some(n),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// calamine's `read_string` up to whether it returns a string.
fn string_is_kept<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    closing: &[u8],
    buf: &mut Vec<u8>,
) -> Option<bool> {
    let (mut rich, mut phonetic) = (false, false);
    let mut val = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(buf).ok()? {
            Event::Start(ref e) if e.local_name().as_ref() == b"r" => rich = true,
            Event::Start(ref e) if e.local_name().as_ref() == b"rPh" => phonetic = true,
            Event::End(ref e) if e.name().as_ref() == closing => return Some(rich),
            Event::End(ref e) if e.local_name().as_ref() == b"rPh" => phonetic = false,
            Event::Start(ref e) if e.local_name().as_ref() == b"t" && !phonetic => {
                let t = e.name().as_ref().to_vec();
                loop {
                    val.clear();
                    match xml.read_event_into(&mut val).ok()? {
                        Event::End(ref end) if end.name().as_ref() == t => break,
                        Event::Eof => return None,
                        _ => {}
                    }
                }
                if !rich {
                    xml.read_to_end_into(quick_xml::name::QName(closing), &mut val)
                        .ok()?;
                    return Some(true);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// A reader that fails once the inflation budget shared by all parts is spent.
struct Budget<'a, R> {
    inner: &'a mut R,
    left: u64,
    exceeded: bool,
}

impl<R: Read> Read for Budget<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.exceeded {
            return Err(std::io::Error::other("inflation budget spent"));
        }
        // One byte more than the budget tells "exactly spent" from "more to come".
        let want = buf.len().min(
            usize::try_from(self.left)
                .unwrap_or(usize::MAX)
                .saturating_add(1),
        );
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            self.exceeded = true;
            return Err(std::io::Error::other("inflation budget spent"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[derive(Debug)]
enum Scan {
    /// A shared-string cell whose value is not a plain index.
    BadShared(String),
    /// A reference that is malformed or off the grid: (kind in zh and en, text).
    BadRef(&'static str, &'static str, String),
    /// Not XML calamine could read either; left to it.
    Xml,
}

/// Checks the `r` of every `c` and `row` element and the `ref` of `dimension` elements, and
/// records the largest shared-string index a cell of type `s` gives.
fn scan_references<R: Read>(part: &mut R, max_shared: &mut Option<usize>) -> Result<(), Scan> {
    let mut xml = calamine_xml(part);
    let mut buf = Vec::new();
    // Inside a shared-string cell; inside its `v`: the element's name and the text so far.
    // calamine reads a `v` as all text up to an end tag of the same name, whatever lies
    // between, so the collection only ends there.
    let mut shared_cell = false;
    let mut value: Option<(Vec<u8>, Vec<u8>)> = None;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Err(Scan::Xml),
        };
        match event {
            Event::Start(ref e) => {
                let local = e.local_name();
                if local.as_ref() == b"v" && shared_cell && value.is_none() {
                    value = Some((e.name().as_ref().to_vec(), Vec::new()));
                    continue;
                }
                let (attr, zh, en): (&[u8], &'static str, &'static str) = match local.as_ref() {
                    b"c" => (b"r", "单元格", "cell"),
                    b"row" => (b"r", "行", "row"),
                    b"dimension" => (b"ref", "范围", "dimension"),
                    _ => continue,
                };
                if local.as_ref() == b"c" && value.is_none() {
                    shared_cell = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.local_name().as_ref() == b"t" && a.value.as_ref() == b"s");
                }
                for a in e.attributes().flatten() {
                    if a.key.local_name().as_ref() != attr {
                        continue;
                    }
                    let v = a.value.as_ref();
                    let ok = match local.as_ref() {
                        b"c" => cell_ref(v).is_some(),
                        b"row" => row_number(v).is_some(),
                        _ => range_ref(v),
                    };
                    if !ok {
                        return Err(Scan::BadRef(
                            zh,
                            en,
                            String::from_utf8_lossy(v).into_owned(),
                        ));
                    }
                }
            }
            Event::Text(ref t) => {
                if let Some((_, v)) = value.as_mut() {
                    v.extend_from_slice(t.as_ref());
                }
            }
            // An entity in a shared-string number: not what Excel writes, and not checkable
            // without resolving it as calamine would.
            Event::GeneralRef(ref r) if value.is_some() => {
                return Err(Scan::BadShared(format!("&{};", String::from_utf8_lossy(r))))
            }
            Event::End(ref e) => {
                if let Some((name, v)) = value.as_ref() {
                    if e.name().as_ref() == name.as_slice() {
                        let idx = std::str::from_utf8(v)
                            .ok()
                            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                            .and_then(|s| s.parse::<usize>().ok())
                            .ok_or_else(|| {
                                Scan::BadShared(String::from_utf8_lossy(v).into_owned())
                            })?;
                        *max_shared = Some(max_shared.map_or(idx, |m| m.max(idx)));
                        value = None;
                    }
                } else if e.local_name().as_ref() == b"c" {
                    shared_cell = false;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// A 1-based row number inside Excel's grid.
fn row_number(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 7 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: u64 = std::str::from_utf8(v).ok()?.parse().ok()?;
    (1..=EXCEL_ROWS).contains(&n).then_some(n)
}

/// `A1`-style reference inside Excel's grid: 1–3 letters then a row number.
fn cell_ref(v: &[u8]) -> Option<(u64, u64)> {
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let col = v[..letters].iter().fold(0u64, |c, b| {
        c * 26 + (b.to_ascii_uppercase() - b'A') as u64 + 1
    });
    let row = row_number(&v[letters..])?;
    (col <= EXCEL_COLUMNS).then_some((row, col))
}

/// `A1` or `A1:B2` with the start not after the end.
fn range_ref(v: &[u8]) -> bool {
    let mut parts = v.split(|b| *b == b':');
    let (Some(a), b, None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    match (cell_ref(a), b.map(cell_ref)) {
        (Some(_), None) => true,
        (Some((r0, c0)), Some(Some((r1, c1)))) => r0 <= r1 && c0 <= c1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_checked_against_excels_grid() {
        assert_eq!(cell_ref(b"A1"), Some((1, 1)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref(b"xfd2"), Some((2, 16_384)));
        for bad in [
            "A99999999999",
            "XFE1",
            "A0",
            "1A",
            "AAAA1",
            "A1048577",
            "",
            "A",
        ] {
            assert_eq!(cell_ref(bad.as_bytes()), None, "{bad}");
        }
        assert!(range_ref(b"A1:XFD1048576") && range_ref(b"C3"));
        assert!(!range_ref(b"B2:A1") && !range_ref(b"A1:B2:C3") && !range_ref(b"A1:"));
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((1_048_575, 16_383)), "XFD1048576");
        assert_eq!(cell_name((9, 26)), "AA10");
    }
}
