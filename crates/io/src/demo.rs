//! The bundled demo county, 云和县 (331125): real census population and township boundaries,
//! an assumed split of the population over townships, and sample facilities (示例数据).
//! Every source is stated in `data/demo/README.md`.

use std::collections::{HashMap, HashSet};

use junheng_core::population::split_age_sex;
use junheng_core::{BoundaryStatus, County, CountyDataset, PopulationStatus, Township};

use crate::{
    read_census, read_facilities, read_school_sections, read_township_features, CellError,
    InputErrors, TownshipFeature,
};

pub const DEMO_COUNTY_CODE: &str = "331125";

const CENSUS: &[u8] = include_bytes!("../../../data/demo/census_331125.csv");
const TOWNSHIPS: &str = include_str!("../../../data/demo/townships.geojson");
const FACILITIES: &[u8] = include_bytes!("../../../data/demo/facilities.csv");
const SCHOOLS: &[u8] = include_bytes!("../../../data/demo/school_sections.csv");

const NOTE_ZH: &str = "县级常住人口及年龄性别结构为第七次全国人口普查真实数据；各乡镇（街道）人口为假定拆分：城镇人口按面积分配到4个街道，乡村人口按面积分配到6个镇、乡，各年龄性别组按同一比例以最大余数法取整。设施为示例数据。";
const NOTE_EN: &str = "County population by age and sex is real 7th-census data; township populations are an assumed split: urban residents allocated to the 4 subdistricts by area, rural residents to the 6 towns by area, every age/sex cell by the same shares with largest-remainder rounding. Facilities are sample data.";

/// Township weights of the demo split: the county's 城镇人口 goes to the 街道 and its 乡村人口
/// to the 镇/乡, each in proportion to area. The weight is the township's expected population.
pub fn urban_rural_area_weights(features: &[TownshipFeature], urban: u64, rural: u64) -> Vec<f64> {
    let is_urban = |f: &TownshipFeature| f.kind == "街道";
    let urban_area: f64 = features
        .iter()
        .filter(|f| is_urban(f))
        .map(|f| f.area_km2)
        .sum();
    let rural_area: f64 = features
        .iter()
        .filter(|f| !is_urban(f))
        .map(|f| f.area_km2)
        .sum();
    features
        .iter()
        .map(|f| {
            if is_urban(f) {
                urban as f64 * f.area_km2 / urban_area
            } else {
                rural as f64 * f.area_km2 / rural_area
            }
        })
        .collect()
}

/// Builds the demo county from the files compiled into the binary.
pub fn demo_dataset() -> Result<CountyDataset, InputErrors> {
    let census_file = "data/demo/census_331125.csv";
    let rows = read_census(census_file, CENSUS)?;
    let row = rows
        .into_iter()
        .find(|r| r.code.as_deref() == Some(DEMO_COUNTY_CODE))
        .ok_or_else(|| {
            InputErrors::single(CellError::new(
                census_file,
                1,
                "区划代码",
                DEMO_COUNTY_CODE,
                "找不到该县",
                "county not found",
            ))
        })?;
    let features = read_township_features("data/demo/townships.geojson", TOWNSHIPS)?;
    let weights =
        urban_rural_area_weights(&features, row.urban.unwrap_or(0), row.rural.unwrap_or(0));
    let parts = split_age_sex(&row.population, &weights);
    let townships: Vec<Township> = features
        .into_iter()
        .zip(parts)
        .map(|(f, population)| Township {
            code: f.code,
            name: f.name,
            kind: f.kind,
            area_km2: f.area_km2,
            centroid: f.centroid,
            interior: f.interior,
            boundary: f.geometry,
            population,
            population_status: PopulationStatus::Estimated,
            boundary_status: BoundaryStatus::Surveyed,
            seat: None,
            user_defined: false,
        })
        .collect();
    let codes: HashSet<String> = townships.iter().map(|t| t.code.clone()).collect();
    let mut facilities = read_facilities("data/demo/facilities.csv", FACILITIES, &codes, true)?;
    let sections = read_school_sections("data/demo/school_sections.csv", SCHOOLS)?;
    attach_sections(&mut facilities, sections, "data/demo/school_sections.csv")?;
    let national = junheng_reference::national();
    Ok(CountyDataset {
        county: County {
            code: DEMO_COUNTY_CODE.to_string(),
            name: row.county,
            province: row.province,
            prefecture: row.prefecture,
            census_year: 2020,
            sample_facilities: true,
            population_note_zh: NOTE_ZH.to_string(),
            population_note_en: NOTE_EN.to_string(),
            census_code: Some(DEMO_COUNTY_CODE.to_string()),
            population_source: junheng_core::PopulationSource::Census,
            seat: national.seat(DEMO_COUNTY_CODE),
        },
        population: row.population,
        unallocated: junheng_core::AgeSexBands::default(),
        townships,
        facilities,
        outline: national.outline(DEMO_COUNTY_CODE),
        places: vec![],
    })
}

