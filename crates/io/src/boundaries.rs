//! 乡镇边界导入 — a planner's GeoJSON of township boundaries: each feature names its township by
//! a 9-digit code; coordinates are converted from the file's frame into the stored one (GCJ-02).

use std::collections::HashSet;

use serde_json::Value;

use junheng_core::geo::{to_stored_frame, Crs};

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

fn convert_ring(ring: &Value, crs: Crs, err: &mut dyn FnMut(&str, &str, String, String)) -> Value {
    let pts = ring.as_array().cloned().unwrap_or_default();
    if pts.len() < 4 {
        err(
            "geometry",
            "",
            "每个环至少需要4个点（首尾相同）".into(),
            "each ring needs at least 4 points (first = last)".into(),
        );
    }
    let mut out = Vec::with_capacity(pts.len());
    for p in &pts {
        let (Some(lon), Some(lat)) = (
            p.get(0).and_then(Value::as_f64),
            p.get(1).and_then(Value::as_f64),
        ) else {
            err(
                "geometry",
                &p.to_string(),
                "坐标应为 [经度, 纬度] 数值".into(),
                "a coordinate must be [lon, lat] numbers".into(),
            );
            return Value::Null;
        };
        if LON.check(lon).is_err() || LAT.check(lat).is_err() {
            err(
                "geometry",
                &format!("[{lon}, {lat}]"),
                "坐标不在中国范围内（经度 73–136，纬度 3–54）；是否为投影坐标？".into(),
                "coordinate outside China (lon 73–136, lat 3–54); projected coordinates?".into(),
            );
            return Value::Null;
        }
        let (x, y) = to_stored_frame(crs, lon, lat);
        out.push(serde_json::json!([x, y]));
    }
    if pts.first() != pts.last() {
        err(
            "geometry",
            "",
            "环未闭合（首尾坐标不同）".into(),
            "ring not closed (first and last points differ)".into(),
        );
    }
    Value::Array(out)
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
        let geometry = f.get("geometry").cloned().unwrap_or(Value::Null);
        let gtype = geometry.get("type").and_then(Value::as_str).unwrap_or("");
        let coords = &geometry["coordinates"];
        let converted = match gtype {
            "Polygon" => {
                let rings: Vec<Value> = coords
                    .as_array()
                    .map(|rs| rs.iter().map(|r| convert_ring(r, crs, &mut err)).collect())
                    .unwrap_or_default();
                serde_json::json!({ "type": "Polygon", "coordinates": rings })
            }
            "MultiPolygon" => {
                let polys: Vec<Value> = coords
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .map(|p| {
                                Value::Array(
                                    p.as_array()
                                        .map(|rs| {
                                            rs.iter()
                                                .map(|r| convert_ring(r, crs, &mut err))
                                                .collect()
                                        })
                                        .unwrap_or_default(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                serde_json::json!({ "type": "MultiPolygon", "coordinates": polys })
            }
            other => {
                err(
                    "geometry",
                    other,
                    "应为 Polygon 或 MultiPolygon".into(),
                    "expected a Polygon or MultiPolygon".into(),
                );
                Value::Null
            }
        };
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
}
