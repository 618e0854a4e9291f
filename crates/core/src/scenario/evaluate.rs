use serde::{Deserialize, Serialize};

use super::{
    capacity_change, facilities_in_year, in_service_in, measures_by_facility, net_change,
    service_demand, service_supply, total_measures, year_cost, CostSplit, CountyGrid,
    InterventionError, Scenario, ScenarioFacility, ServiceReach, YearCost,
};
use crate::assess::assess_facility;
use crate::assess::KpiKey;
use crate::demand::{outlook_year, OutlookYear};
use crate::projection::YearResult;
use crate::standards::{target_in_force, Catalogue, EnrolmentBaseline};
use crate::{CountyDataset, Facility, FacilityCategory};

/// The headline indicators in one plan year, each with the target in force that year (`None`
/// where no plan period's target covers the year: never an expired one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct YearKpis {
    /// 每千人口托位数 (托位 ÷ projected 常住人口 × 1000).
    pub slots_per_1000: Option<f64>,
    pub slots_per_1000_target: Option<f64>,
    /// 养老机构护理型床位占比.
    pub nursing_share: Option<f64>,
    pub nursing_share_target: Option<f64>,
    /// 每千名老年人养老床位数 (beds ÷ projected 60+ × 1000).
    pub beds_per_1000_elderly: Option<f64>,
    pub beds_per_1000_elderly_target: Option<f64>,
    /// 义务教育学校达标率 (county only; `None` for townships or when no school is assessed).
    pub schools_share: Option<f64>,
    pub schools_target: Option<f64>,
    pub schools_meeting: u32,
    pub schools_total: u32,
}

fn met(value: Option<f64>, target: Option<f64>) -> Option<bool> {
    target.map(|t| value.is_some_and(|v| v >= t))
}

impl YearKpis {
    /// Whether the value reaches the target in force; `None` in a year without a target.
    pub fn slots_met(&self) -> Option<bool> {
        met(self.slots_per_1000, self.slots_per_1000_target)
    }
    pub fn nursing_met(&self) -> Option<bool> {
        met(self.nursing_share, self.nursing_share_target)
    }
    pub fn beds_met(&self) -> Option<bool> {
        met(
            self.beds_per_1000_elderly,
            self.beds_per_1000_elderly_target,
        )
    }
    pub fn schools_met(&self) -> Option<bool> {
        met(self.schools_share, self.schools_target)
    }
}

/// One zone (county or township) in one plan year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ZoneYear {
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub outlook: OutlookYear,
    pub kpis: YearKpis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScenarioYear {
    pub year: i32,
    pub county: ZoneYear,
    pub townships: Vec<ZoneYear>,
    pub cost: YearCost,
    /// Coverage within the life-circle radius and the evenness of access, per service.
    pub reach: Vec<ServiceReach>,
}

/// First plan year in which each target is met (and stays met to the end of the plan).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TargetYears {
    pub slots_per_1000: Option<i32>,
    pub nursing_share: Option<i32>,
    pub beds_per_1000_elderly: Option<i32>,
    pub schools: Option<i32>,
    /// All four at once.
    pub all: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CostTotals {
    pub construction: CostSplit,
    pub operating: CostSplit,
    pub subsidy: f64,
    pub net: f64,
}

/// A scenario assessed for every plan year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScenarioOutcome {
    pub scenario_id: String,
    pub name: String,
    pub years: Vec<ScenarioYear>,
    pub targets_met: TargetYears,
    pub cost_totals: CostTotals,
}

/// The projected population of the county and of each township (same order as the dataset).
pub struct ProjectedPopulation<'a> {
    pub county: &'a [YearResult],
    pub townships: &'a [Vec<YearResult>],
}

fn zone_year(
    code: &str,
    name: &str,
    r: &YearResult,
    facilities: &[&Facility],
    schools: Option<(u32, u32)>,
    norms: &Catalogue,
) -> ZoneYear {
    let outlook = outlook_year(r, facilities, norms);
    let ratio = |n: f64, d: f64, s: f64| (d > 0.0).then(|| n / d * s);
    let c = &outlook.capacity;
    let n = &outlook.need;
    let (meeting, total) = schools.unwrap_or((0, 0));
    let target =
        |key| target_in_force(key, r.year, norms, EnrolmentBaseline::National).map(|t| t.value);
    let kpis = YearKpis {
        slots_per_1000: ratio(c.childcare_slots, n.population, 1000.0),
        slots_per_1000_target: target(KpiKey::SlotsPer1000),
        nursing_share: ratio(c.nursing_beds, c.institution_beds, 1.0),
        nursing_share_target: target(KpiKey::NursingBedShare),
        beds_per_1000_elderly: ratio(c.institution_beds, n.aged_60_plus, 1000.0),
        beds_per_1000_elderly_target: target(KpiKey::BedsPer1000Elderly),
        schools_share: schools.and_then(|_| ratio(meeting as f64, total as f64, 1.0)),
        schools_target: target(KpiKey::SchoolsMeetingStandard),
        schools_meeting: meeting,
        schools_total: total,
    };
    ZoneYear {
        code: code.to_string(),
        name: name.to_string(),
        outlook,
        kpis,
    }
}

