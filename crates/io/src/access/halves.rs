//! A large UTF-8 cost file read as two halves on two threads. Splitting and matching a row
//! costs more than reading it from the page cache, so the second core halves the wall time.
//!
//! The file is cut at the first line break after its middle. That cut is a row boundary unless
//! it falls inside a quoted cell holding a line break; the first half proves it is not by
//! ending exactly on a closed line there. Otherwise (and for small files, one core, or anything
//! unusual) the caller reads the file in one pass, which gives the same rows and errors.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::costs::{cost_row, CostLookup, Pairs, COST_COLUMNS};
use super::scan::{scan_csv, Errors, NotUtf8};
use super::MAX_ACCESS_PAIRS;
use crate::csv_bytes::CsvBytes;

/// Below this size one thread is as fast as two (thread start and merge cost ~1 ms). Unit tests
/// use a small size so that files of a few thousand rows take this path.
pub(super) const MIN_BYTES: u64 = if cfg!(test) { 4 << 10 } else { 8 << 20 };

/// Both halves read and merged, or `None` when the caller should read the file in one pass.
pub(super) fn stream_halves(
    path: &Path,
    shown: &str,
    lookup: &CostLookup,
    size: u64,
) -> Result<Option<(Pairs, Errors)>, NotUtf8> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if size < MIN_BYTES || cores < 2 {
        return Ok(None);
    }
    let (Some(columns), Some(cut)) = (header_columns(path), cut_after_middle(path, size)) else {
        return Ok(None);
    };
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(move || -> Option<Result<_, NotUtf8>> {
            let mut f = File::open(path).ok()?;
            f.seek(SeekFrom::Start(cut)).ok()?;
            let mut errors = Errors::new(shown);
            let mut p = Pairs::default();
            let end = scan_csv(
                f,
                COST_COLUMNS,
                Some(columns),
                false,
                &mut errors,
                cost_row(lookup, &mut p),
            );
            Some(end.map(|end| (p, errors, end)))
        });
        let first = (|| -> Option<Result<_, NotUtf8>> {
            let f = File::open(path).ok()?.take(cut);
            let mut errors = Errors::new(shown);
            let mut p = Pairs::default();
            let end = scan_csv(
                f,
                COST_COLUMNS,
                None,
                false,
                &mut errors,
                cost_row(lookup, &mut p),
            );
            Some(end.map(|end| (p, errors, end)))
        })();
        (first, second.join().ok().flatten())
    });
    let (Some(first), Some(second)) = (first, second) else {
        return Ok(None);
    };
    let (mut p, mut errors, end) = first?;
    let (p2, errors2, _) = second?;
    // The second half ends where the file does, as one pass would; only the first half's end
    // (closed on the line break at the cut, not stopped early) decides.
    if !(end.clean && end.header) {
        return Ok(None);
    }
    // The second half counted its lines from 1.
    let offset = end.next_line - 1;
    let base = p.dests.len();
    for (k, &(o, start)) in p2.blocks.iter().enumerate() {
        // An origin whose rows straddle the cut stays one block.
        if k == 0 && p.blocks.last().is_some_and(|b| b.0 == o) {
            continue;
        }
        p.blocks.push((o, base + start));
    }
    p.dests.extend_from_slice(&p2.dests);
    p.costs.extend_from_slice(&p2.costs);
    let shift = |r: u32| (r as usize + offset).min(u32::MAX as usize) as u32;
    p.rows.extend(p2.rows.iter().map(|&r| shift(r)));
    for e in errors2.list {
        errors.push(
            e.row + offset,
            &e.column,
            &e.value,
            e.message_zh,
            e.message_en,
        );
    }
    if errors2.more > 0 {
        if errors.more == 0 {
            errors.first_more_row = errors2.first_more_row + offset;
        }
        errors.more += errors2.more;
    }
    if p.dests.len() > MAX_ACCESS_PAIRS {
        errors.push(
            offset + 1,
            "",
            "",
            format!("起讫点对超过上限 {MAX_ACCESS_PAIRS}"),
            format!("more than {MAX_ACCESS_PAIRS} origin–destination pairs"),
        );
    }
    Ok(Some((p, errors)))
}

/// The positions of the cost columns from the header, when it is plain UTF-8 and complete.
fn header_columns(path: &Path) -> Option<[usize; 3]> {
    let mut csv = CsvBytes::new(File::open(path).ok()?, super::MAX_ACCESS_ROW_BYTES).ok()?;
    while csv.next_record().ok()?.is_some() {
        let rec = &csv.record;
        let cells: Vec<String> = (0..rec.len())
            .map(|k| std::str::from_utf8(rec.field(k)).map(|s| s.trim().to_string()))
            .collect::<Result<_, _>>()
            .ok()?;
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let mut at = [0usize; 3];
        for (k, name) in COST_COLUMNS.iter().enumerate() {
            let mut found = cells
                .iter()
                .enumerate()
                .filter(|(_, h)| h.trim_start_matches('\u{feff}') == *name);
            at[k] = found.next()?.0;
            if found.next().is_some() {
                return None;
            }
        }
        return Some(at);
    }
    None
}

/// The byte after the first line break at or after the middle of the file.
fn cut_after_middle(path: &Path, size: u64) -> Option<u64> {
    let mut f = File::open(path).ok()?;
    let mid = size / 2;
    f.seek(SeekFrom::Start(mid)).ok()?;
    let mut buf = vec![0u8; 64 * 1024];
    let n = f.read(&mut buf).ok()?;
    let k = buf[..n].iter().position(|&b| b == b'\n')?;
    let cut = mid + k as u64 + 1;
    (cut < size).then_some(cut)
}
