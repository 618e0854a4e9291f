//! 分省预期寿命 — the county's province's life expectancy at the 7th census, where a source gives
//! it, shifts the national mortality path: a Zhejiang county does not die at the national rate.
//! The improvement after 2020 is the national one (+1.32 years to 2025, +2.07 to 2030).

use serde::{Deserialize, Serialize};

use super::E0Path;
use crate::standards::Confidence;

/// One province's both-sexes e0 in 2020 with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProvincialE0 {
    /// 2-digit province code + "0000".
    pub code: &'static str,
    pub name: &'static str,
    pub e0_2020: f64,
    pub confidence: Confidence,
    pub source: &'static str,
}

/// National both-sexes e0 of 2020 (7th census), the level the national path starts from.
pub const NATIONAL_E0_2020: f64 = 77.93;

const GDL: &str = "Global Data Lab 分省预期寿命（维基百科“中国各省级行政区预期寿命列表”所引，标为2021年；江苏一栏与该省七普公布值79.32完全一致，故推定为七普数据，未经官方核实）";

/// The provinces a retrieved source gives (research notes of 2026-12: the official 31-province
/// table of 《中国人口和就业统计年鉴》 was not available; provinces without a value use the
/// national path).
pub const PROVINCIAL_E0_2020: &[ProvincialE0] = &[
    ProvincialE0 { code: "110000", name: "北京", e0_2020: 82.49, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "120000", name: "天津", e0_2020: 81.30, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "210000", name: "辽宁", e0_2020: 78.68, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "220000", name: "吉林", e0_2020: 78.41, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "230000", name: "黑龙江", e0_2020: 78.25, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "310000", name: "上海", e0_2020: 82.55, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 {
        code: "320000",
        name: "江苏",
        e0_2020: 79.32,
        confidence: Confidence::Secondary,
        source: "江苏省统计局：根据2020年第七次全国人口普查结果，全省人均预期寿命79.32岁（男77.02、女81.83），新华日报·交汇点报道转载 https://m.tftnews.com/news3549546",
    },
    ProvincialE0 { code: "330000", name: "浙江", e0_2020: 80.19, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "350000", name: "福建", e0_2020: 78.49, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "370000", name: "山东", e0_2020: 79.18, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "440000", name: "广东", e0_2020: 79.31, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "450000", name: "广西", e0_2020: 78.06, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "460000", name: "海南", e0_2020: 79.05, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 { code: "500000", name: "重庆", e0_2020: 78.56, confidence: Confidence::Unconfirmed, source: GDL },
    ProvincialE0 {
        code: "610000",
        name: "陕西",
        e0_2020: 77.80,
        confidence: Confidence::Secondary,
        source: "陕西省统计局七人普专题之五：人均预期寿命77.80岁，女性比男性长4.65岁（转载 http://m.yhgelaimei.com/shehui/2022/201481.html）",
    },
];

/// The province row of a county code, where a source gives one.
pub fn provincial_e0(county_code: &str) -> Option<&'static ProvincialE0> {
    let province = format!("{}0000", county_code.get(..2)?);
    PROVINCIAL_E0_2020.iter().find(|p| p.code == province)
}

/// The mortality path of a county: the national path moved by its province's 2020 difference.
pub fn e0_path_for(county_code: &str) -> (E0Path, Option<&'static ProvincialE0>) {
    let national = E0Path::national_default();
    match (provincial_e0(county_code), national) {
        (Some(p), E0Path::Total { knots, gap }) => {
            let shift = p.e0_2020 - NATIONAL_E0_2020;
            (
                E0Path::Total {
                    knots: knots.into_iter().map(|(y, e)| (y, e + shift)).collect(),
                    gap,
                },
                Some(p),
            )
        }
        (_, national) => (national, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zhejiang_county_lives_longer_than_the_nation_by_2_26_years() {
        let (p, src) = e0_path_for("331125");
        assert_eq!(src.unwrap().name, "浙江");
        assert!((p.total(2020, 1.113) - 80.19).abs() < 1e-12);
        assert!((p.total(2025, 1.113) - (79.25 + 2.26)).abs() < 1e-9);
        // A province without a source keeps the national path.
        let (n, none) = e0_path_for("640522");
        assert!(none.is_none());
        assert_eq!(n, E0Path::national_default());
        assert!(PROVINCIAL_E0_2020
            .iter()
            .all(|p| p.code.ends_with("0000") && !p.source.is_empty()));
    }
}
