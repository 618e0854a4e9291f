//! 专题地图 — the one township map renderer: the county report draws it into the PDF and
//! `export_map_png` into a PNG of any size, both from the same [`MapModel`]. Townships are
//! shaded by a KPI in classes that break at the target in force; names are placed without
//! overlaps; a scale bar, a north arrow, the title (county, indicator, year), the legend and a
//! source line frame it. All text is set in the bundled CJK font.

mod classes;
mod draw;
mod placement;

pub use classes::{class_breaks, Classes};
pub use placement::{place_labels, Candidate, Rect};

pub(crate) use draw::draw;

use serde::{Deserialize, Serialize};

use junheng_core::assess::KpiKey;
use junheng_core::FacilityCategory;

use crate::county::{font, raster::GlyphText, ReportError};

/// A township map as plain data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MapModel {
    pub county_name: String,
    /// The year the values are for.
    pub year: i32,
    /// The indicator the townships are shaded by.
    pub layer: KpiKey,
    /// The target in force for the indicator in `year` (same scale as the values).
    pub target: Option<f64>,
    pub zones: Vec<MapZone>,
    /// Exterior rings of the county outline (drawn where townships have no boundary too).
    pub outline: Vec<Vec<[f64; 2]>>,
    pub points: Vec<MapPoint>,
    /// The facilities are sample data (the source line says so).
    pub sample_data: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MapZone {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    /// Exterior rings in lon/lat as stored (GCJ-02); multi-polygons are flattened into rings.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// 估算边界: the Voronoi cell of the township seat, drawn dashed.
    pub estimated: bool,
    /// The township seat, where the name goes when there is no boundary.
    pub seat: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MapPoint {
    pub lon: f64,
    pub lat: f64,
    pub category: FacilityCategory,
}

/// Smallest and largest PNG side in pixels: below the smaller the legend no longer fits, above
/// the larger a county map only grows the file.
pub const MAP_PNG_SIDE: (u32, u32) = (400, 4000);

/// The map as a PNG of `width` × `height` pixels in the language `lang`.
pub fn map_png(m: &MapModel, lang: &str, width: u32, height: u32) -> Result<Vec<u8>, ReportError> {
    let (lo, hi) = MAP_PNG_SIDE;
    if !(lo..=hi).contains(&width) || !(lo..=hi).contains(&height) {
        return Err(ReportError::Image(format!(
            "map size {width}×{height} outside {lo}–{hi} pixels"
        )));
    }
    font::register()?;
    let l = crate::county::labels::labels(lang);
    let mut rgb = vec![255u8; (width * height * 3) as usize];
    {
        use plotters::prelude::*;
        let root =
            GlyphText(BitMapBackend::with_buffer(&mut rgb, (width, height))).into_drawing_area();
        draw(&root, m, l).map_err(|e| ReportError::Chart(e.to_string()))?;
        root.present()
            .map_err(|e| ReportError::Chart(e.to_string()))?;
    }
    crate::county::encode_png(&rgb, width, height)
}

/// The map's file name, e.g. "云和县_每千人口托位数_2026.png".
pub fn map_png_file_name(m: &MapModel, lang: &str) -> String {
    let l = crate::county::labels::labels(lang);
    format!(
        "{}_{}_{}.png",
        m.county_name,
        (l.kpi_title)(m.layer),
        m.year
    )
}
