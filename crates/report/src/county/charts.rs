//! The report's charts, drawn once against any plotters backend: SVG and PNG for the UI's export
//! buttons, and the PDF backend (vector, selectable text) for the report itself. Sizes are in a
//! fixed design space so the three renderings match.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use junheng_core::assess::KpiKey;
use junheng_core::monitoring::{KpiTrack, Monitoring};

use super::font::{self, FAMILY};
use super::format;
use super::labels::{labels, Labels};
use super::model::{CountyReport, ReportChart, ReportOutlookYear};
use super::raster::GlyphText;
use super::ReportError;

pub(crate) const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
pub(crate) const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
pub(crate) const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
const CAPACITY: RGBColor = RGBColor(0x25, 0x63, 0xeb);
const NEED: RGBColor = RGBColor(0xea, 0x58, 0x0c);
const ACTUAL: RGBColor = RGBColor(0x11, 0x18, 0x27);
const TARGET: RGBColor = RGBColor(0xdc, 0x26, 0x26);
/// Up to three scenarios, told apart by colour-blind-safe hues.
const SCENARIO_COLOURS: [RGBColor; 3] = [
    RGBColor(0x25, 0x63, 0xeb),
    RGBColor(0xd9, 0x77, 0x06),
    RGBColor(0x05, 0x96, 0x69),
];

pub(crate) const TITLE_SIZE: f64 = 34.0;
pub(crate) const LABEL_SIZE: f64 = 24.0;
pub(crate) const SMALL_SIZE: f64 = 21.0;

/// Width and height of a chart in design pixels.
pub(crate) fn design_size(chart: ReportChart) -> (u32, u32) {
    match chart {
        ReportChart::Map => (1000, 720),
        ReportChart::Outlook => (1000, 800),
        ReportChart::Scenarios => (1000, 560),
        ReportChart::Monitoring => (1000, 760),
    }
}

pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CountyReport,
    chart: ReportChart,
) -> Result<(), ReportError> {
    let l = labels(&r.lang);
    let drawn = match chart {
        ReportChart::Map => crate::map::draw(root, &r.map, l),
        ReportChart::Outlook => draw_outlook(root, &r.outlook, l),
        ReportChart::Scenarios => draw_scenarios(root, r, l),
        ReportChart::Monitoring => match &r.monitoring {
            Some(m) => draw_monitoring(root, m, l),
            None => Ok(()),
        },
    };
    drawn.map_err(|e| ReportError::Chart(e.to_string()))
}

pub(crate) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(crate) fn text_style(size: f64, colour: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: (FAMILY, size).into_font(),
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

fn title<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str) -> Drawn<DB> {
    let (w, _) = root.dim_in_pixel();
    root.draw(&Text::new(
        text.to_string(),
        (w as i32 / 2, 14),
        text_style(TITLE_SIZE, &INK, HPos::Center, VPos::Top),
    ))
}

fn message<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str) -> Drawn<DB> {
    let (w, h) = root.dim_in_pixel();
    root.draw(&Text::new(
        text.to_string(),
        (w as i32 / 2, h as i32 / 2),
        text_style(LABEL_SIZE, &MUTED, HPos::Center, VPos::Center),
    ))
}

fn year_range(years: impl Iterator<Item = i32>) -> Option<std::ops::Range<i32>> {
    let mut lo = i32::MAX;
    let mut hi = i32::MIN;
    for y in years {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    (lo <= hi).then(|| lo..hi.max(lo + 1))
}

/// Room above the largest value so lines do not touch the frame.
fn y_top(max: f64) -> f64 {
    if max.is_finite() && max > 0.0 {
        max * 1.15
    } else {
        1.0
    }
}

fn draw_outlook<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    years: &[ReportOutlookYear],
    l: &Labels,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let heading = match (years.first(), years.last()) {
        (Some(a), Some(b)) => (l.outlook_title)(a.year, b.year),
        _ => l.sec_outlook.to_string(),
    };
    title(root, &heading)?;
    if years.is_empty() {
        return message(root, l.outlook_none);
    }
    let (_, rest) = root.split_vertically(62);
    let (legend, panels) = rest.split_vertically(44);
    draw_outlook_legend(&legend, l)?;

    type Pick = fn(&ReportOutlookYear) -> (f64, f64);
    let picks: [Pick; 4] = [
        |y| (y.need_slots, y.slots),
        |y| (y.need_beds, y.beds),
        |y| (y.primary_students, y.primary_places),
        |y| (y.junior_students, y.junior_places),
    ];
    for ((area, panel_title), pick) in panels
        .split_evenly((2, 2))
        .iter()
        .zip(l.outlook_panels)
        .zip(picks)
    {
        let pts: Vec<(i32, f64, f64)> = years
            .iter()
            .map(|y| {
                let (need, cap) = pick(y);
                (y.year, need, cap)
            })
            .collect();
        draw_outlook_panel(area, panel_title, &pts)?;
    }
    Ok(())
}

