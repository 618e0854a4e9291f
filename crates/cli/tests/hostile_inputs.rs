//! Hostile and careless files through the command line: each ends in located one-line errors and
//! exit 1 — no abort, no panic, no flood of output — and a refused import leaves the database
//! byte-identical.

mod common;
use common::junheng;

struct Demo {
    dir: tempfile::TempDir,
    db: String,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db").to_str().unwrap().to_string();
    assert_eq!(junheng(&["demo", "--db", &db]).0, 0);
    Demo { dir, db }
}

impl Demo {
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    /// Imports `file` as `kind`; the import must fail and leave the database as it was.
    fn refused(&self, kind: &str, file: &str) -> Vec<String> {
        let before = std::fs::read(&self.db).unwrap();
        let (code, out, err) = junheng(&["import", kind, file, "--db", &self.db]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(
            std::fs::read(&self.db).unwrap() == before,
            "the database changed"
        );
        assert!(!err.contains("panicked"), "{err}");
        err.lines().map(str::to_string).collect()
    }
}

const HEADER: &str = "id,name,kind,township_code,lon,lat,ownership,inclusive,status,opening_year,service_mode,registered_slots,infant_classes,caregivers";

#[test]
fn values_beyond_their_domain_are_refused_on_import() {
    let d = demo();
    // 500,000,000 乳儿班 used to import and then overflow every assessment.
    let f = d.write(
        "f.csv",
        format!("{HEADER}\nC9,新托育点,childcare_institution,331125001,119.58,28.12,public,true,existing,2024,full_day,,500000000,20\n")
            .as_bytes(),
    );
    let lines = d.refused("facilities", &f);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with(":2:infant_classes: infant classes above the limit: must be between 0 and 200 (\"500000000\")"),
        "{lines:?}"
    );
    // A name of 10,000 characters, then NUL and BEL in ids.
    let f = d.write(
        "g.csv",
        format!(
            "{HEADER}\nC9,{},childcare_institution,331125001,119.58,28.12,public,true,existing,2024,full_day,,1,20\n",
            "名".repeat(10_000)
        )
        .as_bytes(),
    );
    let lines = d.refused("facilities", &f);
    assert!(
        lines[0].contains(":2:name: cell too long: 10000 characters, at most 1000"),
        "{lines:?}"
    );
    // The duplicated registered_slots column (150, then 7 under its Chinese name).
    let f = d.write(
        "h.csv",
        format!("{HEADER},核定托位\nC9,新托育点,childcare_institution,331125001,119.58,28.12,public,true,existing,2024,full_day,150,1,20,7\n")
            .as_bytes(),
    );
    let lines = d.refused("facilities", &f);
    assert!(
        lines[0].contains("columns `registered_slots` (column 12) and `核定托位` (column 15) both mean `registered_slots`"),
        "{lines:?}"
    );
    let f = d.write(
        "n.csv",
        format!("{HEADER}\nC\u{0}9,新托育点,childcare_institution,331125001,119.58,28.12,public,true,existing,2024,full_day,,1,20\n")
            .as_bytes(),
    );
    let lines = d.refused("facilities", &f);
    assert!(
        lines[0].contains(":2:id: id contains the control character U+0000"),
        "{lines:?}"
    );
    let f = d.write(
        "i.csv",
        format!("{HEADER}\nC\u{7}9,新托育点,childcare_institution,331125001,119.58,28.12,public,true,existing,2024,full_day,,1,20\n")
            .as_bytes(),
    );
    let lines = d.refused("facilities", &f);
    assert!(
        lines[0].contains(":2:id: id contains the control character U+0007"),
        "{lines:?}"
    );
}

#[test]
fn a_file_of_bad_rows_prints_200_errors_and_a_count() {
    let d = demo();
    // 400 rows of one cell each: eight errors a row and 399 repeated ids, 3,599 in all.
    let text = format!(
        "{}\n{}",
        &HEADER[..HEADER.find(",registered_slots").unwrap()],
        "x\n".repeat(400)
    );
    let f = d.write("bad.csv", text.as_bytes());
    let lines = d.refused("facilities", &f);
    assert_eq!(lines.len(), 201, "{:?}", &lines[..3]);
    assert_eq!(
        lines[200],
        format!("{f}: 3399 more error(s) not listed (only the first 200 are shown)")
    );
}

#[test]
fn xlsx_bombs_and_foreign_encodings_are_refused() {
    let d = demo();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../io/tests/regressions/");
    for (file, want) in [
        ("bomb_xfd.xlsx", "the sheet claims the range A1:XFD1048576"),
        (
            "overflow_ref.xlsx",
            "the row reference `99999999999` is malformed",
        ),
    ] {
        let bytes = std::fs::read(format!("{dir}{file}")).unwrap();
        let f = d.write(file, &bytes);
        let lines = d.refused("facilities", &f);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains(want), "{lines:?}");
        // The preview the import page shows first reads it the same way.
        let payload = serde_json::json!({
            "kind": "facilities",
            "file_name": file,
            "base64": base64_of(&bytes),
        });
        let (code, _, err) =
            junheng(&["rpc", "--db", &d.db, "preview_import", &payload.to_string()]);
        assert_ne!(code, 0);
        assert!(err.contains("input.invalid") && err.contains(want), "{err}");
    }
    let (big5, _, _) = encoding_rs::BIG5.encode("編號,名稱\nE1,雲和縣社會福利院\n");
    let f = d.write("big5.csv", &big5);
    let lines = d.refused("facilities", &f);
    assert!(
        lines[0].contains("Big5") && lines[0].contains("save it as CSV UTF-8 or GBK"),
        "{lines:?}"
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn engine_files_and_arguments_beyond_their_limits() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    // Used to abort on an 80 GB allocation.
    let f = write("huge.txt", "100000 1 5\n1 2 10\n");
    let (code, _, err) = junheng(&["locate", "pmedian", "--orlib", &f]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!("{f}:1:n: 100000 points are beyond the limit: the distance matrix (points × points) may hold 16000000 entries, i.e. 4000 points (value: \"100000\")")
    );
    // --p 0 used to answer "covered: -0.0".
    let pts = write("p.csv", "id,x,y,demand\na,0,0,1\nb,1,0,1\n");
    let (code, _, err) = junheng(&[
        "locate", "mclp", "--points", &pts, "--radius", "1", "--p", "0",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "error[cli.bad_argument]: --p: p (sites to open) must be between 1 and 2 (the candidates), got 0"
    );
    let (code, _, err) = junheng(&[
        "locate",
        "mclp",
        "--points",
        &pts,
        "--radius=-1",
        "--p",
        "1",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error[cli.bad_argument]: --radius: radius must be between 0"),
        "{err}"
    );
    // 99,999,999,999 births used to be projected.
    let births = write("b.csv", "year,births\n2021,99999999999\n");
    let census = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/demo/census_331125.csv"
    );
    let (code, _, err) = junheng(&[
        "project", "--census", census, "--region", "331125", "--births", &births,
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!("{births}:2:births: births above the limit: must be between 0 and 30000000 (value: \"99999999999\")")
    );
}
