//! The county report as a PDF: A4 portrait, sections in the order a planning bureau reads them
//! (indicators, where, who, what is coming, schools, options, assumptions).

mod backend;
mod doc;
mod writer;

use plotters::prelude::RGBColor;

use self::doc::{col, coloured, Align, Cell, Doc, BAD, GOOD, INK, LEFT, MUTED, WIDTH};
use self::writer::Meta;
use super::charts::{self, design_size};
use super::format::{dec, int, pct};
use super::labels::{labels, title, Labels};
use super::model::{CountyReport, ReportChart};
use super::{font, ReportError};

const AMBER_BG: RGBColor = RGBColor(0xff, 0xf7, 0xe0);
const AMBER: RGBColor = RGBColor(0xd9, 0x9a, 0x06);
const BLUE_BG: RGBColor = RGBColor(0xee, 0xf4, 0xff);
const BLUE: RGBColor = RGBColor(0x93, 0xb4, 0xf0);

fn verdict(l: &Labels, meets: Option<bool>) -> Cell {
    match meets {
        Some(true) => coloured(l.meets, GOOD),
        Some(false) => coloured(l.below, BAD),
        None => coloured(l.no_data, MUTED),
    }
}

fn title_block(d: &mut Doc, r: &CountyReport, l: &Labels) {
    let heading = title(l, &r.county_name);
    for line in d.wrap(&heading, 20.0, WIDTH) {
        d.text_at(LEFT, d.y + 20.0, &line, 20.0, INK, true);
        d.y += 28.0;
    }
    let place = if l.zh {
        format!("{}{}", r.province, r.prefecture)
    } else {
        [r.prefecture.as_str(), r.province.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = vec![format!("{} {}", l.county_code, r.county_code)];
    if !place.is_empty() {
        facts.push(place);
    }
    facts.push(format!("{} {}", l.generated_on, r.generated_on));
    d.y += 2.0;
    d.paragraph(&facts.join("  ·  "), 10.0, MUTED, 0.0);
    d.y += 2.0;
    d.hline(d.y, 2.0, doc::ACCENT, LEFT, LEFT + WIDTH);
    d.y += 14.0;
    if let Some(note) = r
        .sample_data_note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        d.notice(l.sample_data, note, AMBER_BG, AMBER);
        d.y += 4.0;
    }
}

fn kpi_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    d.heading(l.sec_kpi, 60.0);
    let [c0, c1, c2, c3, c4] = l.kpi_cols;
    let cols = [
        col(c0, 2.6, Align::Left),
        col(c1, 1.1, Align::Right),
        col(c2, 1.1, Align::Right),
        col(c3, 1.4, Align::Center),
        col(c4, 3.1, Align::Left),
    ];
    let rows: Vec<Vec<Cell>> = r
        .kpis
        .iter()
        .map(|k| {
            vec![
                k.title.as_str().into(),
                k.value_text.as_str().into(),
                k.target_text.as_str().into(),
                verdict(l, k.meets),
                k.source.as_str().into(),
            ]
        })
        .collect();
    d.table(&cols, &rows, 9.0);
    let zh = l.zh;
    for k in r.kpis.iter().filter(|k| !k.formula.is_empty()) {
        let conf = if k.confidence.is_empty() {
            String::new()
        } else if zh {
            format!("（{}：{}）", l.confidence, k.confidence)
        } else {
            format!(" ({}: {})", l.confidence, k.confidence)
        };
        let sep = if zh { "：" } else { ": " };
        d.paragraph(
            &format!("• {}{sep}{}{conf}", k.title, k.formula),
            8.5,
            MUTED,
            0.0,
        );
    }
}

fn map_section(d: &mut Doc, r: &CountyReport, l: &Labels) -> Result<(), ReportError> {
    let size = design_size(ReportChart::Map);
    d.heading(l.sec_map, WIDTH * size.1 as f32 / size.0 as f32);
    if r.map.zones.is_empty() && r.map.points.is_empty() {
        d.paragraph(l.map_none, 9.5, MUTED, 0.0);
        return Ok(());
    }
    d.chart(size, |root| charts::draw(root, r, ReportChart::Map))
}

