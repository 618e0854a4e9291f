//! The county report end to end on a small but realistic county: PDF (pages, extractable text),
//! charts (PNG decodes and is drawn, SVG carries Chinese text), XLSX (sheets and values), and the
//! English variant. Set JUNHENG_REPORT_OUT=dir to keep the rendered files for a look.

use std::io::Cursor;
use std::path::PathBuf;
use std::process::Command;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
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

fn kpi(
    title: &str,
    value: f64,
    value_text: &str,
    target: &str,
    meets: bool,
    formula: &str,
    source: &str,
) -> ReportKpi {
    ReportKpi {
        title: title.into(),
        value: Some(value),
        value_text: value_text.into(),
        target_text: target.into(),
        meets: Some(meets),
        formula: formula.into(),
        source: source.into(),
        confidence: "高".into(),
    }
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
        township("331125201", "雾溪畲族乡", "乡", 6_210.0, 0.0, 40.0, 12.0),
    ];
    let zones = townships
        .iter()
        .zip([(119.55, 28.10), (119.60, 28.10), (119.55, 28.15)])
        .map(|(t, (lon, lat))| ReportZone {
            code: t.code.clone(),
            name: t.name.clone(),
            value: t.slots_per_1000,
            rings: vec![square(lon, lat, 0.05)],
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
    CountyReport {
        lang: "zh-CN".into(),
        county_code: "331125".into(),
        county_name: "云和县".into(),
        province: "浙江省".into(),
        prefecture: "丽水市".into(),
        generated_on: "2026-11-28".into(),
        sample_data_note: Some(
            "乡镇人口分布与全部设施为示例数据，仅用于演示；县级人口来自第七次全国人口普查。".into(),
        ),
        kpis: vec![
            kpi(
                "每千人口托位数",
                3.65,
                "3.65‰",
                "≥ 4.50‰",
                false,
                "托位 ÷ 常住人口 × 1000",
                "《“十四五”公共服务规划》",
            ),
            kpi(
                "养老机构护理型床位占比",
                0.568,
                "56.8%",
                "≥ 55.0%",
                true,
                "护理型床位 ÷ 养老机构床位",
                "《“十四五”国家老龄事业发展和养老服务体系规划》",
            ),
            kpi(
                "每千名老年人养老床位数",
                36.3,
                "36.3",
                "≥ 40.0",
                false,
                "养老机构床位 ÷ 60岁及以上常住人口 × 1000",
                "GB 50437-2007（2018 年版）",
            ),
            kpi(
                "义务教育学校达标率",
                2.0 / 3.0,
                "66.7%",
                "100.0%",
                false,
                "达标学校 ÷ 参评学校",
                "教督〔2017〕6号",
            ),
        ],
        map: ReportMap {
            title: "各乡镇每千人口托位数".into(),
            legend_title: "每千人口托位数（‰）".into(),
            zones,
            points: vec![
                ReportPoint {
                    lon: 119.57,
                    lat: 28.12,
                    category: "childcare".into(),
                },
                ReportPoint {
                    lon: 119.58,
                    lat: 28.13,
                    category: "elderly".into(),
                },
                ReportPoint {
                    lon: 119.62,
                    lat: 28.12,
                    category: "school".into(),
                },
                ReportPoint {
                    lon: 119.57,
                    lat: 28.17,
                    category: "elderly".into(),
                },
            ],
        },
        townships,
        outlook,
        schools: ReportSchools {
            rows: vec![
                ReportSchoolRow {
                    code: "3311250001".into(),
                    name: "云和县实验小学".into(),
                    level: "小学".into(),
                    students: 1_860,
                    indicators_met: 7,
                    passes: true,
                    note: "".into(),
                },
                ReportSchoolRow {
                    code: "3311250002".into(),
                    name: "云和县崇头镇中心小学".into(),
                    level: "小学".into(),
                    students: 420,
                    indicators_met: 5,
                    passes: false,
                    note: "生均体育运动场馆面积、每百名学生拥有网络多媒体教室数未达标".into(),
                },
                ReportSchoolRow {
                    code: "3311250003".into(),
                    name: "云和县第二中学".into(),
                    level: "初中".into(),
                    students: 1_240,
                    indicators_met: 7,
                    passes: true,
                    note: "".into(),
                },
            ],
            cvs: vec![
                ReportCv {
                    level: "小学".into(),
                    indicator: "生均教学及辅助用房面积".into(),
                    cv: Some(0.412),
                    limit: 0.50,
                    ok: true,
                },
                ReportCv {
                    level: "小学".into(),
                    indicator: "生均体育运动场馆面积".into(),
                    cv: Some(0.538),
                    limit: 0.50,
                    ok: false,
                },
                ReportCv {
                    level: "初中".into(),
                    indicator: "生均教学仪器设备值".into(),
                    cv: None,
                    limit: 0.45,
                    ok: true,
                },
            ],
            verdict_text: "小学差异系数 1 项超出上限，未达到县域优质均衡；初中达标。".into(),
        },
        scenarios: vec![
            ReportScenario {
                name: "基准方案".into(),
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
        assumptions: vec![
            ReportAssumption {
                label: "3岁以下婴幼儿入托率".into(),
                value: "30%".into(),
                source: "国家卫生健康委《托育机构设置标准（试行）》测算口径".into(),
            },
            ReportAssumption {
                label: "乡镇人口分布".into(),
                value: "按户籍比例分摊".into(),
                source: "示例数据".into(),
            },
            ReportAssumption {
                label: "生育率情景".into(),
                value: "总和生育率 1.0".into(),
                source: "第七次全国人口普查浙江省数据".into(),
            },
        ],
        access: vec![ReportAccess {
            service: "托育".into(),
            year: 2025,
            radius_m: 1000.0,
            coverage_share: Some(0.025),
            access_per_1000: 270.2,
            supply_unit: "托位".into(),
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
    assert!(pages >= 5, "expected at least 5 pages, got {pages}");
    assert!(
        pdf.len() < 600_000,
        "PDF unexpectedly large: {} bytes (font not subset?)",
        pdf.len()
    );

    let Some(text) = pdftotext(&pdf, "zh.pdf") else {
        return;
    };
    for needle in [
        "云和县",
        "公共服务能力规划报告",
        "每千人口托位数",
        "3.65‰",
        "≥ 4.50‰",
        "56.8%",
        "未达标",
        "浮云街道",
        "雾溪畲族乡",
        "云和县实验小学",
        "加快建设方案",
        "3岁以下婴幼儿入托率",
        "服务可达性与盲区（2025年）",
        "崇头镇、赤石乡",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from the extracted text:\n{text}"
        );
    }
    // pdftotext may drop the narrow spaces around the page number.
    let squeezed: String = text.split_whitespace().collect();
    assert!(
        squeezed.contains(&format!("第1页/共{pages}页")),
        "footer missing:\n{text}"
    );
    // The KPI table's header row, in order on one line.
    let header = text
        .lines()
        .find(|l| l.contains("指标") && l.contains("依据"))
        .unwrap_or_else(|| panic!("KPI header row missing:\n{text}"));
    let order: Vec<usize> = ["指标", "现状", "目标", "判定", "依据"]
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
    assert!(svg.contains("托位"));
    let map = county_report_chart_svg(&r, ReportChart::Map).unwrap();
    assert!(map.contains("各乡镇每千人口托位数") && map.contains("浮云街道"));
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
        ["指标", "乡镇", "预测", "学校", "方案", "假设", "可达性"]
    );

    let kpis = sheet_cells(xlsx.clone(), "指标");
    assert_eq!(kpis[0][0], Data::String("指标".into()));
    assert_eq!(kpis[0][1], Data::String("现状".into()));
    for (i, k) in r.kpis.iter().enumerate() {
        assert_eq!(kpis[i + 1][0], Data::String(k.title.clone()));
        assert_eq!(kpis[i + 1][1], Data::String(k.value_text.clone()));
        assert_eq!(kpis[i + 1][2], Data::Float(k.value.unwrap()));
    }
    assert_eq!(kpis[1][4], Data::String("未达标".into()));
    assert_eq!(kpis[2][4], Data::String("达标".into()));

    let towns = sheet_cells(xlsx.clone(), "乡镇");
    assert_eq!(towns.len(), 4);
    assert_eq!(towns[1][1], Data::String("浮云街道".into()));
    assert_eq!(towns[1][3], Data::Float(68_420.0));

    let outlook = sheet_cells(xlsx.clone(), "预测");
    assert_eq!(outlook.len(), 12);
    assert_eq!(outlook[11][0], Data::Float(2035.0));

    let schools = sheet_cells(xlsx.clone(), "学校");
    assert!(schools
        .iter()
        .any(|row| row.contains(&Data::String("差异系数".into()))));

    let scenarios = sheet_cells(xlsx.clone(), "方案");
    assert_eq!(scenarios[2][2], Data::Float(2030.0));
    assert_eq!(sheet_cells(xlsx.clone(), "假设").len(), 4);
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
            "Schools",
            "Scenarios",
            "Assumptions",
            "Accessibility"
        ]
    );
    let kpis = sheet_cells(xlsx, "KPIs");
    let header: Vec<String> = kpis[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(&header[..2], ["Indicator", "Value"]);
    assert!(header.contains(&"Verdict".to_string()) && header.contains(&"Source".to_string()));

    let svg = county_report_chart_svg(&r, ReportChart::Outlook).unwrap();
    assert!(svg.contains("Need and capacity outlook"));

    let pdf = county_report_pdf(&r).unwrap();
    keep("county-report-en.pdf", &pdf);
    assert!(page_count(&pdf) >= 5);
    if let Some(text) = pdftotext(&pdf, "en.pdf") {
        for needle in [
            "Yunhe County public-service capacity report",
            "Key indicators",
            "Indicator",
            "Verdict",
            "Townships",
            "Scenario comparison",
            "Page 1 of",
        ] {
            assert!(text.contains(needle), "{needle:?} missing:\n{text}");
        }
        assert!(
            !text.contains("现状"),
            "Chinese header in the English report"
        );
    }
}
