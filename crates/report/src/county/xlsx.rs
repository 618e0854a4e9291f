//! The county report's tables as a workbook, one sheet per section, header in the first row so
//! planners can filter and pivot; figures stay unrounded numbers with a display format.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::format::int;
use super::labels::{labels, title, Labels};
use super::model::CountyReport;
use super::pdf::assumption_rows;
use super::ReportError;
use crate::{kpi_target_text, kpi_value_text, kpi_verdict_text};

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
        &[k0, k1, l.value, k2, k3, l.formula, k4, l.confidence_label],
        &f,
    )?;
    widths(sheet, &[28.0, 12.0, 12.0, 18.0, 10.0, 36.0, 44.0, 10.0])?;
    for (i, k) in r.kpis.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, (l.kpi_title)(k.key), &f.text)?;
        let value_text = k
            .value
            .map_or_else(|| "—".to_string(), |v| kpi_value_text(k.key, v));
        sheet.write_with_format(row, 1, value_text, &f.text)?;
        opt_num(sheet, row, 2, k.value, &f.dec3)?;
        sheet.write_with_format(row, 3, kpi_target_text(k, &r.lang), &f.text)?;
        let fmt = match k.meets {
            Some(true) => &f.good,
            Some(false) => &f.bad,
            None => &f.text,
        };
        sheet.write_with_format(row, 4, kpi_verdict_text(k, &r.lang), fmt)?;
        sheet.write_with_format(row, 5, (l.kpi_formula)(k.key), &f.text)?;
        let (source, confidence) = k.target.as_ref().map_or(("—", ""), |t| {
            (t.norm.source.as_str(), (l.confidence)(t.norm.confidence))
        });
        sheet.write_with_format(row, 6, source, &f.text)?;
        sheet.write_with_format(row, 7, confidence, &f.text)?;
    }
    let mut row = r.kpis.len() as u32 + 2;
    sheet.write(row, 0, title(l, &r.county_name))?;
    row += 1;
    sheet.write(row, 0, format!("{} {}", l.county_code, r.county_code))?;
    row += 1;
    sheet.write(row, 0, format!("{} {}", l.generated_on, r.generated_on))?;
    row += 1;
    sheet.write(
        row,
        0,
        (l.basis_line)(
            r.as_of,
            &r.basis.census_date,
            r.basis.mortality_province.as_deref(),
        ),
    )?;
    if r.sample_data {
        sheet.write_with_format(
            row + 1,
            0,
            format!("{}{}{}", l.sample_data, l.colon, l.sample_note),
            &f.note,
        )?;
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
            14.0, 16.0, 12.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 14.0,
        ],
    )?;
    for (i, t) in r.townships.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &t.code, &f.text)?;
        sheet.write_with_format(row, 1, &t.name, &f.text)?;
        sheet.write_with_format(row, 2, (l.township_kind)(&t.kind), &f.text)?;
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
    monitoring_sheet(sheet, r, l, &f)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[4])?;
    subsidy_sheet(sheet, r, l, &f)?;

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[5])?;
    header(sheet, 0, &l.school_cols, &f)?;
    widths(sheet, &[16.0, 26.0, 14.0, 10.0, 12.0, 12.0, 36.0])?;
    for (i, s) in r.schools.rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, &s.code, &f.text)?;
        sheet.write_with_format(row, 1, &s.name, &f.text)?;
        sheet.write_with_format(row, 2, (l.level)(s.level), &f.text)?;
        sheet.write_with_format(row, 3, s.students, &f.int)?;
        sheet.write_with_format(row, 4, s.indicators_met, &f.int)?;
        if s.passes {
            sheet.write_with_format(row, 5, l.pass, &f.good)?;
        } else {
            sheet.write_with_format(row, 5, l.fail, &f.bad)?;
        }
        let notes: Vec<&str> = [
            (s.class_too_large, l.class_too_large),
            (s.school_too_large, l.school_too_large),
            (s.missed_below_85, l.missed_below_85),
        ]
        .into_iter()
        .filter_map(|(on, t)| on.then_some(t))
        .collect();
        sheet.write_with_format(row, 6, notes.join(l.list_sep), &f.text)?;
    }
    let mut row = r.schools.rows.len() as u32 + 2;
    sheet.write_with_format(row, 0, l.cv_title, &Format::new().set_bold())?;
    row += 1;
    header(sheet, row, &l.cv_cols, &f)?;
    for c in &r.schools.cvs {
        row += 1;
        sheet.write_with_format(row, 0, (l.level)(c.level), &f.text)?;
        sheet.write_with_format(row, 1, (l.pick)(&c.indicator_zh, &c.indicator_en), &f.text)?;
        opt_num(sheet, row, 2, c.cv, &f.dec3)?;
        sheet.write_with_format(row, 3, c.limit, &f.dec3)?;
        if c.ok {
            sheet.write_with_format(row, 4, l.pass, &f.good)?;
        } else {
            sheet.write_with_format(row, 4, l.fail, &f.bad)?;
        }
    }
    let verdict: Vec<String> = r
        .schools
        .levels
        .iter()
        .map(|v| {
            (l.level_verdict)(
                (l.level)(v.level),
                v.schools_passing,
                v.school_count,
                v.passes,
            )
        })
        .collect();
    if !verdict.is_empty() {
        sheet.write(
            row + 2,
            0,
            format!("{}{}{}", l.verdict, l.colon, verdict.join(l.clause_sep)),
        )?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[6])?;
    let [s0, s1, s2, ..] = l.scenario_cols;
    header(sheet, 0, &[s0, s1, s2], &f)?;
    widths(sheet, &[22.0, 16.0, 18.0, 18.0, 18.0, 18.0])?;
    let name = |s: &super::model::ReportScenario| {
        if s.is_base {
            l.base_scenario.to_string()
        } else {
            s.name.clone()
        }
    };
    for (i, s) in r.scenarios.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, name(s), &f.text)?;
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
            sheet.write_with_format(row, 0, name(s), &f.text)?;
            sheet.write_with_format(row, 1, y.year, &f.text)?;
            opt_num(sheet, row, 2, y.slots_per_1000, &f.dec2)?;
            opt_num(sheet, row, 3, y.nursing_share, &f.pct)?;
            opt_num(sheet, row, 4, y.beds_per_1000_elderly, &f.dec2)?;
            sheet.write_with_format(row, 5, y.cost_wan_yuan, &f.dec2)?;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[7])?;
    header(sheet, 0, &l.assumption_cols, &f)?;
    widths(sheet, &[30.0, 30.0, 60.0])?;
    for (i, a) in assumption_rows(r, l).iter().enumerate() {
        let row = i as u32 + 1;
        for (c, text) in a.iter().enumerate() {
            sheet.write_with_format(row, c as u16, text, &f.text)?;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.sheets[8])?;
    header(sheet, 0, &l.access_cols, &f)?;
    widths(sheet, &[14.0, 12.0, 12.0, 20.0, 14.0, 50.0])?;
    for (i, a) in r.access.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, (l.service)(a.category), &f.text)?;
        sheet.write_with_format(row, 1, a.radius_m, &f.int)?;
        opt_num(sheet, row, 2, a.coverage_share, &f.pct)?;
        sheet.write_with_format(row, 3, a.access_per_1000, &f.dec2)?;
        opt_num(sheet, row, 4, a.township_cv, &f.dec2)?;
        sheet.write_with_format(row, 5, a.underserved.join(l.list_sep), &f.text)?;
    }

    book.save_to_buffer()
}

