//! Mutation tests of every reader: real sample files with bytes flipped, lines cut, duplicated
//! or deleted, fields replaced by huge, negative, non-finite or odd values, control characters,
//! long cells and other encodings — and XLSX workbooks whose sheet XML is mutated the same way.
//! Every input must end in a located refusal within the error limit or in values that pass
//! the domains; none may panic. The number of cases per reader is `PROPTEST_CASES` (default
//! [`DEFAULT_CASES`], which keeps the whole file to a few seconds); `bench/fuzz.sh` runs them for
//! minutes and saves what breaks into tests/regressions.

mod common;

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

const DEFAULT_CASES: u32 = 40;

fn config() -> Config {
    let mut c = Config::default();
    if std::env::var("PROPTEST_CASES").is_err() {
        c.cases = DEFAULT_CASES;
    }
    // Failing inputs are saved as files by the harness (FUZZ_SAVE_DIR), not as seeds.
    c.failure_persistence = Some(Box::new(FileFailurePersistence::Off));
    c
}

/// Values that have broken readers elsewhere: beyond u32/u64/f64, signs, non-numbers, quotes,
/// separators, control characters, cell references, brackets, another script.
const TOKENS: &[&str] = &[
    "99999999999",
    "4294967296",
    "4294967295",
    "18446744073709551616",
    "500000000",
    "-1",
    "-0",
    "0",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "inf",
    "-inf",
    "1.5",
    "",
    "\"",
    "\"\"",
    ",",
    ";",
    "\u{0}",
    "\u{7}",
    "\t",
    "\r",
    "\u{feff}",
    "\u{7f}",
    "名",
    "養老院",
    "A99999999999",
    "XFD1048576",
    "]]]]",
    "{{{{",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "9999999999999999999999999999999999",
    "331125001",
    "是",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(Index, u8),
    SetByte(Index, u8),
    Truncate(Index),
    DuplicateLine(Index, u8),
    DeleteLine(Index),
    ReplaceField(Index, Index, usize),
    Insert(Index, usize),
    LongCell(Index, u16),
    Encode(u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), 1u8..4).prop_map(|(i, n)| Mutation::DuplicateLine(i, n)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        4 => (any::<Index>(), any::<Index>(), 0..TOKENS.len())
            .prop_map(|(l, f, t)| Mutation::ReplaceField(l, f, t)),
        1 => (any::<Index>(), 0..TOKENS.len()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => (any::<Index>(), 1u16..3000).prop_map(|(i, n)| Mutation::LongCell(i, n)),
        1 => (0u8..6).prop_map(Mutation::Encode),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..6)
}

fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::FlipBit(i, b) if !bytes.is_empty() => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << b;
        }
        Mutation::SetByte(i, v) if !bytes.is_empty() => {
            let at = i.index(bytes.len());
            bytes[at] = *v;
        }
        Mutation::Truncate(i) if !bytes.is_empty() => {
            let at = i.index(bytes.len());
            bytes.truncate(at);
        }
        Mutation::DuplicateLine(i, n) => {
            let mut lines = lines_of(bytes);
            let at = i.index(lines.len());
            let line = lines[at].clone();
            for _ in 0..*n {
                lines.insert(at, line.clone());
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::DeleteLine(i) => {
            let mut lines = lines_of(bytes);
            if lines.len() > 1 {
                lines.remove(i.index(lines.len()));
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::ReplaceField(l, f, t) => {
            let mut lines = lines_of(bytes);
            let at = l.index(lines.len());
            let sep = if lines[at].contains(&b',') {
                b','
            } else {
                b' '
            };
            let mut fields: Vec<Vec<u8>> =
                lines[at].split(|b| *b == sep).map(<[u8]>::to_vec).collect();
            let k = f.index(fields.len());
            fields[k] = TOKENS[*t].as_bytes().to_vec();
            lines[at] = fields.join(&sep);
            *bytes = lines.join(&b'\n');
        }
        Mutation::Insert(i, t) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, TOKENS[*t].bytes());
        }
        Mutation::LongCell(i, n) => {
            let at = i.index(bytes.len() + 1);
            let long = "名".repeat(*n as usize);
            bytes.splice(at..at, long.bytes());
        }
        Mutation::Encode(e) => {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return;
            };
            *bytes = match e {
                0 => encoding_rs::GBK.encode(text).0.into_owned(),
                1 => encoding_rs::BIG5.encode(text).0.into_owned(),
                2 => encoding_rs::SHIFT_JIS.encode(text).0.into_owned(),
                3 => [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                4 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                _ => [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect(),
            };
        }
        _ => {}
    }
}

fn mutate(seed: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in ms {
        apply(&mut b, m);
    }
    b
}

// ---------------------------------------------------------------------------------------------
// Seeds: the repository's real sample files and small tables in each reader's format.

const FACILITIES: &[u8] = include_bytes!("../../../data/demo/facilities.csv");
const SCHOOLS: &[u8] = include_bytes!("../../../data/demo/school_sections.csv");
const CENSUS: &[u8] = include_bytes!("../../../data/demo/census_331125.csv");
const TOWNSHIPS: &[u8] = include_bytes!("../../../data/demo/townships.geojson");
const PMED1: &[u8] = include_bytes!("../../core/tests/data/locate/pmed1.txt");
const SJC1: &[u8] = include_bytes!("../../core/tests/data/locate/SJC1");
const PMEDCAP1: &[u8] = include_bytes!("../../core/tests/data/locate/pmedcap1_1.txt");
const SJC324: &[u8] = include_bytes!("../../core/tests/data/mclp/SJC324.txt");
const SWAIN: &[u8] = include_bytes!("../../core/tests/data/mclp/swain.dat");
const ZONES: &[u8] = "乡镇（街道）代码,名称,常住人口\n331125001,浮云街道,52000\n331125002,元和街道,31000\n331125003,白龙山街道,14000\n".as_bytes();
const BIRTHS: &[u8] = b"year,births\n2021,1062\n2022,956\n2023,902\n";
const MIGRATION: &[u8] =
    b"year,sex,age,net\n2022,male,20,150\n2022,female,100,-3.5\n2023,\xe7\x94\xb7,0,2\n";
const POINTS: &[u8] = b"id,x,y,demand,candidate,fixed\na,0,0,1,1,1\nb,1,0,1,1,0\nc,2,0,1,0,0\n";

fn hukou() -> &'static [u8] {
    static H: OnceLock<Vec<u8>> = OnceLock::new();
    H.get_or_init(|| {
        let mut s = String::from("年龄组,男,女\n");
        for (i, b) in junheng_core::CENSUS_BANDS.iter().enumerate() {
            s.push_str(&format!("{},{},{}\n", b.label(), 1000 + i, 1100 + i));
        }
        s.into_bytes()
    })
}

