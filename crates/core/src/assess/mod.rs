//! 现状评估 — the county and each township against the national targets, from the facilities
//! in service and the resident population. Every KPI carries its formula, inputs and norm.

mod facility;
mod kpi;
mod zone;

pub use facility::*;
pub use kpi::*;
pub use zone::*;

use serde::{Deserialize, Serialize};

use crate::projection::{CountyProjection, YearResult};
use crate::standards::{Catalogue, EnrolmentBaseline};
use crate::CountyDataset;

/// The assessment of a county in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CountyAssessment {
    /// The year the figures are for.
    pub year: i32,
    pub county: ZoneAssessment,
    pub townships: Vec<ZoneAssessment>,
    /// The 未分配 remainder of the county's residents (in no township yet), when there is one.
    pub unallocated: Option<ZoneAssessment>,
    pub facilities: Vec<FacilityAssessment>,
    pub kpis: Vec<Kpi>,
}

/// The residents of every zone of a county in the assessed year.
pub struct CountyPeople {
    pub county: ZonePeople,
    /// One per township, in the dataset's order.
    pub townships: Vec<ZonePeople>,
    pub unallocated: ZonePeople,
}

impl CountyPeople {
    /// The census base: the stored bands of the county, its townships and its remainder.
    pub fn census(data: &CountyDataset) -> CountyPeople {
        CountyPeople {
            county: ZonePeople::from_bands(&data.population),
            townships: data
                .townships
                .iter()
                .map(|t| ZonePeople::from_bands(&t.population))
                .collect(),
            unallocated: ZonePeople::from_bands(&data.unallocated),
        }
    }

    /// Year-end `year` of a projection (county, townships, remainder).
    pub fn projected(p: &CountyProjection, year: i32) -> Option<CountyPeople> {
        let at = |series: &[YearResult]| {
            series
                .iter()
                .find(|y| y.year == year)
                .map(|y| ZonePeople::from_single(&y.population))
        };
        Some(CountyPeople {
            county: at(&p.county)?,
            townships: p.townships().iter().map(|s| at(s)).collect::<Option<_>>()?,
            unallocated: at(p.remainder()).unwrap_or_default(),
        })
    }
}

/// The county in `year`: `people` as given (census base or projected), the facilities in service
/// that year (planned ones from their opening year), every KPI against the target in force.
/// `enrolment` is the year's 在托 total where the actuals give it; `baseline` the 2025 入托率.
pub fn assess_county_in(
    data: &CountyDataset,
    people: &CountyPeople,
    year: i32,
    norms: &Catalogue,
    enrolment: Option<Enrolment>,
    baseline: EnrolmentBaseline,
) -> CountyAssessment {
    assess_with(data, people, year, norms, enrolment, baseline, &|f| {
        crate::demand::in_service(f, year)
    })
}

fn assess_with(
    data: &CountyDataset,
    people: &CountyPeople,
    year: i32,
    norms: &Catalogue,
    enrolment: Option<Enrolment>,
    baseline: EnrolmentBaseline,
    open: &dyn Fn(&crate::Facility) -> bool,
) -> CountyAssessment {
    let facilities: Vec<FacilityAssessment> = data
        .facilities
        .iter()
        .map(|f| {
            let mut a = assess_facility(f, norms);
            a.in_service = open(f);
            a
        })
        .collect();
    let townships: Vec<ZoneAssessment> = data
        .townships
        .iter()
        .zip(&people.townships)
        .map(|(t, p)| {
            let here: Vec<&FacilityAssessment> = facilities
                .iter()
                .filter(|f| f.township_code == t.code)
                .collect();
            zone_assessment(&t.code, &t.name, *p, &here, norms, year)
        })
        .collect();
    let all: Vec<&FacilityAssessment> = facilities.iter().collect();
    let county = zone_assessment(
        &data.county.code,
        &data.county.name,
        people.county,
        &all,
        norms,
        year,
    );
    let unallocated = (people.unallocated.total > 0.0)
        .then(|| zone_assessment("", "未分配", people.unallocated, &[], norms, year));
    let kpis = county_kpis(&county, norms, year, enrolment, baseline);
    CountyAssessment {
        year,
        county,
        townships,
        unallocated,
        facilities,
        kpis,
    }
}

/// The census base (2020) with the facilities as they stand today: what `junheng assess`
/// without `--as-of` has always answered.
pub fn assess_county(data: &CountyDataset, norms: &Catalogue) -> CountyAssessment {
    // Facilities count as their status says today, not as of the census year.
    assess_with(
        data,
        &CountyPeople::census(data),
        data.county.census_year,
        norms,
        None,
        EnrolmentBaseline::National,
        &|f| f.status == crate::FacilityStatus::Existing,
    )
}
