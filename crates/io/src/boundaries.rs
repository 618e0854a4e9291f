//! 乡镇边界导入 — a planner's GeoJSON of township boundaries: each feature names its township by
//! a 9-digit code; coordinates are converted from the file's frame into the stored one (GCJ-02).

use std::collections::HashSet;

use serde_json::{json, Value};

use junheng_core::geo::{to_stored_frame, Area, Crs, GeoError, Polygon, Pt};

use crate::geojson::{feature_collection, GeometryBudget};
use crate::{CellError, ErrorSink, InputErrors};
use junheng_core::limits::{LAT, LON};

/// A township boundary read from a file, in the stored frame.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryFeature {
    pub code: String,
    /// The name in the file, when given.
    pub name: Option<String>,
    /// Polygon or MultiPolygon, converted to GCJ-02.
    pub geometry: Value,
}

/// Property names that may hold the township code.
const CODE_KEYS: [&str; 5] = ["code", "区划代码", "乡镇代码", "统计用区划代码", "xzqdm"];
const NAME_KEYS: [&str; 3] = ["name", "名称", "乡镇名称"];

/// One ring checked (at least 4 points, closed, inside China) and converted to the stored frame.
fn convert_ring(ring: &[Pt], crs: Crs, err: &mut dyn FnMut(&str, &str, String, String)) -> Vec<Pt> {
    if ring.len() < 4 {
        err(
            "geometry",
            "",
            "每个环至少需要4个点（首尾相同）".into(),
            "each ring needs at least 4 points (first = last)".into(),
        );
    }
    let mut out = Vec::with_capacity(ring.len());
    for &(lon, lat) in ring {
        if LON.check(lon).is_err() || LAT.check(lat).is_err() {
            err(
                "geometry",
                &format!("[{lon}, {lat}]"),
                "坐标不在中国范围内（经度 73–136，纬度 3–54）；是否为投影坐标？".into(),
                "coordinate outside China (lon 73–136, lat 3–54); projected coordinates?".into(),
            );
            return Vec::new();
        }
        out.push(to_stored_frame(crs, lon, lat));
    }
    if ring.first() != ring.last() {
        err(
            "geometry",
            "",
            "环未闭合（首尾坐标不同）".into(),
            "ring not closed (first and last points differ)".into(),
        );
    }
    out
}

/// The geometry read by the one boundary parser ([`Area`]), checked and converted ring by ring,
/// written back with its own type; `Null` with the errors reported when it is not a boundary.
fn convert_geometry(
    geometry: &Value,
    crs: Crs,
    err: &mut dyn FnMut(&str, &str, String, String),
) -> Value {
    let gtype = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    if gtype != "Polygon" && gtype != "MultiPolygon" {
        err(
            "geometry",
            gtype,
            "应为 Polygon 或 MultiPolygon".into(),
            "expected a Polygon or MultiPolygon".into(),
        );
        return Value::Null;
    }
    let area = match Area::from_geojson(geometry) {
        Ok(a) => a,
        Err(e) => {
            let at = match &e {
                GeoError::BadCoordinates { at, .. } => at.clone(),
                GeoError::NotPolygonal { found } => found.clone(),
            };
            err("geometry", &at, e.message_zh(), e.to_string());
            return Value::Null;
        }
    };
    if area.polygons.is_empty() {
        err(
            "geometry",
            "",
            "边界没有任何环".into(),
            "the geometry has no ring".into(),
        );
        return Value::Null;
    }
    let mut polys: Vec<Value> = area
        .polygons
        .iter()
        .map(|p| {
            Polygon {
                outer: convert_ring(&p.outer, crs, err),
                holes: p.holes.iter().map(|h| convert_ring(h, crs, err)).collect(),
            }
            .to_coordinates()
        })
        .collect();
    if gtype == "Polygon" {
        json!({ "type": "Polygon", "coordinates": polys.swap_remove(0) })
    } else {
        json!({ "type": "MultiPolygon", "coordinates": polys })
    }
}

