//! A streaming CSV record splitter over raw bytes, for files too large to hold as a table of
//! `String`s (a cost file of millions of origin–destination pairs). It follows the rules of the
//! `csv` crate the [`crate::Table`] reader uses: `,` between fields, a record ends at `\n`, `\r\n`
//! or a lone `\r`; a field that starts with `"` is quoted (`""` is a quote, delimiters and line
//! breaks inside are data, text after the closing quote is kept); a `"` inside an unquoted field
//! is data. Rows count `\n` from 1, as an editor shows them.

use std::io::Read;

/// Why the splitter stopped.
#[derive(Debug)]
pub(crate) enum SplitError {
    Io(std::io::Error),
    /// A record longer than the limit starts on this line.
    TooLong {
        line: usize,
    },
}

/// The fields of the current record: unescaped bytes, one end offset per field.
pub(crate) struct RecordBytes {
    pub(crate) data: Vec<u8>,
    pub(crate) ends: Vec<usize>,
}

impl RecordBytes {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The byte range of field `k` in `data` (empty when the record is shorter).
    #[inline]
    pub(crate) fn range(&self, k: usize) -> std::ops::Range<usize> {
        match self.ends.get(k) {
            Some(&end) => (if k == 0 { 0 } else { self.ends[k - 1] })..end,
            None => 0..0,
        }
    }

    /// Field `k`, or nothing when the record is shorter.
    pub(crate) fn field(&self, k: usize) -> &[u8] {
        &self.data[self.range(k)]
    }
}

pub(crate) struct CsvBytes<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    /// Line (1-based) at `pos`.
    line: usize,
    max_record: usize,
    /// Whether the last record was closed by a line break rather than by the end of the input
    /// (inside a quote, or a last line without one).
    pub(crate) last_ended: bool,
    pub(crate) record: RecordBytes,
}

/// What parsing from the buffer's current position found.
enum Parse {
    /// A record that used `consumed` bytes and crossed `newlines` line breaks; `ended` when a
    /// line break closed it (not the end of the input).
    Done {
        consumed: usize,
        newlines: usize,
        ended: bool,
    },
    /// The buffer ends inside the record: more input is needed.
    More,
}

const CHUNK: usize = 256 * 1024;

impl<R: Read> CsvBytes<R> {
    /// A splitter over `src`; a UTF-8 byte-order mark at the start is skipped. A record longer
    /// than `max_record` bytes is refused ([`SplitError::TooLong`]).
    pub(crate) fn new(src: R, max_record: usize) -> Result<CsvBytes<R>, SplitError> {
        let mut s = CsvBytes {
            src,
            buf: vec![0; CHUNK.max(max_record.min(1 << 24) + 1)],
            pos: 0,
            len: 0,
            eof: false,
            line: 1,
            max_record,
            last_ended: true,
            record: RecordBytes {
                data: Vec::new(),
                ends: Vec::new(),
            },
        };
        s.fill()?;
        while s.len < 3 && !s.eof {
            s.fill()?;
        }
        if s.buf[..s.len].starts_with(b"\xEF\xBB\xBF") {
            s.pos = 3;
        }
        Ok(s)
    }

    /// Moves the unread bytes to the front and reads more after them.
    fn fill(&mut self) -> Result<(), SplitError> {
        self.buf.copy_within(self.pos..self.len, 0);
        self.len -= self.pos;
        self.pos = 0;
        if self.len == self.buf.len() {
            // One record fills the whole buffer: it may still be within the limit.
            let grown = (self.buf.len() * 2).min(self.max_record + 1);
            if grown <= self.buf.len() {
                return Err(SplitError::TooLong { line: self.line });
            }
            self.buf.resize(grown, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.len..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.len += n;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SplitError::Io(e)),
            }
        }
    }

    /// The line the next record would start on (1 + line breaks read so far).
    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// The next record and the line it starts on; `None` at the end of the input. Blank lines
    /// come back as one empty field (callers skip records whose fields are all blank).
    pub(crate) fn next_record(&mut self) -> Result<Option<usize>, SplitError> {
        loop {
            if self.pos == self.len {
                if self.eof {
                    return Ok(None);
                }
                self.fill()?;
                continue;
            }
            match parse(&self.buf[self.pos..self.len], self.eof, &mut self.record) {
                Parse::Done {
                    consumed,
                    newlines,
                    ended,
                } => {
                    if consumed > self.max_record {
                        return Err(SplitError::TooLong { line: self.line });
                    }
                    self.last_ended = ended;
                    let line = self.line;
                    self.pos += consumed;
                    self.line += newlines;
                    return Ok(Some(line));
                }
                Parse::More => {
                    if self.len - self.pos > self.max_record {
                        return Err(SplitError::TooLong { line: self.line });
                    }
                    self.fill()?;
                }
            }
        }
    }
}

