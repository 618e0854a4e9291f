use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{subsidised, ScenarioFacility};
use crate::capacity::{childcare_capacity, elderly_capacity};
use crate::standards::{self as ids, Catalogue};
use crate::{FacilityCategory, SchoolLevel};

/// The capacity a facility provides whatever its status: 托位, 养老机构床位 and 学位.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CapacityMeasures {
    pub childcare_slots: f64,
    /// 托位 that are public or 普惠 (what the central subsidy pays for).
    pub subsidised_slots: f64,
    pub beds: f64,
    /// 义务教育学位 = classes × class-size limit.
    pub school_places: f64,
}

impl CapacityMeasures {
    fn add(&mut self, o: &CapacityMeasures, sign: f64) {
        self.childcare_slots += sign * o.childcare_slots;
        self.subsidised_slots += sign * o.subsidised_slots;
        self.beds += sign * o.beds;
        self.school_places += sign * o.school_places;
    }
}

fn measures(s: &ScenarioFacility, norms: &Catalogue) -> CapacityMeasures {
    let mut m = CapacityMeasures::default();
    if s.closed {
        return m;
    }
    let f = &s.facility;
    match f.kind.category() {
        FacilityCategory::Childcare => {
            if let Some(c) = &f.childcare {
                m.childcare_slots = childcare_capacity(f.kind, c, norms).slots as f64;
                if subsidised(f) {
                    m.subsidised_slots = m.childcare_slots;
                }
            }
        }
        FacilityCategory::Elderly if f.kind.is_elderly_institution() => {
            if let Some(e) = &f.elderly {
                m.beds = elderly_capacity(e, norms).beds as f64;
            }
        }
        FacilityCategory::Elderly => {}
        FacilityCategory::School => {
            for sec in &f.school_sections {
                if !f.kind.is_compulsory_school() {
                    continue;
                }
                let max = norms.value(match sec.level {
                    SchoolLevel::Primary => ids::SCHOOL_CLASS_MAX_PRIMARY,
                    SchoolLevel::Junior => ids::SCHOOL_CLASS_MAX_JUNIOR,
                });
                m.school_places += sec.classes as f64 * max;
            }
        }
    }
    m
}

/// Capacity per facility id of a scenario state.
pub fn measures_by_facility(
    list: &[ScenarioFacility],
    norms: &Catalogue,
) -> HashMap<String, CapacityMeasures> {
    list.iter()
        .map(|s| (s.facility.id.clone(), measures(s, norms)))
        .collect()
}

/// Capacity added and removed between two states of a scenario, facility by facility
/// (additions are built and paid for; removals are not refunded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CapacityChange {
    pub added: CapacityMeasures,
    pub removed: CapacityMeasures,
}

pub fn capacity_change(
    before: &HashMap<String, CapacityMeasures>,
    after: &HashMap<String, CapacityMeasures>,
) -> CapacityChange {
    let zero = CapacityMeasures::default();
    let mut c = CapacityChange::default();
    let ids = before
        .keys()
        .chain(after.keys().filter(|k| !before.contains_key(*k)));
    for id in ids {
        let b = before.get(id).unwrap_or(&zero);
        let a = after.get(id).unwrap_or(&zero);
        let pos = |x: f64| x.max(0.0);
        c.added.add(
            &CapacityMeasures {
                childcare_slots: pos(a.childcare_slots - b.childcare_slots),
                subsidised_slots: pos(a.subsidised_slots - b.subsidised_slots),
                beds: pos(a.beds - b.beds),
                school_places: pos(a.school_places - b.school_places),
            },
            1.0,
        );
        c.removed.add(
            &CapacityMeasures {
                childcare_slots: pos(b.childcare_slots - a.childcare_slots),
                subsidised_slots: pos(b.subsidised_slots - a.subsidised_slots),
                beds: pos(b.beds - a.beds),
                school_places: pos(b.school_places - a.school_places),
            },
            1.0,
        );
    }
    c
}

/// Sum of the capacity of a state.
pub fn total_measures(m: &HashMap<String, CapacityMeasures>) -> CapacityMeasures {
    let mut t = CapacityMeasures::default();
    for v in m.values() {
        t.add(v, 1.0);
    }
    t
}

/// Money by service (万元).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CostSplit {
    pub childcare: f64,
    pub elderly: f64,
    pub school: f64,
    pub total: f64,
}

impl CostSplit {
    fn new(childcare: f64, elderly: f64, school: f64) -> CostSplit {
        CostSplit {
            childcare,
            elderly,
            school,
            total: childcare + elderly + school,
        }
    }

    pub fn plus(&self, o: &CostSplit) -> CostSplit {
        CostSplit::new(
            self.childcare + o.childcare,
            self.elderly + o.elderly,
            self.school + o.school,
        )
    }
}

/// 费用 of one plan year of a scenario, in 万元, from the unit costs of the `cost.*` norms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearCost {
    pub year: i32,
    /// Capacity the scenario adds and removes this year.
    pub change: CapacityChange,
    /// 建设投资 = capacity added × construction cost per unit.
    pub construction: CostSplit,
    /// 运营成本 of the capacity the scenario has added (net of what it closed) since the base,
    /// × operating cost per unit and year; negative when it closes more than it adds.
    pub operating: CostSplit,
    /// 中央补助 = new public or 普惠 托位 × subsidy per slot (an editable assumption).
    pub subsidy: f64,
    /// construction + operating − subsidy.
    pub net: f64,
}

pub fn year_cost(
    year: i32,
    change: CapacityChange,
    net_since_base: &CapacityMeasures,
    norms: &Catalogue,
) -> YearCost {
    let v = |id: &str| norms.value(id);
    let construction = CostSplit::new(
        change.added.childcare_slots * v(ids::COST_CHILDCARE_CONSTRUCTION),
        change.added.beds * v(ids::COST_ELDERLY_CONSTRUCTION),
        change.added.school_places * v(ids::COST_SCHOOL_CONSTRUCTION),
    );
    let operating = CostSplit::new(
        net_since_base.childcare_slots * v(ids::COST_CHILDCARE_OPERATING),
        net_since_base.beds * v(ids::COST_ELDERLY_OPERATING),
        net_since_base.school_places * v(ids::COST_SCHOOL_OPERATING),
    );
    let subsidy = change.added.subsidised_slots * v(ids::COST_CHILDCARE_SUBSIDY);
    YearCost {
        year,
        change,
        construction,
        operating,
        subsidy,
        net: construction.total + operating.total - subsidy,
    }
}

/// `after − base`, capacity by capacity (may be negative).
pub fn net_change(base: &CapacityMeasures, after: &CapacityMeasures) -> CapacityMeasures {
    let mut d = *after;
    d.add(base, -1.0);
    d
}
