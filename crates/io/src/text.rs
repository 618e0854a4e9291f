use encoding_rs::{Encoding, BIG5, GB18030, SHIFT_JIS, UTF_16BE, UTF_16LE};

use crate::limits::{too_big, MAX_TEXT_BYTES};
use crate::{CellError, InputErrors};

/// Text encodings Junheng reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gbk,
    /// UTF-16 little-endian (Excel's "Unicode text"), with or without a byte-order mark.
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    /// The name shown to the planner (`utf-8`, `gbk`, `utf-16le`, `utf-16be`).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Gbk => "gbk",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
        }
    }
}

/// Decodes a text file saved as UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, as Excel on
/// a Chinese Windows saves CSV. UTF-8 is tried first because valid GBK Chinese is almost never
/// valid UTF-8, while the reverse is common. Big5 and Shift-JIS bytes are mostly valid GBK too,
/// so a GBK reading is accepted only when it looks more like common simplified Chinese than
/// the Big5 or Shift-JIS reading looks like their common characters; otherwise the file is
/// refused with a request to save it as UTF-8 or GBK (reading it as GBK would turn every name
/// into mojibake).
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, TextEncoding), InputErrors> {
    let fail = |zh: &str, en: &str| InputErrors::single(CellError::new(file, 1, "", "", zh, en));
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(InputErrors::single(too_big(
            file,
            bytes.len(),
            MAX_TEXT_BYTES,
            "文本",
            "text",
        )));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(body, UTF_16LE, TextEncoding::Utf16Le)
            .ok_or_else(|| fail(UTF16_BAD_ZH, UTF16_BAD_EN));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(body, UTF_16BE, TextEncoding::Utf16Be)
            .ok_or_else(|| fail(UTF16_BAD_ZH, UTF16_BAD_EN));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 without a byte-order mark has a NUL byte in every ASCII character (comma, digit,
    // newline), all on one side; a stray NUL in 8-bit text is left for the readers to locate.
    if body.contains(&0) {
        if let Some(enc) = utf16_without_bom(body) {
            let encoding = if enc == TextEncoding::Utf16Be {
                UTF_16BE
            } else {
                UTF_16LE
            };
            return utf16(body, encoding, enc).ok_or_else(|| fail(UTF16_BAD_ZH, UTF16_BAD_EN));
        }
    }
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok((s.to_string(), TextEncoding::Utf8));
    }
    let Some(text) = strict(GB18030, body) else {
        return Err(fail(
            "文件既不是 UTF-8 也不是 GBK 编码的文本",
            "the file is neither UTF-8 nor GBK text",
        ));
    };
    match likely_foreign(body) {
        Some(Foreign::Big5) => Err(fail(
            "文件看起来是 Big5（繁体中文）编码；请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV 后再导入",
            "the file looks like Big5 (Traditional Chinese) text: save it as CSV UTF-8 or GBK and import it again",
        )),
        Some(Foreign::ShiftJis) => Err(fail(
            "文件看起来是 Shift-JIS（日文）编码；请另存为“CSV UTF-8”或 GBK 编码的 CSV 后再导入",
            "the file looks like Shift-JIS (Japanese) text: save it as CSV UTF-8 or GBK and import it again",
        )),
        None => Ok((text, TextEncoding::Gbk)),
    }
}

const UTF16_BAD_ZH: &str = "文件是 UTF-16 编码但含有无效字符";
const UTF16_BAD_EN: &str = "the file is UTF-16 but holds invalid characters";

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

fn utf16(
    body: &[u8],
    encoding: &'static Encoding,
    label: TextEncoding,
) -> Option<(String, TextEncoding)> {
    if !body.len().is_multiple_of(2) {
        return None;
    }
    strict(encoding, body).map(|s| (s, label))
}

