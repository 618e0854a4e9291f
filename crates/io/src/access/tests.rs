use std::path::{Path, PathBuf};

use junheng_core::access::CostMatrix;

use super::*;

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Demand a,b,c (10, 20, 30), supply x,y (1, 2).
    fn base(&self) -> (PathBuf, PathBuf) {
        (
            self.write("d.csv", "id,value\na,10\nb,20\nc,30\n"),
            self.write("s.csv", "id,value\nx,1\ny,2\n"),
        )
    }
}

fn located(e: &InputErrors) -> Vec<String> {
    e.0.iter().map(|e| e.located("en")).collect()
}

/// The file name as errors show it.
fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn access_files_become_ids_values_and_a_csr_matrix() {
    let f = Files::new();
    let (d, s) = f.base();
    // Origins out of demand order, destinations out of order inside a row, a quoted id, a
    // blank line, CRLF endings and an extra column.
    let c = f.write(
        "c.csv",
        "note,origin,destination,cost\r\n,c,y,7.5\r\n,\"a\",y,2\r\n\r\n,a,x,1.25\r\n,b,x,0\r\n",
    );
    let got = read_access_inputs(&d, &s, &c).unwrap();
    assert_eq!(got.demand, [10.0, 20.0, 30.0]);
    assert_eq!(got.supply, [1.0, 2.0]);
    let ids: Vec<&str> = (0..3).map(|i| got.demand_id(i)).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let want =
        CostMatrix::from_triplets(3, 2, [(0, 0, 1.25), (0, 1, 2.0), (1, 0, 0.0), (2, 1, 7.5)]);
    assert_eq!(Ok(got.costs), want);
    // Ids both files share are interned once.
    let s2 = f.write("s2.csv", "id,value\nb,5\n");
    let c2 = f.write("c2.csv", "origin,destination,cost\nb,b,3\n");
    let got = read_access_inputs(&d, &s2, &c2).unwrap();
    assert_eq!(got.ids.len(), 3);
    assert_eq!(got.supply_ids, [1]);
    assert_eq!(got.costs.get(1, 0), Some(3.0));
}

#[test]
fn access_bad_cells_are_located_in_row_order() {
    let f = Files::new();
    let d = f.write("d.csv", "id,value\na,10\n\na,x\n,5\nb,-1\n");
    let s = f.write("s.csv", "\u{feff}id,value\nx,1\ny,2\n");
    let c = f.write(
        "c.csv",
        "origin,destination,cost\nb,y,2\nb,x,3\nq,x,1\na,z,\nb,y,4\n\"b\",x,-2\n",
    );
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    let (d, c) = (shown(&d), shown(&c));
    assert_eq!(
        located(&e),
        [
            format!("{d}:4:id: duplicate id (first seen on row 2) (value: \"a\")"),
            format!("{d}:4:value: expected a number (value: \"x\")"),
            format!("{d}:5:id: must not be empty"),
            format!("{d}:6:value: expected a non-negative number, got a negative one (value: \"-1\")"),
            format!("{c}:4:origin: no such id in the demand file (value: \"q\")"),
            format!("{c}:5:cost: must not be empty: expected a non-negative number"),
            format!("{c}:5:destination: no such id in the supply file (value: \"z\")"),
            format!("{c}:6:destination: duplicate origin–destination pair (first seen on row 2) (value: \"y\")"),
            format!("{c}:7:cost: expected a non-negative number, got a negative one (value: \"-2\")"),
            format!("{c}:7:destination: duplicate origin–destination pair (first seen on row 3) (value: \"x\")"),
        ]
    );
    // Chinese by default.
    assert_eq!(
        e.0[0].located("zh"),
        format!("{d}:4:id: 编号重复（首次出现在第 2 行）（值：\"a\"）")
    );
}

