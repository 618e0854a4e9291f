//! 区域边界 — a boundary (township, county outline, estimated zone) read once from its GeoJSON
//! geometry into typed rings. Every measurement, containment test and drawing works on this form;
//! nothing else in the engine walks GeoJSON coordinates.

use serde_json::Value;

/// A position (lon, lat) in degrees.
pub type Pt = (f64, f64);

/// 多边形 — an outer ring and its holes (内洞), positions as published (closing point kept).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Polygon {
    pub outer: Vec<Pt>,
    pub holes: Vec<Vec<Pt>>,
}

impl Polygon {
    /// The GeoJSON coordinates of the polygon: its outer ring, then its holes.
    pub fn to_coordinates(&self) -> Value {
        let ring =
            |r: &Vec<Pt>| Value::Array(r.iter().map(|&(x, y)| serde_json::json!([x, y])).collect());
        Value::Array(
            std::iter::once(&self.outer)
                .chain(&self.holes)
                .map(ring)
                .collect(),
        )
    }
}

/// 区域边界 — a GeoJSON Polygon or MultiPolygon as its polygons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Area {
    pub polygons: Vec<Polygon>,
}

/// A geometry that is not a boundary; `at` is the JSON path of the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    #[error("geometry type {found} is not a Polygon or MultiPolygon")]
    NotPolygonal { found: String },
    #[error("{at}: expected {expected}")]
    BadCoordinates { at: String, expected: &'static str },
}

impl GeoError {
    /// Stable code for the API and the UI's translations.
    pub fn code(&self) -> &'static str {
        match self {
            GeoError::NotPolygonal { .. } => "geo.not_polygonal",
            GeoError::BadCoordinates { .. } => "geo.bad_coordinates",
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            GeoError::NotPolygonal { found } => {
                format!("几何类型 {found} 不是 Polygon 或 MultiPolygon")
            }
            GeoError::BadCoordinates { at, expected } => {
                let what = match *expected {
                    EXPECT_RINGS => "环的数组",
                    EXPECT_RING => "坐标的数组",
                    EXPECT_POSITION => "[经度, 纬度] 数值",
                    _ => "多边形的数组",
                };
                format!("{at}：应为{what}")
            }
        }
    }
}

const EXPECT_POLYGONS: &str = "an array of polygons";
const EXPECT_RINGS: &str = "an array of rings";
const EXPECT_RING: &str = "an array of positions";
const EXPECT_POSITION: &str = "[lon, lat] numbers";

fn array<'a>(
    v: &'a Value,
    at: &dyn Fn() -> String,
    expected: &'static str,
) -> Result<&'a [Value], GeoError> {
    v.as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| GeoError::BadCoordinates { at: at(), expected })
}

fn ring(v: &Value, at: &dyn Fn() -> String) -> Result<Vec<Pt>, GeoError> {
    array(v, at, EXPECT_RING)?
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let xy = (
                p.get(0).and_then(Value::as_f64),
                p.get(1).and_then(Value::as_f64),
            );
            match xy {
                (Some(x), Some(y)) => Ok((x, y)),
                _ => Err(GeoError::BadCoordinates {
                    at: format!("{}[{k}]", at()),
                    expected: EXPECT_POSITION,
                }),
            }
        })
        .collect()
}

/// A polygon's rings; `None` for an empty ring list (GeoJSON's empty polygon), which holds nothing.
fn polygon(v: &Value, at: &dyn Fn() -> String) -> Result<Option<Polygon>, GeoError> {
    let rings = array(v, at, EXPECT_RINGS)?;
    let mut it = rings
        .iter()
        .enumerate()
        .map(|(j, r)| ring(r, &|| format!("{}[{j}]", at())));
    let Some(outer) = it.next().transpose()? else {
        return Ok(None);
    };
    Ok(Some(Polygon {
        outer,
        holes: it.collect::<Result<_, _>>()?,
    }))
}