/// UTF-16 without a byte-order mark: most NUL bytes on odd positions (little-endian ASCII) or
/// on even ones (big-endian), and many of them.
fn utf16_without_bom(body: &[u8]) -> Option<TextEncoding> {
    let sample = &body[..body.len().min(1 << 16)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = sample.len() / 2;
    let many = |n: usize| n * 8 >= units;
    if many(odd) && even * 10 <= odd {
        Some(TextEncoding::Utf16Le)
    } else if many(even) && odd * 10 <= even {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Foreign {
    Big5,
    ShiftJis,
}

/// The share of double-byte characters that fall in an encoding's block of common characters,
/// read with that encoding's byte grammar; `None` when the bytes are not valid in it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score {
    common: usize,
    total: usize,
}

impl Score {
    fn share(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.common as f64 / self.total as f64
        }
    }
}

/// Bytes scored for the guess: enough characters to be sure, few enough to stay fast.
const SCORED_BYTES: usize = 1 << 16;

/// How much more common-looking the Big5 or Shift-JIS reading must be than the GBK one before
/// the file is refused: a GBK file of rare characters (place names) must still be read.
const FOREIGN_MARGIN: f64 = 0.25;

fn likely_foreign(body: &[u8]) -> Option<Foreign> {
    let sample = sample_at_char_boundary(body);
    let gbk = score_gbk(sample);
    let mut best: Option<(Foreign, f64)> = None;
    if strict(BIG5, sample).is_some() {
        let s = score_big5(sample).share();
        best = Some((Foreign::Big5, s));
    }
    if strict(SHIFT_JIS, sample).is_some() {
        let s = score_shift_jis(sample).share();
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((Foreign::ShiftJis, s));
        }
    }
    best.filter(|(_, s)| *s >= gbk.share() + FOREIGN_MARGIN)
        .map(|(f, _)| f)
}

/// The first [`SCORED_BYTES`] bytes, cut after a line feed so no character is split.
fn sample_at_char_boundary(body: &[u8]) -> &[u8] {
    if body.len() <= SCORED_BYTES {
        return body;
    }
    match body[..SCORED_BYTES].iter().rposition(|b| *b == b'\n') {
        Some(i) => &body[..=i],
        None => body,
    }
}

/// GBK: common = GB2312 level-1 hanzi (lead B0–D7, the 3,755 most frequent characters) and the
/// GB2312 punctuation rows A1–A3 (、。（）…).
fn score_gbk(bytes: &[u8]) -> Score {
    let mut s = Score {
        common: 0,
        total: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        // A four-byte GB18030 sequence has a digit second byte.
        if bytes.get(i + 1).is_some_and(|t| t.is_ascii_digit()) {
            s.total += 1;
            i += 4;
            continue;
        }
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        s.total += 1;
        if t >= 0xA1 && ((0xB0..=0xD7).contains(&b) || (0xA1..=0xA3).contains(&b)) {
            s.common += 1;
        }
        i += 2;
    }
    s
}

/// Big5: common = the frequent-character block A440–C67E and the symbol rows A1–A3.
fn score_big5(bytes: &[u8]) -> Score {
    let mut s = Score {
        common: 0,
        total: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let t = bytes.get(i + 1).copied().unwrap_or(0);
        s.total += 1;
        let frequent = (0xA4..=0xC5).contains(&b) || (b == 0xC6 && t <= 0x7E);
        if frequent || (0xA1..=0xA3).contains(&b) {
            s.common += 1;
        }
        i += 2;
    }
    s
}

