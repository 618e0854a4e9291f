//! The county report end to end on a small but realistic county: PDF (pages, extractable text),
//! charts (PNG decodes and is drawn, SVG carries Chinese text), XLSX (sheets and values), and the
//! English variant. Set JUNHENG_REPORT_OUT=dir to keep the rendered files for a look.

use std::io::Cursor;
use std::path::PathBuf;
use std::process::Command;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use junheng_core::assess::{county_kpis, KpiKey, ZoneAssessment};
use junheng_core::monitoring::{ActualYear, EarlyWarning, KpiTrack, Light, Monitoring, TrackYear};
use junheng_core::standards::{Catalogue, Confidence, EnrolmentBaseline};
use junheng_core::subsidy::{EnrolledBasis, SubsidyYear};
use junheng_core::{FacilityCategory, SchoolLevel};
use junheng_report::*;

fn square(lon: f64, lat: f64, d: f64) -> Vec<[f64; 2]> {
    vec![
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
    ]
}

/// The KPIs of a county with 365 slots for 100,000 residents, 568 of 1,000 beds nursing-type,
/// 36.3 beds per 1,000 aged 60+ and 2 of 3 schools meeting the standard, judged in `year`.
fn kpis(year: i32) -> Vec<junheng_core::assess::Kpi> {
    let z = ZoneAssessment {
        code: "331125".into(),
        name: "云和县".into(),
        resident_population: 100_000.0,
        population_0_2: 2_100.0,
        population_60_plus: 27_548.0,
        childcare_slots: 365,
        inclusive_slots: 0,
        public_slots: 0,
        slots_per_1000: Some(3.65),
        childcare_slots_needed: None,
        institution_beds: 1_000,
        nursing_beds: 568,
        nursing_bed_share: Some(0.568),
        beds_per_1000_elderly: Some(36.3),
        beds_needed: 1_100.0,
        community_elderly_facilities: 0,
        schools_total: 3,
        schools_meeting_standard: 2,
    };
    county_kpis(
        &z,
        &Catalogue::national(),
        year,
        None,
        EnrolmentBaseline::National,
    )
}

#[allow(clippy::too_many_arguments)]
fn township(
    code: &str,
    name: &str,
    kind: &str,
    pop: f64,
    slots: f64,
    beds: f64,
    nursing: f64,
) -> ReportTownship {
    let under3 = pop * 0.021;
    let aged60 = pop * 0.24;
    ReportTownship {
        code: code.into(),
        name: name.into(),
        kind: kind.into(),
        population: pop,
        under3,
        aged60,
        slots,
        slots_per_1000: Some(slots / pop * 1000.0),
        beds,
        nursing_beds: nursing,
        beds_per_1000_elderly: Some(beds / aged60 * 1000.0),
    }
}

fn track(key: KpiKey, from: f64, step: f64, target: Option<f64>) -> KpiTrack {
    KpiTrack {
        key,
        years: (2020..=2030)
            .map(|year| {
                let v = from + step * (year - 2020) as f64;
                TrackYear {
                    year,
                    actual: (year <= 2026).then_some(v),
                    plan: Some(v + if year > 2026 { step } else { 0.0 }),
                    target: target.filter(|_| year >= 2026),
                }
            })
            .collect(),
        latest_year: Some(2026),
        latest: Some(from + step * 6.0),
        target: None,
        light: Light::Red,
        progress: Some(0.25),
        reached_at_pace: Some(2033),
        at_risk: true,
    }
}

