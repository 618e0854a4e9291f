//! The shipped national.bin is exactly what the committed sources build, every record reads
//! back as published (checked against a direct read of the source files), and a malformed
//! source row stops the build with a located error.

use junheng_reference::build::{self, paths, BuildError, Inputs};
use junheng_reference::{embedded, national};
use serde_json::Value;

fn inputs() -> Inputs {
    Inputs::read(&build::repo_root()).expect("sources readable")
}

fn source(rel: &str) -> String {
    std::fs::read_to_string(build::repo_root().join(rel)).unwrap()
}

#[test]
fn committed_national_bin_is_what_the_sources_build() {
    let built = build::build(&inputs()).expect("sources build");
    let committed = std::fs::read(build::repo_root().join(paths::OUTPUT)).unwrap();
    assert!(
        built.bytes == committed,
        "data/reference/national.bin ({} bytes) differs from what the sources build ({} bytes); \
         run `cargo run -p junheng-reference --features build --bin build-reference`",
        committed.len(),
        built.bytes.len()
    );
    assert!(
        embedded() == committed.as_slice(),
        "the embedded copy is stale: rebuild the crate"
    );
    let r = &built.report;
    assert_eq!(
        (r.counties, r.townships, r.census_counties),
        (2_978, 41_352, 2_943)
    );
    assert_eq!((r.outlines, r.seats, r.bulletin_rows), (2_748, 3_252, 111));
    // 45 uncoded special areas plus the national row.
    assert_eq!(r.census_uncoded_skipped, 46);
    assert!(r.names.disagreements.is_empty());
    assert!(r.names.from_datav.is_empty(), "{:?}", r.names.from_datav);
    assert_eq!(
        r.names.pseudo,
        [
            (419_000, "省直辖县级行政区划".to_string()),
            (429_000, "省直辖县级行政区划".to_string()),
            (469_000, "省直辖县级行政区划".to_string()),
            (659_000, "自治区直辖县级行政区划".to_string()),
        ]
    );
}

/// Same nesting and the same f64 at every leaf (so 114.5714 read from the source text equals
/// the decoded 1145714 / 1e4).
fn same_geometry(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_geometry(p, q))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => false,
    }
}

#[test]
fn every_outline_reads_back_as_published() {
    let doc: Value = serde_json::from_str(&source(paths::OUTLINES)).unwrap();
    let n = national();
    let features = doc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2_748);
    for f in features {
        let code = match &f["properties"]["adcode"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let got = n.outline(&code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(got["type"], f["geometry"]["type"], "{code}");
        assert!(
            same_geometry(&got["coordinates"], &f["geometry"]["coordinates"]),
            "{code}: coordinates differ from the source"
        );
    }
}

#[test]
fn census_rows_read_back_as_published() {
    let text = source(paths::CENSUS);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let cells: Vec<usize> = (20..58).collect(); // 男_0岁 … 女_85岁以上, interleaved by sex
    assert_eq!(&headers[20], "男_0岁");
    assert_eq!(&headers[57], "女_85岁以上");
    let n = national();
    let mut seen = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let code = &rec[col("区划代码")];
        if code == "NA" || code.ends_with("00") {
            continue;
        }
        seen += 1;
        let row = n.census(code).unwrap();
        assert_eq!(row.name, rec[col("区县")]);
        assert_eq!(row.total.to_string(), rec[col("人口数_合计")]);
        let opt = |s: &str| (s != "NA").then(|| s.parse::<u64>().unwrap());
        assert_eq!(row.urban, opt(&rec[col("城镇人口")]));
        assert_eq!(row.rural, opt(&rec[col("乡村人口")]));
        for (k, i) in cells.iter().enumerate() {
            let published = opt(&rec[*i]).unwrap_or(0);
            let band = k / 2;
            let got = if k % 2 == 0 {
                row.population.male[band]
            } else {
                row.population.female[band]
            };
            assert_eq!(got, published, "{code} {}", &headers[*i]);
        }
    }
    assert_eq!(seen, 2_943);
}