/// Shift-JIS: common = JIS level-1 kanji (lead 88–98), kana and punctuation (lead 81–84);
/// half-width katakana (single bytes A1–DF) count as uncommon, which is what GBK bytes look like
/// when read as Shift-JIS.
fn score_shift_jis(bytes: &[u8]) -> Score {
    let mut s = Score {
        common: 0,
        total: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        s.total += 1;
        if (0xA1..=0xDF).contains(&b) {
            i += 1;
            continue;
        }
        if (0x81..=0x84).contains(&b) || (0x88..=0x98).contains(&b) {
            s.common += 1;
        }
        i += 2;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(s);
        assert!(!unmappable, "{s} is not in {}", e.name());
        b.into_owned()
    }

    #[test]
    fn detects_utf8_bom_and_gbk() {
        let (s, e) = decode_text("a.csv", "\u{feff}名称,值\n".as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), ("名称,值\n", TextEncoding::Utf8));
        let gbk = enc(encoding_rs::GBK, "学校名称,学生数\n实验小学,1420\n");
        let (s, e) = decode_text("b.csv", &gbk).unwrap();
        assert_eq!(e, TextEncoding::Gbk);
        assert!(s.contains("实验小学,1420"));
        let err = decode_text("c.csv", &[0x81, 0x20, 0xff, 0xff]).unwrap_err();
        assert_eq!(err.0[0].file, "c.csv");
    }

    #[test]
    fn gbk_headers_and_names_are_read_as_gbk() {
        for text in [
            "乡镇（街道）名称",
            "托育机构",
            "乡镇（街道）代码,名称,常住人口\n331125001,浮云街道,16000\n",
            "编号,名称\nE1,云和县社会福利院（养老院）\n",
            // Rare characters of place names (GB2312 level 2 and GBK) must not tip the guess.
            "婺城区,鄞州区,濉溪县,歙县,黟县,婺源县\n",
        ] {
            let (s, e) = decode_text("g.csv", &enc(encoding_rs::GBK, text)).unwrap();
            assert_eq!((s.as_str(), e), (text, TextEncoding::Gbk));
        }
        // The demo files and the whole census yearbook, saved as GBK.
        for file in [
            include_str!("../../../data/demo/facilities.csv"),
            include_str!("../../../data/demo/school_sections.csv"),
            include_str!("../../../data/census/china_census2020_county_yearbook.csv"),
        ] {
            let (s, e) = decode_text("g.csv", &enc(GB18030, file)).unwrap();
            assert_eq!(e, TextEncoding::Gbk);
            assert_eq!(s, file);
        }
    }

    #[test]
    fn big5_and_shift_jis_are_refused_with_advice() {
        for text in [
            "鄉鎮（街道）名稱",
            "托育機構",
            "養老院",
            "編號,名稱,類型\nE1,雲和縣社會福利院,養老機構\n",
        ] {
            let e = decode_text("t.csv", &enc(BIG5, text)).unwrap_err();
            assert!(e.0[0].message_en.contains("Big5"), "{text}: {e}");
            assert!(e.0[0].message_zh.contains("CSV UTF-8"), "{text}");
        }
        for text in ["学校", "学校名,生徒数\n第一小学校,420\n"] {
            let e = decode_text("j.csv", &enc(SHIFT_JIS, text)).unwrap_err();
            assert!(e.0[0].message_en.contains("Shift-JIS"), "{text}: {e}");
        }
    }

    #[test]
    fn utf16_with_and_without_bom_is_decoded() {
        let text = "编号,名称\nC1,托育中心\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for (bytes, want) in [
            (
                [b"\xFF\xFE".as_slice(), &le].concat(),
                TextEncoding::Utf16Le,
            ),
            (
                [b"\xFE\xFF".as_slice(), &be].concat(),
                TextEncoding::Utf16Be,
            ),
            (le.clone(), TextEncoding::Utf16Le),
            (be.clone(), TextEncoding::Utf16Be),
        ] {
            assert_eq!(decode_text("u.csv", &bytes).unwrap(), (text.into(), want));
        }
        // An odd number of bytes after the mark; a stray NUL in UTF-8 text is kept (the readers
        // locate it in the cell it is in).
        assert!(decode_text("u.csv", b"\xFF\xFEa\0b").is_err());
        let (s, e) = decode_text("x.csv", "id,name\nC\u{0}1,托育\n".as_bytes()).unwrap();
        assert_eq!(
            (s.as_str(), e),
            ("id,name\nC\u{0}1,托育\n", TextEncoding::Utf8)
        );
    }
}
