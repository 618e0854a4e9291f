//! 合理性检查 — values that are allowed but unlikely for their place: shown as warnings before an
//! import is committed, so that a typo (15 residents for a 街道 of 30,000) is caught by the
//! planner who knows, without refusing what may be true.

use serde::{Deserialize, Serialize};

use crate::{Facility, FacilityActual};

/// A township's new population below this share of its previous figure is questioned.
pub const POPULATION_LOW_RATIO: f64 = 0.2;
/// …and above this multiple.
pub const POPULATION_HIGH_RATIO: f64 = 5.0;
/// A class of this size or more is 超大班额 (eliminated nationally around 2018–2020).
pub const OVERSIZED_CLASS: u32 = 66;
/// Children enrolled above this multiple of a place's 托位 are questioned.
pub const ENROLMENT_OVER_SLOTS: f64 = 1.2;

/// One questionable value: what it belongs to, which field, and why (both languages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Warning {
    /// The facility id or township code.
    pub subject: String,
    pub field: String,
    pub value: f64,
    pub message_zh: String,
    pub message_en: String,
}

/// A township population far from what was known of it (its previous figure, or the county's
/// average township when it had none).
pub fn township_population(
    code: &str,
    name: &str,
    previous: f64,
    new: f64,
    previous_is_average: bool,
) -> Option<Warning> {
    if previous <= 0.0 {
        return None;
    }
    let ratio = new / previous;
    if (POPULATION_LOW_RATIO..=POPULATION_HIGH_RATIO).contains(&ratio) {
        return None;
    }
    let (basis_zh, basis_en) = if previous_is_average {
        ("全县乡镇平均人口", "the county's average township")
    } else {
        ("原有人口", "its previous figure")
    };
    Some(Warning {
        subject: code.into(),
        field: "resident_population".into(),
        value: new,
        message_zh: format!(
            "{name}：常住人口 {new:.0} 是{basis_zh} {previous:.0} 的 {:.0}%，请核对",
            ratio * 100.0
        ),
        message_en: format!(
            "{name}: a resident population of {new:.0} is {:.0}% of {basis_en} ({previous:.0}); please check",
            ratio * 100.0
        ),
    })
}

/// A facility's values that are unlikely where it stands: more beds than its township has
/// residents aged 60+, a class of 66 or more.
pub fn facility(f: &Facility, township_60_plus: Option<f64>) -> Vec<Warning> {
    let mut out = Vec::new();
    if let (Some(e), Some(old)) = (&f.elderly, township_60_plus) {
        if old > 0.0 && f64::from(e.beds) > old {
            out.push(Warning {
                subject: f.id.clone(),
                field: "beds".into(),
                value: f64::from(e.beds),
                message_zh: format!(
                    "{}：床位 {} 张多于所在乡镇60岁及以上常住人口 {old:.0} 人，请核对",
                    f.name, e.beds
                ),
                message_en: format!(
                    "{}: {} beds exceed the township's {old:.0} residents aged 60+; please check",
                    f.name, e.beds
                ),
            });
        }
    }
    for s in &f.school_sections {
        if s.max_class_size >= OVERSIZED_CLASS {
            out.push(Warning {
                subject: f.id.clone(),
                field: "max_class_size".into(),
                value: f64::from(s.max_class_size),
                message_zh: format!(
                    "{}：最大班额 {} 人属超大班额（≥{OVERSIZED_CLASS}），请核对",
                    f.name, s.max_class_size
                ),
                message_en: format!(
                    "{}: a largest class of {} is an oversized class (≥ {OVERSIZED_CLASS}); please check",
                    f.name, s.max_class_size
                ),
            });
        }
    }
    out
}

/// A year's actuals of a facility that are unlikely against its capacity: children enrolled well
/// above its 托位, residents above its beds.
pub fn actual(
    a: &FacilityActual,
    name: &str,
    slots: Option<f64>,
    beds: Option<f64>,
) -> Vec<Warning> {
    let mut out = Vec::new();
    if let (Some(n), Some(cap)) = (a.enrolled, slots) {
        if f64::from(n) > cap * ENROLMENT_OVER_SLOTS {
            out.push(Warning {
                subject: a.facility_id.clone(),
                field: "enrolled".into(),
                value: f64::from(n),
                message_zh: format!("{name}：在托 {n} 人远多于托位 {cap:.0} 个，请核对"),
                message_en: format!(
                    "{name}: {n} children enrolled, well above its {cap:.0} places; please check"
                ),
            });
        }
    }
    if let (Some(n), Some(cap)) = (a.residents, beds) {
        if f64::from(n) > cap {
            out.push(Warning {
                subject: a.facility_id.clone(),
                field: "residents".into(),
                value: f64::from(n),
                message_zh: format!("{name}：入住 {n} 人多于床位 {cap:.0} 张，请核对"),
                message_en: format!("{name}: {n} residents exceed its {cap:.0} beds; please check"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_街道_of_30000_given_15_is_questioned_and_a_normal_change_is_not() {
        let w = township_population("331125001", "浮云街道", 30_000.0, 15.0, false).unwrap();
        assert!(w.message_zh.contains("0%"), "{}", w.message_zh);
        assert!(township_population("331125001", "浮云街道", 30_000.0, 31_000.0, false).is_none());
        // Exactly at the bounds is accepted; beyond them questioned.
        assert!(township_population("x", "x", 1000.0, 200.0, false).is_none());
        assert!(township_population("x", "x", 1000.0, 5000.0, false).is_none());
        assert!(township_population("x", "x", 1000.0, 199.0, false).is_some());
        assert!(township_population("x", "x", 1000.0, 5001.0, true).is_some());
        // Nothing known before: nothing to compare with.
        assert!(township_population("x", "x", 0.0, 5.0, true).is_none());
    }
}
