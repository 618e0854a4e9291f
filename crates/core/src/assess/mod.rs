//! 现状评估 — the county and each township against the national targets, from the facilities
//! in service and the resident population. Every KPI carries its formula, inputs and norm.

mod facility;
mod kpi;
mod zone;

pub use facility::*;
pub use kpi::*;
pub use zone::*;

use serde::{Deserialize, Serialize};

use crate::standards::Catalogue;
use crate::CountyDataset;

/// The assessment of a county in its base year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CountyAssessment {
    pub county: ZoneAssessment,
    pub townships: Vec<ZoneAssessment>,
    pub facilities: Vec<FacilityAssessment>,
    pub kpis: Vec<Kpi>,
}

pub fn assess_county(data: &CountyDataset, norms: &Catalogue) -> CountyAssessment {
    let facilities: Vec<FacilityAssessment> = data
        .facilities
        .iter()
        .map(|f| assess_facility(f, norms))
        .collect();
    let townships: Vec<ZoneAssessment> = data
        .townships
        .iter()
        .map(|t| {
            let here: Vec<&FacilityAssessment> = facilities
                .iter()
                .filter(|f| f.township_code == t.code)
                .collect();
            zone_assessment(&t.code, &t.name, &t.population, &here, norms)
        })
        .collect();
    let all: Vec<&FacilityAssessment> = facilities.iter().collect();
    let county = zone_assessment(
        &data.county.code,
        &data.county.name,
        &data.population,
        &all,
        norms,
    );
    let kpis = county_kpis(&county, norms);
    CountyAssessment {
        county,
        townships,
        facilities,
        kpis,
    }
}
