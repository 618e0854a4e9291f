//! County outlines: kept encoded after open and turned into GeoJSON only when asked for, so
//! opening does not pay for 380,000 points nobody has looked at yet.

use serde_json::{json, Value};

use crate::format::Reader;
use crate::layout::{GEOMETRY_MULTIPOLYGON, GEOMETRY_POLYGON, OUTLINE_SCALE};
use crate::ReferenceError;

/// GeoJSON geometry (Polygon or MultiPolygon) of one encoded outline block.
pub fn decode(block: &[u8]) -> Result<Value, ReferenceError> {
    let mut r = Reader::new(block);
    let kind = r.u64()?;
    let polygons = r.count()?;
    let mut prev = (0i64, 0i64);
    let mut out = Vec::with_capacity(polygons);
    for _ in 0..polygons {
        let rings = r.count()?;
        let mut polygon = Vec::with_capacity(rings);
        for _ in 0..rings {
            let points = r.count()?;
            let mut ring = Vec::with_capacity(points);
            for _ in 0..points {
                // Wrapping: a damaged block must give wrong numbers or an error, not a panic.
                prev.0 = prev.0.wrapping_add(r.i64()?);
                prev.1 = prev.1.wrapping_add(r.i64()?);
                // Integer over 1e4 is correctly rounded, so this is the same f64 as the
                // source's four-decimal text parsed directly.
                ring.push(json!([
                    prev.0 as f64 / OUTLINE_SCALE,
                    prev.1 as f64 / OUTLINE_SCALE
                ]));
            }
            polygon.push(Value::Array(ring));
        }
        out.push(Value::Array(polygon));
    }
    if !r.at_end() {
        return Err(ReferenceError::corrupt("outline block has trailing bytes"));
    }
    match kind {
        GEOMETRY_POLYGON if out.len() == 1 => {
            Ok(json!({"type": "Polygon", "coordinates": out.pop()}))
        }
        GEOMETRY_MULTIPOLYGON => Ok(json!({"type": "MultiPolygon", "coordinates": out})),
        _ => Err(ReferenceError::corrupt("unknown outline geometry")),
    }
}

/// The writing side of [`decode`]: `polygons` are rings of integer 1e-4° points.
#[cfg(feature = "build")]
pub fn encode(multi: bool, polygons: &[Vec<Vec<(i64, i64)>>]) -> crate::format::Writer {
    let mut w = crate::format::Writer::default();
    w.u64(if multi {
        GEOMETRY_MULTIPOLYGON
    } else {
        GEOMETRY_POLYGON
    });
    w.u64(polygons.len() as u64);
    let mut prev = (0i64, 0i64);
    for polygon in polygons {
        w.u64(polygon.len() as u64);
        for ring in polygon {
            w.u64(ring.len() as u64);
            for &(x, y) in ring {
                w.i64(x - prev.0);
                w.i64(y - prev.1);
                prev = (x, y);
            }
        }
    }
    w
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;

    #[test]
    fn a_multipolygon_round_trips_through_deltas() {
        let square = |x: i64, y: i64| vec![vec![(x, y), (x + 30, y), (x + 30, y + 30), (x, y)]];
        let polys = vec![square(1_195_694, 281_110), square(-5, -5)];
        let v = decode(&encode(true, &polys).bytes).unwrap();
        assert_eq!(v["type"], "MultiPolygon");
        assert_eq!(v["coordinates"][0][0][1], json!([119.5724, 28.111]));
        assert_eq!(v["coordinates"][1][0][2], json!([0.0025, 0.0025]));
        let one = decode(&encode(false, &polys[..1]).bytes).unwrap();
        assert_eq!(one["type"], "Polygon");
        assert_eq!(one["coordinates"][0][0], json!([119.5694, 28.111]));
    }
}
