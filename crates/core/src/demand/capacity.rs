use serde::{Deserialize, Serialize};

use crate::capacity::{childcare_capacity, elderly_capacity};
use crate::standards::{self as ids, Catalogue};
use crate::{Facility, FacilityCategory, FacilityStatus, SchoolLevel};

/// What the facilities in service in a year provide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearCapacity {
    pub childcare_slots: f64,
    pub institution_beds: f64,
    pub nursing_beds: f64,
    /// School places = classes × class-size limit (45 primary / 50 junior), all sections.
    pub primary_places: f64,
    pub junior_places: f64,
}

/// In service in `year`: existing facilities, and planned ones from their opening year.
/// Candidate sites and closed facilities never count.
pub fn in_service(f: &Facility, year: i32) -> bool {
    match f.status {
        FacilityStatus::Existing => true,
        FacilityStatus::Planned => f.opening_year.is_some_and(|y| y <= year),
        FacilityStatus::Candidate | FacilityStatus::Closed => false,
    }
}

pub fn year_capacity<'a>(
    facilities: impl IntoIterator<Item = &'a Facility>,
    year: i32,
    norms: &Catalogue,
) -> YearCapacity {
    let mut c = YearCapacity::default();
    let class_max = |l: SchoolLevel| {
        norms.value(match l {
            SchoolLevel::Primary => ids::SCHOOL_CLASS_MAX_PRIMARY,
            SchoolLevel::Junior => ids::SCHOOL_CLASS_MAX_JUNIOR,
        })
    };
    for f in facilities.into_iter().filter(|f| in_service(f, year)) {
        match f.kind.category() {
            FacilityCategory::Childcare => {
                if let Some(inputs) = &f.childcare {
                    c.childcare_slots += childcare_capacity(f.kind, inputs, norms).slots as f64;
                }
            }
            FacilityCategory::Elderly if f.kind.is_elderly_institution() => {
                if let Some(inputs) = &f.elderly {
                    let e = elderly_capacity(inputs, norms);
                    c.institution_beds += e.beds as f64;
                    c.nursing_beds += e.nursing_beds as f64;
                }
            }
            FacilityCategory::Elderly => {}
            FacilityCategory::School => {
                for s in &f.school_sections {
                    let places = s.classes as f64 * class_max(s.level);
                    match s.level {
                        SchoolLevel::Primary => c.primary_places += places,
                        SchoolLevel::Junior => c.junior_places += places,
                    }
                }
            }
        }
    }
    c
}
