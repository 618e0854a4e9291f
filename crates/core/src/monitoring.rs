//! 动态监测 — is the plan working: each headline indicator's actual values by year, the plan
//! trajectory and the target line; a traffic light, progress to the target and the year it is
//! reached at the current pace; what the recorded actuals say (入托率, use of places and beds,
//! the projection against registered births and deaths); and early warnings.

use serde::{Deserialize, Serialize};

use crate::assess::{CountyAssessment, KpiKey};
use crate::projection::YearResult;
use crate::standards::KpiTarget;
use crate::{Actuals, FacilityCategory};

/// Births or deaths off the projection by more than this share prompt a recalibration.
pub const CALIBRATION_TOLERANCE: f64 = 0.10;
/// A traffic light is yellow when the value is within this share below its target.
pub const NEAR_TARGET: f64 = 0.9;

/// One year of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TrackYear {
    pub year: i32,
    /// The value from recorded data (years up to now).
    pub actual: Option<f64>,
    /// The value the plan's data give (facilities as planned, residents as projected).
    pub plan: Option<f64>,
    /// The target in force that year.
    pub target: Option<f64>,
}

/// 红绿灯.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Meets the target in force.
    Green,
    /// Below it, but within 10 % or on pace to reach it in time.
    Yellow,
    /// Below it and not on pace.
    Red,
    /// No target in force, or no value.
    None,
}

/// One indicator's track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct KpiTrack {
    pub key: KpiKey,
    pub years: Vec<TrackYear>,
    /// The latest year with an actual value.
    pub latest_year: Option<i32>,
    pub latest: Option<f64>,
    /// The target in force in the latest year with an actual value (this year when none).
    pub target: Option<KpiTarget>,
    pub light: Light,
    /// (latest − value at the start of the target's period) ÷ (target − that value), 0–1.
    pub progress: Option<f64>,
    /// The year the target is reached at the pace of the actual values (linear trend); `None`
    /// when they do not rise or there are fewer than two.
    pub reached_at_pace: Option<i32>,
    /// The target is not met and the pace does not reach it by its year.
    pub at_risk: bool,
}

/// What the recorded actuals of one year say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ActualYear {
    pub year: i32,
    /// 在托 children (county figure, else the facilities' sum).
    pub enrolled: Option<f64>,
    /// Children 0–2 at year-end (projected).
    pub children_0_2: f64,
    /// 入托率.
    pub enrolment_rate: Option<f64>,
    /// 托位 of the places that reported their enrolment, and that enrolment.
    pub reporting_slots: f64,
    pub reporting_enrolled: f64,
    /// 托位使用率 = enrolled ÷ 托位 of the reporting places.
    pub utilisation: Option<f64>,
    /// Beds of the institutions that reported residents, the residents, and the disabled.
    pub reporting_beds: f64,
    pub residents: f64,
    pub residents_disabled: f64,
    /// 床位入住率.
    pub occupancy: Option<f64>,
    /// 入住老人中失能/半失能的比例 (against the 护理型床位占比 of those institutions).
    pub disabled_share: Option<f64>,
    pub nursing_bed_share_reporting: Option<f64>,
    /// Registered births and deaths against the projection's (scaled to 常住 when both year-end
    /// populations are recorded).
    pub births_registered: Option<f64>,
    pub births_projected: f64,
    pub deaths_registered: Option<f64>,
    pub deaths_projected: f64,
    /// 常住 ÷ 户籍 used to scale the registered events (1 when unknown).
    pub resident_per_registered: Option<f64>,
}

/// 预警.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct EarlyWarning {
    /// `senior_peak`, `low_utilisation`, `low_occupancy`, `no_coverage`, `target_at_risk`,
    /// `projection_births`, `projection_deaths`.
    pub kind: String,
    pub year: Option<i32>,
    /// The facility or township it concerns, if one.
    pub subject: Option<String>,
    pub message_zh: String,
    pub message_en: String,
}

/// A service's coverage of one township in the looked-at year (for the 盲区 warning).
#[derive(Debug, Clone, PartialEq)]
pub struct TownshipCoverage {
    pub code: String,
    pub name: String,
    pub category: FacilityCategory,
    pub demand: f64,
    pub coverage: Option<f64>,
}

/// Everything the 监测 page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Monitoring {
    pub current_year: i32,
    pub tracks: Vec<KpiTrack>,
    pub actuals: Vec<ActualYear>,
    pub warnings: Vec<EarlyWarning>,
}