#[test]
fn access_headers_missing_repeated_or_absent_are_refused() {
    let f = Files::new();
    let (d, s) = f.base();
    let c = f.write("c.csv", "origin,cost,origin\na,x,1\n");
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    let c = shown(&c);
    assert_eq!(
        located(&e),
        [
            format!("{c}:1:origin: column `origin` appears more than once (columns 1 and 3)"),
            format!("{c}:1:destination: missing required column `destination`"),
        ]
    );
    let empty = f.write("e.csv", "\n\n");
    let e = read_access_inputs(&d, &s, &empty).unwrap_err();
    assert_eq!(
        located(&e),
        [format!(
            "{}:1:: the file is empty: no header row",
            shown(&empty)
        )]
    );
    let gone = f.dir.path().join("missing.csv");
    let e = read_access_inputs(&gone, &s, &empty).unwrap_err();
    assert!(located(&e)[0].starts_with(&format!("{}:1:: cannot read the file:", shown(&gone))));
}

#[test]
fn access_gbk_files_are_read_and_a_late_gbk_byte_rereads_the_cost_file() {
    let f = Files::new();
    let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
    let d = f.write("d.csv", gbk("id,value\n城关镇,100\n石塘镇,50\n"));
    let s = f.write("s.csv", "id,value\n养老院,30\n");
    // The first rows are plain ASCII (valid UTF-8); only row 4 shows the file is GBK.
    let mut cost = String::from("origin,destination,cost\n");
    cost.push_str(",,\n");
    let c = f.write(
        "c.csv",
        [
            cost.into_bytes(),
            gbk("城关镇,养老院,1.5\n石塘镇,养老院,2\n"),
        ]
        .concat(),
    );
    // Demand and costs in GBK, supply in UTF-8: each file's own encoding counts, and the ids
    // meet as text.
    let got = read_access_inputs(&d, &s, &c).unwrap();
    assert_eq!(got.demand_id(1), "石塘镇");
    assert_eq!(got.ids.get(got.supply_ids[0]), "养老院");
    assert_eq!(got.costs.get(0, 0), Some(1.5));
    assert_eq!(got.costs.get(1, 0), Some(2.0));
    // Neither UTF-8 nor GBK: located at its row.
    let bad = f.write(
        "bad.csv",
        b"origin,destination,cost\n\x81\x20,x,1\n".as_slice(),
    );
    let e = read_access_inputs(&d, &s, &bad).unwrap_err();
    assert_eq!(
        located(&e),
        [format!(
            "{}:2:: the file is neither UTF-8 nor GBK text",
            shown(&bad)
        )]
    );
}

#[test]
fn access_errors_stop_being_listed_after_the_cap() {
    let f = Files::new();
    let (d, s) = f.base();
    let mut text = String::from("origin,destination,cost\n");
    for _ in 0..1000 {
        text.push_str("a,x,oops\n");
    }
    let c = f.write("c.csv", text);
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    // 1 000 bad costs and 999 repeated pairs: 200 listed, the rest counted.
    assert_eq!(e.0.len(), MAX_ACCESS_ERRORS + 1);
    let last = located(&e).pop().unwrap();
    assert_eq!(
        last,
        format!(
            "{}:202:: 1799 more errors not listed (at most 200 per file)",
            shown(&c)
        )
    );
}

#[test]
fn access_limits_on_ids_and_rows_are_located() {
    let f = Files::new();
    let long = "9".repeat(MAX_ACCESS_ID_BYTES + 1);
    let d = f.write("d.csv", format!("id,value\na,1\n{long},2\n"));
    let s = f.write("s.csv", "id,value\nx,1\n");
    let c = f.write(
        "c.csv",
        format!(
            "origin,destination,cost\na,x,1\na,\"{}\n",
            "y".repeat(MAX_ACCESS_ROW_BYTES)
        ),
    );
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    assert_eq!(
        located(&e),
        [
            format!(
                "{}:3:id: the id is too long (201 bytes); at most 200",
                shown(&d)
            ),
            format!(
                "{}:3:: the row is longer than 65536 bytes (an unclosed quote?)",
                shown(&c)
            ),
        ]
    );
}

