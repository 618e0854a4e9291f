//! The county report's tables as a workbook, one sheet per section, header in the first row so
//! planners can filter and pivot; figures stay unrounded numbers with a display format.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::labels::{labels, title};
use super::model::CountyReport;
use super::ReportError;

struct Formats {
    head: Format,
    text: Format,
    int: Format,
    dec2: Format,
    dec3: Format,
    pct: Format,
    good: Format,
    bad: Format,
    note: Format,
}

fn formats() -> Formats {
    let cell = Format::new().set_border(FormatBorder::Thin);
    Formats {
        head: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xE8EEF7))
            .set_border(FormatBorder::Thin),
        text: cell.clone().set_text_wrap(),
        int: cell.clone().set_num_format("#,##0"),
        dec2: cell.clone().set_num_format("0.00"),
        dec3: cell.clone().set_num_format("0.000"),
        pct: cell.clone().set_num_format("0.0%"),
        good: cell.clone().set_font_color(Color::RGB(0x15803D)),
        bad: cell.set_font_color(Color::RGB(0xB91C1C)),
        note: Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x6B7280)),
    }
}

fn header(sheet: &mut Worksheet, row: u32, titles: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, t) in titles.iter().enumerate() {
        sheet.write_with_format(row, c as u16, *t, &f.head)?;
    }
    Ok(())
}

