//! Drawing the map on any plotters backend (PDF vectors in the report, a bitmap for PNG). Sizes
//! scale with the drawing so a 600 px PNG and an A4 page read alike. Lon/lat are drawn
//! equirectangular with x shrunk by cos(latitude), indistinguishable from a proper projection
//! at county scale.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{class_breaks, place_labels, Candidate, Classes, MapModel, Rect};
use crate::county::charts::{text_style, Drawn, INK, MUTED};
use crate::county::font;
use crate::county::labels::Labels;
use crate::kpi_value_text;
use junheng_core::assess::KpiKey;
use junheng_core::FacilityCategory;

/// Below the target: darker is further below (ColorBrewer OrRd).
const BELOW: [RGBColor; 4] = [
    RGBColor(0xd7, 0x30, 0x1f),
    RGBColor(0xfc, 0x8d, 0x59),
    RGBColor(0xfd, 0xbb, 0x84),
    RGBColor(0xfe, 0xe8, 0xc8),
];
/// At or above the target: darker is higher (ColorBrewer Greens).
const ABOVE: [RGBColor; 4] = [
    RGBColor(0xc7, 0xe9, 0xc0),
    RGBColor(0x74, 0xc4, 0x76),
    RGBColor(0x31, 0xa3, 0x54),
    RGBColor(0x00, 0x6d, 0x2c),
];
/// No target in force: one sequential ramp (YlGnBu).
const SEQUENTIAL: [RGBColor; 5] = [
    RGBColor(0xff, 0xff, 0xcc),
    RGBColor(0xa1, 0xda, 0xb4),
    RGBColor(0x41, 0xb6, 0xc4),
    RGBColor(0x2c, 0x7f, 0xb8),
    RGBColor(0x25, 0x34, 0x94),
];
const NO_DATA: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);
const LAND: RGBColor = RGBColor(0xf3, 0xf4, 0xf6);
const ZONE_LINE: RGBColor = RGBColor(0x4b, 0x55, 0x63);
const COUNTY_LINE: RGBColor = RGBColor(0x11, 0x18, 0x27);

fn class_colour(c: &Classes, i: usize) -> RGBColor {
    match c.target {
        Some(t) if i < t => BELOW[BELOW.len() - t.min(BELOW.len()) + i.min(BELOW.len() - 1)],
        Some(t) => ABOVE[(i - t).min(ABOVE.len() - 1)],
        None if c.count() == 1 => SEQUENTIAL[2],
        None => SEQUENTIAL[i * (SEQUENTIAL.len() - 1) / (c.count() - 1)],
    }
}

fn is_dark(c: RGBColor) -> bool {
    let lum = 0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64;
    lum < 120.0
}

fn category_colour(c: FacilityCategory) -> RGBColor {
    match c {
        FacilityCategory::Childcare => RGBColor(0xf5, 0x9e, 0x0b),
        FacilityCategory::Elderly => RGBColor(0x7c, 0x3a, 0xed),
        FacilityCategory::School => RGBColor(0x25, 0x63, 0xeb),
    }
}

/// The legend's resolution of a KPI (what `kpi_value_text` prints).
fn step(key: KpiKey) -> f64 {
    match key {
        KpiKey::SlotsPer1000 => 0.01,
        KpiKey::BedsPer1000Elderly => 0.1,
        _ => 0.001,
    }
}

