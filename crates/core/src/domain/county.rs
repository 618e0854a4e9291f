use serde::{Deserialize, Serialize};

use super::AgeSexBands;

/// 县级行政区 — a county-level unit, the basic unit of public-service planning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct County {
    /// 6-digit 区划代码 (2020 census vintage).
    pub code: String,
    pub name: String,
    pub province: String,
    pub prefecture: String,
    /// Year of the census the population comes from (7th census = 2020).
    pub census_year: i32,
    /// True when the facilities are 示例数据 (invented sample data) rather than a real inventory.
    pub sample_facilities: bool,
    /// How the population was obtained, shown wherever township figures are shown.
    pub population_note_zh: String,
    pub population_note_en: String,
}

/// 乡镇/街道 — a township-level unit (9-digit statistical code) inside a county.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Township {
    /// 9-digit 统计用区划代码.
    pub code: String,
    pub name: String,
    /// 街道 / 镇 / 乡.
    pub kind: String,
    pub area_km2: f64,
    pub centroid: LonLat,
    /// A point guaranteed to lie inside the boundary (for labels and default facility placement).
    pub interior: LonLat,
    /// Boundary as a GeoJSON geometry object (Polygon or MultiPolygon), coordinates as published.
    pub boundary: serde_json::Value,
    /// 常住人口 by sex and census age band.
    pub population: AgeSexBands,
}

/// A point in longitude/latitude degrees (the demo data are GCJ-02, as published by the source).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

/// A county with its townships and facilities: the unit stored, assessed and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyDataset {
    pub county: County,
    /// 常住人口 of the whole county by sex and age band, as published by the census.
    pub population: AgeSexBands,
    pub townships: Vec<Township>,
    pub facilities: Vec<super::Facility>,
}
