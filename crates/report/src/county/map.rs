//! The township choropleth: zones shaded by value in classes of equal width, facilities as dots
//! by category, legend on the right. Lon/lat are drawn equirectangular with the x axis shrunk by
//! cos(latitude), which at county scale is indistinguishable from a proper projection.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::charts::{text_style, Drawn, INK, LABEL_SIZE, MUTED, SMALL_SIZE, TITLE_SIZE};
use super::format;
use super::labels::Labels;
use super::model::{CountyReport, ReportZone};

/// Sequential ramp (ColorBrewer YlGnBu, 5 classes): light is low, dark is high.
const RAMP: [RGBColor; 5] = [
    RGBColor(0xff, 0xff, 0xcc),
    RGBColor(0xa1, 0xda, 0xb4),
    RGBColor(0x41, 0xb6, 0xc4),
    RGBColor(0x2c, 0x7f, 0xb8),
    RGBColor(0x25, 0x34, 0x94),
];
const NO_DATA: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);
const OUTLINE: RGBColor = RGBColor(0x4b, 0x55, 0x63);
const LEGEND_W: i32 = 290;

/// Equal-width classes over the zones' values, at most five.
struct Classes {
    min: f64,
    width: f64,
    count: usize,
}

impl Classes {
    fn new(zones: &[ReportZone]) -> Option<Classes> {
        let mut vals: Vec<f64> = zones
            .iter()
            .filter_map(|z| z.value)
            .filter(|v| v.is_finite())
            .collect();
        if vals.is_empty() {
            return None;
        }
        vals.sort_by(f64::total_cmp);
        vals.dedup();
        let min = vals[0];
        let max = vals[vals.len() - 1];
        let count = vals.len().min(RAMP.len());
        let width = if max > min {
            (max - min) / count as f64
        } else {
            1.0
        };
        Some(Classes { min, width, count })
    }

    fn index(&self, v: f64) -> usize {
        (((v - self.min) / self.width).floor().max(0.0) as usize).min(self.count - 1)
    }

    /// Spreads the ramp over fewer classes so two classes are never adjacent shades.
    fn colour(&self, i: usize) -> RGBColor {
        if self.count == 1 {
            RAMP[2]
        } else {
            RAMP[i * (RAMP.len() - 1) / (self.count - 1)]
        }
    }

    fn is_dark(&self, i: usize) -> bool {
        self.count > 1 && i * (RAMP.len() - 1) / (self.count - 1) >= 3
    }
}

fn category_colour(category: &str) -> RGBColor {
    match category {
        "childcare" => RGBColor(0xf5, 0x9e, 0x0b),
        "elderly" => RGBColor(0xc0, 0x26, 0xd3),
        "school" => RGBColor(0xdc, 0x26, 0x26),
        _ => RGBColor(0x37, 0x41, 0x51),
    }
}

fn category_label(l: &Labels, category: &str) -> String {
    match category {
        "childcare" => l.category_childcare.into(),
        "elderly" => l.category_elderly.into(),
        "school" => l.category_school.into(),
        other => other.into(),
    }
}

/// Area-weighted centroid of a ring (shoelace), falling back to the vertex mean when degenerate.
fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let mut a = 0.0;
    let mut cx = 0.0;
    let mut cy = 0.0;
    for w in 0..ring.len() {
        let (x0, y0) = ring[w];
        let (x1, y1) = ring[(w + 1) % ring.len()];
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-12 {
        let n = ring.len().max(1) as f64;
        let (sx, sy) = ring.iter().fold((0.0, 0.0), |s, p| (s.0 + p.0, s.1 + p.1));
        return (sx / n, sy / n);
    }
    (cx / (3.0 * a), cy / (3.0 * a))
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
}

pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CountyReport,
    l: &Labels,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let map_title = if r.map.title.is_empty() {
        l.sec_map
    } else {
        r.map.title.as_str()
    };
    root.draw(&Text::new(
        map_title.to_string(),
        (w / 2, 14),
        text_style(TITLE_SIZE, &INK, HPos::Center, VPos::Top),
    ))?;

    let lonlat = r
        .map
        .zones
        .iter()
        .flat_map(|z| z.rings.iter().flatten().map(|p| (p[0], p[1])))
        .chain(r.map.points.iter().map(|p| (p.lon, p.lat)))
        .filter(|p| p.0.is_finite() && p.1.is_finite());
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in lonlat {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return root.draw(&Text::new(
            l.map_none.to_string(),
            (w / 2, h / 2),
            text_style(LABEL_SIZE, &MUTED, HPos::Center, VPos::Center),
        ));
    }

    // Fit the county into the frame left of the legend, keeping its shape.
    let (fx0, fy0, fx1, fy1) = (24.0, 76.0, (w - LEGEND_W - 24) as f64, (h - 24) as f64);
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let dx = ((x1 - x0) * kx).max(1e-9);
    let dy = (y1 - y0).max(1e-9);
    let scale = ((fx1 - fx0) / dx).min((fy1 - fy0) / dy);
    let ox = fx0 + ((fx1 - fx0) - dx * scale) / 2.0;
    let oy = fy0 + ((fy1 - fy0) - dy * scale) / 2.0;
    let project = |lon: f64, lat: f64| -> (f64, f64) {
        (ox + (lon - x0) * kx * scale, oy + (y1 - lat) * scale)
    };
    let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);

    let classes = Classes::new(&r.map.zones);
    for z in &r.map.zones {
        let class = z.value.filter(|v| v.is_finite()).and_then(|v| {
            let c = classes.as_ref()?;
            Some((c, c.index(v)))
        });
        let fill = class.map(|(c, i)| c.colour(i)).unwrap_or(NO_DATA);
        for ring in &z.rings {
            let pts: Vec<(i32, i32)> = ring.iter().map(|p| px(project(p[0], p[1]))).collect();
            if pts.len() < 3 {
                continue;
            }
            root.draw(&Polygon::new(pts.clone(), fill.filled()))?;
            let mut closed = pts;
            closed.push(closed[0]);
            root.draw(&PathElement::new(closed, OUTLINE.stroke_width(2)))?;
        }
    }
    // Names go on after every fill so a neighbour's fill never covers them.
    for z in &r.map.zones {
        let biggest = z
            .rings
            .iter()
            .map(|ring| ring.iter().map(|p| project(p[0], p[1])).collect::<Vec<_>>())
            .filter(|ring| ring.len() >= 3)
            .max_by(|a, b| ring_area(a).total_cmp(&ring_area(b)));
        let Some(ring) = biggest else { continue };
        let dark = z
            .value
            .zip(classes.as_ref())
            .is_some_and(|(v, c)| v.is_finite() && c.is_dark(c.index(v)));
        let colour = if dark { WHITE } else { INK };
        root.draw(&Text::new(
            z.name.clone(),
            px(centroid(&ring)),
            text_style(SMALL_SIZE, &colour, HPos::Center, VPos::Center),
        ))?;
    }
    for p in &r.map.points {
        if !(p.lon.is_finite() && p.lat.is_finite()) {
            continue;
        }
        let c = px(project(p.lon, p.lat));
        root.draw(&Circle::new(c, 9, category_colour(&p.category).filled()))?;
        root.draw(&Circle::new(c, 9, WHITE.stroke_width(2)))?;
    }

    draw_legend(root, r, l, classes.as_ref(), w - LEGEND_W)
}

fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CountyReport,
    l: &Labels,
    classes: Option<&Classes>,
    x: i32,
) -> Drawn<DB> {
    let mut y = 96;
    let legend_title = if r.map.legend_title.is_empty() {
        l.value
    } else {
        r.map.legend_title.as_str()
    };
    root.draw(&Text::new(
        legend_title.to_string(),
        (x, y),
        text_style(LABEL_SIZE, &INK, HPos::Left, VPos::Top),
    ))?;
    y += 44;
    let swatch = |y: i32, colour: RGBColor| {
        root.draw(&Rectangle::new([(x, y), (x + 34, y + 22)], colour.filled()))?;
        root.draw(&Rectangle::new(
            [(x, y), (x + 34, y + 22)],
            OUTLINE.stroke_width(1),
        ))
    };
    if let Some(c) = classes {
        for i in 0..c.count {
            let lo = c.min + c.width * i as f64;
            let hi = lo + c.width;
            swatch(y, c.colour(i))?;
            let range = if c.count == 1 {
                format::auto(c.min)
            } else {
                format!("{} – {}", format::auto(lo), format::auto(hi))
            };
            root.draw(&Text::new(
                range,
                (x + 46, y + 11),
                text_style(SMALL_SIZE, &INK, HPos::Left, VPos::Center),
            ))?;
            y += 34;
        }
    }
    if r.map
        .zones
        .iter()
        .any(|z| !z.value.is_some_and(f64::is_finite))
    {
        swatch(y, NO_DATA)?;
        root.draw(&Text::new(
            l.map_no_data.to_string(),
            (x + 46, y + 11),
            text_style(SMALL_SIZE, &INK, HPos::Left, VPos::Center),
        ))?;
        y += 34;
    }

    let mut categories: Vec<&str> = Vec::new();
    for p in &r.map.points {
        if !categories.contains(&p.category.as_str()) {
            categories.push(&p.category);
        }
    }
    if categories.is_empty() {
        return Ok(());
    }
    y += 26;
    root.draw(&Text::new(
        l.map_facilities.to_string(),
        (x, y),
        text_style(LABEL_SIZE, &INK, HPos::Left, VPos::Top),
    ))?;
    y += 44;
    for cat in categories {
        root.draw(&Circle::new(
            (x + 17, y + 11),
            8,
            category_colour(cat).filled(),
        ))?;
        root.draw(&Text::new(
            category_label(l, cat),
            (x + 46, y + 11),
            text_style(SMALL_SIZE, &INK, HPos::Left, VPos::Center),
        ))?;
        y += 34;
    }
    Ok(())
}