/// One legend for the four panels: capacity solid, need dashed. The panels' titles carry
/// their own units (slots, beds, places), so the legend names no unit.
fn draw_outlook_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, l: &Labels) -> Drawn<DB> {
    let (w, _) = area.dim_in_pixel();
    let y = 20;
    let x0 = w as i32 / 2 - 200;
    area.draw(&PathElement::new(
        vec![(x0, y), (x0 + 44, y)],
        CAPACITY.stroke_width(4),
    ))?;
    area.draw(&Text::new(
        l.capacity.to_string(),
        (x0 + 54, y),
        text_style(LABEL_SIZE, &INK, HPos::Left, VPos::Center),
    ))?;
    let x1 = w as i32 / 2 + 60;
    for k in 0..3 {
        let s = x1 + k * 16;
        area.draw(&PathElement::new(
            vec![(s, y), (s + 10, y)],
            NEED.stroke_width(4),
        ))?;
    }
    area.draw(&Text::new(
        l.need.to_string(),
        (x1 + 54, y),
        text_style(LABEL_SIZE, &INK, HPos::Left, VPos::Center),
    ))
}

fn draw_outlook_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel_title: &str,
    pts: &[(i32, f64, f64)],
) -> Drawn<DB> {
    let Some(xr) = year_range(pts.iter().map(|p| p.0)) else {
        return Ok(());
    };
    let max = pts
        .iter()
        .flat_map(|p| [p.1, p.2])
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(area)
        .caption(panel_title, (FAMILY, 27.0).into_font().color(&INK))
        .margin(14)
        .x_label_area_size(36)
        .y_label_area_size(84)
        .build_cartesian_2d(xr, 0.0..y_top(max))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| format::int(*v))
        .label_style((FAMILY, SMALL_SIZE).into_font().color(&MUTED))
        .draw()?;
    chart.draw_series(
        AreaSeries::new(pts.iter().map(|p| (p.0, p.2)), 0.0, CAPACITY.mix(0.10))
            .border_style(CAPACITY.stroke_width(3)),
    )?;
    chart.draw_series(DashedLineSeries::new(
        pts.iter().map(|p| (p.0, p.1)),
        10,
        7,
        NEED.stroke_width(3),
    ))?;
    Ok(())
}

/// A KPI on the monitoring chart's scale: shares in percent.
fn chart_value(key: KpiKey, v: f64) -> f64 {
    match key {
        KpiKey::SlotsPer1000 | KpiKey::BedsPer1000Elderly => v,
        _ => v * 100.0,
    }
}

/// 监测: each indicator's actual values, plan trajectory and target line by year, one panel
/// per indicator that has any value.
fn draw_monitoring<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &Monitoring,
    l: &Labels,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    title(root, l.monitoring_chart_title)?;
    let tracks: Vec<&KpiTrack> = m
        .tracks
        .iter()
        .filter(|t| {
            t.years
                .iter()
                .any(|y| y.plan.is_some() || y.actual.is_some())
        })
        .collect();
    if tracks.is_empty() {
        return message(root, l.actuals_none);
    }
    let (_, rest) = root.split_vertically(62);
    let (legend, panels) = rest.split_vertically(44);
    let (w, _) = legend.dim_in_pixel();
    let y = 20;
    let mut x = w as i32 / 2 - 330;
    for (text, colour, dashed) in [
        (l.actual, ACTUAL, false),
        (l.plan, CAPACITY, true),
        (l.target, TARGET, false),
    ] {
        if dashed {
            for k in 0..3 {
                legend.draw(&PathElement::new(
                    vec![(x + k * 16, y), (x + k * 16 + 10, y)],
                    colour.stroke_width(4),
                ))?;
            }
        } else {
            legend.draw(&PathElement::new(
                vec![(x, y), (x + 44, y)],
                colour.stroke_width(4),
            ))?;
        }
        legend.draw(&Text::new(
            text.to_string(),
            (x + 54, y),
            text_style(LABEL_SIZE, &INK, HPos::Left, VPos::Center),
        ))?;
        x += 220;
    }
    let rows = tracks.len().div_ceil(2);
    for (area, t) in panels.split_evenly((rows, 2)).iter().zip(&tracks) {
        draw_track(area, t, l)?;
    }
    Ok(())
}

