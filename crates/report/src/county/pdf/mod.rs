//! The county report as a PDF: A4 portrait, sections in the order a planning bureau reads them
//! (indicators, where, who, what is coming, is the plan working, what it costs, schools,
//! options, assumptions).

mod backend;
mod doc;
mod writer;

use junheng_core::assess::Kpi;
use junheng_core::monitoring::Light;
use plotters::prelude::RGBColor;

use self::doc::{col, coloured, Align, Cell, Doc, BAD, GOOD, INK, LEFT, MUTED, WIDTH};
use self::writer::Meta;
use super::charts::{self, design_size};
use super::format::{dec, for_report, int, pct, wan};
use super::labels::{bracket, labels, title, Labels};
use super::model::{CountyReport, ReportChart};
use super::{font, ReportError};
use crate::{kpi_target_text, kpi_value_text, kpi_verdict_text};

const AMBER_BG: RGBColor = RGBColor(0xff, 0xf7, 0xe0);
const AMBER: RGBColor = RGBColor(0xd9, 0x9a, 0x06);
const BLUE_BG: RGBColor = RGBColor(0xee, 0xf4, 0xff);
const BLUE: RGBColor = RGBColor(0x93, 0xb4, 0xf0);
const YELLOW: RGBColor = RGBColor(0xb4, 0x53, 0x09);

fn kpi_verdict(k: &Kpi, lang: &str) -> Cell {
    let text = kpi_verdict_text(k, lang);
    match k.meets {
        Some(true) => coloured(text, GOOD),
        Some(false) => coloured(text, BAD),
        None => coloured(text, MUTED),
    }
}

fn light_cell(l: &Labels, light: Light) -> Cell {
    let colour = match light {
        Light::Green => GOOD,
        Light::Yellow => YELLOW,
        Light::Red => BAD,
        Light::None => MUTED,
    };
    coloured((l.light)(light), colour)
}

fn title_block(d: &mut Doc, r: &CountyReport, l: &Labels) {
    let heading = title(l, &r.county_name);
    for line in d.wrap(&heading, 20.0, WIDTH) {
        d.text_at(LEFT, d.y + 20.0, &line, 20.0, INK, true);
        d.y += 28.0;
    }
    let place = (l.place)(&r.province, &r.prefecture);
    let mut facts = vec![format!("{} {}", l.county_code, r.county_code)];
    if !place.is_empty() {
        facts.push(place);
    }
    facts.push(format!("{} {}", l.generated_on, r.generated_on));
    d.y += 2.0;
    d.paragraph(&facts.join("  ·  "), 10.0, MUTED, 0.0);
    d.y += 2.0;
    d.hline(d.y, 2.0, doc::ACCENT, LEFT, LEFT + WIDTH);
    d.y += 10.0;
    let basis = (l.basis_line)(
        r.as_of,
        &r.basis.census_date,
        r.basis.mortality_province.as_deref(),
    );
    d.paragraph(&basis, 9.5, INK, 0.0);
    d.y += 6.0;
    if r.sample_data {
        d.notice(l.sample_data, l.sample_note, AMBER_BG, AMBER);
        d.y += 4.0;
    }
}

fn kpi_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    d.heading(l.sec_kpi, 60.0);
    let [c0, c1, c2, c3, c4] = l.kpi_cols;
    let cols = [
        col(c0, 2.4, Align::Left),
        col(c1, 0.9, Align::Right),
        col(c2, 2.1, Align::Right),
        col(c3, 0.9, Align::Center),
        col(c4, 3.0, Align::Left),
    ];
    let rows: Vec<Vec<Cell>> = r
        .kpis
        .iter()
        .map(|k| {
            vec![
                (l.kpi_title)(k.key).into(),
                k.value
                    .map_or_else(|| "—".to_string(), |v| kpi_value_text(k.key, v))
                    .into(),
                kpi_target_text(k, &r.lang).into(),
                kpi_verdict(k, &r.lang),
                k.target
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |t| for_report(&t.norm.source))
                    .into(),
            ]
        })
        .collect();
    d.table(&cols, &rows, 9.0);
    d.paragraph(&(l.kpis_year)(r.as_of), 8.5, MUTED, 0.0);
    for k in &r.kpis {
        let conf = k.target.as_ref().map_or_else(String::new, |t| {
            bracket(
                l,
                &format!(
                    "{}{}{}",
                    l.confidence_label,
                    l.colon,
                    (l.confidence)(t.norm.confidence)
                ),
            )
        });
        d.paragraph(
            &format!(
                "• {}{}{}{conf}",
                (l.kpi_title)(k.key),
                l.colon,
                (l.kpi_formula)(k.key)
            ),
            8.5,
            MUTED,
            0.0,
        );
    }
}

