//! A rejected import leaves the database byte-identical, whatever the format (CSV UTF-8, GBK CSV,
//! XLSX, GeoJSON) and whatever is wrong (headers, types, negative or non-numeric populations,
//! duplicate codes, unknown township codes, coordinates outside the county); every bad cell is
//! printed as FILE:ROW:COLUMN. Boundaries import converts WGS84 to the stored GCJ-02.

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

    /// Runs an import that must fail; returns stderr lines and checks the database bytes.
    fn rejected(&self, args: &[&str]) -> Vec<String> {
        let before = std::fs::read(&self.db).unwrap();
        let mut all = vec!["import"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--db", &self.db]);
        let (code, out, err) = junheng(&all);
        assert_eq!(code, 1, "{out}");
        assert!(
            std::fs::read(&self.db).unwrap() == before,
            "a rejected import changed the database"
        );
        err.lines().map(str::to_string).collect()
    }
}

fn located(lines: &[String]) -> Vec<String> {
    // FILE:ROW:COLUMN — the file part may contain ':' only on other systems; ours is a tmp path.
    lines
        .iter()
        .map(|l| {
            let rest = l
                .split_once(".csv:")
                .or_else(|| l.split_once(".xlsx:"))
                .or_else(|| l.split_once(".geojson:"))
                .map(|(_, r)| r)
                .unwrap_or(l);
            let mut parts = rest.splitn(3, ':');
            format!(
                "{}:{}",
                parts.next().unwrap_or(""),
                parts.next().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn zones_gbk_csv_with_negative_non_numeric_duplicate_and_unknown_codes() {
    let d = demo();
    let text = "乡镇（街道）代码,名称,常住人口\n331125001,浮云街道,-5\n331125002,元和街道,约三万\n331125002,元和街道,30000\n331125999,不存在,100\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let f = d.write("人口.csv", &gbk);
    let lines = d.rejected(&["zones", &f]);
    assert_eq!(
        located(&lines),
        [
            "2:常住人口",
            "3:常住人口",
            "4:乡镇（街道）代码",
            "5:乡镇（街道）代码"
        ],
        "{lines:?}"
    );
}

#[test]
fn zones_xlsx_with_wrong_headers() {
    let d = demo();
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "乡镇").unwrap();
    s.write_string(0, 1, "人口").unwrap();
    s.write_string(1, 0, "331125001").unwrap();
    s.write_number(1, 1, 1000.0).unwrap();
    let f = d.write("人口.xlsx", &book.save_to_buffer().unwrap());
    let lines = d.rejected(&["zones", &f]);
    assert_eq!(
        located(&lines),
        ["1:code", "1:resident_population"],
        "{lines:?}"
    );
}

#[test]
fn facilities_xlsx_with_wrong_types_and_a_point_outside_the_county() {
    let d = demo();
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    let header = [
        "编号",
        "名称",
        "类型",
        "乡镇（街道）代码",
        "经度",
        "纬度",
        "举办性质",
        "普惠",
        "状态",
        "开办年份",
        "服务模式",
        "床位",
        "护理型床位",
    ];
    for (c, h) in header.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [[&str; 13]; 2] = [
        [
            "E1",
            "新养老院",
            "养老机构",
            "331125001",
            "119.5888",
            "28.1523",
            "公办",
            "是",
            "现状",
            "2026",
            "",
            "一百",
            "80",
        ],
        [
            "E2",
            "县外养老院",
            "养老机构",
            "331125001",
            "121.0",
            "30.0",
            "公办",
            "是",
            "现状",
            "2026",
            "",
            "100",
            "80",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    let f = d.write("设施.xlsx", &book.save_to_buffer().unwrap());
    let lines = d.rejected(&["facilities", &f]);
    assert_eq!(located(&lines), ["2:床位", "3:经度"], "{lines:?}");
}

fn square(code: &str, x: f64, y: f64) -> serde_json::Value {
    serde_json::json!({"type": "Feature", "properties": {"code": code},
        "geometry": {"type": "Polygon", "coordinates": [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]}})
}

#[test]
fn boundaries_geojson_with_unknown_duplicate_and_projected_coordinates() {
    let d = demo();
    let doc = serde_json::json!({"type": "FeatureCollection", "features": [
        square("331125001", 119.57, 28.11),
        square("331125999", 119.57, 28.11),
        square("331125001", 119.60, 28.11),
        square("331125002", 500000.0, 3100000.0),
    ]});
    let f = d.write("边界.geojson", doc.to_string().as_bytes());
    let lines = d.rejected(&["boundaries", &f, "--crs", "wgs84"]);
    assert_eq!(
        located(&lines),
        ["2:code", "3:code", "4:geometry"],
        "{lines:?}"
    );
}

#[test]
fn boundaries_in_gcj02_keep_the_demo_shapes_and_wgs84_ones_are_shifted() {
    let d = demo();
    // The demo's own boundaries (GCJ-02), written back as a file with only the codes.
    let demo: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/demo/townships.geojson"
        ))
        .unwrap(),
    )
    .unwrap();
    let features: Vec<serde_json::Value> = demo["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| serde_json::json!({"type": "Feature", "properties": {"区划代码": f["properties"]["code"]}, "geometry": f["geometry"]}))
        .collect();
    let f = d.write(
        "demo.geojson",
        serde_json::json!({"type": "FeatureCollection", "features": features})
            .to_string()
            .as_bytes(),
    );
    let (code, out, err) = junheng(&["import", "boundaries", &f, "--crs", "gcj02", "--db", &d.db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10 features: 10 townships updated"), "{out}");
    // Areas recomputed on the sphere agree with the geodesic areas shipped with the demo
    // (pyproj on WGS84) to 0.5 %.
    let (_, dash, _) = junheng(&["rpc", "get_dashboard", "{}", "--db", &d.db]);
    let v: serde_json::Value = serde_json::from_str(&dash).unwrap();
    for (got, want) in v["boundaries"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .zip(demo["features"].as_array().unwrap())
    {
        let (a, b) = (
            got["properties"]["area_km2"].as_f64().unwrap(),
            want["properties"]["area_km2"].as_f64().unwrap(),
        );
        assert!((a - b).abs() / b < 0.005, "{a} vs {b}");
        assert_eq!(got["geometry"], want["geometry"]);
    }
    // Read as WGS84, the same file is moved by the GCJ-02 offset (about 450 m east and 380 m
    // south here) before it is stored.
    let (code, _, err) = junheng(&["import", "boundaries", &f, "--crs", "wgs84", "--db", &d.db]);
    assert_eq!(code, 0, "{err}");
    let (_, dash, _) = junheng(&["rpc", "get_dashboard", "{}", "--db", &d.db]);
    let v: serde_json::Value = serde_json::from_str(&dash).unwrap();
    let first = |g: &serde_json::Value| {
        let mut c = &g["coordinates"];
        while c[0].is_array() {
            c = &c[0];
        }
        (c[0].as_f64().unwrap(), c[1].as_f64().unwrap())
    };
    let (x0, y0) = first(&demo["features"][0]["geometry"]);
    let (x1, y1) = first(&v["boundaries"]["features"][0]["geometry"]);
    assert!(
        (0.004..0.005).contains(&(x1 - x0)) && (0.003..0.004).contains(&(y0 - y1)),
        "{x0},{y0} → {x1},{y1}"
    );
}

#[test]
fn facilities_in_wgs84_are_stored_in_gcj02() {
    let d = demo();
    // A point of 浮云街道 in the stored frame, written in WGS84 as a GPS would give it.
    let (gx, gy) = (119.5888, 28.1523);
    let (wx, wy) = junheng_core::geo::gcj02_to_wgs84(gx, gy);
    let text = format!(
        "编号,名称,类型,乡镇（街道）代码,经度,纬度,举办性质,普惠,状态,开办年份,服务模式,床位,护理型床位\n\
         W1,GPS养老院,养老机构,331125001,{wx:.9},{wy:.9},公办,是,现状,2026,,60,50\n"
    );
    let f = d.write("gps.csv", text.as_bytes());
    let (code, _, err) = junheng(&["import", "facilities", &f, "--crs", "wgs84", "--db", &d.db]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = junheng(&["rpc", "get_facilities", "{}", "--db", &d.db]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let w1 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "W1")
        .unwrap();
    let (x, y) = (
        w1["location"]["lon"].as_f64().unwrap(),
        w1["location"]["lat"].as_f64().unwrap(),
    );
    assert!((x - gx).abs() < 1e-8 && (y - gy).abs() < 1e-8, "{x},{y}");
}