fn draw_track<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &KpiTrack,
    l: &Labels,
) -> Drawn<DB> {
    let Some(xr) = year_range(t.years.iter().map(|y| y.year)) else {
        return Ok(());
    };
    let v = |x: Option<f64>| x.map(|x| chart_value(t.key, x));
    let max = t
        .years
        .iter()
        .flat_map(|y| [v(y.actual), v(y.plan), v(y.target)])
        .flatten()
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max);
    let unit = (l.kpi_unit)(t.key);
    let caption = if unit.is_empty() {
        (l.kpi_title)(t.key).to_string()
    } else {
        format!(
            "{}{}",
            (l.kpi_title)(t.key),
            super::labels::bracket(l, unit)
        )
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FAMILY, 22.0).into_font().color(&INK))
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(70)
        .build_cartesian_2d(xr, 0.0..y_top(max))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|x| format::auto(*x))
        .label_style((FAMILY, SMALL_SIZE).into_font().color(&MUTED))
        .draw()?;
    // The target only where one is in force: a line per run of years.
    let mut run: Vec<(i32, f64)> = Vec::new();
    let mut runs = Vec::new();
    for y in &t.years {
        match v(y.target) {
            Some(x) if run.last().is_none_or(|p| p.1 == x) => run.push((y.year, x)),
            Some(x) => {
                runs.push(std::mem::take(&mut run));
                run.push((y.year, x));
            }
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for r in runs.into_iter().filter(|r| !r.is_empty()) {
        let (a, b) = (r[0], r[r.len() - 1]);
        let pts = if a.0 == b.0 {
            vec![(a.0, a.1), (a.0 + 1, a.1)]
        } else {
            vec![a, b]
        };
        chart.draw_series(LineSeries::new(pts, TARGET.stroke_width(3)))?;
    }
    chart.draw_series(DashedLineSeries::new(
        t.years
            .iter()
            .filter_map(|y| v(y.plan).map(|p| (y.year, p))),
        10,
        7,
        CAPACITY.stroke_width(3),
    ))?;
    let actual: Vec<(i32, f64)> = t
        .years
        .iter()
        .filter_map(|y| v(y.actual).map(|a| (y.year, a)))
        .collect();
    chart.draw_series(LineSeries::new(actual.clone(), ACTUAL.stroke_width(3)))?;
    chart.draw_series(
        actual
            .into_iter()
            .map(|p| Circle::new(p, 4, ACTUAL.filled())),
    )?;
    Ok(())
}

fn draw_scenarios<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    r: &CountyReport,
    l: &Labels,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    title(root, l.scenarios_title)?;
    let years = r
        .scenarios
        .iter()
        .flat_map(|s| s.years.iter().map(|y| y.year));
    let Some(xr) = year_range(years) else {
        return message(root, l.scenarios_none);
    };
    let max = r
        .scenarios
        .iter()
        .flat_map(|s| s.years.iter().filter_map(|y| y.slots_per_1000))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (_, body) = root.split_vertically(56);
    let mut chart = ChartBuilder::on(&body)
        .margin(16)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(84)
        .build_cartesian_2d(xr, 0.0..y_top(max))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| format!("{v:.1}"))
        .x_desc(l.year)
        .y_desc(l.scenarios_axis)
        .label_style((FAMILY, SMALL_SIZE).into_font().color(&MUTED))
        .axis_desc_style((FAMILY, SMALL_SIZE).into_font().color(&INK))
        .draw()?;
    for (s, colour) in r.scenarios.iter().take(3).zip(SCENARIO_COLOURS) {
        let name = if s.is_base {
            l.base_scenario.to_string()
        } else {
            s.name.clone()
        };
        let pts: Vec<(i32, f64)> = s
            .years
            .iter()
            .filter_map(|y| y.slots_per_1000.map(|v| (y.year, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(4)))?
            .label(name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 30, y)], colour.stroke_width(4))
            });
        chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 5, colour.filled())))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .margin(16)
        .legend_area_size(40)
        .background_style(WHITE.mix(0.92))
        .border_style(GRID)
        .label_font((FAMILY, LABEL_SIZE).into_font().color(&INK))
        .draw()?;
    Ok(())
}

/// Plotters' SVG backend writes `font-size` as size ÷ 1.24 while its ab_glyph layout (and the
/// PNG and PDF renderings) use size ÷ 1.448 per em; rescaling keeps the SVG's labels the width
/// the layout measured, so they do not overrun axes.
fn fix_svg_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{:.2}", v * 1.24 / font::SIZE_PER_EM as f64)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// One chart as an SVG document (text as text, in the design size).
pub fn county_report_chart_svg(
    r: &CountyReport,
    chart: ReportChart,
) -> Result<String, ReportError> {
    font::register()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, design_size(chart)).into_drawing_area();
        draw(&root, r, chart)?;
        root.present()
            .map_err(|e| ReportError::Chart(e.to_string()))?;
    }
    Ok(fix_svg_font_sizes(&svg))
}

/// One chart as a PNG image, its text rasterised from the bundled font.
pub fn county_report_chart_png(
    r: &CountyReport,
    chart: ReportChart,
) -> Result<Vec<u8>, ReportError> {
    font::register()?;
    let (w, h) = design_size(chart);
    let mut rgb = vec![255u8; (w * h * 3) as usize];
    {
        let root = GlyphText(BitMapBackend::with_buffer(&mut rgb, (w, h))).into_drawing_area();
        draw(&root, r, chart)?;
        root.present()
            .map_err(|e| ReportError::Chart(e.to_string()))?;
    }
    super::encode_png(&rgb, w, h)
}