/// The county assessed in one year, with the projection of that year.
pub struct AssessedYear<'a> {
    pub assessment: &'a CountyAssessment,
    pub projection: &'a YearResult,
}

fn kpi_value(a: &CountyAssessment, key: KpiKey) -> Option<f64> {
    a.kpis.iter().find(|k| k.key == key).and_then(|k| k.value)
}

fn kpi_target(a: &CountyAssessment, key: KpiKey) -> Option<KpiTarget> {
    a.kpis
        .iter()
        .find(|k| k.key == key)
        .and_then(|k| k.target.clone())
}

/// The least-squares line through `(year, value)` points; the year it reaches `target`.
fn year_at_pace(points: &[(i32, f64)], target: f64) -> Option<i32> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (f64::from(p.0) - mx).powi(2)).sum();
    let sxy: f64 = points
        .iter()
        .map(|p| (f64::from(p.0) - mx) * (p.1 - my))
        .sum();
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let (last_year, last) = *points.last().expect("two points");
    if last >= target {
        return Some(last_year);
    }
    if slope <= 0.0 {
        return None;
    }
    let at = mx + (target - my) / slope;
    let year = at.ceil() as i32;
    // Beyond the century the pace reaches nothing a plan cares about.
    (year <= 2100).then_some(year.max(last_year))
}