/// The first `,`, `\n` or `\r` at or after `i` (or `b.len()`), eight bytes per step: a byte
/// equal to the delimiter becomes a zero byte of `w ^ pattern`, found by the carry trick.
#[inline]
fn field_end(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(LO) & !x & HI;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let hit = zero_byte(w ^ (LO * b',' as u64))
            | zero_byte(w ^ (LO * b'\n' as u64))
            | zero_byte(w ^ (LO * b'\r' as u64));
        if hit != 0 {
            // The lowest flagged byte is exact (borrows only run upwards from a true zero).
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b',' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Parses one record from the start of `b` into `rec`. At the end of `b` the record is complete
/// only when `eof`.
fn parse(b: &[u8], eof: bool, rec: &mut RecordBytes) -> Parse {
    rec.data.clear();
    rec.ends.clear();
    let mut i = 0;
    let mut newlines = 0;
    loop {
        // One field starting at i.
        if b.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(&c) = b.get(i) else {
                    if !eof {
                        return Parse::More;
                    }
                    // An unclosed quote runs to the end of the file, as in the `csv` crate.
                    rec.ends.push(rec.data.len());
                    return Parse::Done {
                        consumed: i,
                        newlines,
                        ended: false,
                    };
                };
                if c == b'"' {
                    match b.get(i + 1) {
                        Some(b'"') => {
                            rec.data.push(b'"');
                            i += 2;
                        }
                        None if !eof => return Parse::More,
                        _ => {
                            i += 1;
                            break;
                        }
                    }
                } else {
                    newlines += usize::from(c == b'\n');
                    rec.data.push(c);
                    i += 1;
                }
            }
        }
        // Unquoted text (or what follows a closing quote) up to the field's end.
        let start = i;
        i = field_end(b, i);
        rec.data.extend_from_slice(&b[start..i]);
        rec.ends.push(rec.data.len());
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'\n') => {
                return Parse::Done {
                    consumed: i + 1,
                    newlines: newlines + 1,
                    ended: true,
                }
            }
            Some(_) => {
                // `\r`: a record end, with the `\n` of a `\r\n` taken along.
                return match b.get(i + 1) {
                    Some(b'\n') => Parse::Done {
                        consumed: i + 2,
                        newlines: newlines + 1,
                        ended: true,
                    },
                    None if !eof => Parse::More,
                    _ => Parse::Done {
                        consumed: i + 1,
                        newlines,
                        ended: true,
                    },
                };
            }
            None if eof => {
                return Parse::Done {
                    consumed: i,
                    newlines,
                    ended: false,
                }
            }
            None => return Parse::More,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record with its line, split through a reader that hands out `chunk` bytes at a
    /// time, so records straddle refills.
    fn split(text: &[u8], chunk: usize, max: usize) -> Result<Vec<(usize, Vec<String>)>, String> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut s = CsvBytes::new(Trickle(text, chunk), max).map_err(|e| format!("{e:?}"))?;
        let mut out = Vec::new();
        while let Some(line) = s.next_record().map_err(|e| format!("{e:?}"))? {
            let fields = (0..s.record.len())
                .map(|k| String::from_utf8(s.record.field(k).to_vec()).unwrap())
                .collect();
            out.push((line, fields));
        }
        Ok(out)
    }

    /// The same records as the `csv` crate (which skips blank lines) on quoting, line endings,
    /// a BOM and a missing final newline, whatever the read sizes.
    #[test]
    fn records_match_the_csv_crate() {
        let text = "\u{feff}a,b,c\r\n1,\"x,\"\"y\"\"\nz\",3\n\n\"q\"r,s\"t,\n4,5\r6\r\n,,\n\"end";
        let mut want: Vec<Vec<String>> = Vec::new();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in r.records() {
            want.push(rec.unwrap().iter().map(str::to_string).collect());
        }
        want[0][0] = want[0][0].trim_start_matches('\u{feff}').to_string();
        for chunk in [1, 2, 3, 7, 1000] {
            let got = split(text.as_bytes(), chunk, 1 << 20).unwrap();
            let non_blank: Vec<Vec<String>> = got
                .iter()
                .filter(|(_, f)| f.len() > 1 || !f[0].is_empty())
                .map(|(_, f)| f.clone())
                .collect();
            assert_eq!(non_blank, want, "chunk {chunk}");
            let lines: Vec<usize> = got.iter().map(|r| r.0).collect();
            // Lines: header 1, quoted record over 2–3, blank 4, 5, "4,5" 6, "6" 6 (lone \r),
            // ",," 7, "end 8.
            assert_eq!(lines, [1, 2, 4, 5, 6, 6, 7, 8], "chunk {chunk}");
        }
    }

    #[test]
    fn the_word_scan_finds_the_first_delimiter_at_every_offset() {
        for len in 0..20 {
            for at in 0..=len {
                for d in [b',', b'\n', b'\r'] {
                    // Bytes that differ from a delimiter by one bit or sit next to it in value.
                    let mut b: Vec<u8> = (0..len)
                        .map(|k| [b'-', b'.', b'\x0b', 0x8c, b'\x0c', 0xac][k % 6])
                        .collect();
                    if at < len {
                        b[at] = d;
                    }
                    assert_eq!(field_end(&b, 0), at, "len {len} at {at} {d}");
                    let slow = b.iter().position(|c| matches!(c, b',' | b'\n' | b'\r'));
                    assert_eq!(slow.unwrap_or(len), at);
                }
            }
        }
    }

    #[test]
    fn a_record_cut_by_the_end_of_the_input_is_marked() {
        let last_ended = |text: &str| {
            let mut s = CsvBytes::new(text.as_bytes(), 1 << 10).unwrap();
            while s.next_record().unwrap().is_some() {}
            (s.last_ended, s.line())
        };
        assert_eq!(last_ended("a,b\n1,2\n"), (true, 3));
        assert_eq!(last_ended("a,b\n1,2"), (false, 2));
        // The input stops inside a quoted cell that holds a line break.
        assert_eq!(last_ended("a,b\n1,\"x\n"), (false, 3));
        assert_eq!(last_ended(""), (true, 1));
    }

    #[test]
    fn a_record_over_the_limit_is_refused_with_its_line() {
        let text = format!("a\n{}\nb\n", "x".repeat(100));
        assert_eq!(
            split(text.as_bytes(), 5, 64).unwrap_err(),
            "TooLong { line: 2 }"
        );
        assert_eq!(split(text.as_bytes(), 5, 101).unwrap().len(), 3);
    }
}