/// 监测: one row per indicator and year (actual, plan, target), then the recorded actuals.
fn monitoring_sheet(
    sheet: &mut Worksheet,
    r: &CountyReport,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let Some(m) = &r.monitoring else {
        return Ok(());
    };
    let [t0, ..] = l.track_cols;
    header(sheet, 0, &[t0, l.year, l.actual, l.plan, l.target], f)?;
    widths(
        sheet,
        &[30.0, 10.0, 12.0, 12.0, 12.0, 12.0, 14.0, 20.0, 20.0],
    )?;
    let mut row = 0;
    for t in &m.tracks {
        for y in &t.years {
            row += 1;
            sheet.write_with_format(row, 0, (l.kpi_title)(t.key), &f.text)?;
            sheet.write_with_format(row, 1, y.year, &f.text)?;
            opt_num(sheet, row, 2, y.actual, &f.dec3)?;
            opt_num(sheet, row, 3, y.plan, &f.dec3)?;
            opt_num(sheet, row, 4, y.target, &f.dec3)?;
        }
    }
    row += 2;
    sheet.write_with_format(row, 0, l.actuals_title, &Format::new().set_bold())?;
    row += 1;
    header(sheet, row, &l.actuals_cols, f)?;
    for a in &m.actuals {
        row += 1;
        sheet.write_with_format(row, 0, a.year, &f.text)?;
        opt_num(sheet, row, 1, a.enrolled, &f.int)?;
        opt_num(sheet, row, 2, a.enrolment_rate, &f.pct)?;
        opt_num(sheet, row, 3, a.utilisation, &f.pct)?;
        opt_num(sheet, row, 4, a.occupancy, &f.pct)?;
        opt_num(sheet, row, 5, a.disabled_share, &f.pct)?;
        let pair = |reg: Option<f64>, proj: f64| {
            (l.registered_vs_projected)(&reg.map_or_else(|| "—".into(), int), &int(proj))
        };
        sheet.write_with_format(
            row,
            6,
            pair(a.births_registered, a.births_projected),
            &f.text,
        )?;
        sheet.write_with_format(
            row,
            7,
            pair(a.deaths_registered, a.deaths_projected),
            &f.text,
        )?;
    }
    if m.actuals.is_empty() {
        sheet.write_with_format(row + 1, 0, l.actuals_none, &f.note)?;
        row += 1;
    }
    row += 2;
    sheet.write_with_format(row, 0, l.warnings_title, &Format::new().set_bold())?;
    for w in &m.warnings {
        row += 1;
        sheet.write(row, 0, (l.pick)(&w.message_zh, &w.message_en))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// 补贴测算 in yuan by year, with the basis and the rule below.
fn subsidy_sheet(
    sheet: &mut Worksheet,
    r: &CountyReport,
    l: &Labels,
    f: &Formats,
) -> Result<(), XlsxError> {
    let Some(b) = &r.subsidy else {
        return Ok(());
    };
    header(sheet, 0, &l.subsidy_cols, f)?;
    widths(
        sheet,
        &[8.0, 14.0, 16.0, 16.0, 14.0, 14.0, 12.0, 16.0, 16.0],
    )?;
    for (i, y) in b.years.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_with_format(row, 0, y.year, &f.text)?;
        sheet.write_with_format(row, 1, y.children_under3_person_years, &f.int)?;
        for (c, v) in [
            (2, y.childcare_subsidy_yuan),
            (3, y.central_yuan),
            (4, y.provincial_yuan),
            (5, y.county_yuan),
        ] {
            sheet.write_with_format(row, c, v, &f.int)?;
        }
        sheet.write_with_format(row, 6, y.enrolled_children, &f.int)?;
        sheet.write_with_format(row, 7, y.operating_subsidy_yuan, &f.int)?;
        sheet.write_with_format(row, 8, y.total_yuan, &f.int)?;
    }
    let row = b.years.len() as u32 + 2;
    sheet.write(
        row,
        0,
        (l.subsidy_basis)(b.on_hukou, b.hukou_source.as_deref()),
    )?;
    sheet.write(
        row + 1,
        0,
        (l.subsidy_rule)(b.per_child_year_yuan, b.operating_per_child_month_yuan),
    )?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The report's tables as XLSX bytes: sheets 指标, 乡镇, 预测, 监测, 补贴, 学校, 方案, 假设, 可达性
/// (English names when the report is in English).
pub fn county_report_xlsx(r: &CountyReport) -> Result<Vec<u8>, ReportError> {
    build(r).map_err(|e| ReportError::Xlsx(e.to_string()))
}
