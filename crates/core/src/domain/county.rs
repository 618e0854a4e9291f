use serde::{Deserialize, Serialize};

use super::AgeSexBands;

/// 县级行政区 — a county-level unit, the basic unit of public-service planning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    /// The census code the population table came from (the same code unless the county was
    /// set up from a table the planner supplied).
    #[serde(default)]
    pub census_code: Option<String>,
    /// Where the county's 常住人口 by age and sex comes from.
    #[serde(default)]
    pub population_source: PopulationSource,
    /// 县城驻地 — the county seat, where the national data give one.
    #[serde(default)]
    pub seat: Option<LonLat>,
}

/// Where a county's base population table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PopulationSource {
    /// 第七次全国人口普查 county table (bundled national data).
    #[default]
    Census,
    /// A table the planner supplied (a county created after the census).
    Supplied,
}

/// 乡镇人口状态 — how far a township's 常住人口 is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PopulationStatus {
    /// From a published census bulletin (第二号公报 乡镇人口).
    Census,
    /// From the planner's file or edit.
    Imported,
    /// 估算 — a provisional split the planner chose (or the demo's assumed split).
    #[default]
    Estimated,
    /// 待导入 — no figure yet: the township holds nobody and the county's remainder is 未分配.
    Pending,
}

/// 边界状态 — where a township's boundary comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BoundaryStatus {
    /// Imported polygons (e.g. from the statistical or land-survey boundary files).
    #[default]
    Surveyed,
    /// 估算边界 — the Voronoi cell of the township seat clipped to the county outline.
    Estimated,
    /// No boundary yet.
    None,
}

/// 乡镇/街道 — a township-level unit (9-digit statistical code) inside a county.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    /// Boundary as a GeoJSON geometry object (Polygon or MultiPolygon), coordinates as
    /// published; `null` when there is none yet.
    pub boundary: serde_json::Value,
    /// 常住人口 by sex and census age band (all zero while `population_status` is pending).
    pub population: AgeSexBands,
    #[serde(default)]
    pub population_status: PopulationStatus,
    #[serde(default)]
    pub boundary_status: BoundaryStatus,
    /// 驻地 — the township seat, placed by the planner (or taken from the boundary's interior).
    #[serde(default)]
    pub seat: Option<LonLat>,
    /// Added by the planner (a unit the national code list does not have).
    #[serde(default)]
    pub user_defined: bool,
}

impl Township {
    /// A township of the national list with nothing known yet but its code, name and kind.
    pub fn pending(code: &str, name: &str, kind: &str) -> Township {
        Township {
            code: code.to_string(),
            name: name.to_string(),
            kind: kind.to_string(),
            area_km2: 0.0,
            centroid: LonLat { lon: 0.0, lat: 0.0 },
            interior: LonLat { lon: 0.0, lat: 0.0 },
            boundary: serde_json::Value::Null,
            population: AgeSexBands::default(),
            population_status: PopulationStatus::Pending,
            boundary_status: BoundaryStatus::None,
            seat: None,
            user_defined: false,
        }
    }

    /// Whether the township has a boundary to draw, clip the demand grid to and place points in.
    pub fn has_boundary(&self) -> bool {
        self.boundary_status != BoundaryStatus::None && !self.boundary.is_null()
    }
}

/// A point in longitude/latitude degrees (the demo data are GCJ-02, as published by the source).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

/// A county with its townships and facilities: the unit stored, assessed and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyDataset {
    pub county: County,
    /// 常住人口 of the whole county by sex and age band: its townships plus `unallocated`.
    pub population: AgeSexBands,
    /// 未分配 — the part of the county's population no township holds yet.
    pub unallocated: AgeSexBands,
    pub townships: Vec<Township>,
    pub facilities: Vec<super::Facility>,
    /// 县域轮廓 — the county outline (GeoJSON geometry), where the national data have one.
    pub outline: Option<serde_json::Value>,
    /// 村/社区 points with their 常住人口, where the planner imported them.
    pub places: Vec<Place>,
}

impl CountyDataset {
    /// The county population as the sum of its townships and the unallocated remainder: the
    /// invariant every write keeps.
    pub fn recompute_population(&mut self) {
        let mut p = self.unallocated.clone();
        for t in &self.townships {
            p.add(&t.population);
        }
        self.population = p;
    }

    pub fn township(&self, code: &str) -> Option<&Township> {
        self.townships.iter().find(|t| t.code == code)
    }
}

/// 村/社区 — a village or residents' community: a point with its 常住人口, where people live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Place {
    /// 12-digit 统计用区划代码 of the village/community (or the planner's own id).
    pub code: String,
    pub name: String,
    /// The township the point lies in (`None` when the county has no township boundaries).
    pub township_code: Option<String>,
    pub location: LonLat,
    pub population: u64,
}
