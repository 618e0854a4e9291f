//! 区域总览 workbook: a row per county with residents, need, trend and, for the counties whose
//! data are stored, capacity, gaps and KPIs.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use junheng_core::overview::OverviewRow;

/// The overview of `scope` in `year` as XLSX bytes.
pub fn overview_xlsx(scope: &str, year: i32, rows: &[OverviewRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("区域总览")?;
    let head = Format::new().set_bold().set_background_color("#DDEBF7");
    let int = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0.0%");
    let dec = Format::new().set_num_format("0.00");
    sheet.write_string(0, 0, format!("{scope} · {year}年"))?;
    let headers = [
        "代码",
        "县（区、市）",
        "地级",
        "省级",
        "本县数据",
        "常住人口",
        "较2020年",
        "0–2岁",
        "0–2岁较2020年",
        "60岁及以上",
        "6–14岁",
        "需托位",
        "需床位",
        "托位",
        "床位",
        "托位缺口",
        "床位缺口",
        "每千人口托位",
        "入托率",
        "护理型床位占比",
        "每千老人床位",
        "学校达标率",
        "达标指标",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &head)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        sheet.write_string(row, 0, &r.code)?;
        sheet.write_string(row, 1, &r.name)?;
        sheet.write_string(row, 2, &r.prefecture)?;
        sheet.write_string(row, 3, &r.province)?;
        sheet.write_string(
            row,
            4,
            match (r.stored, r.no_population, r.division_changed) {
                (true, _, _) => "有",
                (_, true, _) => "无人口数据",
                (_, _, true) => "仅普查推算（区划已调整，请核对范围）",
                _ => "仅普查推算",
            },
        )?;
        if r.no_population {
            continue;
        }
        let mut num = |c: u16, v: Option<f64>, f: &Format| -> Result<(), XlsxError> {
            if let Some(v) = v {
                sheet.write_number_with_format(row, c, v, f)?;
            }
            Ok(())
        };
        num(5, Some(r.resident_population), &int)?;
        num(6, r.population_change, &pct)?;
        num(7, Some(r.children_0_2), &int)?;
        num(8, r.children_0_2_change, &pct)?;
        num(9, Some(r.aged_60_plus), &int)?;
        num(10, Some(r.aged_6_14), &int)?;
        num(11, Some(r.childcare_slots_need), &int)?;
        num(12, Some(r.beds_need), &int)?;
        num(13, r.childcare_slots, &int)?;
        num(14, r.institution_beds, &int)?;
        num(15, r.childcare_gap, &int)?;
        num(16, r.beds_gap, &int)?;
        num(17, r.slots_per_1000, &dec)?;
        num(18, r.enrolment_rate, &pct)?;
        num(19, r.nursing_bed_share, &pct)?;
        num(20, r.beds_per_1000_elderly, &dec)?;
        num(21, r.schools_meeting_share, &pct)?;
        if let (Some(m), Some(j)) = (r.kpis_met, r.kpis_judged) {
            sheet.write_string(row, 22, format!("{m}/{j}"))?;
        }
    }
    sheet.set_column_width(1, 16)?;
    book.save_to_buffer()
}