#[test]
fn townships_and_seats_read_back_as_published() {
    let n = national();
    let text = source(paths::TOWNSHIPS);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let all = n.all_townships();
    let mut i = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        assert_eq!((&all[i].code[..], &all[i].name[..]), (&rec[0], &rec[1]));
        i += 1;
    }
    assert_eq!(i, 41_352);

    let text = source(paths::CENTROIDS);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let seat = n.seat(&rec[0]).unwrap();
        assert_eq!(seat.lon, rec[4].parse::<f64>().unwrap(), "{}", &rec[0]);
        assert_eq!(seat.lat, rec[5].parse::<f64>().unwrap(), "{}", &rec[0]);
        rows += 1;
    }
    assert_eq!(rows, 3_252);
}

/// 1-based line of the first line of `text` starting with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

fn build_err(inputs: &Inputs) -> BuildError {
    match build::build(inputs) {
        Ok(_) => panic!("a malformed source was accepted"),
        Err(e) => e,
    }
}

fn replace_once(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replacen(from, to, 1).into_bytes()
}

#[test]
fn a_bad_county_code_is_located() {
    let mut i = inputs();
    let line = line_of(&source(paths::COUNTIES), "331125,");
    i.counties = replace_once(&i.counties, "331125,\"云和县\"", "33112X,\"云和县\"");
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:{line}:code: expected a 6-digit code, found \"33112X\"",
            paths::COUNTIES
        )
    );
    assert_eq!(
        e.located("zh"),
        format!(
            "{}:{line}:code: 应为 6 位数字代码，实为“33112X”",
            paths::COUNTIES
        )
    );
}

#[test]
fn a_township_outside_its_county_is_located() {
    let mut i = inputs();
    let line = line_of(&source(paths::TOWNSHIPS), "331125001,");
    i.townships = replace_once(
        &i.townships,
        "331125001,\"浮云街道\",331125",
        "331125001,\"浮云街道\",331126",
    );
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:{line}:areaCode: township 331125001 does not lie in county 331126",
            paths::TOWNSHIPS
        )
    );
}

#[test]
fn a_census_cell_that_breaks_the_sex_total_is_located() {
    let mut i = inputs();
    let text = source(paths::CENSUS);
    let line = line_of(&text, "331125,");
    // 男_0岁 of 云和县 is 526; 527 no longer adds up to 人口数_男 67,647.
    let row = text.lines().nth(line - 1).unwrap();
    let mut cells: Vec<&str> = row.split(',').collect();
    assert_eq!((cells[5], cells[20]), ("67647", "526"));
    cells[20] = "527";
    let changed = cells.join(",");
    i.census = replace_once(&i.census, row, &changed);
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:{line}:人口数_男: the male age cells sum to 67648, not 67647",
            paths::CENSUS
        )
    );
    assert_eq!(
        e.located("zh"),
        format!(
            "{}:{line}:人口数_男: 男性各年龄组人数之和 67648 不等于 67647",
            paths::CENSUS
        )
    );
}

#[test]
fn a_bulletin_that_no_longer_sums_is_located() {
    let mut i = inputs();
    let text = source(paths::BULLETINS);
    let line = line_of(&text, "宁夏回族自治区,640522,");
    i.bulletins = replace_once(
        &i.bulletins,
        ",海城镇,640522100,海城镇,19691,",
        ",海城镇,640522100,海城镇,19692,",
    );
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:{line}:pop_2020: the townships of 640522 sum to 333519, not the county total 333518",
            paths::BULLETINS
        )
    );
}

#[test]
fn an_outline_point_off_the_grid_is_located() {
    let mut i = inputs();
    // The first point of the first feature (长安区 130102).
    i.outlines = replace_once(
        &i.outlines,
        "[[[114.5714,38.1164],[114.6732",
        "[[[114.57141,38.1164],[114.6732",
    );
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:1:geometry.coordinates: coordinate 114.57141 has more than four decimals",
            paths::OUTLINES
        )
    );
}

#[test]
fn a_source_missing_from_the_readme_is_located() {
    let mut i = inputs();
    let readme = source(paths::README);
    let header = line_of(&readme, "| dataset | file |");
    let row = readme
        .lines()
        .find(|l| l.contains(paths::BULLETINS))
        .unwrap();
    i.readme = replace_once(&i.readme, &format!("{row}\n"), "");
    let e = build_err(&i);
    assert_eq!(
        e.located("en"),
        format!(
            "{}:{header}:file: the sources table does not list {}",
            paths::README,
            paths::BULLETINS
        )
    );
}
