//! 区域总览 — every county of a prefecture, province or the country in one table for the officials
//! who read across counties: residents, need and trend from the census projection for every
//! county, and the KPIs where a county's own facilities are stored.

use serde::{Deserialize, Serialize};

use crate::assess::{CountyAssessment, KpiKey};
use crate::demand::year_need;
use crate::projection::{SingleAges, YearResult};
use crate::standards::Catalogue;

/// One county in the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OverviewRow {
    pub code: String,
    pub name: String,
    pub prefecture: String,
    pub province: String,
    /// The county's own data (facilities, townships) are stored: its KPIs are shown.
    pub stored: bool,
    /// No census table exists for the unit (created after 2020) and none was supplied.
    pub no_population: bool,
    /// Its prefecture's county-level units changed after the 2020 census: its census-based
    /// figures may not match its current extent.
    pub division_changed: bool,
    pub year: i32,
    pub resident_population: f64,
    pub children_0_2: f64,
    pub aged_60_plus: f64,
    pub aged_6_14: f64,
    /// Residents in `year` against the 2020 census, as a change (−0.05 = 5 % fewer).
    pub population_change: Option<f64>,
    pub children_0_2_change: Option<f64>,
    /// Need by the demand norms: 托位 (children 0–2 × uptake), beds (60+ × 40‰), nursing beds.
    pub childcare_slots_need: f64,
    pub beds_need: f64,
    pub nursing_beds_need: f64,
    /// Stored counties only: capacity in service in `year`, gaps and KPIs.
    pub childcare_slots: Option<f64>,
    pub institution_beds: Option<f64>,
    pub childcare_gap: Option<f64>,
    pub beds_gap: Option<f64>,
    pub slots_per_1000: Option<f64>,
    pub enrolment_rate: Option<f64>,
    pub nursing_bed_share: Option<f64>,
    pub beds_per_1000_elderly: Option<f64>,
    pub schools_meeting_share: Option<f64>,
    /// KPIs meeting the target in force in `year`, of those with a value and a target.
    pub kpis_met: Option<u32>,
    pub kpis_judged: Option<u32>,
}

fn change(now: f64, base: f64) -> Option<f64> {
    (base > 0.0).then(|| now / base - 1.0)
}

/// The projected part of a row: residents, need and trend in `year` from a county projection
/// (`years` from the census on) and its census base.
pub fn projected_row(
    code: &str,
    name: &str,
    (prefecture, province): (&str, &str),
    base: &SingleAges,
    years: &[YearResult],
    year: i32,
    norms: &Catalogue,
) -> Option<OverviewRow> {
    let y = years.iter().find(|r| r.year == year)?;
    let need = year_need(year, &y.population, norms);
    Some(OverviewRow {
        code: code.into(),
        name: name.into(),
        prefecture: prefecture.into(),
        province: province.into(),
        stored: false,
        no_population: false,
        division_changed: false,
        year,
        resident_population: need.population,
        children_0_2: need.children_0_2,
        aged_60_plus: need.aged_60_plus,
        aged_6_14: y.population.ages(6, 14),
        population_change: change(need.population, base.total()),
        children_0_2_change: change(need.children_0_2, base.ages(0, 2)),
        childcare_slots_need: need.childcare_slots,
        beds_need: need.beds_by_norm,
        nursing_beds_need: need.nursing_beds,
        childcare_slots: None,
        institution_beds: None,
        childcare_gap: None,
        beds_gap: None,
        slots_per_1000: None,
        enrolment_rate: None,
        nursing_bed_share: None,
        beds_per_1000_elderly: None,
        schools_meeting_share: None,
        kpis_met: None,
        kpis_judged: None,
    })
}

/// A projected row completed with a stored county's assessment of the same year.
pub fn with_assessment(mut row: OverviewRow, a: &CountyAssessment) -> OverviewRow {
    let kpi = |k: KpiKey| a.kpis.iter().find(|x| x.key == k).and_then(|x| x.value);
    let slots = a.county.childcare_slots as f64;
    let beds = a.county.institution_beds as f64;
    row.stored = true;
    row.childcare_slots = Some(slots);
    row.institution_beds = Some(beds);
    row.childcare_gap = Some(row.childcare_slots_need - slots);
    row.beds_gap = Some(row.beds_need - beds);
    row.slots_per_1000 = kpi(KpiKey::SlotsPer1000);
    row.enrolment_rate = kpi(KpiKey::EnrolmentRate);
    row.nursing_bed_share = kpi(KpiKey::NursingBedShare);
    row.beds_per_1000_elderly = kpi(KpiKey::BedsPer1000Elderly);
    row.schools_meeting_share = kpi(KpiKey::SchoolsMeetingStandard);
    let judged: Vec<bool> = a.kpis.iter().filter_map(|k| k.meets).collect();
    row.kpis_judged = Some(judged.len() as u32);
    row.kpis_met = Some(judged.iter().filter(|m| **m).count() as u32);
    row
}

/// A unit without any population table: named, flagged, nothing invented.
pub fn empty_row(
    code: &str,
    name: &str,
    (prefecture, province): (&str, &str),
    year: i32,
) -> OverviewRow {
    OverviewRow {
        code: code.into(),
        name: name.into(),
        prefecture: prefecture.into(),
        province: province.into(),
        stored: false,
        no_population: true,
        division_changed: false,
        year,
        resident_population: 0.0,
        children_0_2: 0.0,
        aged_60_plus: 0.0,
        aged_6_14: 0.0,
        population_change: None,
        children_0_2_change: None,
        childcare_slots_need: 0.0,
        beds_need: 0.0,
        nursing_beds_need: 0.0,
        childcare_slots: None,
        institution_beds: None,
        childcare_gap: None,
        beds_gap: None,
        slots_per_1000: None,
        enrolment_rate: None,
        nursing_bed_share: None,
        beds_per_1000_elderly: None,
        schools_meeting_share: None,
        kpis_met: None,
        kpis_judged: None,
    }
}
