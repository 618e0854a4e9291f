use junheng_core::LonLat;
use serde_json::Value;

use crate::{CellError, InputErrors};

/// A township boundary feature as shipped in `townships.geojson`.
#[derive(Debug, Clone, PartialEq)]
pub struct TownshipFeature {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub area_km2: f64,
    pub centroid: LonLat,
    pub interior: LonLat,
    pub geometry: Value,
}

/// The features of a GeoJSON FeatureCollection, or a located error when the text is not JSON
/// or not a FeatureCollection.
pub(crate) fn feature_collection(file: &str, text: &str) -> Result<Vec<Value>, InputErrors> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| {
        InputErrors::single(CellError::new(
            file,
            e.line(),
            "",
            "",
            format!("不是有效的 JSON：{e}"),
            format!("not valid JSON: {e}"),
        ))
    })?;
    match doc.get_mut("features").map(Value::take) {
        Some(Value::Array(features)) => Ok(features),
        _ => Err(InputErrors::single(CellError::new(
            file,
            1,
            "features",
            "",
            "应为 GeoJSON FeatureCollection",
            "expected a GeoJSON FeatureCollection",
        ))),
    }
}

/// Reads a FeatureCollection of township polygons with properties `code`, `name`, `type`,
/// `area_km2`, `centroid_lon/lat`, `interior_lon/lat`. Rows are 1-based feature numbers.
pub fn read_township_features(file: &str, text: &str) -> Result<Vec<TownshipFeature>, InputErrors> {
    let features = feature_collection(file, text)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let n = i + 1;
        let props = f.get("properties").cloned().unwrap_or(Value::Null);
        let text = |k: &str| {
            props
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let num = |k: &str| props.get(k).and_then(Value::as_f64);
        let mut need = |k: &str| -> f64 {
            num(k).unwrap_or_else(|| {
                errors.push(CellError::new(
                    file,
                    n,
                    k,
                    "",
                    "缺少数值属性",
                    "missing numeric property",
                ));
                0.0
            })
        };
        let area_km2 = need("area_km2");
        let centroid = LonLat {
            lon: need("centroid_lon"),
            lat: need("centroid_lat"),
        };
        let interior = LonLat {
            lon: need("interior_lon"),
            lat: need("interior_lat"),
        };
        let code = text("code");
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(CellError::new(
                file,
                n,
                "code",
                &code,
                "应为9位乡镇代码",
                "expected a 9-digit township code",
            ));
        }
        let geometry = f.get("geometry").cloned().unwrap_or(Value::Null);
        let gtype = geometry.get("type").and_then(Value::as_str).unwrap_or("");
        if gtype != "Polygon" && gtype != "MultiPolygon" {
            errors.push(CellError::new(
                file,
                n,
                "geometry",
                gtype,
                "应为 Polygon 或 MultiPolygon",
                "expected a Polygon or MultiPolygon",
            ));
        }
        out.push(TownshipFeature {
            code,
            name: text("name"),
            kind: text("type"),
            area_km2,
            centroid,
            interior,
            geometry,
        });
    }
    InputErrors::or_ok(errors, out)
}