fn widths(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// A number, or an empty bordered cell when there is none (a blank, not a misleading 0).
fn opt_num(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v.filter(|v| v.is_finite()) {
        Some(v) => sheet.write_with_format(row, col, v, fmt)?,
        None => sheet.write_blank(row, col, fmt)?,
    };
    Ok(())
}

fn build(r: &CountyReport) -> Result<Vec<u8>, XlsxError> {
    let l = labels(&r.lang);
    let f = formats();
    let mut book = Workbook::new();

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[0])?;
    let [k0, k1, k2, k3, k4] = l.kpi_cols;
    header(
        sheet,
        0,
        &[k0, k1, l.value, k2, k3, l.formula, k4, l.confidence],
        &f,
    )?;
    widths(sheet, &[28.0, 12.0, 12.0, 12.0, 10.0, 36.0, 44.0, 10.0])?;
    for (i, k) in r.kpis.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &k.title, &f.text)?;
        sheet.write_with_format(row, 1, &k.value_text, &f.text)?;
        opt_num(sheet, row, 2, k.value, &f.dec3)?;
        sheet.write_with_format(row, 3, &k.target_text, &f.text)?;
        let (verdict, fmt) = match k.meets {
            Some(true) => (l.meets, &f.good),
            Some(false) => (l.below, &f.bad),
            None => (l.no_data, &f.text),
        };
        sheet.write_with_format(row, 4, verdict, fmt)?;
        sheet.write_with_format(row, 5, &k.formula, &f.text)?;
        sheet.write_with_format(row, 6, &k.source, &f.text)?;
        sheet.write_with_format(row, 7, &k.confidence, &f.text)?;
    }
    let mut row = r.kpis.len() as u32 + 2;
    sheet.write(row, 0, title(l, &r.county_name))?;
    row += 1;
    sheet.write(row, 0, format!("{} {}", l.county_code, r.county_code))?;
    row += 1;
    sheet.write(row, 0, format!("{} {}", l.generated_on, r.generated_on))?;
    if let Some(note) = r.sample_data_note.as_deref() {
        sheet.write_with_format(row + 1, 0, format!("{}：{note}", l.sample_data), &f.note)?;
    }
    sheet.set_freeze_panes(1, 0)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[1])?;
    let mut cols = vec![l.code];
    cols.extend(l.township_cols);
    header(sheet, 0, &cols, &f)?;
    widths(
        sheet,
        &[
            14.0, 16.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 14.0,
        ],
    )?;
    for (i, t) in r.townships.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &t.code, &f.text)?;
        sheet.write_with_format(row, 1, &t.name, &f.text)?;
        sheet.write_with_format(row, 2, &t.kind, &f.text)?;
        for (c, v) in [
            (3, t.population),
            (4, t.under3),
            (5, t.aged60),
            (6, t.slots),
        ] {
            sheet.write_with_format(row, c, v, &f.int)?;
        }
        opt_num(sheet, row, 7, t.slots_per_1000, &f.dec2)?;
        sheet.write_with_format(row, 8, t.beds, &f.int)?;
        sheet.write_with_format(row, 9, t.nursing_beds, &f.int)?;
        opt_num(sheet, row, 10, t.beds_per_1000_elderly, &f.dec2)?;
    }
    sheet.set_freeze_panes(1, 2)?;
    if !r.townships.is_empty() {
        sheet.autofilter(0, 0, r.townships.len() as u32, 10)?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[2])?;
    header(sheet, 0, &l.outlook_cols, &f)?;
    widths(
        sheet,
        &[
            8.0, 11.0, 11.0, 11.0, 11.0, 13.0, 13.0, 11.0, 11.0, 11.0, 11.0,
        ],
    )?;
    for (i, y) in r.outlook.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, y.year, &f.text)?;
        let vals = [
            y.need_slots,
            y.slots,
            y.need_beds,
            y.beds,
            y.need_nursing_beds,
            y.nursing_beds,
            y.primary_students,
            y.primary_places,
            y.junior_students,
            y.junior_places,
        ];
        for (c, v) in vals.into_iter().enumerate() {
            sheet.write_with_format(row, c as u16 + 1, v, &f.int)?;
        }
    }
    sheet.set_freeze_panes(1, 1)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[3])?;
    header(sheet, 0, &l.school_cols, &f)?;
    widths(sheet, &[16.0, 26.0, 14.0, 10.0, 12.0, 12.0, 36.0])?;
    for (i, s) in r.schools.rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &s.code, &f.text)?;
        sheet.write_with_format(row, 1, &s.name, &f.text)?;
        sheet.write_with_format(row, 2, &s.level, &f.text)?;
        sheet.write_with_format(row, 3, s.students, &f.int)?;
        sheet.write_with_format(row, 4, s.indicators_met, &f.int)?;
        if s.passes {
            sheet.write_with_format(row, 5, l.pass, &f.good)?;
        } else {
            sheet.write_with_format(row, 5, l.fail, &f.bad)?;
        }
        sheet.write_with_format(row, 6, &s.note, &f.text)?;
    }
    let mut row = r.schools.rows.len() as u32 + 2;
    sheet.write_with_format(row, 0, l.cv_title, &Format::new().set_bold())?;
    row += 1;
    header(sheet, row, &l.cv_cols, &f)?;
    for c in &r.schools.cvs {
        row += 1;
        sheet.write_with_format(row, 0, &c.level, &f.text)?;
        sheet.write_with_format(row, 1, &c.indicator, &f.text)?;
        opt_num(sheet, row, 2, c.cv, &f.dec3)?;
        sheet.write_with_format(row, 3, c.limit, &f.dec3)?;
        if c.ok {
            sheet.write_with_format(row, 4, l.pass, &f.good)?;
        } else {
            sheet.write_with_format(row, 4, l.fail, &f.bad)?;
        }
    }
    if !r.schools.verdict_text.is_empty() {
        sheet.write(
            row + 2,
            0,
            format!("{}：{}", l.verdict, r.schools.verdict_text),
        )?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[4])?;
    let [s0, s1, s2, ..] = l.scenario_cols;
    header(sheet, 0, &[s0, s1, s2], &f)?;
    widths(sheet, &[22.0, 16.0, 18.0, 18.0, 18.0, 18.0])?;
    for (i, s) in r.scenarios.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &s.name, &f.text)?;
        sheet.write_with_format(row, 1, s.cost_total_wan_yuan, &f.dec2)?;
        match s.first_year_all_targets_met {
            Some(y) => sheet.write_with_format(row, 2, y, &f.good)?,
            None => sheet.write_with_format(row, 2, l.not_within_plan, &f.bad)?,
        };
    }
    if r.scenarios.is_empty() {
        sheet.write_with_format(1, 0, l.scenarios_none, &f.note)?;
    }
    // Year by year below the summary, one row per scenario and year (long form pivots well).
    let mut row = r.scenarios.len().max(1) as u32 + 2;
    header(sheet, row, &l.scenario_year_cols, &f)?;
    for s in &r.scenarios {
        for y in &s.years {
            row += 1;
            sheet.write_with_format(row, 0, &s.name, &f.text)?;
            sheet.write_with_format(row, 1, y.year, &f.text)?;
            opt_num(sheet, row, 2, y.slots_per_1000, &f.dec2)?;
            opt_num(sheet, row, 3, y.nursing_share, &f.pct)?;
            opt_num(sheet, row, 4, y.beds_per_1000_elderly, &f.dec2)?;
            sheet.write_with_format(row, 5, y.cost_wan_yuan, &f.dec2)?;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[5])?;
    header(sheet, 0, &l.assumption_cols, &f)?;
    widths(sheet, &[30.0, 20.0, 50.0])?;
    for (i, a) in r.assumptions.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &a.label, &f.text)?;
        sheet.write_with_format(row, 1, &a.value, &f.text)?;
        sheet.write_with_format(row, 2, &a.source, &f.text)?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[6])?;
    header(sheet, 0, &l.access_cols, &f)?;
    widths(sheet, &[14.0, 12.0, 12.0, 20.0, 14.0, 50.0])?;
    let sep = if l.zh { "、" } else { ", " };
    for (i, a) in r.access.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &a.service, &f.text)?;
        sheet.write_with_format(row, 1, a.radius_m, &f.text)?;
        opt_num(sheet, row, 2, a.coverage_share, &f.pct)?;
        sheet.write_with_format(row, 3, a.access_per_1000, &f.dec2)?;
        opt_num(sheet, row, 4, a.township_cv, &f.dec2)?;
        sheet.write_with_format(row, 5, a.underserved.join(sep), &f.text)?;
    }

    book.save_to_buffer()
}

/// The report's tables as XLSX bytes: sheets 指标, 乡镇, 预测, 学校, 方案, 假设, 可达性 (English names
/// when the report is in English).
pub fn county_report_xlsx(r: &CountyReport) -> Result<Vec<u8>, ReportError> {
    build(r).map_err(|e| ReportError::Xlsx(e.to_string()))
}
