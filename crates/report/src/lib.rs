//! 报告 — county reports: the KPI summary table (Markdown), the school-balance workbook, and the
//! county report ([`county_report_pdf`], [`county_report_xlsx`], and its charts as SVG/PNG), all
//! set in a bundled CJK font so Chinese renders anywhere.

mod balance_xlsx;
mod county;

pub use balance_xlsx::*;
pub use county::*;

use junheng_core::assess::{Kpi, KpiKey};

/// The KPI's title in the report language.
pub fn kpi_title(key: KpiKey, lang: &str) -> &'static str {
    let zh = !lang.starts_with("en");
    match (key, zh) {
        (KpiKey::SlotsPer1000, true) => "每千人口托位数",
        (KpiKey::SlotsPer1000, false) => "Childcare slots per 1,000 residents",
        (KpiKey::NursingBedShare, true) => "养老机构护理型床位占比",
        (KpiKey::NursingBedShare, false) => "Nursing-type bed share in institutions",
        (KpiKey::BedsPer1000Elderly, true) => "每千名老年人养老床位数",
        (KpiKey::BedsPer1000Elderly, false) => "Beds per 1,000 residents aged 60+",
        (KpiKey::SchoolsMeetingStandard, true) => "义务教育学校达标率",
        (KpiKey::SchoolsMeetingStandard, false) => "Compulsory schools meeting the standard",
    }
}

/// Values shown with their unit: shares as percentages, per-mille figures with two decimals.
/// A KPI value with its unit (shares as %, per-mille with two decimals).
pub fn kpi_value_text(key: KpiKey, v: f64) -> String {
    match key {
        KpiKey::NursingBedShare | KpiKey::SchoolsMeetingStandard => format!("{:.1}%", v * 100.0),
        KpiKey::SlotsPer1000 => format!("{v:.2}‰"),
        KpiKey::BedsPer1000Elderly => format!("{v:.1}"),
    }
}

/// The KPI table of a county report: value, target, verdict and the norm's source.
pub fn kpi_summary_markdown(kpis: &[Kpi], lang: &str) -> String {
    let zh = !lang.starts_with("en");
    let mut s = if zh {
        String::from("| 指标 | 现状 | 目标 | 判定 | 依据 |\n|---|---|---|---|---|\n")
    } else {
        String::from("| Indicator | Value | Target | Verdict | Source |\n|---|---|---|---|---|\n")
    };
    for k in kpis {
        let value = k
            .value
            .map(|v| kpi_value_text(k.key, v))
            .unwrap_or_else(|| "—".into());
        let verdict = match (k.meets, zh) {
            (Some(true), true) => "达标",
            (Some(false), true) => "未达标",
            (None, true) => "无数据",
            (Some(true), false) => "meets",
            (Some(false), false) => "below target",
            (None, false) => "no data",
        };
        s.push_str(&format!(
            "| {} | {} | ≥ {} | {} | {} |\n",
            kpi_title(k.key, lang),
            value,
            kpi_value_text(k.key, k.target),
            verdict,
            k.norm.source
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use junheng_core::assess::{county_kpis, ZoneAssessment};
    use junheng_core::standards::Catalogue;

    #[test]
    fn summary_rows_by_hand() {
        let z = ZoneAssessment {
            code: "1".into(),
            name: "x".into(),
            resident_population: 200_000,
            population_0_2: 0.0,
            population_60_plus: 40_000,
            childcare_slots: 1_000,
            inclusive_slots: 0,
            public_slots: 0,
            slots_per_1000: Some(5.0),
            childcare_slots_needed: 900.0,
            institution_beds: 1_200,
            nursing_beds: 600,
            nursing_bed_share: Some(0.5),
            beds_per_1000_elderly: Some(30.0),
            beds_needed: 1_600.0,
            community_elderly_facilities: 0,
            schools_total: 0,
            schools_meeting_standard: 0,
        };
        let md = kpi_summary_markdown(&county_kpis(&z, &Catalogue::national()), "zh-CN");
        let rows: Vec<&str> = md.lines().skip(2).collect();
        assert!(
            rows[0].starts_with("| 每千人口托位数 | 5.00‰ | ≥ 4.50‰ | 达标 |"),
            "{}",
            rows[0]
        );
        assert!(
            rows[1].starts_with("| 养老机构护理型床位占比 | 50.0% | ≥ 55.0% | 未达标 |"),
            "{}",
            rows[1]
        );
        assert!(
            rows[2].starts_with("| 每千名老年人养老床位数 | 30.0 | ≥ 40.0 | 未达标 |"),
            "{}",
            rows[2]
        );
        assert!(
            rows[3].starts_with("| 义务教育学校达标率 | — | ≥ 100.0% | 无数据 |"),
            "{}",
            rows[3]
        );
    }
}