/// Gives a county set up from the national data the township boundaries bundled with the app
/// (those of the demo county 云和县, real polygons), where it is that county.
pub fn attach_bundled_boundaries(data: &mut CountyDataset) -> Result<(), InputErrors> {
    if data.county.code != DEMO_COUNTY_CODE {
        return Ok(());
    }
    for f in read_township_features("data/demo/townships.geojson", TOWNSHIPS)? {
        if let Some(t) = data.townships.iter_mut().find(|t| t.code == f.code) {
            t.boundary = f.geometry;
            t.area_km2 = f.area_km2;
            t.centroid = f.centroid;
            t.interior = f.interior;
            t.boundary_status = BoundaryStatus::Surveyed;
        }
    }
    Ok(())
}

/// Gives each school its sections; a section naming no known school is an error.
pub fn attach_sections(
    facilities: &mut [junheng_core::Facility],
    sections: Vec<junheng_core::SchoolSection>,
    file: &str,
) -> Result<(), InputErrors> {
    let index: HashMap<String, usize> = facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    let mut errors = Vec::new();
    for (n, s) in sections.into_iter().enumerate() {
        match index.get(&s.school_code) {
            Some(&i) if facilities[i].kind.category() == junheng_core::FacilityCategory::School => {
                facilities[i].school_sections.push(s)
            }
            _ => errors.push(CellError::new(
                file,
                n + 2,
                "school_code",
                &s.school_code,
                "不是设施表中的学校编号",
                "not the id of a school in the facility table",
            )),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_population_matches_the_census_and_sums_exactly() {
        let d = demo_dataset().unwrap();
        assert_eq!(d.county.name, "云和县");
        assert_eq!(d.population.total(), 129_216);
        assert_eq!(d.townships.len(), 10);
        let sum: u64 = d.townships.iter().map(|t| t.population.total()).sum();
        assert_eq!(sum, 129_216);
        let mut cells = junheng_core::AgeSexBands::default();
        for t in &d.townships {
            cells.add(&t.population);
        }
        assert_eq!(cells, d.population);
        // The four 街道 hold the urban population (94,499) give or take rounding per cell.
        let urban: u64 = d
            .townships
            .iter()
            .filter(|t| t.kind == "街道")
            .map(|t| t.population.total())
            .sum();
        assert!((urban as i64 - 94_499).abs() <= 38, "urban = {urban}");
    }

    #[test]
    fn area_weights_by_hand() {
        let f = |kind: &str, area: f64| TownshipFeature {
            code: "331125001".into(),
            name: String::new(),
            kind: kind.into(),
            area_km2: area,
            centroid: junheng_core::LonLat { lon: 0.0, lat: 0.0 },
            interior: junheng_core::LonLat { lon: 0.0, lat: 0.0 },
            geometry: serde_json::Value::Null,
        };
        let w =
            urban_rural_area_weights(&[f("街道", 10.0), f("街道", 30.0), f("镇", 50.0)], 800, 100);
        assert_eq!(w, vec![200.0, 600.0, 100.0]);
    }
}