fn township_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    d.heading(l.sec_townships, 60.0);
    if r.townships.is_empty() {
        d.paragraph(l.townships_none, 9.5, MUTED, 0.0);
        return;
    }
    let weights = [1.7, 0.7, 1.15, 0.95, 1.05, 0.85, 1.05, 0.95, 1.0, 1.3];
    let cols: Vec<_> = l
        .township_cols
        .iter()
        .zip(weights)
        .enumerate()
        .map(|(i, (t, w))| col(t, w, if i < 2 { Align::Left } else { Align::Right }))
        .collect();
    let rows: Vec<Vec<Cell>> = r
        .townships
        .iter()
        .map(|t| {
            vec![
                t.name.as_str().into(),
                t.kind.as_str().into(),
                int(t.population).into(),
                int(t.under3).into(),
                int(t.aged60).into(),
                int(t.slots).into(),
                dec(t.slots_per_1000, 2).into(),
                int(t.beds).into(),
                int(t.nursing_beds).into(),
                dec(t.beds_per_1000_elderly, 1).into(),
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.0);
}

fn access_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    if r.access.is_empty() {
        return;
    }
    let year = r.access[0].year;
    let title = if l.zh {
        format!("{}（{}年）", l.access_title, year)
    } else {
        format!("{} ({year})", l.access_title)
    };
    d.subheading(&title, 60.0);
    let weights = [1.0, 0.8, 0.8, 1.3, 1.0, 3.0];
    let cols: Vec<_> = l
        .access_cols
        .iter()
        .zip(weights)
        .enumerate()
        .map(|(i, (t, w))| {
            col(
                t,
                w,
                if i == 0 || i == 5 {
                    Align::Left
                } else {
                    Align::Right
                },
            )
        })
        .collect();
    let sep = if l.zh { "、" } else { ", " };
    let rows: Vec<Vec<Cell>> = r
        .access
        .iter()
        .map(|a| {
            vec![
                a.service.as_str().into(),
                format!("{} m", int(a.radius_m)).into(),
                pct(a.coverage_share).into(),
                format!("{} {}", dec(Some(a.access_per_1000), 1), a.supply_unit).into(),
                dec(a.township_cv, 2).into(),
                if a.underserved.is_empty() {
                    "—".to_string().into()
                } else {
                    a.underserved.join(sep).into()
                },
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.0);
    d.paragraph(l.access_note, 8.0, MUTED, 0.0);
}

fn outlook_section(d: &mut Doc, r: &CountyReport, l: &Labels) -> Result<(), ReportError> {
    let size = design_size(ReportChart::Outlook);
    if r.outlook.is_empty() {
        d.heading(l.sec_outlook, 20.0);
        d.paragraph(l.outlook_none, 9.5, MUTED, 0.0);
        return Ok(());
    }
    d.heading(l.sec_outlook, WIDTH * size.1 as f32 / size.0 as f32);
    d.chart(size, |root| charts::draw(root, r, ReportChart::Outlook))?;
    let cols: Vec<_> = l
        .outlook_cols
        .iter()
        .enumerate()
        .map(|(i, t)| col(t, if i == 0 { 0.7 } else { 1.0 }, Align::Right))
        .collect();
    let rows: Vec<Vec<Cell>> = r
        .outlook
        .iter()
        .map(|y| {
            let pair = |need: f64, cap: f64| -> [Cell; 2] {
                // Capacity short of need is what a planner scans the table for.
                let cap_cell = if cap + 0.5 < need {
                    coloured(int(cap), BAD)
                } else {
                    int(cap).into()
                };
                [int(need).into(), cap_cell]
            };
            let mut row: Vec<Cell> = vec![y.year.to_string().into()];
            row.extend(pair(y.need_slots, y.slots));
            row.extend(pair(y.need_beds, y.beds));
            row.extend(pair(y.need_nursing_beds, y.nursing_beds));
            row.extend(pair(y.primary_students, y.primary_places));
            row.extend(pair(y.junior_students, y.junior_places));
            row
        })
        .collect();
    d.table(&cols, &rows, 7.5);
    Ok(())
}

fn school_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    let s = &r.schools;
    d.heading(l.sec_schools, 60.0);
    if s.rows.is_empty() && s.cvs.is_empty() {
        d.paragraph(l.schools_none, 9.5, MUTED, 0.0);
    }
    if !s.rows.is_empty() {
        d.subheading(l.school_rows_title, 40.0);
        let [c0, c1, c2, c3, c4, c5, c6] = l.school_cols;
        let cols = [
            col(c0, 1.3, Align::Left),
            col(c1, 2.2, Align::Left),
            col(c2, 0.8, Align::Center),
            col(c3, 0.9, Align::Right),
            col(c4, 1.0, Align::Right),
            col(c5, 1.0, Align::Center),
            col(c6, 2.6, Align::Left),
        ];
        let rows: Vec<Vec<Cell>> = s
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.code.as_str().into(),
                    row.name.as_str().into(),
                    row.level.as_str().into(),
                    int(row.students as f64).into(),
                    row.indicators_met.to_string().into(),
                    if row.passes {
                        coloured(l.pass, GOOD)
                    } else {
                        coloured(l.fail, BAD)
                    },
                    row.note.as_str().into(),
                ]
            })
            .collect();
        d.table(&cols, &rows, 8.5);
    }
    if !s.cvs.is_empty() {
        d.subheading(l.cv_title, 40.0);
        let [c0, c1, c2, c3, c4] = l.cv_cols;
        let cols = [
            col(c0, 0.8, Align::Center),
            col(c1, 4.0, Align::Left),
            col(c2, 1.0, Align::Right),
            col(c3, 1.0, Align::Right),
            col(c4, 1.0, Align::Center),
        ];
        let rows: Vec<Vec<Cell>> = s
            .cvs
            .iter()
            .map(|c| {
                vec![
                    c.level.as_str().into(),
                    c.indicator.as_str().into(),
                    dec(c.cv, 3).into(),
                    format!("{:.2}", c.limit).into(),
                    if c.ok {
                        coloured(l.pass, GOOD)
                    } else {
                        coloured(l.fail, BAD)
                    },
                ]
            })
            .collect();
        d.table(&cols, &rows, 8.5);
    }
    if !s.verdict_text.trim().is_empty() {
        d.notice(l.verdict, &s.verdict_text, BLUE_BG, BLUE);
    }
}

