use junheng_core::LonLat;
use serde_json::Value;

use crate::limits::{
    too_big, MAX_FEATURES, MAX_GEOJSON_BYTES, MAX_JSON_DEPTH, MAX_JSON_VALUES, MAX_RINGS,
    MAX_VERTICES,
};
use crate::{CellError, ErrorSink, InputErrors};

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

/// Checks the size, nesting depth and number of values of a JSON text before it is parsed, so
/// the parsed document stays within a known size and the parser within its stack.
pub(crate) fn check_json_shape(file: &str, text: &str) -> Result<(), InputErrors> {
    if text.len() > MAX_GEOJSON_BYTES {
        return Err(InputErrors::single(too_big(
            file,
            text.len(),
            MAX_GEOJSON_BYTES,
            "GeoJSON ",
            "GeoJSON",
        )));
    }
    let (mut depth, mut values, mut line) = (0usize, 0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                values += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(InputErrors::single(CellError::new(
                        file,
                        line,
                        "",
                        "",
                        format!("JSON 嵌套超过 {MAX_JSON_DEPTH} 层，不是 GeoJSON 边界文件"),
                        format!("JSON nested deeper than {MAX_JSON_DEPTH} levels: not a GeoJSON boundary file"),
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => values += 1,
            _ => {}
        }
        if values > MAX_JSON_VALUES {
            return Err(InputErrors::single(CellError::new(
                file,
                line,
                "",
                "",
                format!("JSON 中的数值与元素超过上限 {MAX_JSON_VALUES} 个"),
                format!("more than {MAX_JSON_VALUES} values in the JSON (the limit)"),
            )));
        }
    }
    Ok(())
}

/// Rings and vertices counted over a whole file, refused past [`MAX_RINGS`] / [`MAX_VERTICES`].
#[derive(Default)]
pub(crate) struct GeometryBudget {
    rings: usize,
    vertices: usize,
}

impl GeometryBudget {
    /// Counts the rings and vertices of a Polygon or MultiPolygon (anything else counts 0 and
    /// is the caller's error), or the located error once a limit is crossed at `feature`.
    pub(crate) fn take(
        &mut self,
        file: &str,
        feature: usize,
        geometry: &Value,
    ) -> Result<(), InputErrors> {
        let coords = &geometry["coordinates"];
        let polygons: Vec<&Value> = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![coords],
            Some("MultiPolygon") => coords
                .as_array()
                .map(|p| p.iter().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for rings in polygons.iter().filter_map(|p| p.as_array()) {
            self.rings += rings.len();
            self.vertices += rings
                .iter()
                .filter_map(Value::as_array)
                .map(Vec::len)
                .sum::<usize>();
        }
        let over = |zh: String, en: String| {
            InputErrors::single(CellError::new(file, feature, "geometry", "", zh, en))
        };
        if self.rings > MAX_RINGS {
            return Err(over(
                format!("边界的环（外环与内洞）超过上限 {MAX_RINGS} 个"),
                format!("more than {MAX_RINGS} rings (outer boundaries and holes), the limit"),
            ));
        }
        if self.vertices > MAX_VERTICES {
            return Err(over(
                format!("边界的顶点超过上限 {MAX_VERTICES} 个；请先简化边界"),
                format!(
                    "more than {MAX_VERTICES} vertices, the limit: simplify the boundaries first"
                ),
            ));
        }
        Ok(())
    }
}

/// The features of a GeoJSON FeatureCollection, or a located error when the text is not JSON,
/// not a FeatureCollection, or beyond the limits.
pub(crate) fn feature_collection(file: &str, text: &str) -> Result<Vec<Value>, InputErrors> {
    check_json_shape(file, text)?;
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
        Some(Value::Array(features)) if features.len() > MAX_FEATURES => {
            Err(InputErrors::single(CellError::new(
                file,
                1,
                "features",
                "",
                format!(
                    "要素超过上限 {MAX_FEATURES} 个（此文件 {} 个）",
                    features.len()
                ),
                format!(
                    "more than {MAX_FEATURES} features (the limit; this file has {})",
                    features.len()
                ),
            )))
        }
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
    let mut budget = GeometryBudget::default();
    for (i, f) in features.iter().enumerate() {
        let n = i + 1;
        if let Err(e) = budget.take(file, n, &f["geometry"]) {
            e.0.into_iter().for_each(|c| errors.add(c));
            break;
        }
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
                errors.add(CellError::new(
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
            errors.add(CellError::new(
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
            errors.add(CellError::new(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_or_huge_json_is_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = feature_collection("b.geojson", &deep).unwrap_err();
        assert_eq!(
            e.0[0].located("en"),
            "b.geojson:1:: JSON nested deeper than 32 levels: not a GeoJSON boundary file"
        );
        // Brackets inside strings are text, not nesting.
        let quoted = format!(
            r#"{{"type":"FeatureCollection","name":"{}","features":[]}}"#,
            "[".repeat(100)
        );
        assert_eq!(
            feature_collection("b.geojson", &quoted).unwrap(),
            Vec::<Value>::new()
        );
        let many = format!("[{}0]", "0,".repeat(MAX_JSON_VALUES));
        let e = check_json_shape("b.geojson", &many).unwrap_err();
        assert_eq!(
            e.0[0].message_en,
            "more than 4000000 values in the JSON (the limit)"
        );
        assert!(check_json_shape("b.geojson", &format!("[{}0]", "0,".repeat(1000))).is_ok());
    }

    #[test]
    fn features_rings_and_vertices_are_counted_over_the_file() {
        let f = r#"{"type":"Feature","properties":{},"geometry":null}"#;
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            vec![f; MAX_FEATURES + 1].join(",")
        );
        let e = feature_collection("b.geojson", &text).unwrap_err();
        assert!(
            e.0[0].message_en.starts_with("more than 5000 features"),
            "{e}"
        );
        // A polygon of 10,001 vertices, counted once per feature: the 100th crosses 1,000,000.
        let ring: Vec<Value> = (0..10_001)
            .map(|_| serde_json::json!([119.5, 28.1]))
            .collect();
        let g = serde_json::json!({"type": "Polygon", "coordinates": [ring]});
        let mut budget = GeometryBudget::default();
        for n in 1..100 {
            budget.take("b.geojson", n, &g).unwrap();
        }
        let e = budget.take("b.geojson", 100, &g).unwrap_err().0.remove(0);
        assert_eq!((e.row, e.column.as_str()), (100, "geometry"));
        assert!(e.message_en.starts_with("more than 1000000 vertices"));
        // Rings: a MultiPolygon of 20,001 one-point rings.
        let many: Vec<Value> = (0..=MAX_RINGS)
            .map(|_| serde_json::json!([[[0, 0]]]))
            .collect();
        let g = serde_json::json!({"type": "MultiPolygon", "coordinates": many});
        let e = GeometryBudget::default()
            .take("b.geojson", 1, &g)
            .unwrap_err();
        assert!(e.0[0].message_en.starts_with("more than 20000 rings"));
    }
}