fn map_section(d: &mut Doc, r: &CountyReport, l: &Labels) -> Result<(), ReportError> {
    let size = design_size(ReportChart::Map);
    d.heading(l.sec_map, WIDTH * size.1 as f32 / size.0 as f32);
    if r.map.zones.is_empty() && r.map.points.is_empty() && r.map.outline.is_empty() {
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
    let weights = [1.5, 1.2, 1.15, 0.95, 1.05, 0.8, 1.0, 0.9, 1.0, 1.3];
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
                (l.township_kind)(&t.kind).into(),
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
    let Some(first) = r.access.first() else {
        return;
    };
    d.subheading(&(l.access_title)(first.year), 60.0);
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
    let rows: Vec<Vec<Cell>> = r
        .access
        .iter()
        .map(|a| {
            vec![
                (l.service)(a.category).into(),
                (l.metres)(a.radius_m).into(),
                pct(a.coverage_share).into(),
                format!(
                    "{} {}",
                    dec(Some(a.access_per_1000), 1),
                    (l.supply_unit)(a.category)
                )
                .into(),
                dec(a.township_cv, 2).into(),
                if a.underserved.is_empty() {
                    "—".to_string().into()
                } else {
                    a.underserved.join(l.list_sep).into()
                },
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.0);
    d.paragraph(&(l.access_note)(first.cell_m), 8.0, MUTED, 0.0);
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

fn monitoring_section(d: &mut Doc, r: &CountyReport, l: &Labels) -> Result<(), ReportError> {
    let Some(m) = &r.monitoring else {
        return Ok(());
    };
    let size = design_size(ReportChart::Monitoring);
    d.heading(l.sec_monitoring, 60.0);
    d.paragraph(&(l.monitoring_intro)(m.current_year), 8.5, MUTED, 0.0);
    d.chart(size, |root| charts::draw(root, r, ReportChart::Monitoring))?;
    let [c0, c1, c2, c3, c4, c5, c6] = l.track_cols;
    let cols = [
        col(c0, 2.4, Align::Left),
        col(c1, 0.8, Align::Center),
        col(c2, 0.9, Align::Right),
        col(c3, 2.1, Align::Right),
        col(c4, 0.8, Align::Center),
        col(c5, 0.8, Align::Right),
        col(c6, 1.2, Align::Center),
    ];
    let rows: Vec<Vec<Cell>> = m
        .tracks
        .iter()
        .map(|t| {
            let target = t.target.as_ref().map_or_else(
                || "—".to_string(),
                |x| (l.target_by)(&kpi_value_text(t.key, x.value), x.by_year),
            );
            let reached = match (&t.target, t.reached_at_pace) {
                (None, _) => "—".to_string(),
                (Some(_), Some(y)) => y.to_string(),
                (Some(_), None) => l.not_reached.to_string(),
            };
            vec![
                (l.kpi_title)(t.key).into(),
                t.latest_year
                    .map_or_else(|| "—".into(), |y| y.to_string())
                    .into(),
                t.latest
                    .map_or_else(|| "—".into(), |v| kpi_value_text(t.key, v))
                    .into(),
                target.into(),
                light_cell(l, t.light),
                pct(t.progress).into(),
                if t.at_risk {
                    coloured(reached, BAD)
                } else {
                    reached.into()
                },
            ]
        })
        .collect();
    d.table(&cols, &rows, 8.5);

    d.subheading(l.actuals_title, 40.0);
    if m.actuals.is_empty() {
        d.paragraph(l.actuals_none, 9.0, MUTED, 0.0);
    } else {
        let cols: Vec<_> = l
            .actuals_cols
            .iter()
            .enumerate()
            .map(|(i, t)| col(t, if i >= 6 { 1.5 } else { 1.0 }, Align::Right))
            .collect();
        let pair = |reg: Option<f64>, proj: f64| match reg {
            Some(reg) => (l.registered_vs_projected)(&int(reg), &int(proj)),
            None => (l.registered_vs_projected)("—", &int(proj)),
        };
        let rows: Vec<Vec<Cell>> = m
            .actuals
            .iter()
            .map(|a| {
                vec![
                    a.year.to_string().into(),
                    a.enrolled.map_or_else(|| "—".into(), int).into(),
                    pct(a.enrolment_rate).into(),
                    pct(a.utilisation).into(),
                    pct(a.occupancy).into(),
                    pct(a.disabled_share).into(),
                    pair(a.births_registered, a.births_projected).into(),
                    pair(a.deaths_registered, a.deaths_projected).into(),
                ]
            })
            .collect();
        d.table(&cols, &rows, 8.0);
    }
    d.subheading(l.warnings_title, 30.0);
    if m.warnings.is_empty() {
        d.paragraph(l.warnings_none, 9.0, MUTED, 0.0);
    }
    // A township without a facility in reach is one line per township and service on the 监测
    // page; here they are named once, the 盲区 table above giving the detail.
    let mut uncovered: Vec<&str> = Vec::new();
    for w in &m.warnings {
        if w.kind == "no_coverage" {
            let name = w.subject.as_deref().and_then(|code| {
                r.townships
                    .iter()
                    .find(|t| t.code == code)
                    .map(|t| t.name.as_str())
            });
            if let Some(name) = name.filter(|n| !uncovered.contains(n)) {
                uncovered.push(name);
            }
            continue;
        }
        d.paragraph(
            &format!("• {}", (l.pick)(&w.message_zh, &w.message_en)),
            9.0,
            INK,
            0.0,
        );
    }
    if !uncovered.is_empty() {
        d.paragraph(
            &format!("• {}", (l.no_coverage)(&uncovered.join(l.list_sep))),
            9.0,
            INK,
            0.0,
        );
    }
    Ok(())
}

fn subsidy_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    let Some(b) = &r.subsidy else {
        return;
    };
    d.heading(l.sec_subsidy, 80.0);
    d.paragraph(
        &(l.subsidy_basis)(b.on_hukou, b.hukou_source.as_deref()),
        9.0,
        INK,
        0.0,
    );
    if b.years.is_empty() {
        d.paragraph(l.subsidy_none, 9.0, MUTED, 0.0);
        return;
    }
    let cols: Vec<_> = l
        .subsidy_cols
        .iter()
        .enumerate()
        .map(|(i, t)| col(t, if i == 0 { 0.7 } else { 1.0 }, Align::Right))
        .collect();
    let mut rows: Vec<Vec<Cell>> = b
        .years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string().into(),
                int(y.children_under3_person_years).into(),
                wan(y.childcare_subsidy_yuan).into(),
                wan(y.central_yuan).into(),
                wan(y.provincial_yuan).into(),
                wan(y.county_yuan).into(),
                format!(
                    "{}{}",
                    int(y.enrolled_children),
                    (l.enrolled_basis)(y.enrolled_basis)
                )
                .into(),
                wan(y.operating_subsidy_yuan).into(),
                wan(y.total_yuan).into(),
            ]
        })
        .collect();
    let sum =
        |f: fn(&junheng_core::subsidy::SubsidyYear) -> f64| b.years.iter().map(f).sum::<f64>();
    rows.push(vec![
        coloured(l.subsidy_total, INK),
        "".into(),
        wan(sum(|y| y.childcare_subsidy_yuan)).into(),
        wan(sum(|y| y.central_yuan)).into(),
        wan(sum(|y| y.provincial_yuan)).into(),
        wan(sum(|y| y.county_yuan)).into(),
        "".into(),
        wan(sum(|y| y.operating_subsidy_yuan)).into(),
        wan(b.total_yuan).into(),
    ]);
    d.paragraph(l.subsidy_unit, 8.5, MUTED, 0.0);
    d.table(&cols, &rows, 8.0);
    d.paragraph(
        &(l.subsidy_rule)(b.per_child_year_yuan, b.operating_per_child_month_yuan),
        8.0,
        MUTED,
        0.0,
    );
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
                let mut notes = Vec::new();
                if row.class_too_large {
                    notes.push(l.class_too_large);
                }
                if row.school_too_large {
                    notes.push(l.school_too_large);
                }
                if row.missed_below_85 {
                    notes.push(l.missed_below_85);
                }
                vec![
                    row.code.as_str().into(),
                    row.name.as_str().into(),
                    (l.level)(row.level).into(),
                    int(row.students as f64).into(),
                    row.indicators_met.to_string().into(),
                    if row.passes {
                        coloured(l.pass, GOOD)
                    } else {
                        coloured(l.fail, BAD)
                    },
                    notes.join(l.list_sep).into(),
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
                    (l.level)(c.level).into(),
                    (l.pick)(&c.indicator_zh, &c.indicator_en).into(),
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
    let verdict: Vec<String> = s
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
        d.notice(l.verdict, &verdict.join(l.clause_sep), BLUE_BG, BLUE);
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
                if s.is_base {
                    l.base_scenario.into()
                } else {
                    s.name.as_str().into()
                },
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

/// The assumption rows: the projection, the mortality path used, then each norm with its value
/// in its unit and its source with its confidence.
pub(crate) fn assumption_rows(r: &CountyReport, l: &Labels) -> Vec<[String; 3]> {
    let a = &r.assumptions;
    let p = &a.projection;
    let m = &p.mortality;
    let with_confidence = |source: &str, c: Option<junheng_core::standards::Confidence>| match c {
        Some(c) => format!("{source}{}", bracket(l, (l.confidence)(c))),
        None => source.to_string(),
    };
    let mut rows = vec![
        [
            l.projection_label.to_string(),
            (l.projection_value)(&p.census_date, p.tfr_base_2020, p.tfr_from_2021),
            l.projection_source.to_string(),
        ],
        [
            l.mortality_label.to_string(),
            (l.mortality_value)(
                m.province.as_deref(),
                m.province_e0_2020,
                m.national_e0_2020,
            ),
            with_confidence(
                m.source.as_deref().unwrap_or(l.mortality_national_source),
                m.confidence,
            ),
        ],
    ];
    rows.extend(a.norms.iter().map(|n| {
        [
            (l.pick)(&n.title_zh, &n.title_en).to_string(),
            (l.norm_value)(n.value, &n.unit),
            with_confidence(&for_report(&n.source), Some(n.confidence)),
        ]
    }));
    rows
}

fn assumption_section(d: &mut Doc, r: &CountyReport, l: &Labels) {
    d.heading(l.sec_assumptions, 40.0);
    let [c0, c1, c2] = l.assumption_cols;
    let cols = [
        col(c0, 2.0, Align::Left),
        col(c1, 2.0, Align::Left),
        col(c2, 3.2, Align::Left),
    ];
    let rows: Vec<Vec<Cell>> = assumption_rows(r, l)
        .into_iter()
        .map(|row| row.into_iter().map(Cell::from).collect())
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
    // The chart-led sections open a page so a chart never splits from its heading and table;
    // the map's heading keeps the whole map with it, so it may follow what spills over.
    map_section(&mut d, r, l)?;
    township_section(&mut d, r, l);
    d.new_page();
    outlook_section(&mut d, r, l)?;
    d.new_page();
    monitoring_section(&mut d, r, l)?;
    subsidy_section(&mut d, r, l);
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