fn ring_area(ring: &[(f64, f64)]) -> f64 {
    (0..ring.len())
        .map(|i| {
            let (x0, y0) = ring[i];
            let (x1, y1) = ring[(i + 1) % ring.len()];
            x0 * y1 - x1 * y0
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

/// Area-weighted centroid of a ring (shoelace), the vertex mean when degenerate.
fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in 0..ring.len() {
        let (x0, y0) = ring[w];
        let (x1, y1) = ring[(w + 1) % ring.len()];
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-9 {
        let n = ring.len().max(1) as f64;
        let (sx, sy) = ring.iter().fold((0.0, 0.0), |s, p| (s.0 + p.0, s.1 + p.1));
        return (sx / n, sy / n);
    }
    (cx / (3.0 * a), cy / (3.0 * a))
}

fn contains(ring: &[(f64, f64)], p: (f64, f64)) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[(i + n - 1) % n];
        if (yi > p.1) != (yj > p.1) && p.0 < (xj - xi) * (p.1 - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// Lines of at most `max_w` pixels: words in English, characters in Chinese.
fn wrap(text: &str, size: f64, max_w: f64) -> Vec<String> {
    let width = |t: &str| font::estimate(t, size).map_or(0.0, |(w, _)| w as f64);
    let pieces: Vec<String> = if text.contains(' ') {
        text.split_inclusive(' ').map(str::to_string).collect()
    } else {
        text.chars().map(String::from).collect()
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    for p in pieces {
        if !line.is_empty() && width(format!("{line}{p}").trim_end()) > max_w {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        line.push_str(&p);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A "nice" scale-bar length in km (1, 2 or 5 × 10ⁿ) not longer than `max_km`.
fn nice_km(max_km: f64) -> f64 {
    let mut best = 0.1;
    for exp in -1..4 {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(exp);
            if v <= max_km {
                best = v;
            }
        }
    }
    best
}

fn legend_range(key: KpiKey, lo: f64, hi: f64) -> String {
    match (lo.is_finite(), hi.is_finite()) {
        (false, _) => format!("< {}", kpi_value_text(key, hi)),
        (_, false) => format!("≥ {}", kpi_value_text(key, lo)),
        _ => format!("{} – {}", kpi_value_text(key, lo), kpi_value_text(key, hi)),
    }
}

pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &MapModel,
    l: &Labels,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let s = (w / 1000.0).min(h / 720.0).max(0.35);
    let title_size = 32.0 * s;
    let label_size = 23.0 * s;
    let small = 20.0 * s;
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);

    let title = (l.map_title)(&m.county_name, m.layer, m.year);
    let legend_w = 310.0 * s;
    for (i, line) in wrap(&title, title_size, w - 40.0 * s)
        .iter()
        .take(2)
        .enumerate()
    {
        root.draw(&Text::new(
            line.clone(),
            px(w / 2.0, 10.0 * s + i as f64 * title_size * 0.95),
            text_style(title_size, &INK, HPos::Center, VPos::Top),
        ))?;
    }
    root.draw(&Text::new(
        (l.map_source)(m.year, m.sample_data),
        px(16.0 * s, h - 10.0 * s),
        text_style(small, &MUTED, HPos::Left, VPos::Bottom),
    ))?;

    // Everything that has a place: townships, the outline, seats and facilities.
    let mut all = m
        .zones
        .iter()
        .flat_map(|z| z.rings.iter().flatten().copied().chain(z.seat))
        .chain(m.outline.iter().flatten().copied())
        .chain(m.points.iter().map(|p| [p.lon, p.lat]))
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .peekable();
    if all.peek().is_none() {
        return root.draw(&Text::new(
            l.map_none.to_string(),
            px(w / 2.0, h / 2.0),
            text_style(label_size, &MUTED, HPos::Center, VPos::Center),
        ));
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in all {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y0 = y0.min(p[1]);
        y1 = y1.max(p[1]);
    }
    let frame = Rect {
        x0: 20.0 * s,
        y0: 80.0 * s,
        x1: w - legend_w - 16.0 * s,
        y1: h - 40.0 * s,
    };
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let dx = ((x1 - x0) * kx).max(1e-9);
    let dy = (y1 - y0).max(1e-9);
    // Pixels per degree of latitude.
    // The county fits above a strip kept for the scale bar.
    let strip = 44.0 * s;
    let scale = ((frame.x1 - frame.x0) / dx).min((frame.y1 - frame.y0 - strip) / dy);
    let ox = frame.x0 + ((frame.x1 - frame.x0) - dx * scale) / 2.0;
    let oy = frame.y0 + ((frame.y1 - frame.y0 - strip) - dy * scale) / 2.0;
    let project = |p: [f64; 2]| (ox + (p[0] - x0) * kx * scale, oy + (y1 - p[1]) * scale);
    let ring_px = |ring: &[[f64; 2]]| ring.iter().map(|p| project(*p)).collect::<Vec<_>>();
    let to_i = |r: &[(f64, f64)]| r.iter().map(|p| px(p.0, p.1)).collect::<Vec<_>>();

    let values: Vec<f64> = m.zones.iter().filter_map(|z| z.value).collect();
    let classes = class_breaks(&values, m.target, 5, step(m.layer));
    let fill_of = |v: Option<f64>| match (v.filter(|v| v.is_finite()), &classes) {
        (Some(v), Some(c)) => class_colour(c, c.index(v)),
        _ => NO_DATA,
    };

    // The county's land first, so townships without a boundary still sit inside a shape.
    for ring in &m.outline {
        let pts = to_i(&ring_px(ring));
        if pts.len() >= 3 {
            root.draw(&Polygon::new(pts, LAND.filled()))?;
        }
    }
    let zone_rings: Vec<Vec<Vec<(f64, f64)>>> = m
        .zones
        .iter()
        .map(|z| {
            z.rings
                .iter()
                .map(|r| ring_px(r))
                .filter(|r| r.len() >= 3)
                .collect()
        })
        .collect();
    for (z, rings) in m.zones.iter().zip(&zone_rings) {
        for ring in rings {
            root.draw(&Polygon::new(to_i(ring), fill_of(z.value).filled()))?;
        }
    }
    for (z, rings) in m.zones.iter().zip(&zone_rings) {
        for ring in rings {
            let mut closed = to_i(ring);
            closed.push(closed[0]);
            if z.estimated {
                let dash = (7.0 * s).max(3.0) as i32;
                root.draw(&DashedPathElement::new(
                    closed,
                    dash,
                    dash,
                    ZONE_LINE.stroke_width((1.6 * s).max(1.0) as u32),
                ))?;
            } else {
                root.draw(&PathElement::new(
                    closed,
                    ZONE_LINE.stroke_width((1.4 * s).max(1.0) as u32),
                ))?;
            }
        }
    }
    for ring in &m.outline {
        let mut closed = to_i(&ring_px(ring));
        if closed.len() >= 3 {
            closed.push(closed[0]);
            root.draw(&PathElement::new(
                closed,
                COUNTY_LINE.stroke_width((3.0 * s).max(1.0) as u32),
            ))?;
        }
    }
    let dot = (5.0 * s).max(2.0) as i32;
    for p in m
        .points
        .iter()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
    {
        let (x, y) = project([p.lon, p.lat]);
        root.draw(&Circle::new(
            px(x, y),
            dot,
            category_colour(p.category).filled(),
        ))?;
        root.draw(&Circle::new(px(x, y), dot, WHITE.stroke_width(1)))?;
    }

    // North arrow (top left of the map) and scale bar (bottom left) are fixed furniture that
    // names keep clear of.
    let na = (frame.x0 + 22.0 * s, frame.y0 + 8.0 * s);
    let arrow = vec![
        px(na.0, na.1 + 22.0 * s),
        px(na.0 - 10.0 * s, na.1 + 52.0 * s),
        px(na.0, na.1 + 44.0 * s),
        px(na.0 + 10.0 * s, na.1 + 52.0 * s),
    ];
    root.draw(&Polygon::new(arrow, INK.filled()))?;
    root.draw(&Text::new(
        l.map_north.to_string(),
        px(na.0, na.1 + 20.0 * s),
        text_style(label_size, &INK, HPos::Center, VPos::Bottom),
    ))?;
    let north_box = Rect {
        x0: na.0 - 16.0 * s,
        y0: na.1 - 4.0 * s,
        x1: na.0 + 16.0 * s,
        y1: na.1 + 56.0 * s,
    };
    let metres_per_px = 111_320.0 / scale;
    let km = nice_km((frame.x1 - frame.x0) * 0.25 * metres_per_px / 1000.0);
    let bar = km * 1000.0 / metres_per_px;
    // Under the county, not at the frame's foot when the county is wider than tall.
    let map_bottom = oy + dy * scale;
    let (bx, by) = (
        frame.x0 + 10.0 * s,
        (map_bottom + strip - 8.0 * s).min(frame.y1 - 8.0 * s),
    );
    let bh = (6.0 * s).max(3.0);
    root.draw(&Rectangle::new(
        [px(bx, by - bh), px(bx + bar / 2.0, by)],
        INK.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [px(bx + bar / 2.0, by - bh), px(bx + bar, by)],
        WHITE.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [px(bx, by - bh), px(bx + bar, by)],
        INK.stroke_width(1),
    ))?;
    let km_text = format!("{} {}", crate::county::format::trim(km, 1), l.map_km);
    root.draw(&Text::new(
        "0".to_string(),
        px(bx, by - bh - 3.0 * s),
        text_style(small, &INK, HPos::Center, VPos::Bottom),
    ))?;
    root.draw(&Text::new(
        km_text.clone(),
        px(bx + bar, by - bh - 3.0 * s),
        text_style(small, &INK, HPos::Center, VPos::Bottom),
    ))?;
    let km_w = font::estimate(&km_text, small).map_or(0.0, |(w, _)| w as f64);
    let scale_box = Rect {
        x0: bx - 8.0 * s,
        y0: by - bh - small - 6.0 * s,
        x1: bx + bar + km_w / 2.0 + 4.0 * s,
        y1: by + 2.0 * s,
    };

    // Names: the largest townships first; crowded ones move aside or are left out.
    let names: Vec<String> = m
        .zones
        .iter()
        .map(|z| {
            if z.estimated {
                format!("{}*", z.name)
            } else {
                z.name.clone()
            }
        })
        .collect();
    let candidates: Vec<Option<Candidate>> = m
        .zones
        .iter()
        .zip(&zone_rings)
        .zip(&names)
        .map(|((z, rings), name)| {
            let biggest = rings
                .iter()
                .max_by(|a, b| ring_area(a).total_cmp(&ring_area(b)));
            let (anchor, priority) = match (biggest, z.seat) {
                (Some(r), _) => (centroid(r), ring_area(r)),
                (None, Some(seat)) => (project(seat), 0.0),
                (None, None) => return None,
            };
            let (tw, _) = font::estimate(name, label_size).ok()?;
            Some(Candidate {
                anchor,
                w: tw as f64 + 4.0 * s,
                h: label_size * 0.95,
                priority,
            })
        })
        .collect();
    let flat: Vec<Candidate> = candidates.iter().flatten().copied().collect();
    let dots: Vec<Rect> = m
        .points
        .iter()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
        .map(|p| {
            let (x, y) = project([p.lon, p.lat]);
            Rect::centred(x, y, 2.0 * dot as f64, 2.0 * dot as f64)
        })
        .collect();
    let placed = place_labels(&flat, frame, &[north_box, scale_box], &dots, 2.0 * s);
    let mut placed_iter = placed.into_iter();
    for ((z, cand), name) in m.zones.iter().zip(&candidates).zip(&names) {
        let Some(_) = cand else { continue };
        let Some(Some(r)) = placed_iter.next() else {
            continue;
        };
        let c = r.centre();
        if z.rings.is_empty() {
            if let Some(seat) = z.seat {
                let (sx, sy) = project(seat);
                root.draw(&Circle::new(px(sx, sy), dot, ZONE_LINE.filled()))?;
            }
        }
        // White on a dark class, ink on a light one; a name lying across both gets a pale
        // box so that neither half is lost.
        let fill_at = |p: (f64, f64)| {
            m.zones
                .iter()
                .zip(&zone_rings)
                .find(|(_, rings)| rings.iter().any(|ring| contains(ring, p)))
                .map(|(z, _)| is_dark(fill_of(z.value)))
                .unwrap_or(false)
        };
        let samples = [(r.x0 + 1.0, c.1), c, (r.x1 - 1.0, c.1)].map(fill_at);
        let colour = if samples.iter().all(|d| *d) {
            WHITE
        } else {
            if samples.iter().any(|d| *d) {
                root.draw(&Rectangle::new(
                    [px(r.x0, r.y0), px(r.x1, r.y1)],
                    WHITE.mix(0.85).filled(),
                ))?;
            }
            INK
        };
        root.draw(&Text::new(
            name.clone(),
            px(c.0, c.1),
            text_style(label_size, &colour, HPos::Center, VPos::Center),
        ))?;
    }

    draw_legend(root, m, l, classes.as_ref(), w - legend_w + 8.0 * s, s)
}

fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &MapModel,
    l: &Labels,
    classes: Option<&Classes>,
    x: f64,
    s: f64,
) -> Drawn<DB> {
    let label_size = 23.0 * s;
    let small = 20.0 * s;
    let (w, _) = root.dim_in_pixel();
    let text_w = w as f64 - x - 46.0 * s;
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let mut y = 96.0 * s;
    let heading = |y: &mut f64, text: &str| -> Drawn<DB> {
        for line in wrap(text, label_size, w as f64 - x - 8.0 * s) {
            root.draw(&Text::new(
                line,
                px(x, *y),
                text_style(label_size, &INK, HPos::Left, VPos::Top),
            ))?;
            *y += label_size * 1.15;
        }
        *y += 8.0 * s;
        Ok(())
    };
    let entry = |y: &mut f64, text: &str| -> Drawn<DB> {
        let lines = wrap(text, small, text_w);
        for (i, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                px(x + 42.0 * s, *y + 10.0 * s + i as f64 * small * 1.1),
                text_style(small, &INK, HPos::Left, VPos::Center),
            ))?;
        }
        *y += (30.0 * s).max(lines.len() as f64 * small * 1.1 + 8.0 * s);
        Ok(())
    };
    let swatch = |y: f64, colour: RGBColor| -> Drawn<DB> {
        let r = [px(x, y), px(x + 32.0 * s, y + 20.0 * s)];
        root.draw(&Rectangle::new(r, colour.filled()))?;
        root.draw(&Rectangle::new(r, ZONE_LINE.stroke_width(1)))
    };
    heading(&mut y, (l.kpi_title)(m.layer))?;
    if let Some(c) = classes {
        for i in 0..c.count() {
            if c.target == Some(i) {
                // The target as a rule between the classes below it and those that meet it.
                let target_text =
                    format!("{} {}", l.map_target, kpi_value_text(m.layer, c.breaks[i]));
                let ty = y + 4.0 * s;
                root.draw(&PathElement::new(
                    vec![px(x - 4.0 * s, ty), px(x + 36.0 * s, ty)],
                    COUNTY_LINE.stroke_width((2.5 * s).max(1.0) as u32),
                ))?;
                root.draw(&Text::new(
                    target_text,
                    px(x + 42.0 * s, ty),
                    text_style(small, &INK, HPos::Left, VPos::Center),
                ))?;
                y += 22.0 * s;
            }
            swatch(y, class_colour(c, i))?;
            entry(&mut y, &legend_range(m.layer, c.breaks[i], c.breaks[i + 1]))?;
        }
    }
    if m.zones.iter().any(|z| !z.value.is_some_and(f64::is_finite)) {
        swatch(y, NO_DATA)?;
        entry(&mut y, l.map_no_data)?;
    }
    if m.zones.iter().any(|z| z.estimated) || !m.outline.is_empty() {
        y += 8.0 * s;
        if m.zones.iter().any(|z| z.estimated) {
            let yy = y + 10.0 * s;
            root.draw(&DashedPathElement::new(
                vec![px(x, yy), px(x + 32.0 * s, yy)],
                (6.0 * s).max(3.0) as i32,
                (5.0 * s).max(2.0) as i32,
                ZONE_LINE.stroke_width((1.6 * s).max(1.0) as u32),
            ))?;
            entry(&mut y, &format!("* {}", l.map_estimated))?;
        }
        if !m.outline.is_empty() {
            let yy = y + 10.0 * s;
            root.draw(&PathElement::new(
                vec![px(x, yy), px(x + 32.0 * s, yy)],
                COUNTY_LINE.stroke_width((3.0 * s).max(1.0) as u32),
            ))?;
            entry(&mut y, l.map_outline)?;
        }
    }
    let mut categories: Vec<FacilityCategory> = Vec::new();
    for p in &m.points {
        if !categories.contains(&p.category) {
            categories.push(p.category);
        }
    }
    if categories.is_empty() {
        return Ok(());
    }
    y += 16.0 * s;
    heading(&mut y, l.map_facilities)?;
    for cat in categories {
        root.draw(&Circle::new(
            px(x + 16.0 * s, y + 10.0 * s),
            (6.0 * s).max(2.0) as i32,
            category_colour(cat).filled(),
        ))?;
        entry(&mut y, (l.map_category)(cat))?;
    }
    Ok(())
}