/// The XLSX parts of a CSV seed written by rust_xlsxwriter (as Excel would), for mutating the
/// sheet XML and shared strings as text.
fn xlsx_parts(csv: &[u8]) -> Vec<(String, Vec<u8>)> {
    let table = junheng_io::Table::read("seed.csv", csv).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in table.original_headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, v) in row.cells.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(x) => sheet.write_number(r, c, x).unwrap(),
                Err(_) => sheet.write_string(r, c, v).unwrap(),
            };
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, b) in parts {
        w.start_file(name.as_str(), stored).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A mutated workbook: the mutations go to the sheet or the shared strings (by the first
/// mutation's choice), or with `raw` to the zip bytes themselves.
fn mutate_xlsx(parts: &[(String, Vec<u8>)], ms: &[Mutation], raw: bool) -> Vec<u8> {
    if raw {
        return mutate(&zip_parts(parts), ms);
    }
    let target = match ms.first() {
        Some(Mutation::FlipBit(..) | Mutation::SetByte(..)) => "xl/sharedStrings.xml",
        _ => "xl/worksheets/sheet1.xml",
    };
    let mut parts = parts.to_vec();
    for (name, b) in parts.iter_mut() {
        if name == target {
            // The sheet XML is one line: split it at elements so line mutations hit rows.
            let text = String::from_utf8_lossy(b).replace("<row", "\n<row");
            *b = mutate(text.as_bytes(), ms);
        }
    }
    zip_parts(&parts)
}

fn check(reader: &str, file: &str, bytes: &[u8]) {
    let _ = common::run(common::reader(reader), file, bytes);
}

// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn facilities_csv_and_preview(ms in mutations()) {
        let b = mutate(FACILITIES, &ms);
        check("facilities", "f.csv", &b);
        check("preview", "f.csv", &b);
        check("table", "f.csv", &b);
    }

    #[test]
    fn facilities_xlsx(ms in mutations(), raw in proptest::bool::weighted(0.2)) {
        static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
        let b = mutate_xlsx(PARTS.get_or_init(|| xlsx_parts(FACILITIES)), &ms, raw);
        check("facilities", "f.xlsx", &b);
        check("preview", "f.xlsx", &b);
    }

    #[test]
    fn zones_csv_and_xlsx(ms in mutations()) {
        static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
        check("zones", "z.csv", &mutate(ZONES, &ms));
        check("zones", "z.xlsx", &mutate_xlsx(PARTS.get_or_init(|| xlsx_parts(ZONES)), &ms, false));
    }

    #[test]
    fn schools(ms in mutations()) {
        static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
        check("schools", "s.csv", &mutate(SCHOOLS, &ms));
        check("schools", "s.xlsx", &mutate_xlsx(PARTS.get_or_init(|| xlsx_parts(SCHOOLS)), &ms, false));
    }

    #[test]
    fn hukou_bands(ms in mutations()) {
        check("hukou", "h.csv", &mutate(hukou(), &ms));
    }

    #[test]
    fn census(ms in mutations()) {
        check("census", "c.csv", &mutate(CENSUS, &ms));
    }

    #[test]
    fn births_and_migration(ms in mutations()) {
        check("births", "b.csv", &mutate(BIRTHS, &ms));
        check("migration", "m.csv", &mutate(MIGRATION, &ms));
    }

    #[test]
    fn boundaries_geojson(ms in mutations()) {
        let b = mutate(TOWNSHIPS, &ms);
        check("boundaries", "t.geojson", &b);
        check("township_features", "t.geojson", &b);
    }

    #[test]
    fn orlib_pmedian(ms in mutations()) {
        check("orlib", "pmed1.txt", &mutate(PMED1, &ms));
    }

    #[test]
    fn capacitated_lorena_and_beasley(ms in mutations()) {
        check("lorena", "SJC1", &mutate(SJC1, &ms));
        check("beasley_cap", "pmedcap1_1.txt", &mutate(PMEDCAP1, &ms));
    }

    #[test]
    fn covering_sjc_swain_and_points(ms in mutations()) {
        check("sjc", "SJC324.txt", &mutate(SJC324, &ms));
        check("swain", "swain.dat", &mutate(SWAIN, &ms));
        check("cover_points", "p.csv", &mutate(POINTS, &ms));
    }
}

/// The seeds themselves are read (so the mutations start from valid files, and a reader that
/// refuses everything would fail here).
#[test]
fn every_seed_is_accepted() {
    for (reader, file, bytes) in [
        ("facilities", "f.csv", FACILITIES.to_vec()),
        ("facilities", "f.xlsx", zip_parts(&xlsx_parts(FACILITIES))),
        ("zones", "z.csv", ZONES.to_vec()),
        ("schools", "s.csv", SCHOOLS.to_vec()),
        ("hukou", "h.csv", hukou().to_vec()),
        ("census", "c.csv", CENSUS.to_vec()),
        ("births", "b.csv", BIRTHS.to_vec()),
        ("migration", "m.csv", MIGRATION.to_vec()),
        ("township_features", "t.geojson", TOWNSHIPS.to_vec()),
        ("orlib", "pmed1.txt", PMED1.to_vec()),
        ("lorena", "SJC1", SJC1.to_vec()),
        ("beasley_cap", "p.txt", PMEDCAP1.to_vec()),
        ("sjc", "SJC324.txt", SJC324.to_vec()),
        ("swain", "swain.dat", SWAIN.to_vec()),
        ("cover_points", "p.csv", POINTS.to_vec()),
    ] {
        if let Err(e) = common::run(common::reader(reader), file, &bytes) {
            panic!("{reader} refuses its seed {file}: {e}");
        }
    }
    // Re-encoded as GBK and UTF-16 the facility file still reads; as Big5 it is refused.
    let mut gbk = FACILITIES.to_vec();
    apply(&mut gbk, &Mutation::Encode(0));
    assert!(common::run(common::reader("facilities"), "f.csv", &gbk).is_ok());
    let mut utf16 = FACILITIES.to_vec();
    apply(&mut utf16, &Mutation::Encode(3));
    assert!(common::run(common::reader("facilities"), "f.csv", &utf16).is_ok());
    let mut big5 = FACILITIES.to_vec();
    apply(&mut big5, &Mutation::Encode(1));
    let e = common::run(common::reader("facilities"), "f.csv", &big5).unwrap_err();
    assert!(e.0[0].message_en.contains("Big5"), "{e}");
}