fn monitoring() -> Monitoring {
    Monitoring {
        current_year: 2026,
        tracks: vec![
            track(KpiKey::SlotsPer1000, 3.2, 0.075, None),
            track(KpiKey::NursingBedShare, 0.5, 0.0113, Some(0.73)),
            track(KpiKey::BedsPer1000Elderly, 40.0, -0.6, Some(40.0)),
        ],
        actuals: vec![ActualYear {
            year: 2025,
            enrolled: Some(212.0),
            children_0_2: 2_150.0,
            enrolment_rate: Some(212.0 / 2_150.0),
            reporting_slots: 365.0,
            reporting_enrolled: 212.0,
            utilisation: Some(212.0 / 365.0),
            reporting_beds: 1_000.0,
            residents: 640.0,
            residents_disabled: 310.0,
            occupancy: Some(0.64),
            disabled_share: Some(310.0 / 640.0),
            nursing_bed_share_reporting: Some(0.568),
            births_registered: Some(612.0),
            births_projected: 655.4,
            deaths_registered: Some(1_062.0),
            deaths_projected: 1_045.2,
            resident_per_registered: None,
        }],
        warnings: vec![
            EarlyWarning {
                kind: "target_at_risk".into(),
                year: Some(2030),
                subject: None,
                message_zh: "养老机构护理型床位占比：按目前进度要到2033年才能达到，达不到2030年目标".into(),
                message_en: "Nursing-type bed share: at the current pace the target is reached only in 2033, missing the 2030 target".into(),
            },
            EarlyWarning {
                kind: "no_coverage".into(),
                year: Some(2026),
                subject: Some("331125201".into()),
                message_zh: "雾溪畲族乡：服务半径内没有托育设施，20 名服务对象未覆盖".into(),
                message_en: "雾溪畲族乡: no childcare facility within the service radius; 20 people not covered".into(),
            },
        ],
    }
}

/// 育儿补贴 of 2,000 person-years × 3,600 元 = 7,200,000 元 (720.0 万元) a year.
fn subsidy() -> ReportSubsidy {
    let years: Vec<SubsidyYear> = (2025..=2027)
        .map(|year| SubsidyYear {
            year,
            children_under3_person_years: 2_000.0,
            childcare_subsidy_yuan: 7_200_000.0,
            central_yuan: 6_480_000.0,
            provincial_yuan: 360_000.0,
            county_yuan: 360_000.0,
            enrolled_children: 212.0,
            enrolled_basis: EnrolledBasis::Projected,
            operating_subsidy_yuan: 0.0,
            construction_subsidy_yuan: 0.0,
            total_yuan: 7_200_000.0,
        })
        .collect();
    ReportSubsidy {
        on_hukou: false,
        hukou_source: None,
        per_child_year_yuan: 3_600.0,
        operating_per_child_month_yuan: 0.0,
        total_yuan: years.iter().map(|y| y.total_yuan).sum(),
        years,
    }
}

