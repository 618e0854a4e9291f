//! 报告 — county reports: the KPI summary table (Markdown), the school-balance workbook, and the
//! county report ([`county_report_pdf`], [`county_report_xlsx`], and its charts as SVG/PNG), all
//! set in a bundled CJK font so Chinese renders anywhere.

mod balance_xlsx;
mod county;
pub mod map;
mod overview_xlsx;

pub use balance_xlsx::*;
pub use county::*;
pub use map::{map_png, map_png_file_name, MapModel, MapPoint, MapZone, MAP_PNG_SIDE};
pub use overview_xlsx::*;

use junheng_core::assess::{Kpi, KpiKey};

/// The KPI's title in the report language.
pub fn kpi_title(key: KpiKey, lang: &str) -> &'static str {
    (county::labels::labels(lang).kpi_title)(key)
}

/// A KPI value with its unit (shares as %, per-mille with two decimals).
pub fn kpi_value_text(key: KpiKey, v: f64) -> String {
    match key {
        KpiKey::NursingBedShare | KpiKey::SchoolsMeetingStandard | KpiKey::EnrolmentRate => {
            format!("{:.1}%", v * 100.0)
        }
        KpiKey::SlotsPer1000 => format!("{v:.2}‰"),
        KpiKey::BedsPer1000Elderly => format!("{v:.1}"),
    }
}

/// The target in force as the report writes it: "2030年目标 ≥ 73.0%", or that none is in force.
pub fn kpi_target_text(k: &Kpi, lang: &str) -> String {
    let l = county::labels::labels(lang);
    match &k.target {
        Some(t) => (l.target_by)(&kpi_value_text(k.key, t.value), t.by_year),
        None => (l.no_target)(k.year),
    }
}

/// The verdict of a KPI: meets, below, no value, or no target in force to judge by.
pub fn kpi_verdict_text(k: &Kpi, lang: &str) -> &'static str {
    let l = county::labels::labels(lang);
    match (k.meets, k.value.is_some(), k.target.is_some()) {
        (Some(true), _, _) => l.meets,
        (Some(false), _, _) => l.below,
        (None, false, _) => l.no_data,
        (None, true, _) => l.not_judged,
    }
}

/// The KPI table of a county report: value, target, verdict and the norm's source.
pub fn kpi_summary_markdown(kpis: &[Kpi], lang: &str) -> String {
    let l = county::labels::labels(lang);
    let mut s = format!("| {} |\n|---|---|---|---|---|\n", l.kpi_cols.join(" | "));
    for k in kpis {
        let value = k
            .value
            .map(|v| kpi_value_text(k.key, v))
            .unwrap_or_else(|| "—".into());
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            kpi_title(k.key, lang),
            value,
            kpi_target_text(k, lang),
            kpi_verdict_text(k, lang),
            k.target.as_ref().map_or("—", |t| t.norm.source.as_str())
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
            resident_population: 200_000.0,
            population_0_2: 0.0,
            population_60_plus: 40_000.0,
            childcare_slots: 1_000,
            inclusive_slots: 0,
            public_slots: 0,
            slots_per_1000: Some(5.0),
            childcare_slots_needed: Some(900.0),
            institution_beds: 1_200,
            nursing_beds: 600,
            nursing_bed_share: Some(0.5),
            beds_per_1000_elderly: Some(30.0),
            beds_needed: 1_600.0,
            community_elderly_facilities: 0,
            schools_total: 0,
            schools_meeting_standard: 0,
        };
        let kpis = |year| {
            county_kpis(
                &z,
                &Catalogue::national(),
                year,
                None,
                junheng_core::standards::EnrolmentBaseline::National,
            )
        };
        // 2025: the 十四五 targets.
        let md = kpi_summary_markdown(&kpis(2025), "zh-CN");
        let rows: Vec<&str> = md.lines().skip(2).collect();
        let expect = [
            "| 每千人口托位数 | 5.00‰ | 2025年目标 ≥ 4.50‰ | 达标 |",
            "| 3岁以下婴幼儿入托率 | — | 2025年无现行目标 | 无数据 |",
            "| 养老机构护理型床位占比 | 50.0% | 2025年目标 ≥ 55.0% | 未达标 |",
            "| 每千名老年人养老床位数 | 30.0 | 标准 ≥ 40.0 | 未达标 |",
            "| 义务教育学校达标率 | — | 2030年目标 ≥ 100.0% | 无数据 |",
        ];
        for (row, want) in rows.iter().zip(expect) {
            assert!(row.starts_with(want), "{row}\n  wanted {want}");
        }
        // 2027: no 每千人口托位 target any more, 73% for nursing beds, 入托率 national 12% + 6.
        let md = kpi_summary_markdown(&kpis(2027), "zh-CN");
        let rows: Vec<&str> = md.lines().skip(2).collect();
        let expect = [
            "| 每千人口托位数 | 5.00‰ | 2027年无现行目标 | — |",
            "| 3岁以下婴幼儿入托率 | — | 2030年目标 ≥ 18.0% | 无数据 |",
            "| 养老机构护理型床位占比 | 50.0% | 2030年目标 ≥ 73.0% | 未达标 |",
        ];
        for (row, want) in rows.iter().zip(expect) {
            assert!(row.starts_with(want), "{row}\n  wanted {want}");
        }
    }
}