/// Reads township boundaries; every feature must carry a known township code, once, and a
/// Polygon or MultiPolygon inside China. Rows are 1-based feature numbers.
pub fn read_boundaries(
    file: &str,
    text: &str,
    crs: Crs,
    townships: &HashSet<String>,
) -> Result<Vec<BoundaryFeature>, InputErrors> {
    let features = feature_collection(file, text)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut budget = GeometryBudget::default();
    for (i, f) in features.iter().enumerate() {
        let n = i + 1;
        // Counted before anything is converted (a copy of every vertex is made).
        if let Err(e) = budget.take(file, n, &f["geometry"]) {
            e.0.into_iter().for_each(|c| errors.add(c));
            break;
        }
        let mut err = |col: &str, value: &str, zh: String, en: String| {
            errors.add(CellError::new(file, n, col, value, zh, en));
        };
        let props = f.get("properties").cloned().unwrap_or(Value::Null);
        let prop = |keys: &[&str]| {
            keys.iter().find_map(|k| match props.get(*k) {
                Some(Value::String(s)) => Some(s.trim().to_string()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        let code = prop(&CODE_KEYS).unwrap_or_default();
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            err(
                "code",
                &code,
                "应为9位乡镇（街道）代码".into(),
                "expected a 9-digit township code".into(),
            );
        } else if !townships.contains(&code) {
            err(
                "code",
                &code,
                "不是本县的乡镇（街道）代码".into(),
                "not a township code of this county".into(),
            );
        } else if !seen.insert(code.clone()) {
            err("code", &code, "代码重复".into(), "duplicate code".into());
        }
        let converted = convert_geometry(&f["geometry"], crs, &mut err);
        let name = prop(&NAME_KEYS).filter(|s| !s.is_empty());
        if let Some(Err(e)) = name.as_deref().map(|s| junheng_core::limits::NAME.check(s)) {
            err(
                "name",
                name.as_deref().unwrap_or(""),
                e.message_zh,
                e.message_en,
            );
        }
        out.push(BoundaryFeature {
            code,
            name,
            geometry: converted,
        });
    }
    if features.is_empty() {
        errors.add(CellError::new(
            file,
            1,
            "features",
            "",
            "文件中没有要素",
            "the file has no features",
        ));
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> HashSet<String> {
        ["331125001".to_string(), "331125002".to_string()].into()
    }

    #[test]
    fn wgs84_is_converted_and_gcj02_kept() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"331125001"},
            "geometry":{"type":"Polygon","coordinates":[[[119.5,28.1],[119.6,28.1],[119.6,28.2],[119.5,28.1]]]}}]}"#;
        let w = read_boundaries("b.geojson", text, Crs::Wgs84, &codes()).unwrap();
        let g = read_boundaries("b.geojson", text, Crs::Gcj02, &codes()).unwrap();
        let p = |f: &BoundaryFeature| {
            (
                f.geometry["coordinates"][0][0][0].as_f64().unwrap(),
                f.geometry["coordinates"][0][0][1].as_f64().unwrap(),
            )
        };
        assert_eq!(p(&g[0]), (119.5, 28.1));
        let (x, y) = junheng_core::geo::wgs84_to_gcj02(119.5, 28.1);
        assert_eq!(p(&w[0]), (x, y));
        // The GCJ-02 offset in Zhejiang is a few hundred metres.
        assert!((x - 119.5).abs() > 0.003 && (y - 28.1).abs() > 0.001);
    }

    #[test]
    fn every_bad_feature_is_reported() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"999999999"},"geometry":{"type":"Polygon","coordinates":[[[119.5,28.1],[119.6,28.1],[119.6,28.2],[119.5,28.1]]]}},
            {"type":"Feature","properties":{"code":"331125002"},"geometry":{"type":"Point","coordinates":[119.5,28.1]}},
            {"type":"Feature","properties":{"区划代码":"331125002"},"geometry":{"type":"Polygon","coordinates":[[[500000,3100000],[500100,3100000],[500100,3100100],[500000,3100000]]]}}]}"#;
        let e = read_boundaries("b.geojson", text, Crs::Wgs84, &codes()).unwrap_err();
        let got: Vec<(usize, &str)> = e.0.iter().map(|c| (c.row, c.column.as_str())).collect();
        assert_eq!(
            got,
            [(1, "code"), (2, "geometry"), (3, "code"), (3, "geometry")]
        );
    }

    #[test]
    fn a_malformed_polygon_is_located_by_its_path() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"331125001"},"geometry":{"type":"MultiPolygon","coordinates":[[[[119.5,28.1],[119.6,28.1],[119.6,28.2],[119.5,28.1]]],[[[119.5,28.1],[119.6,"x"]]]]}},
            {"type":"Feature","properties":{"code":"331125002"},"geometry":{"type":"Polygon","coordinates":[]}}]}"#;
        let e = read_boundaries("b.geojson", text, Crs::Gcj02, &codes()).unwrap_err();
        let got: Vec<(usize, &str, &str)> =
            e.0.iter()
                .map(|c| (c.row, c.column.as_str(), c.value.as_str()))
                .collect();
        assert_eq!(
            got,
            [(1, "geometry", "coordinates[1][0][1]"), (2, "geometry", "")]
        );
        assert_eq!(
            e.0[0].message_en,
            "coordinates[1][0][1]: expected [lon, lat] numbers"
        );
        assert_eq!(e.0[1].message_en, "the geometry has no ring");
    }
}
