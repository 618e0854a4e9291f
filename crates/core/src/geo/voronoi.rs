//! 估算边界 — township zones from their seats alone: the Voronoi cell of each seat (the land
//! nearer to it than to any other seat) clipped to the county outline. A stand-in until real
//! boundaries are imported; always labelled as estimated.

use super::area::{Area, Polygon};
use crate::LonLat;

type Pt = (f64, f64);

/// A local planar frame (km) around a reference latitude: enough for a county's extent.
struct Frame {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl Frame {
    fn around(points: &[LonLat]) -> Frame {
        let n = points.len().max(1) as f64;
        let lon0 = points.iter().map(|p| p.lon).sum::<f64>() / n;
        let lat0 = points.iter().map(|p| p.lat).sum::<f64>() / n;
        Frame {
            lon0,
            lat0,
            kx: 111.320 * lat0.to_radians().cos(),
            ky: 110.574,
        }
    }
    fn to(&self, (lon, lat): Pt) -> Pt {
        ((lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky)
    }
    fn back(&self, (x, y): Pt) -> Pt {
        (x / self.kx + self.lon0, y / self.ky + self.lat0)
    }
}

/// Sutherland–Hodgman: the part of `subject` (any simple ring) on the side of the line where
/// `keep(p) ≥ 0`, for `keep` affine. Concave subjects may come out with zero-width bridges
/// along the line, which change neither area nor point-in-polygon tests.
fn clip_half_plane(subject: &[Pt], keep: impl Fn(Pt) -> f64) -> Vec<Pt> {
    let n = subject.len();
    let mut out = Vec::with_capacity(n + 4);
    for i in 0..n {
        let a = subject[i];
        let b = subject[(i + 1) % n];
        let (fa, fb) = (keep(a), keep(b));
        if fa >= 0.0 {
            out.push(a);
        }
        if (fa >= 0.0) != (fb >= 0.0) {
            let t = fa / (fa - fb);
            out.push((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
        }
    }
    out
}

/// The half-plane nearer to `s` than to `o`: keep(p) = (o − s)·(m − p) with m the midpoint.
fn nearer(s: Pt, o: Pt) -> impl Fn(Pt) -> f64 {
    let m = ((s.0 + o.0) / 2.0, (s.1 + o.1) / 2.0);
    move |p: Pt| (o.0 - s.0) * (m.0 - p.0) + (o.1 - s.1) * (m.1 - p.1)
}

fn ring_area(r: &[Pt]) -> f64 {
    let n = r.len();
    (0..n)
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

fn closed(mut r: Vec<Pt>) -> Vec<Pt> {
    if r.first() != r.last() {
        if let Some(&f) = r.first() {
            r.push(f);
        }
    }
    r
}

/// The estimated zone of each seat: its Voronoi cell clipped to `outline`, as an area (stored as
/// a GeoJSON MultiPolygon); `None` where nothing of the outline is nearest to
/// the seat. Without an outline the cells are clipped to the seats' bounding box grown by the
/// largest nearest-seat distance. Seats at the same point share nothing: the first keeps it.
pub fn voronoi_zones(seats: &[LonLat], outline: Option<&Area>) -> Vec<Option<Area>> {
    if seats.is_empty() {
        return vec![];
    }
    let frame = Frame::around(seats);
    let s: Vec<Pt> = seats.iter().map(|p| frame.to((p.lon, p.lat))).collect();
    // Each outline polygon as planar rings (outer first, then holes), without the closing point.
    let mut parts: Vec<Vec<Vec<Pt>>> = outline
        .map(|a| a.polygons.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|p| {
            std::iter::once(&p.outer)
                .chain(&p.holes)
                .map(|r| {
                    let mut pts: Vec<Pt> = r.iter().map(|&p| frame.to(p)).collect();
                    if pts.len() > 1 && pts.first() == pts.last() {
                        pts.pop();
                    }
                    pts
                })
                .filter(|r| r.len() >= 3)
                .collect::<Vec<_>>()
        })
        .filter(|rings: &Vec<Vec<Pt>>| !rings.is_empty())
        .collect();
    if parts.is_empty() {
        let reach = s
            .iter()
            .enumerate()
            .map(|(i, a)| {
                s.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
                    .fold(f64::INFINITY, f64::min)
            })
            .filter(|d| d.is_finite())
            .fold(5.0_f64, f64::max);
        let (x0, x1) = s.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
        let (y0, y1) = s.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        parts = vec![vec![vec![
            (x0 - reach, y0 - reach),
            (x1 + reach, y0 - reach),
            (x1 + reach, y1 + reach),
            (x0 - reach, y1 + reach),
        ]]];
    }
    (0..s.len())
        .map(|i| {
            let mut polys = Vec::new();
            for rings in &parts {
                let mut clipped: Vec<Vec<Pt>> = Vec::new();
                for (k, r) in rings.iter().enumerate() {
                    let mut cell = r.clone();
                    for (j, o) in s.iter().enumerate() {
                        if j == i || cell.len() < 3 {
                            continue;
                        }
                        if *o == s[i] {
                            // A duplicate seat: the earlier one keeps the land.
                            if j < i {
                                cell.clear();
                            }
                            continue;
                        }
                        cell = clip_half_plane(&cell, nearer(s[i], *o));
                    }
                    if cell.len() >= 3 && ring_area(&cell).abs() > 1e-9 {
                        clipped.push(cell);
                    } else if k == 0 {
                        break;
                    }
                }
                if clipped.is_empty() || clipped[0].len() < 3 {
                    continue;
                }
                let mut rings = clipped
                    .into_iter()
                    .map(|r| closed(r.into_iter().map(|p| frame.back(p)).collect()));
                let outer = rings.next().unwrap_or_default();
                polys.push(Polygon {
                    outer,
                    holes: rings.collect(),
                });
            }
            (!polys.is_empty()).then_some(Area { polygons: polys })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn area(v: serde_json::Value) -> Area {
        Area::from_geojson(&v).unwrap()
    }

    fn square(lon0: f64, lat0: f64, d: f64) -> Area {
        area(json!({"type": "Polygon", "coordinates": [[
            [lon0, lat0], [lon0 + d, lat0], [lon0 + d, lat0 + d], [lon0, lat0 + d], [lon0, lat0]
        ]]}))
    }

    #[test]
    fn two_seats_split_a_square_down_the_middle() {
        let outline = square(120.0, 30.0, 0.2);
        let seats = [
            LonLat {
                lon: 120.05,
                lat: 30.1,
            },
            LonLat {
                lon: 120.15,
                lat: 30.1,
            },
        ];
        let z = voronoi_zones(&seats, Some(&outline));
        let (a, b) = (z[0].as_ref().unwrap(), z[1].as_ref().unwrap());
        // Each gets half of the square (planar frame ≈ spherical area at this size).
        let whole = outline.area_km2();
        assert!((a.area_km2() / whole - 0.5).abs() < 0.002);
        assert!((b.area_km2() / whole - 0.5).abs() < 0.002);
        assert!(a.contains(120.01, 30.19));
        assert!(!a.contains(120.11, 30.1));
        assert!(b.contains(120.11, 30.1));
        // Nothing outside the outline.
        assert!(!a.contains(119.99, 30.1));
    }

    #[test]
    fn every_point_of_the_outline_goes_to_its_nearest_seat() {
        // An L-shaped (concave) county and four seats: sample points land in exactly one zone,
        // the zone of the nearest seat.
        let outline = area(json!({"type": "Polygon", "coordinates": [[
            [0.0, 0.0], [0.4, 0.0], [0.4, 0.1], [0.1, 0.1], [0.1, 0.4], [0.0, 0.4], [0.0, 0.0]
        ]]}));
        let seats = [
            LonLat {
                lon: 0.05,
                lat: 0.05,
            },
            LonLat {
                lon: 0.3,
                lat: 0.05,
            },
            LonLat {
                lon: 0.05,
                lat: 0.3,
            },
            LonLat { lon: 0.3, lat: 0.3 }, // outside the L: owns little or nothing
        ];
        let z = voronoi_zones(&seats, Some(&outline));
        let frame = Frame::around(&seats);
        for k in 0..400 {
            let (lon, lat) = (
                0.003 + (k % 20) as f64 * 0.0199,
                0.003 + (k / 20) as f64 * 0.0199,
            );
            let inside = outline.contains(lon, lat);
            let owners: Vec<usize> = z
                .iter()
                .enumerate()
                .filter(|(_, g)| g.as_ref().is_some_and(|g| g.contains(lon, lat)))
                .map(|(i, _)| i)
                .collect();
            if !inside {
                assert!(
                    owners.is_empty(),
                    "({lon}, {lat}) outside but in {owners:?}"
                );
                continue;
            }
            let p = frame.to((lon, lat));
            let nearest = seats
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let q = frame.to((s.lon, s.lat));
                    (i, (p.0 - q.0).powi(2) + (p.1 - q.1).powi(2))
                })
                .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap())
                .unwrap()
                .0;
            assert_eq!(owners, vec![nearest], "({lon}, {lat})");
        }
        // Areas add up to the outline's.
        let total: f64 = z.iter().flatten().map(Area::area_km2).sum();
        assert!((total / outline.area_km2() - 1.0).abs() < 1e-3, "{total}");
    }

    #[test]
    fn without_an_outline_cells_cover_the_seats() {
        let seats = [
            LonLat {
                lon: 100.0,
                lat: 40.0,
            },
            LonLat {
                lon: 100.1,
                lat: 40.0,
            },
        ];
        let z = voronoi_zones(&seats, None);
        assert!(z[0].as_ref().unwrap().contains(100.0, 40.0));
        assert!(z[1].as_ref().unwrap().contains(100.1, 40.0));
    }
}