fn scenario_section(d: &mut Doc, r: &CountyReport, l: &Labels) -> Result<(), ReportError> {
    if r.scenarios.is_empty() {
        d.heading(l.sec_scenarios, 20.0);
        d.paragraph(l.scenarios_none, 9.5, MUTED, 0.0);
        return Ok(());
    }
    let size = design_size(ReportChart::Scenarios);
    d.heading(l.sec_scenarios, WIDTH * size.1 as f32 / size.0 as f32);
    d.chart(size, |root| charts::draw(root, r, ReportChart::Scenarios))?;
    let [c0, c1, c2, c3, c4, c5] = l.scenario_cols;
    let cols = [
        col(c0, 1.8, Align::Left),
        col(c1, 1.2, Align::Right),
        col(c2, 1.4, Align::Center),
        col(c3, 1.2, Align::Right),
        col(c4, 1.2, Align::Right),
        col(c5, 1.3, Align::Right),
    ];
    let rows: Vec<Vec<Cell>> = r
        .scenarios
        .iter()
        .map(|s| {
            let last = s.years.iter().max_by_key(|y| y.year);
            vec![
                s.name.as_str().into(),
                int(s.cost_total_wan_yuan).into(),
                match s.first_year_all_targets_met {
                    Some(y) => coloured(y.to_string(), GOOD),
                    None => coloured(l.not_within_plan, BAD),
                },
                dec(last.and_then(|y| y.slots_per_1000), 2).into(),
                pct(last.and_then(|y| y.nursing_share)).into(),
                dec(last.and_then(|y| y.beds_per_1000_elderly), 1).into(),
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.5);
    Ok(())
}

fn assumption_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    d.heading(l.sec_assumptions, 40.0);
    if r.assumptions.is_empty() {
        d.paragraph(l.assumptions_none, 9.5, MUTED, 0.0);
        return;
    }
    let [c0, c1, c2] = l.assumption_cols;
    let cols = [
        col(c0, 2.2, Align::Left),
        col(c1, 1.6, Align::Left),
        col(c2, 3.2, Align::Left),
    ];
    let rows: Vec<Vec<Cell>> = r
        .assumptions
        .iter()
        .map(|a| {
            vec![
                a.label.as_str().into(),
                a.value.as_str().into(),
                a.source.as_str().into(),
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.5);
}

/// The county report as PDF bytes: real text in an embedded subset of the bundled CJK font,
/// charts as vectors, page numbers in the footer and section bookmarks.
pub fn county_report_pdf(r: &CountyReport) -> Result<Vec<u8>, ReportError> {
    font::register()?;
    let l = labels(&r.lang);
    let mut d = Doc::new(font::face()?, l.continued);
    title_block(&mut d, r, l);
    kpi_section(&mut d, r, l);
    access_section(&mut d, r, l);
    // The chart-led sections open a page so a chart never splits from its heading and table.
    d.new_page();
    map_section(&mut d, r, l)?;
    township_section(&mut d, r, l);
    d.new_page();
    outlook_section(&mut d, r, l)?;
    d.new_page();
    school_section(&mut d, r, l);
    d.new_page();
    scenario_section(&mut d, r, l)?;
    assumption_section(&mut d, r, l);

    let full_title = title(l, &r.county_name);
    let lang = if r.lang.is_empty() {
        "zh-CN"
    } else {
        r.lang.as_str()
    };
    d.finish(&Meta {
        title: &full_title,
        lang,
        footer: &full_title,
        page_of: l.page_of,
    })
}
