use serde::{Deserialize, Serialize};

use crate::balance::{evaluate_section, SectionVerdict};
use crate::capacity::{
    childcare_capacity, elderly_capacity, school_needs, ChildcareCapacity, ElderlyCapacity,
    SchoolNeeds,
};
use crate::standards::{self as ids, Catalogue};
use crate::{Facility, FacilityCategory, FacilityKind, FacilityStatus, Ownership};

/// One facility with its capacity and verdicts, as shown on the map and in lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FacilityAssessment {
    pub id: String,
    pub name: String,
    pub kind: FacilityKind,
    pub category: FacilityCategory,
    pub township_code: String,
    pub lon: f64,
    pub lat: f64,
    pub ownership: Ownership,
    pub inclusive: bool,
    pub status: FacilityStatus,
    pub opening_year: Option<i32>,
    pub sample: bool,
    /// Effective 托位 (childcare places only).
    pub childcare_slots: Option<u32>,
    /// The constraint that sets the 托位 (childcare places only).
    pub binding_constraint: Option<String>,
    pub beds: Option<u32>,
    pub nursing_beds: Option<u32>,
    /// Compulsory-education students over all sections.
    pub students: Option<u32>,
    /// Every assessed section passes the 优质均衡 school test; `None` when not assessed.
    pub meets_standard: Option<bool>,
    /// Counted in the current assessment (in service).
    pub in_service: bool,
    pub childcare_capacity: Option<ChildcareCapacity>,
    pub elderly_capacity: Option<ElderlyCapacity>,
    pub school_sections: Vec<SectionVerdict>,
    /// Staff, classes and size cap each section needs for its students (F13).
    pub school_needs: Vec<SchoolNeeds>,
    /// For an elderly institution opened from 2025 on: its 护理型床位占比 reaches the 80% asked of
    /// new institutions ("8080"); `None` for other facilities.
    pub new_institution_share_ok: Option<bool>,
}

impl FacilityAssessment {
    /// Enters the compulsory-school count: a compulsory school in service that the assessment
    /// covers (teaching points under 50 students are excluded by 教督〔2017〕6号).
    pub fn counts_as_assessed_school(&self) -> bool {
        self.in_service && self.meets_standard.is_some()
    }
}

/// New institutions (opened in or after the year the "8080" target took effect) must reach the
/// new-institution share.
fn new_institution_check(f: &Facility, share: Option<f64>, norms: &Catalogue) -> Option<bool> {
    let norm = norms.norm(ids::NURSING_SHARE_NEW_INSTITUTION);
    let from = norm.effective_from.unwrap_or(i32::MIN);
    (f.kind.is_elderly_institution() && f.opening_year.is_some_and(|y| y >= from))
        .then(|| share.is_some_and(|s| s >= norm.value))
}

pub fn assess_facility(f: &Facility, norms: &Catalogue) -> FacilityAssessment {
    let childcare = f
        .childcare
        .as_ref()
        .filter(|_| f.kind.category() == FacilityCategory::Childcare)
        .map(|c| childcare_capacity(f.kind, c, norms));
    let elderly = f
        .elderly
        .as_ref()
        .filter(|_| f.kind.category() == FacilityCategory::Elderly)
        .map(|e| elderly_capacity(e, norms));
    let elderly_share = elderly.as_ref().and_then(|e| e.nursing_bed_share);
    let sections: Vec<SectionVerdict> = if f.kind.is_compulsory_school() {
        f.school_sections
            .iter()
            .map(|s| evaluate_section(s, norms))
            .collect()
    } else {
        Vec::new()
    };
    // Saturating: the sections of an edited record are not bounded by the import limits.
    let students: u32 = f
        .school_sections
        .iter()
        .fold(0u32, |t, s| t.saturating_add(s.students));
    let small_teaching_point = f.kind == FacilityKind::TeachingPoint
        && (students as f64) < norms.value(ids::TEACHING_POINT_MIN_STUDENTS);
    let meets_standard =
        (f.kind.is_compulsory_school() && !sections.is_empty() && !small_teaching_point)
            .then(|| sections.iter().all(|s| s.passes));
    FacilityAssessment {
        id: f.id.clone(),
        name: f.name.clone(),
        kind: f.kind,
        category: f.kind.category(),
        township_code: f.township_code.clone(),
        lon: f.location.lon,
        lat: f.location.lat,
        ownership: f.ownership,
        inclusive: f.inclusive,
        status: f.status,
        opening_year: f.opening_year,
        sample: f.sample,
        childcare_slots: childcare.as_ref().map(|c| c.slots),
        binding_constraint: childcare.as_ref().map(|c| {
            serde_json::to_value(c.binding)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        }),
        beds: elderly.as_ref().map(|e| e.beds),
        nursing_beds: elderly.as_ref().map(|e| e.nursing_beds),
        students: (!f.school_sections.is_empty()).then_some(students),
        meets_standard,
        in_service: f.status == FacilityStatus::Existing,
        childcare_capacity: childcare,
        elderly_capacity: elderly,
        school_sections: sections,
        new_institution_share_ok: new_institution_check(f, elderly_share, norms),
        school_needs: f
            .school_sections
            .iter()
            .map(|s| school_needs(s.level.into(), s.kind, s.students, norms))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ElderlyInputs, LonLat};

    fn home(opening: i32, beds: u32, nursing: u32) -> Facility {
        Facility {
            id: "E".into(),
            name: "E".into(),
            kind: FacilityKind::ElderlyInstitution,
            township_code: "t".into(),
            location: LonLat { lon: 0.0, lat: 0.0 },
            ownership: Ownership::Public,
            inclusive: true,
            status: FacilityStatus::Planned,
            opening_year: Some(opening),
            sample: false,
            childcare: None,
            elderly: Some(ElderlyInputs {
                beds,
                nursing_beds: nursing,
                ..Default::default()
            }),
            school_sections: vec![],
        }
    }

    #[test]
    fn new_institutions_need_80_percent_nursing_beds() {
        let n = Catalogue::national();
        assert_eq!(
            assess_facility(&home(2027, 100, 80), &n).new_institution_share_ok,
            Some(true)
        );
        assert_eq!(
            assess_facility(&home(2027, 100, 79), &n).new_institution_share_ok,
            Some(false)
        );
        // Opened before the target took effect (2025): not judged by it.
        assert_eq!(
            assess_facility(&home(2019, 100, 10), &n).new_institution_share_ok,
            None
        );
    }
}
