use serde::{Deserialize, Serialize};

use super::{FacilityAssessment, KpiKey};
use crate::projection::SingleAges;
use crate::standards::{self as ids, target_in_force, Catalogue, EnrolmentBaseline};
use crate::{AgeSexBands, FacilityCategory, Ownership};

/// The residents of a zone an assessment needs: all, 0–2 and 60+ (unrounded where projected).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct ZonePeople {
    pub total: f64,
    /// 3岁以下婴幼儿.
    pub aged_0_2: f64,
    pub aged_60_plus: f64,
}

impl ZonePeople {
    /// From census bands: ages 1–2 taken as half of the 1–4 band (the census does not split it).
    pub fn from_bands(p: &AgeSexBands) -> ZonePeople {
        ZonePeople {
            total: p.total() as f64,
            aged_0_2: p.children_under_3(),
            aged_60_plus: p.aged_at_least(60) as f64,
        }
    }

    /// From a projection's single ages (year-end).
    pub fn from_single(p: &SingleAges) -> ZonePeople {
        ZonePeople {
            total: p.total(),
            aged_0_2: p.ages(0, 2),
            aged_60_plus: p.at_least(60),
        }
    }
}

/// The assessment of one zone (the county or a township). Numbers are unrounded; shares are
/// fractions 0–1; ratios are `None` where the denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ZoneAssessment {
    pub code: String,
    pub name: String,
    /// 常住人口 (unrounded when projected).
    pub resident_population: f64,
    /// 3岁以下婴幼儿 (census: age 0 plus half of ages 1–4; projected: ages 0–2).
    pub population_0_2: f64,
    /// 60岁及以上常住人口.
    pub population_60_plus: f64,
    /// 托位 of childcare places in service.
    pub childcare_slots: u64,
    /// 普惠托位.
    pub inclusive_slots: u64,
    /// 公办托位.
    pub public_slots: u64,
    /// 每千人口托位数 (F1).
    pub slots_per_1000: Option<f64>,
    /// Slots the 每千人口托位数 target in force asks for (resident population × target / 1000);
    /// `None` in a year without such a target.
    pub childcare_slots_needed: Option<f64>,
    /// 养老机构床位 (养老机构 + 护理院).
    pub institution_beds: u64,
    /// 护理型床位 in those institutions.
    pub nursing_beds: u64,
    /// 养老机构护理型床位占比 (F7).
    pub nursing_bed_share: Option<f64>,
    /// 每千名老年人养老床位数 (GB 50437).
    pub beds_per_1000_elderly: Option<f64>,
    /// Beds the norm asks for: 60+ × 40 / 1000 (F6).
    pub beds_needed: f64,
    /// 日间照料中心 and 社区养老服务站 in service.
    pub community_elderly_facilities: u64,
    /// Compulsory schools assessed (教学点 under 50 students excluded).
    pub schools_total: u64,
    /// Of those, schools whose every section passes the 优质均衡 school test.
    pub schools_meeting_standard: u64,
}

fn ratio(num: f64, den: f64, scale: f64) -> Option<f64> {
    (den > 0.0).then(|| num / den * scale)
}

/// One zone's figures in `year`, from its residents and the facilities assessed in it.
pub fn zone_assessment(
    code: &str,
    name: &str,
    people: ZonePeople,
    facilities: &[&FacilityAssessment],
    norms: &Catalogue,
    year: i32,
) -> ZoneAssessment {
    let in_service = || facilities.iter().filter(|f| f.in_service);
    let childcare = || in_service().filter(|f| f.category == FacilityCategory::Childcare);
    let slots = |keep: &dyn Fn(&FacilityAssessment) -> bool| -> u64 {
        childcare()
            .filter(|f| keep(f))
            .map(|f| f.childcare_slots.unwrap_or(0) as u64)
            .sum()
    };
    let institutions = || in_service().filter(|f| f.kind.is_elderly_institution());
    let resident = people.total;
    let pop60 = people.aged_60_plus;
    let slots_target = target_in_force(
        KpiKey::SlotsPer1000,
        year,
        norms,
        EnrolmentBaseline::National,
    );
    let childcare_slots = slots(&|_| true);
    let institution_beds: u64 = institutions().map(|f| f.beds.unwrap_or(0) as u64).sum();
    let nursing_beds: u64 = institutions()
        .map(|f| f.nursing_beds.unwrap_or(0) as u64)
        .sum();
    ZoneAssessment {
        code: code.to_string(),
        name: name.to_string(),
        resident_population: resident,
        population_0_2: people.aged_0_2,
        population_60_plus: pop60,
        childcare_slots,
        inclusive_slots: slots(&|f| f.inclusive),
        public_slots: slots(&|f| f.ownership == Ownership::Public),
        slots_per_1000: ratio(childcare_slots as f64, resident, 1000.0),
        childcare_slots_needed: slots_target.map(|t| resident * t.value / 1000.0),
        institution_beds,
        nursing_beds,
        nursing_bed_share: ratio(nursing_beds as f64, institution_beds as f64, 1.0),
        beds_per_1000_elderly: ratio(institution_beds as f64, pop60, 1000.0),
        beds_needed: pop60 * norms.value(ids::BEDS_PER_1000_ELDERLY) / 1000.0,
        community_elderly_facilities: in_service()
            .filter(|f| f.category == FacilityCategory::Elderly && !f.kind.is_elderly_institution())
            .count() as u64,
        schools_total: in_service()
            .filter(|f| f.counts_as_assessed_school())
            .count() as u64,
        schools_meeting_standard: in_service()
            .filter(|f| f.counts_as_assessed_school() && f.meets_standard == Some(true))
            .count() as u64,
    }
}