/// One indicator's track from the assessed years. Years up to `current_year` count as actual
/// (the 入托率 only where enrolment was recorded); every year counts as plan.
pub fn track(key: KpiKey, years: &[AssessedYear<'_>], current_year: i32) -> KpiTrack {
    let rows: Vec<TrackYear> = years
        .iter()
        .map(|y| {
            let a = y.assessment;
            let v = kpi_value(a, key);
            TrackYear {
                year: a.year,
                actual: (a.year <= current_year).then_some(v).flatten(),
                plan: v,
                target: kpi_target(a, key).map(|t| t.value),
            }
        })
        .collect();
    let actual: Vec<(i32, f64)> = rows
        .iter()
        .filter_map(|r| r.actual.map(|v| (r.year, v)))
        .collect();
    let latest = actual.last().copied();
    // Judged in the latest year with an actual value; with none yet, the target in force this
    // year is still the one to show (there is one, even if nothing can be judged against it).
    let judged_in = latest.map_or(current_year, |(y, _)| y);
    let target = years
        .iter()
        .find(|a| a.assessment.year == judged_in)
        .and_then(|a| kpi_target(a.assessment, key));
    let reached = target.as_ref().and_then(|t| year_at_pace(&actual, t.value));
    let (light, progress, at_risk) = match (&target, latest) {
        (Some(t), Some((_, v))) => {
            let start = t
                .from_year
                .map(|f| f - 1)
                .and_then(|y| actual.iter().find(|p| p.0 == y))
                .map(|p| p.1);
            let progress = start
                .filter(|s| t.value > *s)
                .map(|s| ((v - s) / (t.value - s)).clamp(0.0, 1.0));
            let in_time = match (reached, t.by_year) {
                (Some(r), Some(by)) => r <= by,
                (Some(_), None) => true,
                _ => false,
            };
            if v >= t.value {
                (Light::Green, progress.or(Some(1.0)), false)
            } else if in_time || v >= t.value * NEAR_TARGET {
                (Light::Yellow, progress, !in_time)
            } else {
                (Light::Red, progress, true)
            }
        }
        _ => (Light::None, None, false),
    };
    KpiTrack {
        key,
        years: rows,
        latest_year: latest.map(|l| l.0),
        latest: latest.map(|l| l.1),
        target,
        light,
        progress,
        reached_at_pace: reached,
        at_risk,
    }
}

fn capacity_of(a: &CountyAssessment, id: &str) -> (Option<f64>, Option<f64>, Option<f64>) {
    a.facilities
        .iter()
        .find(|f| f.id == id)
        .map(|f| {
            (
                f.childcare_slots.map(f64::from),
                f.beds.map(f64::from),
                f.nursing_beds.map(f64::from),
            )
        })
        .unwrap_or((None, None, None))
}

/// What one year's recorded actuals say, against that year's assessment and projection.
pub fn actual_year(actuals: &Actuals, y: &AssessedYear<'_>) -> ActualYear {
    let year = y.assessment.year;
    let county = actuals.county_year(year);
    let of_year: Vec<_> = actuals
        .facilities
        .iter()
        .filter(|f| f.year == year)
        .collect();
    let facility_enrolled: Vec<f64> = of_year
        .iter()
        .filter_map(|f| f.enrolled.map(f64::from))
        .collect();
    let enrolled = county
        .and_then(|c| c.enrolled_under3.map(f64::from))
        .or_else(|| (!facility_enrolled.is_empty()).then(|| facility_enrolled.iter().sum()));
    let children = y.projection.population.ages(0, 2);
    let (mut rs, mut re, mut rb, mut res, mut dis, mut nb) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for f in &of_year {
        let (slots, beds, nursing) = capacity_of(y.assessment, &f.facility_id);
        if let (Some(n), Some(s)) = (f.enrolled, slots) {
            re += f64::from(n);
            rs += s;
        }
        if let (Some(n), Some(b)) = (f.residents, beds) {
            res += f64::from(n);
            rb += b;
            nb += nursing.unwrap_or(0.0);
            dis += f64::from(f.residents_disabled.unwrap_or(0));
        }
    }
    let ratio = |n: f64, d: f64| (d > 0.0).then(|| n / d);
    let scale = county.and_then(|c| match (c.resident_population, c.registered_population) {
        (Some(r), Some(h)) if h > 0 => Some(r as f64 / h as f64),
        _ => None,
    });
    let scaled = |v: Option<u32>| v.map(|n| f64::from(n) * scale.unwrap_or(1.0));
    ActualYear {
        year,
        enrolled,
        children_0_2: children,
        enrolment_rate: enrolled.and_then(|e| ratio(e, children)),
        reporting_slots: rs,
        reporting_enrolled: re,
        utilisation: ratio(re, rs),
        reporting_beds: rb,
        residents: res,
        residents_disabled: dis,
        occupancy: ratio(res, rb),
        disabled_share: ratio(dis, res),
        nursing_bed_share_reporting: ratio(nb, rb),
        births_registered: scaled(county.and_then(|c| c.births)),
        births_projected: y.projection.births,
        deaths_registered: scaled(county.and_then(|c| c.deaths)),
        deaths_projected: y.projection.deaths,
        resident_per_registered: scale,
    }
}

/// Monitoring of a county: `years` assessed (every plan year, as the dashboard would show it),
/// the actuals recorded, the facilities, each service's township coverage this year, and the
/// thresholds (use of places and of beds below which to warn; the senior-school peak year).
pub struct MonitoringInputs<'a> {
    pub years: Vec<AssessedYear<'a>>,
    pub actuals: &'a Actuals,
    pub coverage: Vec<TownshipCoverage>,
    pub current_year: i32,
    pub utilisation_warning: f64,
    pub occupancy_warning: f64,
    /// Students in senior high schools by year (recorded), for the enrolment-peak warning.
    pub senior_need: Vec<(i32, f64)>,
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

pub fn monitor(m: &MonitoringInputs<'_>) -> Monitoring {
    let keys = [
        KpiKey::SlotsPer1000,
        KpiKey::EnrolmentRate,
        KpiKey::NursingBedShare,
        KpiKey::BedsPer1000Elderly,
        KpiKey::SchoolsMeetingStandard,
    ];
    let tracks: Vec<KpiTrack> = keys
        .iter()
        .map(|&k| track(k, &m.years, m.current_year))
        .collect();
    let recorded = m.actuals.years();
    let actuals: Vec<ActualYear> = m
        .years
        .iter()
        .filter(|y| recorded.contains(&y.assessment.year))
        .map(|y| actual_year(m.actuals, y))
        .collect();
    let mut warnings = Vec::new();
    for t in tracks.iter().filter(|t| t.at_risk) {
        let by = t.target.as_ref().and_then(|x| x.by_year);
        warnings.push(EarlyWarning {
            kind: "target_at_risk".into(),
            year: by,
            subject: None,
            message_zh: format!(
                "{}：按目前进度{}，达不到{}目标",
                key_zh(t.key),
                t.reached_at_pace
                    .map_or("无法达到".to_string(), |y| format!("要到{y}年才能达到")),
                by.map_or(String::new(), |y| format!("{y}年"))
            ),
            message_en: format!(
                "{}: at the current pace {}, missing the {}target",
                key_en(t.key),
                t.reached_at_pace
                    .map_or("the target is not reached".to_string(), |y| format!(
                        "the target is reached only in {y}"
                    )),
                by.map_or(String::new(), |y| format!("{y} "))
            ),
        });
    }
    if let Some(a) = actuals.iter().rev().find(|a| a.utilisation.is_some()) {
        let u = a.utilisation.unwrap_or(0.0);
        if u < m.utilisation_warning {
            warnings.push(EarlyWarning {
                kind: "low_utilisation".into(),
                year: Some(a.year),
                subject: None,
                message_zh: format!(
                    "{}年托位使用率 {}（在托 {:.0} 人 / 托位 {:.0} 个），低于预警线 {}",
                    a.year,
                    pct(u),
                    a.reporting_enrolled,
                    a.reporting_slots,
                    pct(m.utilisation_warning)
                ),
                message_en: format!(
                    "{}: {} of childcare places in use ({:.0} enrolled / {:.0} places), below the {} warning line",
                    a.year,
                    pct(u),
                    a.reporting_enrolled,
                    a.reporting_slots,
                    pct(m.utilisation_warning)
                ),
            });
        }
    }
    if let Some(a) = actuals.iter().rev().find(|a| a.occupancy.is_some()) {
        let o = a.occupancy.unwrap_or(0.0);
        if o < m.occupancy_warning {
            warnings.push(EarlyWarning {
                kind: "low_occupancy".into(),
                year: Some(a.year),
                subject: None,
                message_zh: format!(
                    "{}年养老床位入住率 {}（入住 {:.0} 人 / 床位 {:.0} 张），低于预警线 {}",
                    a.year,
                    pct(o),
                    a.residents,
                    a.reporting_beds,
                    pct(m.occupancy_warning)
                ),
                message_en: format!(
                    "{}: {} of elderly-care beds occupied ({:.0} residents / {:.0} beds), below the {} warning line",
                    a.year,
                    pct(o),
                    a.residents,
                    a.reporting_beds,
                    pct(m.occupancy_warning)
                ),
            });
        }
    }
    for a in &actuals {
        for (kind, reg, proj, zh, en) in [
            (
                "projection_births",
                a.births_registered,
                a.births_projected,
                "出生",
                "births",
            ),
            (
                "projection_deaths",
                a.deaths_registered,
                a.deaths_projected,
                "死亡",
                "deaths",
            ),
        ] {
            let Some(reg) = reg else { continue };
            if proj <= 0.0 || ((reg - proj) / proj).abs() <= CALIBRATION_TOLERANCE {
                continue;
            }
            let what_zh = if kind == "projection_births" {
                "生育率（总和生育率）"
            } else {
                "死亡水平（预期寿命）"
            };
            let what_en = if kind == "projection_births" {
                "the fertility (TFR)"
            } else {
                "the mortality (life expectancy)"
            };
            warnings.push(EarlyWarning {
                kind: kind.into(),
                year: Some(a.year),
                subject: None,
                message_zh: format!(
                    "{}年登记{zh} {reg:.0} 人{}，预测 {proj:.0} 人，相差 {:+.0}%：建议重新校准{what_zh}假设",
                    a.year,
                    if a.resident_per_registered.is_some() { "（按常住/户籍比例折算）" } else { "" },
                    (reg / proj - 1.0) * 100.0
                ),
                message_en: format!(
                    "{}: {reg:.0} registered {en}{} against {proj:.0} projected ({:+.0}%): consider recalibrating {what_en} assumption",
                    a.year,
                    if a.resident_per_registered.is_some() { " (scaled to residents)" } else { "" },
                    (reg / proj - 1.0) * 100.0
                ),
            });
        }
    }
    for c in m
        .coverage
        .iter()
        .filter(|c| c.demand > 0.0 && c.coverage == Some(0.0))
    {
        let (zh, en) = match c.category {
            FacilityCategory::Childcare => ("托育", "childcare"),
            FacilityCategory::Elderly => ("养老", "elderly care"),
            FacilityCategory::School => ("学校", "schools"),
        };
        warnings.push(EarlyWarning {
            kind: "no_coverage".into(),
            year: Some(m.current_year),
            subject: Some(c.code.clone()),
            message_zh: format!(
                "{}：服务半径内没有{zh}设施，{:.0} 名服务对象未覆盖",
                c.name, c.demand
            ),
            message_en: format!(
                "{}: no {en} facility within the service radius; {:.0} people not covered",
                c.name, c.demand
            ),
        });
    }
    if let Some(&(peak_year, peak)) = m.senior_need.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
        let now = m
            .senior_need
            .iter()
            .find(|p| p.0 == m.current_year)
            .map(|p| p.1);
        if let Some(now) = now.filter(|n| peak > *n * 1.05 && peak_year > m.current_year) {
            warnings.push(EarlyWarning {
                kind: "senior_peak".into(),
                year: Some(peak_year),
                subject: None,
                message_zh: format!(
                    "普通高中学龄人口{peak_year}年达峰：需学位约 {peak:.0} 个，比{}年多 {:.0}（{:+.0}%），请核对高中学位",
                    m.current_year,
                    peak - now,
                    (peak / now - 1.0) * 100.0
                ),
                message_en: format!(
                    "Senior-high-school age peaks in {peak_year}: about {peak:.0} places needed, {:.0} more than in {} ({:+.0}%); check the senior places",
                    peak - now,
                    m.current_year,
                    (peak / now - 1.0) * 100.0
                ),
            });
        }
    }
    Monitoring {
        current_year: m.current_year,
        tracks,
        actuals,
        warnings,
    }
}