/// Assessed compulsory schools and how many pass the 优质均衡 school test (教学点 under 50
/// students are not assessed).
fn school_counts(facilities: &[&Facility], norms: &Catalogue) -> (u32, u32) {
    facilities
        .iter()
        .filter_map(|f| assess_facility(f, norms).meets_standard)
        .fold((0, 0), |(m, t), ok| (m + ok as u32, t + 1))
}

/// The first year from which `met` holds through the last year with a target in force
/// (`met` is `None` in a year without one; such years neither start nor break a run).
fn first_year_kept(
    years: &[ScenarioYear],
    met: impl Fn(&ScenarioYear) -> Option<bool>,
) -> Option<i32> {
    let mut first = None;
    for y in years {
        match met(y) {
            Some(true) => {
                first.get_or_insert(y.year);
            }
            Some(false) => first = None,
            None => {}
        }
    }
    first
}

/// Assesses `scenario` on `data` for the plan years `from..=to` (years without a projection are
/// skipped). `norms` are those in force for the scenario (county and scenario overrides).
/// Costs count only what the scenario's interventions change; facilities already planned in
/// the base data are common to every scenario and not costed.
pub fn evaluate_scenario(
    data: &CountyDataset,
    scenario: &Scenario,
    population: &ProjectedPopulation<'_>,
    from: i32,
    to: i32,
    norms: &Catalogue,
) -> Result<ScenarioOutcome, InterventionError> {
    let base_state = ScenarioFacility::all_open(&data.facilities);
    let base_measures = measures_by_facility(&base_state, norms);
    let base_total = total_measures(&base_measures);
    let mut previous = measures_by_facility(
        &facilities_in_year(&data.facilities, &scenario.interventions, from - 1)?,
        norms,
    );
    let mut years = Vec::new();
    let mut totals = CostTotals::default();
    let grid = CountyGrid::new(data, 1000.0);
    for (i, r) in population.county.iter().enumerate() {
        if r.year < from || r.year > to {
            continue;
        }
        let state = facilities_in_year(&data.facilities, &scenario.interventions, r.year)?;
        let serving = in_service_in(&state, r.year);
        let county = zone_year(
            &data.county.code,
            &data.county.name,
            r,
            &serving,
            Some(school_counts(&serving, norms)),
            norms,
        );
        let townships = data
            .townships
            .iter()
            .zip(population.townships.iter())
            .filter_map(|(t, series)| {
                let ty = series.get(i).filter(|ty| ty.year == r.year)?;
                let here: Vec<&Facility> = serving
                    .iter()
                    .copied()
                    .filter(|f| f.township_code == t.code)
                    .collect();
                Some(zone_year(&t.code, &t.name, ty, &here, None, norms))
            })
            .collect();
        let now = measures_by_facility(&state, norms);
        let reach = [
            FacilityCategory::Childcare,
            FacilityCategory::Elderly,
            FacilityCategory::School,
        ]
        .into_iter()
        .map(|c| {
            let demand: Vec<f64> = population
                .townships
                .iter()
                .map(|series| {
                    series
                        .get(i)
                        .filter(|ty| ty.year == r.year)
                        .map_or(0.0, |ty| service_demand(c, &ty.population))
                })
                .collect();
            let sites: Vec<(&Facility, f64)> = serving
                .iter()
                .filter(|f| f.kind.category() == c)
                .map(|f| (*f, now.get(&f.id).map_or(0.0, |m| service_supply(c, m))))
                .filter(|(_, s)| *s > 0.0)
                .collect();
            grid.reach(c, &demand, &sites)
        })
        .collect();
        let change = capacity_change(&previous, &now);
        let cost = year_cost(
            r.year,
            change,
            &net_change(&base_total, &total_measures(&now)),
            norms,
        );
        totals.construction = totals.construction.plus(&cost.construction);
        totals.operating = totals.operating.plus(&cost.operating);
        totals.subsidy += cost.subsidy;
        totals.net += cost.net;
        previous = now;
        years.push(ScenarioYear {
            year: r.year,
            county,
            townships,
            cost,
            reach,
        });
    }
    let k = |y: &ScenarioYear| y.county.kpis.clone();
    let targets_met = TargetYears {
        slots_per_1000: first_year_kept(&years, |y| k(y).slots_met()),
        nursing_share: first_year_kept(&years, |y| k(y).nursing_met()),
        beds_per_1000_elderly: first_year_kept(&years, |y| k(y).beds_met()),
        schools: first_year_kept(&years, |y| k(y).schools_met()),
        all: first_year_kept(&years, |y| {
            let k = k(y);
            let all = [
                k.slots_met(),
                k.nursing_met(),
                k.beds_met(),
                k.schools_met(),
            ];
            // The targets in force that year are all met (a year with none in force is skipped).
            all.iter()
                .any(Option::is_some)
                .then(|| all.iter().all(|m| m != &Some(false)))
        }),
    };
    Ok(ScenarioOutcome {
        scenario_id: scenario.id.clone(),
        name: scenario.name.clone(),
        years,
        targets_met,
        cost_totals: totals,
    })
}
