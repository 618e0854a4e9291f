use std::collections::HashMap;
use std::fmt;

use super::{Action, Intervention};
use crate::{Facility, FacilityStatus, Ownership};

/// Why a scenario's interventions cannot be applied, with the intervention that fails.
#[derive(Debug, Clone, PartialEq)]
pub struct InterventionError {
    pub intervention_id: String,
    pub facility_id: String,
    pub reason: InterventionProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterventionProblem {
    /// The facility does not exist (yet) in the intervention's year.
    UnknownFacility,
    /// A 新建 uses an id another facility already has.
    DuplicateFacility,
    /// The facility was closed before the intervention's year.
    AlreadyClosed,
    /// The year is outside 2000–2100.
    BadYear,
}

impl InterventionProblem {
    pub fn key(self) -> &'static str {
        match self {
            Self::UnknownFacility => "unknown_facility",
            Self::DuplicateFacility => "duplicate_facility",
            Self::AlreadyClosed => "already_closed",
            Self::BadYear => "bad_year",
        }
    }
}

impl fmt::Display for InterventionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            InterventionProblem::UnknownFacility => "no facility with this id exists in that year",
            InterventionProblem::DuplicateFacility => "a facility with this id already exists",
            InterventionProblem::AlreadyClosed => "the facility is already closed in that year",
            InterventionProblem::BadYear => "the year must be between 2000 and 2100",
        };
        write!(
            f,
            "intervention {} on facility {}: {what}",
            self.intervention_id, self.facility_id
        )
    }
}

impl std::error::Error for InterventionError {}

/// Interventions in the order they take effect: by year, then as listed.
pub fn in_effect_order(interventions: &[Intervention]) -> Vec<&Intervention> {
    let mut order: Vec<&Intervention> = interventions.iter().collect();
    order.sort_by_key(|i| i.year); // stable: list order within a year
    order
}

/// One facility under a scenario: its state and whether it is closed.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFacility {
    pub facility: Facility,
    pub closed: bool,
}

impl ScenarioFacility {
    /// The base facilities as a scenario state before any intervention (none closed).
    pub fn all_open(base: &[Facility]) -> Vec<ScenarioFacility> {
        base.iter()
            .map(|f| ScenarioFacility {
                facility: f.clone(),
                closed: false,
            })
            .collect()
    }
}

/// The facilities of a scenario as they stand in `year`: the base facilities with every
/// intervention of that year or earlier applied. Closed facilities are kept (flagged) so that
/// maps can show them; [`in_service_in`] leaves them out.
pub fn facilities_in_year(
    base: &[Facility],
    interventions: &[Intervention],
    year: i32,
) -> Result<Vec<ScenarioFacility>, InterventionError> {
    let mut list = ScenarioFacility::all_open(base);
    let mut index: HashMap<String, usize> = list
        .iter()
        .enumerate()
        .map(|(i, f)| (f.facility.id.clone(), i))
        .collect();
    for iv in in_effect_order(interventions) {
        let fail = |reason| InterventionError {
            intervention_id: iv.id.clone(),
            facility_id: iv.action.facility_id().to_string(),
            reason,
        };
        if !(2000..=2100).contains(&iv.year) {
            return Err(fail(InterventionProblem::BadYear));
        }
        if iv.year > year {
            // Not yet in effect; `validate_interventions` checks it against its own year.
            continue;
        }
        if let Action::Build { facility } = &iv.action {
            if index.contains_key(&facility.id) {
                return Err(fail(InterventionProblem::DuplicateFacility));
            }
            let mut f = facility.clone();
            f.status = FacilityStatus::Existing;
            f.opening_year = Some(iv.year);
            index.insert(f.id.clone(), list.len());
            list.push(ScenarioFacility {
                facility: f,
                closed: false,
            });
            continue;
        }
        let i = *index
            .get(iv.action.facility_id())
            .ok_or_else(|| fail(InterventionProblem::UnknownFacility))?;
        let entry = &mut list[i];
        if entry.closed {
            return Err(fail(InterventionProblem::AlreadyClosed));
        }
        let f = &mut entry.facility;
        match &iv.action {
            Action::Build { .. } => unreachable!("handled above"),
            Action::Expand {
                childcare,
                elderly,
                school_sections,
                ..
            } => {
                if let Some(c) = childcare {
                    f.childcare = Some(c.clone());
                }
                if let Some(e) = elderly {
                    f.elderly = Some(e.clone());
                }
                if let Some(s) = school_sections {
                    f.school_sections = s.clone();
                }
            }
            Action::Convert {
                kind,
                name,
                childcare,
                elderly,
                school_sections,
                ..
            } => {
                f.kind = *kind;
                if let Some(n) = name {
                    f.name = n.clone();
                }
                f.childcare = childcare.clone();
                f.elderly = elderly.clone();
                f.school_sections = school_sections.clone();
                // A converted site reopens as what it becomes: in service from this year.
                f.status = FacilityStatus::Existing;
                f.opening_year = Some(iv.year);
            }
            Action::Close { .. } => entry.closed = true,
            Action::MakeInclusive { .. } => f.inclusive = true,
        }
    }
    Ok(list)
}

/// Checks every intervention against the state in its own year (unknown ids, duplicates,
/// closed facilities), so that a scenario is rejected when saved, not when first assessed.
pub fn validate_interventions(
    base: &[Facility],
    interventions: &[Intervention],
) -> Result<(), InterventionError> {
    let last = interventions.iter().map(|i| i.year).max().unwrap_or(2000);
    facilities_in_year(base, interventions, last.clamp(2000, 2100)).map(|_| ())
}

/// The facilities of a scenario that count in `year`: not closed, and in service by their status
/// (existing, or planned and opened by then).
pub fn in_service_in(list: &[ScenarioFacility], year: i32) -> Vec<&Facility> {
    list.iter()
        .filter(|s| !s.closed && crate::demand::in_service(&s.facility, year))
        .map(|s| &s.facility)
        .collect()
}

/// Public or 普惠: the slots the central per-slot subsidy is for.
pub fn subsidised(f: &Facility) -> bool {
    f.inclusive || f.ownership == Ownership::Public
}