#[test]
fn access_xlsx_inputs_read_like_csv() {
    let f = Files::new();
    let (d, s) = f.base();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["origin", "destination", "cost"],
        ["b", "y", "4"],
        ["a", "x", "-1"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(x) => sheet.write_number(r as u32, c as u16, x).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, *v).unwrap(),
            };
        }
    }
    let c = f.write("c.xlsx", book.save_to_buffer().unwrap());
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    assert_eq!(
        located(&e),
        [format!(
            "{}:3:cost: expected a non-negative number, got a negative one (value: \"-1\")",
            shown(&c)
        )]
    );
}

/// A cost file big enough to be read in two halves: the result equals the matrix built from the
/// same triplets, and errors in the second half carry their own row numbers.
#[test]
fn access_two_halves_give_the_rows_and_errors_of_one_pass() {
    let f = Files::new();
    let n = 300;
    let mut demand = String::from("id,value\n");
    for i in 0..n {
        demand.push_str(&format!("t{i:04},{i}\n"));
    }
    let d = f.write("d.csv", &demand);
    let s = f.write("s.csv", &demand);
    let mut cost = String::from("origin,destination,cost\n");
    let mut triplets = Vec::new();
    for i in 0..n {
        for j in (0..n).filter(|j| (i * 7 + j * 3) % 5 != 0) {
            let c = ((i * 31 + j * 17) % 1000) as f64 / 8.0;
            cost.push_str(&format!("t{i:04},t{j:04},{c}\n"));
            triplets.push((i, j, c));
        }
    }
    let size = cost.len();
    assert!(size as u64 > super::halves::MIN_BYTES * 4, "{size}");
    let c = f.write("c.csv", &cost);
    let got = read_access_inputs(&d, &s, &c).unwrap();
    assert_eq!(
        Ok(got.costs),
        CostMatrix::from_triplets(n, n, triplets.clone())
    );

    // Two bad cells, one in each half; their rows are counted from the file's start.
    let lines: Vec<&str> = cost.lines().collect();
    let (early, late) = (10, lines.len() - 10);
    let mut bad: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let origin = lines[early].split(',').next().unwrap();
    bad[early] = format!("{origin},nope,1");
    bad[late] = format!("{},-3", lines[late].rsplit_once(',').unwrap().0);
    // No final line break: the last row ends with the file.
    let c = f.write("bad.csv", bad.join("\n"));
    let e = read_access_inputs(&d, &s, &c).unwrap_err();
    let c = shown(&c);
    assert_eq!(
        located(&e),
        [
            format!(
                "{c}:{}:destination: no such id in the supply file (value: \"nope\")",
                early + 1
            ),
            format!(
                "{c}:{}:cost: expected a non-negative number, got a negative one (value: \"-3\")",
                late + 1
            ),
        ]
    );

    // A quoted cell holding a line break where the file is cut: the halves are not used, and one
    // pass reads the quoted id (trimmed: "t0000") as one row.
    let half = cost.len() / 2;
    let at = cost[..half].rfind('\n').unwrap() + 1;
    let record = format!("\"t0000{}\n\",t0000,1\n", " ".repeat(4000));
    let quoted = format!("{}{record}{}", &cost[..at], &cost[at..]);
    let inner = at + record.find('\n').unwrap();
    let mid = quoted.len() / 2;
    assert!(
        at <= mid && quoted[mid..].find('\n').unwrap() + mid == inner,
        "cut inside the quote"
    );
    let c = f.write("quoted.csv", &quoted);
    let got = read_access_inputs(&d, &s, &c).unwrap();
    triplets.push((0, 0, 1.0));
    assert_eq!(Ok(got.costs), CostMatrix::from_triplets(n, n, triplets));
}