impl Area {
    /// The one parser of boundaries: a GeoJSON geometry object of type Polygon or MultiPolygon.
    pub fn from_geojson(geometry: &Value) -> Result<Area, GeoError> {
        let coords = &geometry["coordinates"];
        let polygons = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => polygon(coords, &|| "coordinates".into())?
                .into_iter()
                .collect(),
            Some("MultiPolygon") => {
                let mut out = Vec::new();
                let parts = array(coords, &|| "coordinates".into(), EXPECT_POLYGONS)?;
                for (i, p) in parts.iter().enumerate() {
                    out.extend(polygon(p, &|| format!("coordinates[{i}]"))?);
                }
                out
            }
            _ => {
                let found = match geometry.get("type") {
                    Some(Value::String(s)) => s.clone(),
                    _ => geometry.to_string().chars().take(40).collect(),
                };
                return Err(GeoError::NotPolygonal { found });
            }
        };
        Ok(Area { polygons })
    }

    /// A township's stored boundary, where "no boundary" (`null`) or anything unreadable holds no
    /// point: stored boundaries were checked on import, so this only meets `null`.
    pub fn of_stored(geometry: &Value) -> Area {
        Area::from_geojson(geometry).unwrap_or_default()
    }

    /// As a GeoJSON MultiPolygon (the wire form of estimated zones).
    pub fn to_multipolygon_geojson(&self) -> Value {
        let polys: Vec<Value> = self.polygons.iter().map(Polygon::to_coordinates).collect();
        serde_json::json!({ "type": "MultiPolygon", "coordinates": polys })
    }

    /// Every ring, each polygon's outer ring before its holes.
    pub fn rings(&self) -> impl Iterator<Item = &Vec<Pt>> {
        self.polygons
            .iter()
            .flat_map(|p| std::iter::once(&p.outer).chain(&p.holes))
    }

    /// The outer rings (holes are not drawn at county scale).
    pub fn exterior_rings(&self) -> Vec<Vec<[f64; 2]>> {
        self.polygons
            .iter()
            .map(|p| p.outer.iter().map(|&(x, y)| [x, y]).collect())
            .collect()
    }

    /// [west, south, east, north] over every position; `None` without any.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        let mut pts = self.rings().flatten().peekable();
        pts.peek()?;
        Some(
            pts.fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &(x, y)| {
                [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
            }),
        )
    }

    /// Whether the point (lon, lat) lies inside: inside some polygon's outer ring and none of its
    /// holes, by the even–odd rule.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.polygons
            .iter()
            .any(|p| in_ring(&p.outer, lon, lat) && !p.holes.iter().any(|h| in_ring(h, lon, lat)))
    }

    /// One scan row: where the horizontal line at `y` crosses each ring of each polygon (outer
    /// first), sorted. `row_contains` on it answers exactly as `contains` does on that line.
    pub fn row(&self, y: f64) -> Vec<Vec<Vec<f64>>> {
        self.polygons
            .iter()
            .map(|p| {
                std::iter::once(&p.outer)
                    .chain(&p.holes)
                    .map(|r| {
                        let mut xs: Vec<f64> = ring_crossings(r, y).collect();
                        xs.sort_by(f64::total_cmp);
                        xs
                    })
                    .collect()
            })
            .collect()
    }
}

/// Even–odd rule on one scan row of [`Area::row`]: `x` is inside a ring when an odd number of
/// its crossings lie to the right (`x < crossing`).
pub fn row_contains(row: &[Vec<Vec<f64>>], x: f64) -> bool {
    let odd = |xs: &Vec<f64>| (xs.len() - xs.partition_point(|&c| c <= x)) % 2 == 1;
    row.iter().any(|rings| match rings.split_first() {
        Some((outer, holes)) => odd(outer) && !holes.iter().any(odd),
        None => false,
    })
}

/// Where the edge from `a` to `b` crosses the horizontal line at `y`, if it does (one end
/// strictly above, the other not). The single crossing formula of the module.
pub(crate) fn crossing(a: Pt, b: Pt, y: f64) -> Option<f64> {
    ((a.1 > y) != (b.1 > y)).then(|| (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0)
}

/// Crossings of a closed ring with the line at `y`, each edge taken from a vertex back to the
/// previous one (the orientation the containment test has always used, so results are unchanged).
fn ring_crossings(pts: &[Pt], y: f64) -> impl Iterator<Item = f64> + '_ {
    let n = pts.len();
    (0..n).filter_map(move |i| crossing(pts[i], pts[(i + n - 1) % n], y))
}

/// Even–odd ray casting: is (x, y) inside the closed ring?
pub(crate) fn in_ring(pts: &[Pt], x: f64, y: f64) -> bool {
    ring_crossings(pts, y).filter(|&c| x < c).count() % 2 == 1
}