fn key_zh(k: KpiKey) -> &'static str {
    match k {
        KpiKey::SlotsPer1000 => "每千人口托位数",
        KpiKey::EnrolmentRate => "3岁以下婴幼儿入托率",
        KpiKey::NursingBedShare => "养老机构护理型床位占比",
        KpiKey::BedsPer1000Elderly => "每千名老年人养老床位数",
        KpiKey::SchoolsMeetingStandard => "义务教育学校达标率",
    }
}

fn key_en(k: KpiKey) -> &'static str {
    match k {
        KpiKey::SlotsPer1000 => "Childcare slots per 1,000 residents",
        KpiKey::EnrolmentRate => "Enrolment rate of children under 3",
        KpiKey::NursingBedShare => "Nursing-type bed share",
        KpiKey::BedsPer1000Elderly => "Beds per 1,000 aged 60+",
        KpiKey::SchoolsMeetingStandard => "Compulsory schools meeting the standard",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{assess_county_in, CountyPeople, Enrolment, ZonePeople};
    use crate::projection::SingleAges;
    use crate::standards::{Catalogue, EnrolmentBaseline};
    use crate::{
        AgeSexBands, ChildcareInputs, County, CountyActual, CountyDataset, Facility,
        FacilityActual, FacilityKind, FacilityStatus, LonLat, Ownership, Township,
    };

    fn place(id: &str, classes: u32, caregivers: u32) -> Facility {
        Facility {
            id: id.into(),
            name: id.into(),
            kind: FacilityKind::ChildcareInstitution,
            township_code: "331125001".into(),
            location: LonLat {
                lon: 119.5,
                lat: 28.1,
            },
            ownership: Ownership::Public,
            inclusive: true,
            status: FacilityStatus::Existing,
            opening_year: None,
            sample: false,
            childcare: Some(ChildcareInputs {
                toddler_large_classes: classes,
                caregivers,
                ..Default::default()
            }),
            elderly: None,
            school_sections: vec![],
        }
    }

    /// Two 托育机构: A has 2 托大班 and 6 carers (40 places: 2 × 20, carers allow 42), B one
    /// class and 3 carers (20 places, carers allow 21). 300 children aged 0–2 at the end of 2025.
    fn county() -> (CountyDataset, YearResult) {
        let t = Township {
            code: "331125001".into(),
            name: "甲镇".into(),
            kind: "镇".into(),
            area_km2: 1.0,
            centroid: LonLat {
                lon: 119.5,
                lat: 28.1,
            },
            interior: LonLat {
                lon: 119.5,
                lat: 28.1,
            },
            boundary: serde_json::Value::Null,
            population: AgeSexBands::default(),
            population_status: crate::PopulationStatus::Estimated,
            boundary_status: crate::BoundaryStatus::None,
            seat: None,
            user_defined: false,
        };
        let data = CountyDataset {
            county: County {
                code: "331125".into(),
                name: "测试县".into(),
                province: String::new(),
                prefecture: String::new(),
                census_year: 2020,
                sample_facilities: false,
                population_note_zh: String::new(),
                population_note_en: String::new(),
                census_code: None,
                population_source: Default::default(),
                seat: None,
            },
            population: AgeSexBands::default(),
            unallocated: AgeSexBands::default(),
            townships: vec![t],
            facilities: vec![place("A", 2, 6), place("B", 1, 3)],
            outline: None,
            places: vec![],
        };
        let mut p = SingleAges::default();
        for a in 0..=2 {
            p.female[a] = 100.0;
        }
        p.male[30] = 9_700.0;
        let y = YearResult {
            year: 2025,
            population: p,
            births: 90.0,
            deaths: 50.0,
            net_migration: 0.0,
        };
        (data, y)
    }

    #[test]
    fn enrolment_rate_and_utilisation_of_a_two_facility_county_by_hand() {
        let (data, y) = county();
        let people = ZonePeople::from_single(&y.population);
        let cp = CountyPeople {
            county: people,
            townships: vec![people],
            unallocated: ZonePeople::default(),
        };
        let norms = Catalogue::national();
        let mut actuals = Actuals {
            facilities: vec![
                FacilityActual {
                    facility_id: "A".into(),
                    year: 2025,
                    enrolled: Some(30),
                    ..Default::default()
                },
                FacilityActual {
                    facility_id: "B".into(),
                    year: 2025,
                    enrolled: Some(12),
                    ..Default::default()
                },
            ],
            county: vec![],
        };
        let a = assess_county_in(&data, &cp, 2025, &norms, None, EnrolmentBaseline::National);
        assert_eq!(a.county.childcare_slots, 60);
        let ay = AssessedYear {
            assessment: &a,
            projection: &y,
        };
        // Without a county figure the facilities' sum counts: 42 of 300 children, 42 of 60 places.
        let r = actual_year(&actuals, &ay);
        assert_eq!(r.enrolled, Some(42.0));
        assert!((r.enrolment_rate.unwrap() - 42.0 / 300.0).abs() < 1e-12);
        assert!((r.utilisation.unwrap() - 0.7).abs() < 1e-12);
        assert_eq!((r.reporting_slots, r.reporting_enrolled), (60.0, 42.0));
        // The county's own figure (children in every place, reported or not) wins for the rate;
        // utilisation stays on the places that reported.
        actuals.county.push(CountyActual {
            year: 2025,
            enrolled_under3: Some(45),
            births: Some(99),
            ..Default::default()
        });
        let r = actual_year(&actuals, &ay);
        assert!((r.enrolment_rate.unwrap() - 0.15).abs() < 1e-12);
        assert!((r.utilisation.unwrap() - 0.7).abs() < 1e-12);
        // The dashboard's 入托率 KPI with the same figure agrees.
        let k = assess_county_in(
            &data,
            &cp,
            2025,
            &norms,
            Some(Enrolment { enrolled: 45.0 }),
            EnrolmentBaseline::National,
        );
        let rate = k
            .kpis
            .iter()
            .find(|k| k.key == KpiKey::EnrolmentRate)
            .unwrap();
        assert!((rate.value.unwrap() - 0.15).abs() < 1e-12);
        // 99 registered births against 90 projected: within 10 %, no warning; 50 % off would be.
        assert_eq!(r.births_registered, Some(99.0));
        let m = monitor(&MonitoringInputs {
            years: vec![ay],
            actuals: &actuals,
            coverage: vec![],
            current_year: 2025,
            utilisation_warning: 0.75,
            occupancy_warning: 0.5,
            senior_need: vec![],
        });
        let kinds: Vec<&str> = m.warnings.iter().map(|w| w.kind.as_str()).collect();
        assert_eq!(kinds, ["low_utilisation"]);
    }

    #[test]
    fn pace_by_hand() {
        // 10, 12, 14: +2 a year from 2024; 20 is reached in 2029.
        assert_eq!(
            year_at_pace(&[(2024, 10.0), (2025, 12.0), (2026, 14.0)], 20.0),
            Some(2029)
        );
        // Already there.
        assert_eq!(
            year_at_pace(&[(2025, 21.0), (2026, 22.0)], 20.0),
            Some(2026)
        );
        // Falling, or one point: never at this pace.
        assert_eq!(year_at_pace(&[(2025, 12.0), (2026, 11.0)], 20.0), None);
        assert_eq!(year_at_pace(&[(2026, 11.0)], 20.0), None);
    }
}