fn fixture() -> CountyReport {
    let townships = vec![
        township(
            "331125001",
            "浮云街道",
            "街道",
            68_420.0,
            290.0,
            620.0,
            380.0,
        ),
        township("331125101", "崇头镇", "镇", 21_350.0, 60.0, 180.0, 90.0),
        township(
            "331125201",
            "雾溪畲族乡",
            "民族乡",
            6_210.0,
            0.0,
            40.0,
            12.0,
        ),
    ];
    let zones = townships
        .iter()
        .zip([(119.55, 28.10), (119.60, 28.10), (119.55, 28.15)])
        .enumerate()
        .map(|(i, (t, (lon, lat)))| MapZone {
            code: t.code.clone(),
            name: t.name.clone(),
            value: t.slots_per_1000,
            rings: vec![square(lon, lat, 0.05)],
            estimated: i == 2,
            seat: None,
        })
        .collect();
    let outlook = (2025..=2035)
        .map(|year| {
            let k = (year - 2025) as f64;
            ReportOutlookYear {
                year,
                need_slots: 430.0 + 4.0 * k,
                slots: 350.0 + 12.0 * k,
                need_beds: 1_150.0 + 40.0 * k,
                beds: 840.0 + 30.0 * k,
                need_nursing_beds: 630.0 + 35.0 * k,
                nursing_beds: 482.0 + 25.0 * k,
                primary_students: 7_900.0 - 210.0 * k,
                primary_places: 8_100.0,
                junior_students: 4_050.0 - 60.0 * k,
                junior_places: 3_900.0,
            }
        })
        .collect();
    let norms = Catalogue::national();
    CountyReport {
        lang: "zh-CN".into(),
        county_code: "331125".into(),
        county_name: "云和县".into(),
        province: "浙江省".into(),
        prefecture: "丽水市".into(),
        generated_on: "2026-11-28".into(),
        as_of: 2025,
        basis: ReportBasis {
            census_date: "2020-11-01".into(),
            census_year: 2020,
            mortality_province: Some("浙江".into()),
        },
        sample_data: true,
        kpis: kpis(2025),
        map: MapModel {
            county_name: "云和县".into(),
            year: 2025,
            layer: KpiKey::SlotsPer1000,
            target: Some(4.5),
            zones,
            outline: vec![square(119.54, 28.09, 0.12)],
            points: vec![
                MapPoint {
                    lon: 119.57,
                    lat: 28.12,
                    category: FacilityCategory::Childcare,
                },
                MapPoint {
                    lon: 119.58,
                    lat: 28.13,
                    category: FacilityCategory::Elderly,
                },
                MapPoint {
                    lon: 119.62,
                    lat: 28.12,
                    category: FacilityCategory::School,
                },
            ],
            sample_data: true,
        },
        townships,
        outlook,
        monitoring: Some(monitoring()),
        subsidy: Some(subsidy()),
        schools: ReportSchools {
            rows: vec![
                ReportSchoolRow {
                    code: "3311250001".into(),
                    name: "云和县实验小学".into(),
                    level: SchoolLevel::Primary,
                    students: 1_860,
                    indicators_met: 7,
                    passes: true,
                    class_too_large: false,
                    school_too_large: false,
                    missed_below_85: false,
                },
                ReportSchoolRow {
                    code: "3311250002".into(),
                    name: "云和县崇头镇中心小学".into(),
                    level: SchoolLevel::Primary,
                    students: 420,
                    indicators_met: 5,
                    passes: false,
                    class_too_large: true,
                    school_too_large: false,
                    missed_below_85: true,
                },
                ReportSchoolRow {
                    code: "3311250003".into(),
                    name: "云和县第二中学".into(),
                    level: SchoolLevel::Junior,
                    students: 1_240,
                    indicators_met: 7,
                    passes: true,
                    class_too_large: false,
                    school_too_large: false,
                    missed_below_85: false,
                },
            ],
            cvs: vec![
                ReportCv {
                    level: SchoolLevel::Primary,
                    indicator_zh: "生均教学及辅助用房面积".into(),
                    indicator_en: "Teaching space per student".into(),
                    cv: Some(0.412),
                    limit: 0.50,
                    ok: true,
                },
                ReportCv {
                    level: SchoolLevel::Primary,
                    indicator_zh: "生均体育运动场馆面积".into(),
                    indicator_en: "Sports space per student".into(),
                    cv: Some(0.538),
                    limit: 0.50,
                    ok: false,
                },
                ReportCv {
                    level: SchoolLevel::Junior,
                    indicator_zh: "生均教学仪器设备值".into(),
                    indicator_en: "Equipment value per student".into(),
                    cv: None,
                    limit: 0.45,
                    ok: true,
                },
            ],
            levels: vec![
                ReportLevelVerdict {
                    level: SchoolLevel::Primary,
                    schools_passing: 1,
                    school_count: 2,
                    passes: false,
                },
                ReportLevelVerdict {
                    level: SchoolLevel::Junior,
                    schools_passing: 1,
                    school_count: 1,
                    passes: true,
                },
            ],
        },
        scenarios: vec![
            ReportScenario {
                name: "基准（现状延续）".into(),
                is_base: true,
                years: (2025..=2035)
                    .map(|year| ReportScenarioYear {
                        year,
                        slots_per_1000: Some(3.65 + 0.08 * (year - 2025) as f64),
                        nursing_share: Some(0.568 + 0.01 * (year - 2025) as f64),
                        beds_per_1000_elderly: Some(36.3 + 0.2 * (year - 2025) as f64),
                        cost_wan_yuan: 120.0,
                    })
                    .collect(),
                cost_total_wan_yuan: 1_320.0,
                first_year_all_targets_met: None,
            },
            ReportScenario {
                name: "加快建设方案".into(),
                is_base: false,
                years: (2025..=2035)
                    .map(|year| ReportScenarioYear {
                        year,
                        slots_per_1000: Some(3.65 + 0.25 * (year - 2025) as f64),
                        nursing_share: Some(0.568 + 0.02 * (year - 2025) as f64),
                        beds_per_1000_elderly: Some(36.3 + 0.9 * (year - 2025) as f64),
                        cost_wan_yuan: 410.0,
                    })
                    .collect(),
                cost_total_wan_yuan: 4_510.0,
                first_year_all_targets_met: Some(2030),
            },
        ],
        assumptions: ReportAssumptions {
            projection: ReportProjection {
                census_date: "2020-11-01".into(),
                tfr_base_2020: 1.3,
                tfr_from_2021: 1.0,
                mortality: ReportMortality {
                    province: Some("浙江".into()),
                    province_e0_2020: Some(80.19),
                    national_e0_2020: 77.93,
                    source: Some("Global Data Lab 分省预期寿命".into()),
                    confidence: Some(Confidence::Unconfirmed),
                },
            },
            norms: [
                "demand.childcare.uptake",
                "cost.childcare.operating_per_slot_year",
                "subsidy.childcare.per_child_year",
            ]
            .iter()
            .map(|id| norms.norm(id).clone())
            .collect(),
        },
        access: vec![ReportAccess {
            category: FacilityCategory::Childcare,
            year: 2025,
            radius_m: 1000.0,
            cell_m: 1000.0,
            coverage_share: Some(0.025),
            access_per_1000: 270.2,
            township_cv: Some(0.9),
            underserved: vec!["崇头镇".into(), "赤石乡".into()],
        }],
    }
}

