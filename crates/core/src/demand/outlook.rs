use serde::{Deserialize, Serialize};

use super::{year_capacity, year_need, YearCapacity, YearNeed};
use crate::projection::YearResult;
use crate::standards::Catalogue;
use crate::Facility;

/// Need minus capacity: positive is a shortfall (缺口), negative a surplus (富余) — a surplus of
/// kindergarten or primary places is a chance to convert rooms, e.g. to 幼儿园托班.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearGap {
    pub childcare_slots: f64,
    pub beds: f64,
    pub nursing_beds: f64,
    pub primary_places: f64,
    pub junior_places: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OutlookYear {
    pub need: YearNeed,
    pub capacity: YearCapacity,
    pub gap: YearGap,
}

/// A zone's plan-period outlook and the years its primary and junior enrolment peak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ZoneOutlook {
    pub code: String,
    pub name: String,
    pub years: Vec<OutlookYear>,
    pub peak_primary_year: Option<i32>,
    pub peak_junior_year: Option<i32>,
}

fn peak(years: &[OutlookYear], f: impl Fn(&YearNeed) -> f64) -> Option<i32> {
    years
        .iter()
        .fold(None, |best: Option<&OutlookYear>, y| match best {
            Some(b) if f(&b.need) >= f(&y.need) => Some(b),
            _ => Some(y),
        })
        .map(|y| y.need.year)
}

/// Need, capacity and gap of one zone in one projected year, with the facilities counted there
/// (those not in service that year are left out here).
pub fn outlook_year(r: &YearResult, facilities: &[&Facility], norms: &Catalogue) -> OutlookYear {
    let need = year_need(r.year, &r.population, norms);
    let capacity = year_capacity(facilities.iter().copied(), r.year, norms);
    let gap = YearGap {
        childcare_slots: need.childcare_slots - capacity.childcare_slots,
        beds: need.beds_by_norm - capacity.institution_beds,
        nursing_beds: need.nursing_beds - capacity.nursing_beds,
        primary_places: need.primary_students - capacity.primary_places,
        junior_places: need.junior_students - capacity.junior_places,
    };
    OutlookYear {
        need,
        capacity,
        gap,
    }
}

/// The outlook of one zone over the projected years `from..`, with the facilities located in it.
pub fn zone_outlook(
    code: &str,
    name: &str,
    projection: &[YearResult],
    facilities: &[&Facility],
    from: i32,
    norms: &Catalogue,
) -> ZoneOutlook {
    let years: Vec<OutlookYear> = projection
        .iter()
        .filter(|r| r.year >= from)
        .map(|r| outlook_year(r, facilities, norms))
        .collect();
    ZoneOutlook {
        code: code.to_string(),
        name: name.to_string(),
        peak_primary_year: peak(&years, |n| n.primary_students),
        peak_junior_year: peak(&years, |n| n.junior_students),
        years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::SingleAges;
    use crate::{ChildcareInputs, FacilityKind, FacilityStatus, LonLat, Ownership};

    fn year(y: i32, primary_age_pop: f64) -> YearResult {
        let mut p = SingleAges::default();
        for a in 6..=11 {
            p.male[a] = primary_age_pop / 6.0;
        }
        for a in 0..=2 {
            p.female[a] = 100.0;
        }
        YearResult {
            year: y,
            population: p,
            births: 0.0,
            deaths: 0.0,
            net_migration: 0.0,
        }
    }

    fn centre(status: FacilityStatus, opening: Option<i32>) -> Facility {
        Facility {
            id: "C".into(),
            name: "C".into(),
            kind: FacilityKind::ChildcareInstitution,
            township_code: "t".into(),
            location: LonLat { lon: 0.0, lat: 0.0 },
            ownership: Ownership::Public,
            inclusive: true,
            status,
            opening_year: opening,
            sample: false,
            childcare: Some(ChildcareInputs {
                toddler_large_classes: 2,
                caregivers: 10,
                ..Default::default()
            }),
            elderly: None,
            school_sections: vec![],
        }
    }

    #[test]
    fn planned_places_count_from_their_opening_year_and_peaks_are_found() {
        let n = Catalogue::national();
        let existing = centre(FacilityStatus::Existing, Some(2015));
        let planned = centre(FacilityStatus::Planned, Some(2027));
        let candidate = centre(FacilityStatus::Candidate, None);
        let proj = vec![
            year(2025, 600.0),
            year(2026, 660.0),
            year(2027, 630.0),
            year(2028, 500.0),
        ];
        let o = zone_outlook(
            "t",
            "T",
            &proj,
            &[&existing, &planned, &candidate],
            2025,
            &n,
        );
        // Each centre: 2 托大班 × 20 = 40 places, 10 caregivers × 7 ≥ 40 → 40 slots.
        let slots: Vec<f64> = o.years.iter().map(|y| y.capacity.childcare_slots).collect();
        assert_eq!(slots, [40.0, 40.0, 80.0, 80.0]);
        // Need: 300 children × 0.30 = 90 → gaps 50, 50, 10, 10.
        let gaps: Vec<f64> = o
            .years
            .iter()
            .map(|y| (y.gap.childcare_slots * 1e9).round() / 1e9)
            .collect();
        assert_eq!(gaps, [50.0, 50.0, 10.0, 10.0]);
        assert_eq!(o.peak_primary_year, Some(2026));
    }
}
