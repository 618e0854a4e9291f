//! County outlines (DataV GeoJSON, simplified, four decimals) and seats (DataV centroid file).

use serde_json::Value;

use super::table::{Table, MAX_SOURCE_BYTES};
use super::BuildError;
use crate::layout::{OUTLINE_SCALE, SEAT_SCALE};

/// Most features accepted in the outline file (it has 2,748).
pub const MAX_FEATURES: usize = 10_000;
/// Most points accepted over all outlines (the file has 380,913).
pub const MAX_POINTS: usize = 5_000_000;
/// China with a margin (the Nansha islands reach 3.8°N, the Pamirs 73.5°E).
const LON_RANGE: (f64, f64) = (70.0, 140.0);
const LAT_RANGE: (f64, f64) = (0.0, 60.0);

/// One outline: adcode, MultiPolygon or not, polygons of rings of 1e-4° integer points.
pub struct Outline {
    pub code: u32,
    pub multi: bool,
    pub polygons: Vec<Vec<Vec<(i64, i64)>>>,
}

/// One row of the centroid file.
pub struct Centroid {
    pub code: u32,
    pub name: String,
    pub level: String,
    /// `center`: the seat of government, 1e-6° integers.
    pub center: (i64, i64),
}

pub fn read_centroids(file: &str, bytes: &[u8]) -> Result<Vec<Centroid>, BuildError> {
    let t = Table::read(file, bytes)?;
    let code_c = t.column("adcode")?;
    let name_c = t.column("name")?;
    let level_c = t.column("level")?;
    let lng_c = t.column("center_lng")?;
    let lat_c = t.column("center_lat")?;
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let code = t.digits(row, code_c, 6)?;
        let level = t.text(row, level_c)?;
        if !matches!(level.as_str(), "province" | "city" | "district") {
            return Err(t.error(
                row,
                level_c,
                format!("级别应为 province/city/district，实为“{level}”"),
                format!("expected level province, city or district, found {level:?}"),
            ));
        }
        let lon = t.fixed(row, lng_c, 6)?;
        let lat = t.fixed(row, lat_c, 6)?;
        let (lon_f, lat_f) = (lon as f64 / SEAT_SCALE, lat as f64 / SEAT_SCALE);
        if !(LON_RANGE.0..=LON_RANGE.1).contains(&lon_f) {
            return Err(t.error(
                row,
                lng_c,
                format!("经度 {lon_f} 不在中国范围内"),
                format!("longitude {lon_f} is outside China"),
            ));
        }
        if !(LAT_RANGE.0..=LAT_RANGE.1).contains(&lat_f) {
            return Err(t.error(
                row,
                lat_c,
                format!("纬度 {lat_f} 不在中国范围内"),
                format!("latitude {lat_f} is outside China"),
            ));
        }
        out.push(Centroid {
            code,
            name: t.name(row, name_c)?,
            level,
            center: (lon, lat),
        });
    }
    out.sort_by_key(|c| c.code);
    if let Some(w) = out.windows(2).find(|w| w[0].code == w[1].code) {
        return Err(BuildError::new(
            file,
            0,
            "adcode",
            format!("adcode {:06} 重复", w[0].code),
            format!("adcode {:06} appears twice", w[0].code),
        ));
    }
    Ok(out)
}