fn english() -> CountyReport {
    let mut r = fixture();
    r.lang = "en".into();
    r.county_name = "Yunhe County".into();
    r
}

/// Keeps a rendered file when JUNHENG_REPORT_OUT is set; returns where it went.
fn keep(name: &str, bytes: &[u8]) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("JUNHENG_REPORT_OUT")?);
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}

/// Whether an SVG has a text element reading exactly `text`.
fn svg_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// Whether the tests run under CI (`CI` set, as CI services do), where a missing tool is a
/// failure rather than a skip.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Text of a PDF through poppler's pdftotext, or None when it is not installed (locally; under
/// CI a missing pdftotext fails the test, so the text checks cannot silently vanish).
fn pdftotext(pdf: &[u8], name: &str) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(
            !in_ci(),
            "pdftotext is required when CI is set (apt-get install poppler-utils)"
        );
        eprintln!(
            "SKIPPED: pdftotext not installed (apt-get install poppler-utils); PDF text checks \
             not run (they are required when CI is set)"
        );
        return None;
    }
    let dir = std::env::temp_dir().join(format!("junheng-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8 text"))
}

#[test]
fn pdf_has_pages_and_extractable_chinese_text() {
    let r = fixture();
    let pdf = county_report_pdf(&r).expect("pdf renders");
    keep("county-report-zh.pdf", &pdf);
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let pages = page_count(&pdf);
    assert!(pages >= 6, "expected at least 6 pages, got {pages}");
    assert!(
        pdf.len() < 600_000,
        "PDF unexpectedly large: {} bytes (font not subset?)",
        pdf.len()
    );

    let Some(text) = pdftotext(&pdf, "zh.pdf") else {
        return;
    };
    let squeezed: String = text.split_whitespace().collect();
    for needle in [
        "云和县",
        "公共服务能力规划报告",
        // The as-of year, the census base and the province's mortality in the title block.
        "数据年份：2025年",
        "第七次全国人口普查（2020-11-01）为基数",
        "死亡水平按浙江",
        "每千人口托位数",
        "3.65‰",
        // The target in force with its year (十四五 in 2025).
        "2025年目标≥4.50‰",
        "2025年目标≥55.0%",
        "56.8%",
        "未达标",
        "浮云街道",
        "雾溪畲族乡",
        "云和县实验小学",
        "超大班额、",
        "加快建设方案",
        "基准（现状延续）",
        "服务可达性与盲区（2025年）",
        "崇头镇、赤石乡",
        // 监测: the light, the year reached at the current pace, the recorded actuals, the
        // warnings (the 盲区 warnings summarised by township).
        "五、动态监测",
        "红灯",
        "2033",
        "9.9%",
        "58.1%",
        "64.0%",
        "612/655",
        "1,062/1,045",
        "按目前进度要到2033年才能达到",
        "服务半径内缺少托育、养老或学校设施的乡镇（街道）：雾溪畲族乡",
        // 补贴测算 in 万元 with its basis.
        "六、补贴测算",
        "720.0",
        "648.0",
        "2,160.0",
        "按常住人口代替测算",
        // Assumptions by unit, the mortality actually used.
        "30%",
        "1.5万元/托位·年",
        "3,600元/人·年",
        "浙江2020年预期寿命",
        "80.19岁",
        "77.93岁",
        "起1.0（中方案）",
    ] {
        let n: String = needle.split_whitespace().collect();
        assert!(
            squeezed.contains(&n),
            "{needle:?} missing from the extracted text:\n{text}"
        );
    }
    // Nothing of the old leaks: raw numbers with a unit word, debug output, app instructions.
    for leak in ["0.3比例", "Some(", "None", "可调整", "请按本县", "national"] {
        assert!(!squeezed.contains(leak), "{leak:?} in the report:\n{text}");
    }
    // pdftotext may drop the narrow spaces around the page number.
    assert!(
        squeezed.contains(&format!("第1页/共{pages}页")),
        "footer missing:\n{text}"
    );
    // The KPI table's header row, in order on one line.
    let header = text
        .lines()
        .find(|l| l.contains("指标") && l.contains("依据"))
        .unwrap_or_else(|| panic!("KPI header row missing:\n{text}"));
    let order: Vec<usize> = ["指标", "现状", "现行目标", "判定", "依据"]
        .iter()
        .map(|h| {
            header
                .find(h)
                .unwrap_or_else(|| panic!("{h} missing from {header:?}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "header order: {header:?}"
    );
}

#[test]
fn the_outlook_legend_names_no_unit_of_one_service() {
    // The page 3: the 托位 and 床位 panels carried the schools' legend (学位, 在校生).
    let svg = county_report_chart_svg(&fixture(), ReportChart::Outlook).unwrap();
    assert!(!svg.contains("在校生") && !svg.contains("（学位）"));
    for text in [
        "托位（个）",
        "养老床位（张）",
        "小学学位（个）",
        "现有能力",
        "需求",
    ] {
        assert!(svg_text(&svg, text), "{text} missing");
    }
}

#[test]
fn long_township_tables_continue_on_further_pages() {
    let mut r = fixture();
    let base = r.townships[1].clone();
    for i in 0..80 {
        let mut t = base.clone();
        t.code = format!("33112530{i:02}");
        t.name = format!("示例乡{i}");
        r.townships.push(t);
    }
    let short = page_count(&county_report_pdf(&fixture()).unwrap());
    let pdf = county_report_pdf(&r).expect("pdf renders");
    keep("county-report-long.pdf", &pdf);
    assert!(
        page_count(&pdf) > short,
        "80 more townships should need more pages"
    );
    if let Some(text) = pdftotext(&pdf, "long.pdf") {
        assert!(text.contains("示例乡79"));
        assert!(text.contains("三、乡镇明细（续）"), "{text}");
        // The header is repeated on the continuation page.
        assert!(text.matches("3岁以下").count() >= 2, "{text}");
    }
}

#[test]
fn charts_render_as_png_and_svg() {
    let r = fixture();
    for chart in [
        ReportChart::Map,
        ReportChart::Outlook,
        ReportChart::Scenarios,
        ReportChart::Monitoring,
    ] {
        let png_bytes = county_report_chart_png(&r, chart).expect("png renders");
        keep(&format!("chart-{chart:?}.png").to_lowercase(), &png_bytes);
        let decoder = png::Decoder::new(Cursor::new(png_bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        let pixels = &buf[..info.buffer_size()];
        let inked = pixels
            .chunks(info.color_type.samples())
            .filter(|p| p.iter().any(|&v| v < 200))
            .count();
        let total = (info.width * info.height) as usize;
        assert!(
            inked * 100 > total,
            "{chart:?}: only {inked} of {total} pixels drawn"
        );
        assert!(inked < total, "{chart:?}: everything drawn over");
    }
    let svg = county_report_chart_svg(&r, ReportChart::Outlook).unwrap();
    keep("chart-outlook.svg", svg.as_bytes());
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("需求与供给预测"), "outlook title missing");
    let map = county_report_chart_svg(&r, ReportChart::Map).unwrap();
    assert!(
        map.contains("云和县各乡镇（街道）每千人口托位数（2025年）") && map.contains("浮云街道")
    );
    // The target as a legend break, the estimated boundary marked, scale bar and north arrow.
    assert!(
        map.contains("目标 4.50‰"),
        "target break missing from the legend"
    );
    assert!(map.contains("雾溪畲族乡*") && map.contains("估算边界"));
    assert!(svg_text(&map, "北") && map.contains("公里"));
    assert!(map.contains("资料来源"));
}

#[test]
fn map_png_has_the_requested_size_and_text_in_the_bundled_font() {
    let r = fixture();
    for (w, h) in [(400, 300), (1200, 860), (800, 1000)] {
        let Ok(png_bytes) = map_png(&r.map, "zh-CN", w, h) else {
            assert!(w < MAP_PNG_SIDE.0 || h < MAP_PNG_SIDE.0, "{w}×{h} refused");
            continue;
        };
        keep(&format!("map-{w}x{h}.png"), &png_bytes);
        let mut reader = png::Decoder::new(Cursor::new(png_bytes))
            .read_info()
            .expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("png frame");
        assert_eq!((info.width, info.height), (w, h));
    }
    assert!(map_png(&r.map, "zh-CN", 399, 600).is_err());
    assert!(map_png(&r.map, "zh-CN", 600, 4001).is_err());
    // The title is set in the bundled face: its pixels are what GlyphText draws from it, the
    // same in any process and on a machine without CJK fonts. Two renderings agree exactly.
    let a = map_png(&r.map, "zh-CN", 600, 450).unwrap();
    let b = map_png(&r.map, "zh-CN", 600, 450).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        map_png_file_name(&r.map, "zh-CN"),
        "云和县_每千人口托位数_2025.png"
    );
}

#[test]
fn empty_scenarios_leave_a_note() {
    let mut r = fixture();
    r.scenarios.clear();
    let pdf = county_report_pdf(&r).expect("pdf renders");
    keep("county-report-no-scenarios.pdf", &pdf);
    if let Some(text) = pdftotext(&pdf, "noscen.pdf") {
        assert!(text.contains("未设置比较方案"), "{text}");
    }
    let svg = county_report_chart_svg(&r, ReportChart::Scenarios).unwrap();
    assert!(svg.contains("未设置比较方案"));
}

fn sheet_cells(xlsx: Vec<u8>, sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).expect("xlsx opens");
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn xlsx_has_every_sheet_and_the_kpis() {
    let r = fixture();
    let xlsx = county_report_xlsx(&r).expect("xlsx renders");
    keep("county-report-zh.xlsx", &xlsx);
    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "指标",
            "乡镇",
            "预测",
            "监测",
            "补贴",
            "学校",
            "方案",
            "假设",
            "可达性"
        ]
    );

    let kpis = sheet_cells(xlsx.clone(), "指标");
    assert_eq!(kpis[0][0], Data::String("指标".into()));
    assert_eq!(kpis[0][1], Data::String("现状".into()));
    assert_eq!(kpis[1][0], Data::String("每千人口托位数".into()));
    assert_eq!(kpis[1][1], Data::String("3.65‰".into()));
    assert_eq!(kpis[1][2], Data::Float(3.65));
    assert_eq!(kpis[1][3], Data::String("2025年目标 ≥ 4.50‰".into()));
    assert_eq!(kpis[1][4], Data::String("未达标".into()));
    // 入托率 has no value without enrolment and no target in 2025.
    assert_eq!(kpis[2][4], Data::String("无数据".into()));
    assert_eq!(kpis[3][3], Data::String("2025年目标 ≥ 55.0%".into()));
    assert_eq!(kpis[3][4], Data::String("达标".into()));

    let towns = sheet_cells(xlsx.clone(), "乡镇");
    assert_eq!(towns.len(), 4);
    assert_eq!(towns[1][1], Data::String("浮云街道".into()));
    assert_eq!(towns[1][3], Data::Float(68_420.0));

    let outlook = sheet_cells(xlsx.clone(), "预测");
    assert_eq!(outlook.len(), 12);
    assert_eq!(outlook[11][0], Data::Float(2035.0));

    let monitoring = sheet_cells(xlsx.clone(), "监测");
    // Three tracks of eleven years each under the header.
    assert_eq!(monitoring[1][0], Data::String("每千人口托位数".into()));
    assert_eq!(monitoring[1][1], Data::Float(2020.0));
    assert_eq!(monitoring[1][2], Data::Float(3.2));
    assert!(monitoring
        .iter()
        .any(|row| row.first() == Some(&Data::Float(2025.0))
            && row.get(7) == Some(&Data::String("1,062 / 1,045".into()))));

    let subsidy = sheet_cells(xlsx.clone(), "补贴");
    assert_eq!(subsidy[1][0], Data::Float(2025.0));
    assert_eq!(subsidy[1][2], Data::Float(7_200_000.0));
    assert_eq!(subsidy[1][3], Data::Float(6_480_000.0));

    let schools = sheet_cells(xlsx.clone(), "学校");
    assert!(schools
        .iter()
        .any(|row| row.contains(&Data::String("差异系数".into()))));
    assert_eq!(
        schools[2][6],
        Data::String("超大班额、未达标指标低于标准的85%".into())
    );

    let scenarios = sheet_cells(xlsx.clone(), "方案");
    assert_eq!(scenarios[2][2], Data::Float(2030.0));
    let assumptions = sheet_cells(xlsx.clone(), "假设");
    // Projection, mortality, then the three norms.
    assert_eq!(assumptions.len(), 6);
    assert_eq!(assumptions[3][1], Data::String("30%".into()));
    assert!(assumptions[1][1]
        .to_string()
        .contains("总和生育率2020年1.3、2021年起1.0（中方案）"));
    assert_eq!(
        assumptions[2][1],
        Data::String(
            "浙江2020年预期寿命80.19岁（全国77.93岁），全国预期寿命路径按差值平移，此后按全国提高幅度"
                .into()
        )
    );
    assert_eq!(
        assumptions[2][2],
        Data::String("Global Data Lab 分省预期寿命（待核实）".into())
    );
    let access = sheet_cells(xlsx, "可达性");
    assert_eq!(access.len(), 2);
    assert_eq!(access[1][5], Data::String("崇头镇、赤石乡".into()));
    assert_eq!(access[1][2], Data::Float(0.025));
}

#[test]
fn english_report_uses_english_labels() {
    let r = english();
    let xlsx = county_report_xlsx(&r).unwrap();
    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "KPIs",
            "Townships",
            "Outlook",
            "Monitoring",
            "Subsidy",
            "Schools",
            "Scenarios",
            "Assumptions",
            "Accessibility"
        ]
    );
    let kpis = sheet_cells(xlsx.clone(), "KPIs");
    let header: Vec<String> = kpis[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(&header[..2], ["Indicator", "Value"]);
    assert!(header.contains(&"Verdict".to_string()) && header.contains(&"Source".to_string()));
    assert_eq!(kpis[1][5], Data::String("slots ÷ residents × 1,000".into()));
    let assumptions = sheet_cells(xlsx, "Assumptions");
    assert_eq!(
        assumptions[4][1],
        Data::String("15,000 yuan per slot per year".into())
    );

    let svg = county_report_chart_svg(&r, ReportChart::Outlook).unwrap();
    assert!(svg.contains("Need and capacity outlook"));

    let pdf = county_report_pdf(&r).unwrap();
    keep("county-report-en.pdf", &pdf);
    assert!(page_count(&pdf) >= 6);
    if let Some(text) = pdftotext(&pdf, "en.pdf") {
        for needle in [
            "Yunhe County public-service capacity report",
            "Figures for 2025",
            "life expectancy of Zhejiang",
            "Key indicators",
            "Indicator",
            "Verdict",
            "Townships",
            "Ethnic",
            "5 Monitoring",
            "6 Subsidy budget",
            "Scenario comparison",
            "Base (no interventions)",
            "Page 1 of",
        ] {
            assert!(text.contains(needle), "{needle:?} missing:\n{text}");
        }
        for zh in ["现状", "达标", "基准", "可信度", "待核实", "万元/"] {
            assert!(!text.contains(zh), "Chinese {zh:?} in the English report");
        }
    }
}
