//! Files that once crashed a reader or exhausted memory, replayed through every reader: each
//! must end in a located refusal (or a result within the limits), never a panic or an abort.
//! `bench/fuzz.sh` saves what a long mutation run breaks here; `make_xlsx.py` regenerates the
//! hand-made ones.

mod common;

use std::path::PathBuf;
use std::time::Instant;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/regressions")
}

fn files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "py" && e != "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_regression_file_is_refused_or_read_by_every_reader() {
    let files = files();
    assert!(files.len() >= 10, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        for reader in common::READERS {
            let t = Instant::now();
            let _ = common::run(reader, name, &bytes);
            // Each is refused from its header or first cells: no reader spends long on one.
            assert!(
                t.elapsed().as_secs_f64() < 20.0,
                "{} took {:?} on {name}",
                reader.name,
                t.elapsed()
            );
        }
    }
}

/// What each hand-made file is refused for, through the table reader (as the import and the
/// preview_import command read it).
#[test]
fn the_xlsx_bombs_are_refused_for_what_they_are() {
    let expect = [
        (
            "bomb_xfd.xlsx",
            "the sheet claims the range A1:XFD1048576, 1048576 rows × 16384 columns, beyond the limits",
        ),
        (
            "bomb_liar.xlsx",
            "cell Z1048576 makes the table 1048576 rows × 26 columns, beyond the limits",
        ),
        (
            "bomb_wide.xlsx",
            "cell XFD1 makes the table 1 rows × 16384 columns, beyond the limits",
        ),
        (
            "overflow_ref.xlsx",
            "xl/worksheets/sheet1.xml: the row reference `99999999999` is malformed or outside Excel's grid",
        ),
        (
            "overflow_dim.xlsx",
            "xl/worksheets/sheet1.xml: the dimension reference `A1:A99999999999` is malformed",
        ),
        (
            "overflow_row.xlsx",
            "xl/worksheets/sheet1.xml: the row reference `4294967297` is malformed",
        ),
        (
            "reversed_dim.xlsx",
            "xl/worksheets/sheet1.xml: the dimension reference `B2:A1` is malformed",
        ),
        (
            "shared_string_value_across_tags.xlsx",
            "a cell refers to shared string 25331125002, the workbook has 114",
        ),
        (
            "shared_string_value_unclosed.xlsx",
            "a cell refers to shared string",
        ),
        (
            "zipbomb_shared_strings.xlsx",
            "the XLSX content inflates to more than 128.0 MiB (a zip bomb?)",
        ),
    ];
    for (file, want) in expect {
        let bytes = std::fs::read(dir().join(file)).unwrap();
        let e = junheng_io::Table::read(file, &bytes).unwrap_err();
        assert!(e.0[0].message_en.starts_with(want), "{file}: {e}");
        let p = junheng_io::preview_table(junheng_io::TableKind::Facilities, file, &bytes);
        assert_eq!(
            p.unwrap_err(),
            e,
            "{file}: the preview refuses it the same way"
        );
    }
    let e = junheng_io::read_orlib(
        "orlib_huge_header.txt",
        &std::fs::read(dir().join("orlib_huge_header.txt")).unwrap(),
    )
    .unwrap_err();
    assert!(e.0[0]
        .message_en
        .starts_with("100000 points are beyond the limit"));
}