pub fn read_outlines(file: &str, bytes: &[u8]) -> Result<Vec<Outline>, BuildError> {
    let whole = |zh: String, en: String| BuildError::new(file, 0, "", zh, en);
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(whole(
            format!("文件超过 {MAX_SOURCE_BYTES} 字节上限"),
            format!("file larger than the {MAX_SOURCE_BYTES}-byte limit"),
        ));
    }
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        BuildError::new(
            file,
            e.line(),
            "",
            format!("GeoJSON 解析失败：{e}"),
            format!("not valid JSON: {e}"),
        )
    })?;
    let features = doc["features"].as_array().ok_or_else(|| {
        whole(
            "应为含 features 数组的 FeatureCollection".into(),
            "expected a FeatureCollection with a features array".into(),
        )
    })?;
    if features.len() > MAX_FEATURES {
        return Err(whole(
            format!("要素超过 {MAX_FEATURES} 个"),
            format!("more than {MAX_FEATURES} features"),
        ));
    }
    let mut points = 0usize;
    let mut out = Vec::with_capacity(features.len());
    for (i, f) in features.iter().enumerate() {
        // Row = feature number, 1-based, so a message points at the n-th feature.
        let at =
            |column: &str, zh: String, en: String| BuildError::new(file, i + 1, column, zh, en);
        let code = match &f["properties"]["adcode"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(at(
                "properties.adcode",
                format!("应为 6 位数字 adcode，实为“{code}”"),
                format!("expected a 6-digit adcode, found {code:?}"),
            ));
        }
        let geometry = &f["geometry"];
        let multi = match geometry["type"].as_str() {
            Some("Polygon") => false,
            Some("MultiPolygon") => true,
            other => {
                return Err(at(
                    "geometry.type",
                    format!("几何类型应为 Polygon 或 MultiPolygon，实为 {other:?}"),
                    format!("expected a Polygon or MultiPolygon, found {other:?}"),
                ))
            }
        };
        let coords = &geometry["coordinates"];
        let polygon_values: Vec<&Value> = if multi {
            coords
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        } else {
            vec![coords]
        };
        let mut polygons = Vec::with_capacity(polygon_values.len());
        for p in polygon_values {
            let rings = p.as_array().filter(|r| !r.is_empty()).ok_or_else(|| {
                at(
                    "geometry.coordinates",
                    "多边形应为非空的环数组".into(),
                    "a polygon must be a non-empty array of rings".into(),
                )
            })?;
            let mut polygon = Vec::with_capacity(rings.len());
            for ring in rings {
                let ring =
                    read_ring(ring).map_err(|(zh, en)| at("geometry.coordinates", zh, en))?;
                points += ring.len();
                polygon.push(ring);
            }
            polygons.push(polygon);
        }
        if polygons.is_empty() {
            return Err(at(
                "geometry.coordinates",
                "几何没有多边形".into(),
                "the geometry has no polygon".into(),
            ));
        }
        if points > MAX_POINTS {
            return Err(at(
                "geometry.coordinates",
                format!("总点数超过 {MAX_POINTS}"),
                format!("more than {MAX_POINTS} points in all"),
            ));
        }
        out.push(Outline {
            code: code.parse().expect("six digits"),
            multi,
            polygons,
        });
    }
    out.sort_by_key(|o| o.code);
    if let Some(w) = out.windows(2).find(|w| w[0].code == w[1].code) {
        return Err(whole(
            format!("adcode {:06} 出现两次", w[0].code),
            format!("adcode {:06} appears twice", w[0].code),
        ));
    }
    Ok(out)
}

/// A closed ring of at least four points on the 1e-4° grid, inside China.
fn read_ring(ring: &Value) -> Result<Vec<(i64, i64)>, (String, String)> {
    let points = ring.as_array().filter(|p| p.len() >= 4).ok_or_else(|| {
        (
            "环应为至少 4 个点的数组".to_string(),
            "a ring must be an array of at least 4 points".to_string(),
        )
    })?;
    let mut out = Vec::with_capacity(points.len());
    for p in points {
        let pair = p.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
            (
                "点应为 [经度, 纬度]".to_string(),
                "a point must be [longitude, latitude]".to_string(),
            )
        })?;
        let lon = on_grid(&pair[0], LON_RANGE)?;
        let lat = on_grid(&pair[1], LAT_RANGE)?;
        out.push((lon, lat));
    }
    if out.first() != out.last() {
        return Err((
            "环未闭合（首末点不同）".into(),
            "ring not closed (first and last points differ)".into(),
        ));
    }
    Ok(out)
}

/// The coordinate as an integer of 1e-4°, only if that integer gives back the very same f64:
/// the outline then reads back exactly as published.
fn on_grid(v: &Value, range: (f64, f64)) -> Result<i64, (String, String)> {
    let x = v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
        (
            format!("坐标应为数字，实为 {v}"),
            format!("expected a number, found {v}"),
        )
    })?;
    if !(range.0..=range.1).contains(&x) {
        return Err((
            format!("坐标 {x} 不在中国范围内"),
            format!("coordinate {x} is outside China"),
        ));
    }
    let i = (x * OUTLINE_SCALE).round() as i64;
    if i as f64 / OUTLINE_SCALE != x {
        return Err((
            format!("坐标 {x} 超过 4 位小数"),
            format!("coordinate {x} has more than four decimals"),
        ));
    }
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_are_checked_point_by_point() {
        let ok = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":331125},"geometry":{"type":"Polygon","coordinates":[[[119.5,28.1],[119.6,28.1],[119.6,28.2],[119.5,28.1]]]}}]}"#;
        let o = read_outlines("o.geojson", ok.as_bytes()).unwrap();
        assert_eq!(o[0].code, 331_125);
        assert_eq!(o[0].polygons[0][0][1], (1_196_000, 281_000));

        let fine = ok.replace("119.6,28.2", "119.61234,28.2");
        let e = read_outlines("o.geojson", fine.as_bytes()).err().unwrap();
        assert_eq!(
            e.located("en"),
            "o.geojson:1:geometry.coordinates: coordinate 119.61234 has more than four decimals"
        );
        let open = ok.replace("[119.5,28.1]]]", "[119.5,28.15]]]");
        assert!(read_outlines("o.geojson", open.as_bytes()).is_err());
        let bad_code = ok.replace("331125", "\"33112\"");
        let e = read_outlines("o.geojson", bad_code.as_bytes())
            .err()
            .unwrap();
        assert_eq!(e.column, "properties.adcode");
    }
}
