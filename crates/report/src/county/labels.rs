//! Every word and sentence a county report prints, in Chinese and English. One struct per
//! language keeps the two complete: a label added to one and not the other fails to compile,
//! and the renderers hold no text of their own (nor any test of the language).

use junheng_core::assess::KpiKey;
use junheng_core::monitoring::Light;
use junheng_core::standards::Confidence;
use junheng_core::subsidy::EnrolledBasis;
use junheng_core::{FacilityCategory, SchoolLevel};

use super::format::{int, tfr as tfr_text, trim};

pub(crate) struct Labels {
    /// Punctuation and joins: full-width brackets and no spaces in Chinese.
    pub open: &'static str,
    pub close: &'static str,
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub clause_sep: &'static str,
    /// Picks the text of this language from a pair the engine gives in both.
    pub pick: for<'a> fn(&'a str, &'a str) -> &'a str,

    pub report_title: &'static str,
    pub file_title: &'static str,
    pub county_code: &'static str,
    /// Where the county lies, from its province and prefecture.
    pub place: fn(&str, &str) -> String,
    pub generated_on: &'static str,
    pub sample_data: &'static str,
    pub sample_note: &'static str,
    /// "数据年份 …": the as-of year, the census base and the mortality used.
    pub basis_line: fn(i32, &str, Option<&str>) -> String,
    pub page_of: fn(usize, usize) -> String,
    pub continued: &'static str,

    pub sec_kpi: &'static str,
    pub sec_map: &'static str,
    pub sec_townships: &'static str,
    pub sec_outlook: &'static str,
    pub sec_monitoring: &'static str,
    pub sec_subsidy: &'static str,
    pub sec_schools: &'static str,
    pub sec_scenarios: &'static str,
    pub sec_assumptions: &'static str,

    pub kpi_title: fn(KpiKey) -> &'static str,
    pub kpi_formula: fn(KpiKey) -> &'static str,
    /// The legend/axis unit of a KPI, e.g. "‰" or "%".
    pub kpi_unit: fn(KpiKey) -> &'static str,
    pub kpi_cols: [&'static str; 5],
    /// "2030年目标 ≥ 73.0%" from the target's value text and year.
    pub target_by: fn(&str, Option<i32>) -> String,
    pub no_target: fn(i32) -> String,
    pub kpis_year: fn(i32) -> String,
    pub meets: &'static str,
    pub below: &'static str,
    pub no_data: &'static str,
    pub not_judged: &'static str,
    pub formula: &'static str,
    pub confidence_label: &'static str,
    pub confidence: fn(Confidence) -> &'static str,
    pub value: &'static str,

    pub township_cols: [&'static str; 10],
    pub township_kind: fn(&str) -> String,
    pub townships_none: &'static str,
    pub access_title: fn(i32) -> String,
    pub access_cols: [&'static str; 6],
    pub access_note: fn(f64) -> String,
    pub service: fn(FacilityCategory) -> &'static str,
    pub supply_unit: fn(FacilityCategory) -> &'static str,
    pub metres: fn(f64) -> String,

    pub outlook_title: fn(i32, i32) -> String,
    pub outlook_panels: [&'static str; 4],
    pub need: &'static str,
    pub capacity: &'static str,
    pub year: &'static str,
    pub outlook_cols: [&'static str; 11],
    pub outlook_none: &'static str,

    pub monitoring_intro: fn(i32) -> String,
    pub monitoring_chart_title: &'static str,
    pub actual: &'static str,
    pub plan: &'static str,
    pub target: &'static str,
    pub track_cols: [&'static str; 7],
    pub light: fn(Light) -> &'static str,
    pub not_reached: &'static str,
    pub actuals_title: &'static str,
    pub actuals_cols: [&'static str; 8],
    pub actuals_none: &'static str,
    pub registered_vs_projected: fn(&str, &str) -> String,
    pub warnings_title: &'static str,
    pub warnings_none: &'static str,
    pub no_coverage: fn(&str) -> String,

    pub subsidy_cols: [&'static str; 9],
    pub subsidy_unit: &'static str,
    /// Yuan shown in the subsidy table's unit (万元 / 10k yuan).
    pub subsidy_rule: fn(f64, f64) -> String,
    pub subsidy_basis: fn(bool, Option<&str>) -> String,
    pub enrolled_basis: fn(EnrolledBasis) -> &'static str,
    pub subsidy_total: &'static str,
    pub subsidy_none: &'static str,

    pub school_cols: [&'static str; 7],
    pub level: fn(SchoolLevel) -> &'static str,
    pub class_too_large: &'static str,
    pub school_too_large: &'static str,
    pub missed_below_85: &'static str,
    pub level_verdict: fn(&str, u32, u32, bool) -> String,
    pub cv_title: &'static str,
    pub cv_cols: [&'static str; 5],
    pub school_rows_title: &'static str,
    pub verdict: &'static str,
    pub pass: &'static str,
    pub fail: &'static str,
    pub schools_none: &'static str,

    pub scenarios_title: &'static str,
    pub scenarios_axis: &'static str,
    pub scenario_cols: [&'static str; 6],
    pub scenarios_none: &'static str,
    pub not_within_plan: &'static str,
    pub base_scenario: &'static str,

    pub assumption_cols: [&'static str; 3],
    pub projection_label: &'static str,
    pub projection_value: fn(&str, f64, f64) -> String,
    pub projection_source: &'static str,
    pub mortality_label: &'static str,
    pub mortality_value: fn(Option<&str>, Option<f64>, f64) -> String,
    pub mortality_national_source: &'static str,
    /// A norm's value with its unit ("30%", "3 万元/托位" / "30,000 yuan per slot").
    pub norm_value: fn(f64, &str) -> String,

    pub map_title: fn(&str, KpiKey, i32) -> String,
    pub map_no_data: &'static str,
    pub map_facilities: &'static str,
    pub map_category: fn(FacilityCategory) -> &'static str,
    pub map_none: &'static str,
    pub map_target: &'static str,
    pub map_estimated: &'static str,
    pub map_outline: &'static str,
    pub map_north: &'static str,
    pub map_km: &'static str,
    pub map_source: fn(i32, bool) -> String,

    pub code: &'static str,
    pub scenario_year_cols: [&'static str; 6],
    pub sheets: [&'static str; 9],
}

/// A number with the decimals it needs (at most `places`, trailing zeros dropped).
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() >= 1000.0 {
        int(v)
    } else {
        trim(v, 2)
    }
}

/// A 0–1 share as a percentage with the decimals it needs ("30%", "11.6%").
fn share(v: f64) -> String {
    format!("{}%", trim(v * 100.0, 1))
}

fn zh_norm_value(v: f64, unit: &str) -> String {
    match unit {
        "比例" | "" => share(v),
        "‰" => format!("{}‰", num(v)),
        "百分点" => format!("{}个百分点", num(v)),
        "年" => format!("{v:.0}年"),
        _ => format!("{} {unit}", num(v)),
    }
}

fn en_norm_value(v: f64, unit: &str) -> String {
    // 万元 (10,000 yuan) amounts are written out in yuan for English readers.
    let wan = |per: &str| format!("{} yuan {per}", int(v * 10_000.0));
    match unit {
        "比例" | "" => share(v),
        "‰" => format!("{}‰", num(v)),
        "百分点" => format!("{} percentage points", num(v)),
        "年" => format!("{v:.0}"),
        "人" => format!("{} people", num(v)),
        "项" => format!("{} items", num(v)),
        "元/人·年" => format!("{} yuan per child per year", num(v)),
        "元/人·月" => format!("{} yuan per child per month", num(v)),
        "元/生" => format!("{} yuan per student", num(v)),
        "万元/托位" => wan("per slot"),
        "万元/托位·年" => wan("per slot per year"),
        "万元/床" => wan("per bed"),
        "万元/床·年" => wan("per bed per year"),
        "万元/学位" => wan("per place"),
        "万元/学位·年" => wan("per place per year"),
        "人/班" => format!("{} per class", num(v)),
        "张/千名老年人" => format!("{} beds per 1,000 aged 60+", num(v)),
        "m²/生" => format!("{} m² per student", num(v)),
        "m²/床" => format!("{} m² per bed", num(v)),
        "m²" => format!("{} m²", num(v)),
        "床/间" => format!("{} beds per room", num(v)),
        "人/百生" => format!("{} per 100 students", num(v)),
        "间/百生" => format!("{} rooms per 100 students", num(v)),
        "生/教职工" => format!("{} students per staff", num(v)),
        u if u.starts_with("人/") => format!("{} children per carer", num(v)),
        u => format!("{} {u}", num(v)),
    }
}

fn en_province(p: &str) -> String {
    const NAMES: [(&str, &str); 31] = [
        ("北京", "Beijing"),
        ("天津", "Tianjin"),
        ("河北", "Hebei"),
        ("山西", "Shanxi"),
        ("内蒙古", "Inner Mongolia"),
        ("辽宁", "Liaoning"),
        ("吉林", "Jilin"),
        ("黑龙江", "Heilongjiang"),
        ("上海", "Shanghai"),
        ("江苏", "Jiangsu"),
        ("浙江", "Zhejiang"),
        ("安徽", "Anhui"),
        ("福建", "Fujian"),
        ("江西", "Jiangxi"),
        ("山东", "Shandong"),
        ("河南", "Henan"),
        ("湖北", "Hubei"),
        ("湖南", "Hunan"),
        ("广东", "Guangdong"),
        ("广西", "Guangxi"),
        ("海南", "Hainan"),
        ("重庆", "Chongqing"),
        ("四川", "Sichuan"),
        ("贵州", "Guizhou"),
        ("云南", "Yunnan"),
        ("西藏", "Tibet"),
        ("陕西", "Shaanxi"),
        ("甘肃", "Gansu"),
        ("青海", "Qinghai"),
        ("宁夏", "Ningxia"),
        ("新疆", "Xinjiang"),
    ];
    NAMES
        .iter()
        .find(|(zh, _)| p.starts_with(zh))
        .map_or_else(|| p.to_string(), |(_, en)| en.to_string())
}

fn zh_kpi_title(k: KpiKey) -> &'static str {
    match k {
        KpiKey::SlotsPer1000 => "每千人口托位数",
        KpiKey::EnrolmentRate => "3岁以下婴幼儿入托率",
        KpiKey::NursingBedShare => "养老机构护理型床位占比",
        KpiKey::BedsPer1000Elderly => "每千名老年人养老床位数",
        KpiKey::SchoolsMeetingStandard => "义务教育学校达标率",
    }
}

fn en_kpi_title(k: KpiKey) -> &'static str {
    match k {
        KpiKey::SlotsPer1000 => "Childcare slots per 1,000 residents",
        KpiKey::EnrolmentRate => "Enrolment rate of children under 3",
        KpiKey::NursingBedShare => "Nursing-type bed share in institutions",
        KpiKey::BedsPer1000Elderly => "Beds per 1,000 residents aged 60+",
        KpiKey::SchoolsMeetingStandard => "Compulsory schools meeting the standard",
    }
}

pub(crate) const ZH: Labels = Labels {
    open: "（",
    close: "）",
    colon: "：",
    list_sep: "、",
    clause_sep: "；",
    pick: |zh, _| zh,

    report_title: "公共服务能力规划报告",
    file_title: "公共服务能力规划报告",
    county_code: "行政区划代码",
    place: |province, prefecture| format!("{province}{prefecture}"),
    generated_on: "生成日期",
    sample_data: "示例数据",
    sample_note: "本报告的设施与学校数据为示例数据（用于演示），人口为第七次全国人口普查县级数据及按面积估算的乡镇分配。",
    basis_line: |year, census_date, province| {
        let mortality = match province {
            Some(p) => format!("死亡水平按{p}第七次人口普查预期寿命调整"),
            None => "死亡水平按全国路径".to_string(),
        };
        format!(
            "数据年份：{year}年。人口为{year}年末常住人口预测值，以第七次全国人口普查（{census_date}）为基数按队列要素法推算，总和生育率取中方案，{mortality}，不含迁移；设施按{year}年在用计。"
        )
    },
    page_of: |n, total| format!("第 {n} 页 / 共 {total} 页"),
    continued: "（续）",

    sec_kpi: "一、主要指标",
    sec_map: "二、乡镇分布",
    sec_townships: "三、乡镇明细",
    sec_outlook: "四、需求与供给预测",
    sec_monitoring: "五、动态监测",
    sec_subsidy: "六、补贴测算",
    sec_schools: "七、义务教育优质均衡",
    sec_scenarios: "八、方案比较",
    sec_assumptions: "九、主要假设",

    kpi_title: zh_kpi_title,
    kpi_formula: |k| match k {
        KpiKey::SlotsPer1000 => "托位数 ÷ 常住人口 × 1000",
        KpiKey::EnrolmentRate => "在托婴幼儿数 ÷ 3岁以下婴幼儿数",
        KpiKey::NursingBedShare => "护理型床位 ÷ 养老机构床位",
        KpiKey::BedsPer1000Elderly => "养老机构床位 ÷ 60岁及以上常住人口 × 1000",
        KpiKey::SchoolsMeetingStandard => "达标学校数 ÷ 参评义务教育学校数",
    },
    kpi_unit: |k| match k {
        KpiKey::SlotsPer1000 => "个/千人",
        KpiKey::BedsPer1000Elderly => "张/千名老年人",
        _ => "%",
    },
    kpi_cols: ["指标", "现状", "现行目标", "判定", "依据"],
    target_by: |v, year| match year {
        Some(y) => format!("{y}年目标 ≥ {v}"),
        None => format!("标准 ≥ {v}"),
    },
    no_target: |year| format!("{year}年无现行目标"),
    kpis_year: |year| format!("{year}年末数值，按当年现行目标判定。"),
    meets: "达标",
    below: "未达标",
    no_data: "无数据",
    not_judged: "—",
    formula: "计算方法",
    confidence_label: "可信度",
    confidence: |c| match c {
        Confidence::Confirmed => "已核实",
        Confidence::Secondary => "二手来源",
        Confidence::Unconfirmed => "待核实",
    },
    value: "数值",

    township_cols: [
        "乡镇（街道）",
        "类型",
        "常住人口",
        "3岁以下",
        "60岁及以上",
        "托位",
        "每千人口\n托位",
        "养老床位",
        "护理型\n床位",
        "每千老人\n床位",
    ],
    township_kind: |k| k.to_string(),
    townships_none: "暂无乡镇数据。",
    access_title: |year| format!("服务可达性与盲区（{year}年）"),
    access_cols: ["服务", "覆盖半径", "覆盖率", "每千人可达服务量", "乡镇差异系数", "盲区乡镇"],
    access_note: |cell_m| format!(
        "两步移动搜寻法（E2SFCA）：乡镇人口分布于{}公里格网；可达性低于全县一半的乡镇（街道）列为盲区；差异系数越小越均衡。",
        trim(cell_m / 1000.0, 1)
    ),
    service: |c| match c {
        FacilityCategory::Childcare => "托育",
        FacilityCategory::Elderly => "养老机构",
        FacilityCategory::School => "义务教育",
    },
    supply_unit: |c| match c {
        FacilityCategory::Childcare => "托位",
        FacilityCategory::Elderly => "床",
        FacilityCategory::School => "学位",
    },
    metres: |m| format!("{}米", int(m)),

    outlook_title: |a, b| format!("需求与供给预测（{a}—{b}年）"),
    outlook_panels: ["托位（个）", "养老床位（张）", "小学学位（个）", "初中学位（个）"],
    need: "需求",
    capacity: "现有能力",
    year: "年份",
    outlook_cols: [
        "年份",
        "托位需求",
        "托位",
        "床位需求",
        "养老床位",
        "护理型床位\n需求",
        "护理型床位",
        "小学生",
        "小学学位",
        "初中生",
        "初中学位",
    ],
    outlook_none: "暂无预测数据。",

    monitoring_intro: |now| format!(
        "实际值为截至{now}年按在用设施与当年人口计算的数值（入托率须录入在托人数）；规划值按已列入数据的设施（含规划新建、关停）与预测人口计算；信号灯按{now}年现行目标判定。"
    ),
    monitoring_chart_title: "主要指标实际值、规划值与目标",
    actual: "实际",
    plan: "规划",
    target: "目标",
    track_cols: ["指标", "最新年份", "最新值", "现行目标", "信号灯", "进度", "按当前进度\n达标年份"],
    light: |l| match l {
        Light::Green => "绿灯",
        Light::Yellow => "黄灯",
        Light::Red => "红灯",
        Light::None => "—",
    },
    not_reached: "达不到",
    actuals_title: "年度实际数",
    actuals_cols: ["年份", "在托人数", "入托率", "托位使用率", "床位入住率", "入住老人失能占比", "出生（登记/预测）", "死亡（登记/预测）"],
    actuals_none: "本县尚未录入年度实际数（在托、入住、出生、死亡），实际值暂按规划数据计算。",
    registered_vs_projected: |reg, proj| format!("{reg} / {proj}"),
    warnings_title: "预警",
    warnings_none: "暂无预警。",
    no_coverage: |names| format!("服务半径内缺少托育、养老或学校设施的乡镇（街道）：{names}（详见第一部分“服务可达性与盲区”）"),

    subsidy_cols: ["年份", "3岁以下\n人年数", "育儿补贴", "中央", "省级", "县级", "在托人数", "运营补贴", "合计"],
    subsidy_unit: "金额单位：万元",
    subsidy_rule: |per_child, monthly| format!(
        "育儿补贴按每孩每年{}元、发放至3周岁（2025年1月1日起）测算，人年数为当年在3岁以下的存活人年；运营补贴按每名在托婴幼儿每月{}元（本地标准）。在托人数标“*”者为按入托率目标推算，其余为录入实数。",
        int(per_child),
        trim(monthly, 2)
    ),
    subsidy_basis: |hukou, source| match (hukou, source) {
        (true, Some(s)) => format!("按户籍人口测算（{s}）：育儿补贴在户籍地申领。"),
        (true, None) => "按户籍人口测算：育儿补贴在户籍地申领。".to_string(),
        _ => "本县尚未导入户籍人口，按常住人口代替测算；育儿补贴在户籍地申领，导入户籍人口后更准确。".to_string(),
    },
    enrolled_basis: |b| match b {
        EnrolledBasis::Recorded => "",
        EnrolledBasis::Projected => "*",
    },
    subsidy_total: "合计",
    subsidy_none: "暂无补贴测算。",

    school_cols: [
        "学校代码",
        "学校",
        "学段",
        "在校生",
        "达标指标数",
        "单校判定",
        "说明",
    ],
    level: |l| match l {
        SchoolLevel::Primary => "小学",
        SchoolLevel::Junior => "初中",
    },
    class_too_large: "超大班额",
    school_too_large: "规模超限",
    missed_below_85: "未达标指标低于标准的85%",
    level_verdict: |level, passing, count, ok| format!(
        "{level}：{passing}/{count} 所学校达标，{}",
        if ok { "达到优质均衡" } else { "未达到优质均衡" }
    ),
    cv_title: "县域差异系数",
    cv_cols: ["学段", "指标", "差异系数", "上限", "判定"],
    school_rows_title: "学校达标情况",
    verdict: "结论",
    pass: "达标",
    fail: "未达标",
    schools_none: "暂无学校数据。",

    scenarios_title: "各方案每千人口托位数",
    scenarios_axis: "每千人口托位数",
    scenario_cols: [
        "方案",
        "总投资（万元）",
        "全部指标达标年份",
        "末年每千\n人口托位",
        "末年护理型\n床位占比",
        "末年每千\n老人床位",
    ],
    scenarios_none: "未设置比较方案，本节从略。",
    not_within_plan: "规划期内未全部达标",
    base_scenario: "基准（现状延续）",

    assumption_cols: ["假设", "取值", "来源"],
    projection_label: "人口预测",
    projection_value: |census_date, tfr_base, tfr| format!(
        "第七次全国人口普查（{census_date}）为基数，队列要素法逐岁推算；总和生育率2020年{}、2021年起{}（中方案）；净迁移为0（常住口径）；乡镇按县域结果分年龄性别迭代比例调整",
        tfr_text(tfr_base),
        tfr_text(tfr)
    ),
    projection_source: "均衡人口预测模块",
    mortality_label: "死亡水平（预期寿命）",
    mortality_value: |province, e0, national| match (province, e0) {
        (Some(p), Some(e)) => format!(
            "{p}2020年预期寿命{}岁（全国{}岁），全国预期寿命路径按差值平移，此后按全国提高幅度",
            trim(e, 2),
            trim(national, 2)
        ),
        _ => format!("全国预期寿命路径（2020年{}岁）：本省暂无可用来源", trim(national, 2)),
    },
    mortality_national_source: "第七次全国人口普查全国预期寿命",
    norm_value: zh_norm_value,

    map_title: |county, key, year| {
        let t = zh_kpi_title(key);
        format!("{county}各乡镇（街道）{t}（{year}年）")
    },
    map_no_data: "无数据",
    map_facilities: "设施",
    map_category: |c| match c {
        FacilityCategory::Childcare => "托育机构",
        FacilityCategory::Elderly => "养老机构",
        FacilityCategory::School => "学校",
    },
    map_none: "暂无乡镇边界。",
    map_target: "目标",
    map_estimated: "估算边界（按驻地推算）",
    map_outline: "县界",
    map_north: "北",
    map_km: "公里",
    map_source: |year, sample| format!(
        "资料来源：第七次全国人口普查推算至{year}年末常住人口；设施为本县录入数据{}；制图：均衡",
        if sample { "（示例数据）" } else { "" }
    ),

    code: "代码",
    scenario_year_cols: [
        "方案",
        "年份",
        "每千人口托位数",
        "护理型床位占比",
        "每千名老年人养老床位数",
        "当年投资（万元）",
    ],
    sheets: ["指标", "乡镇", "预测", "监测", "补贴", "学校", "方案", "假设", "可达性"],
};

pub(crate) const EN: Labels = Labels {
    open: " (",
    close: ")",
    colon: ": ",
    list_sep: ", ",
    clause_sep: "; ",
    pick: |_, en| en,

    report_title: "public-service capacity report",
    file_title: "capacity_report",
    county_code: "County code",
    place: |province, prefecture| {
        [prefecture, province]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    },
    generated_on: "Generated on",
    sample_data: "Sample data",
    sample_note: "Facilities and schools in this report are sample data for demonstration; population is the 7th-census county row with townships estimated by area.",
    basis_line: |year, census_date, province| {
        let mortality = match province {
            Some(p) => format!(
                "mortality moved to the life expectancy of {} at the census",
                en_province(p)
            ),
            None => "the national mortality path".to_string(),
        };
        format!(
            "Figures for {year}: residents at year-end {year} projected from the 7th census ({census_date}) by cohort component, medium fertility, {mortality}, no migration; facilities in service in {year}."
        )
    },
    page_of: |n, total| format!("Page {n} of {total}"),
    continued: " (continued)",

    sec_kpi: "1 Key indicators",
    sec_map: "2 Townships on the map",
    sec_townships: "3 Townships",
    sec_outlook: "4 Need and capacity outlook",
    sec_monitoring: "5 Monitoring",
    sec_subsidy: "6 Subsidy budget",
    sec_schools: "7 Compulsory-school balance",
    sec_scenarios: "8 Scenario comparison",
    sec_assumptions: "9 Assumptions",

    kpi_title: en_kpi_title,
    kpi_formula: |k| match k {
        KpiKey::SlotsPer1000 => "slots ÷ residents × 1,000",
        KpiKey::EnrolmentRate => "children enrolled ÷ children under 3",
        KpiKey::NursingBedShare => "nursing-type beds ÷ institution beds",
        KpiKey::BedsPer1000Elderly => "institution beds ÷ residents aged 60+ × 1,000",
        KpiKey::SchoolsMeetingStandard => "schools meeting the standard ÷ schools assessed",
    },
    kpi_unit: |k| match k {
        KpiKey::SlotsPer1000 | KpiKey::BedsPer1000Elderly => "",
        _ => "%",
    },
    kpi_cols: ["Indicator", "Value", "Target in force", "Verdict", "Source"],
    target_by: |v, year| match year {
        Some(y) => format!("{y} target ≥ {v}"),
        None => format!("standard ≥ {v}"),
    },
    no_target: |year| format!("no target in force in {year}"),
    kpis_year: |year| format!("Values at year-end {year}, judged by the targets in force that year."),
    meets: "meets",
    below: "below target",
    no_data: "no data",
    not_judged: "—",
    formula: "Formula",
    confidence_label: "confidence",
    confidence: |c| match c {
        Confidence::Confirmed => "confirmed",
        Confidence::Secondary => "secondary source",
        Confidence::Unconfirmed => "unconfirmed",
    },
    value: "Number",

    township_cols: [
        "Township",
        "Type",
        "Residents",
        "Under 3",
        "Aged 60+",
        "Slots",
        "Slots /\n1,000",
        "Beds",
        "Nursing\nbeds",
        "Beds / 1,000\naged 60+",
    ],
    township_kind: |k| {
        if k.contains("街道") {
            "Subdistrict".into()
        } else if k.contains("民族乡") {
            "Ethnic township".into()
        } else if k.contains('镇') {
            "Town".into()
        } else if k.contains('乡') {
            "Township".into()
        } else {
            k.to_string()
        }
    },
    townships_none: "No township data.",
    access_title: |year| format!("Accessibility and under-served townships ({year})"),
    access_cols: ["Service", "Radius", "Coverage", "Supply per 1,000", "Township CV", "Under-served"],
    access_note: |cell_m| format!(
        "E2SFCA on a {} km grid of the townships' residents; townships below half the county's accessibility are under-served; a lower CV is more even.",
        trim(cell_m / 1000.0, 1)
    ),
    service: |c| match c {
        FacilityCategory::Childcare => "Childcare",
        FacilityCategory::Elderly => "Elderly care",
        FacilityCategory::School => "Schools",
    },
    supply_unit: |c| match c {
        FacilityCategory::Childcare => "slots",
        FacilityCategory::Elderly => "beds",
        FacilityCategory::School => "places",
    },
    metres: |m| format!("{} m", int(m)),

    outlook_title: |a, b| format!("Need and capacity outlook ({a}–{b})"),
    outlook_panels: [
        "Childcare slots",
        "Elderly-care beds",
        "Primary places",
        "Junior places",
    ],
    need: "Need",
    capacity: "Capacity",
    year: "Year",
    outlook_cols: [
        "Year",
        "Slots needed",
        "Slots",
        "Beds needed",
        "Beds",
        "Nursing beds needed",
        "Nursing beds",
        "Primary students",
        "Primary places",
        "Junior students",
        "Junior places",
    ],
    outlook_none: "No projection.",

    monitoring_intro: |now| format!(
        "Actual values are those of the facilities in service and the year's residents up to {now} (the enrolment rate needs the enrolled children entered); plan values count the facilities as planned (openings and closures) with the projected residents; the lights judge {now} by the targets in force."
    ),
    monitoring_chart_title: "Key indicators: actual, plan and target",
    actual: "Actual",
    plan: "Plan",
    target: "Target",
    track_cols: ["Indicator", "Latest year", "Latest", "Target in force", "Light", "Progress", "Reached at\ncurrent pace"],
    light: |l| match l {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
        Light::None => "—",
    },
    not_reached: "not reached",
    actuals_title: "Recorded actuals",
    actuals_cols: ["Year", "Enrolled", "Enrolment rate", "Use of places", "Bed occupancy", "Residents disabled", "Births (registered / projected)", "Deaths (registered / projected)"],
    actuals_none: "No annual actuals (enrolment, residents, births, deaths) are recorded for the county yet; the actual values follow the plan data.",
    registered_vs_projected: |reg, proj| format!("{reg} / {proj}"),
    warnings_title: "Early warnings",
    warnings_none: "No warnings.",
    no_coverage: |names| format!("Townships with no childcare, elderly-care or school facility within the service radius: {names} (see \"Accessibility and under-served townships\" in section 1)"),

    subsidy_cols: ["Year", "Person-years\nunder 3", "Childcare\nsubsidy", "Central", "Provincial", "County", "Enrolled", "Operating\nsubsidy", "Total"],
    subsidy_unit: "Amounts in 10,000 yuan",
    subsidy_rule: |per_child, monthly| format!(
        "The childcare subsidy is {} yuan per child per year up to age 3 (from 1 January 2025), counted on the person-years lived under 3 in each year; the operating subsidy is {} yuan per enrolled child per month (local rate). Enrolment marked * is the children × the enrolment target, the rest recorded.",
        int(per_child),
        trim(monthly, 2)
    ),
    subsidy_basis: |hukou, source| match (hukou, source) {
        (true, Some(s)) => format!("Counted on the registered (户籍) population ({s}): the subsidy is paid where a child is registered."),
        (true, None) => "Counted on the registered (户籍) population: the subsidy is paid where a child is registered.".to_string(),
        _ => "No registered (户籍) population is imported: residents stand in; the subsidy is paid where a child is registered, so the registered table gives a closer figure.".to_string(),
    },
    enrolled_basis: |b| match b {
        EnrolledBasis::Recorded => "",
        EnrolledBasis::Projected => "*",
    },
    subsidy_total: "Total",
    subsidy_none: "No subsidy budget.",

    school_cols: [
        "Code",
        "School",
        "Level",
        "Students",
        "Indicators met",
        "Verdict",
        "Note",
    ],
    level: |l| match l {
        SchoolLevel::Primary => "Primary",
        SchoolLevel::Junior => "Junior",
    },
    class_too_large: "class too large",
    school_too_large: "school too large",
    missed_below_85: "a missed indicator below 85% of its standard",
    level_verdict: |level, passing, count, ok| format!(
        "{level}: {passing}/{count} schools pass; {}",
        if ok {
            "meets the quality-balance standard"
        } else {
            "does not meet the quality-balance standard"
        }
    ),
    cv_title: "County coefficients of variation",
    cv_cols: ["Level", "Indicator", "CV", "Limit", "Verdict"],
    school_rows_title: "Schools against the standard",
    verdict: "Verdict",
    pass: "meets",
    fail: "below standard",
    schools_none: "No school data.",

    scenarios_title: "Childcare slots per 1,000 residents by scenario",
    scenarios_axis: "Slots per 1,000 residents",
    scenario_cols: [
        "Scenario",
        "Total cost (10k yuan)",
        "All targets met in",
        "Slots / 1,000 (last year)",
        "Nursing share (last year)",
        "Beds / 1,000 aged 60+ (last year)",
    ],
    scenarios_none: "No scenarios to compare; section omitted.",
    not_within_plan: "not within the plan period",
    base_scenario: "Base (no interventions)",

    assumption_cols: ["Assumption", "Value", "Source"],
    projection_label: "Population projection",
    projection_value: |census_date, tfr_base, tfr| format!(
        "7th census base ({census_date}), cohort component by single year; TFR {} in 2020 and {} from 2021 (medium); zero net migration (residents); townships raked to the county by age and sex",
        tfr_text(tfr_base),
        tfr_text(tfr)
    ),
    projection_source: "Junheng projection",
    mortality_label: "Mortality (life expectancy)",
    mortality_value: |province, e0, national| match (province, e0) {
        (Some(p), Some(e)) => format!(
            "life expectancy of {} in 2020, {} years (national {}), shifts the national path; national gains after 2020",
            en_province(p),
            trim(e, 2),
            trim(national, 2)
        ),
        _ => format!("national life-expectancy path ({} years in 2020): no source for the province", trim(national, 2)),
    },
    mortality_national_source: "7th census national life expectancy",
    norm_value: en_norm_value,

    map_title: |county, key, year| {
        let t = en_kpi_title(key);
        format!("{county}: {t} by township ({year})")
    },
    map_no_data: "no data",
    map_facilities: "Facilities",
    map_category: |c| match c {
        FacilityCategory::Childcare => "Childcare",
        FacilityCategory::Elderly => "Elderly care",
        FacilityCategory::School => "School",
    },
    map_none: "No township boundaries.",
    map_target: "target",
    map_estimated: "Estimated boundary (from the seats)",
    map_outline: "County boundary",
    map_north: "N",
    map_km: "km",
    map_source: |year, sample| format!(
        "Source: residents at year-end {year} projected from the 7th census; facilities as entered for the county{}; map: Junheng",
        if sample { " (sample data)" } else { "" }
    ),

    code: "Code",
    scenario_year_cols: [
        "Scenario",
        "Year",
        "Slots per 1,000 residents",
        "Nursing-type bed share",
        "Beds per 1,000 aged 60+",
        "Cost in the year (10k yuan)",
    ],
    sheets: [
        "KPIs",
        "Townships",
        "Outlook",
        "Monitoring",
        "Subsidy",
        "Schools",
        "Scenarios",
        "Assumptions",
        "Accessibility",
    ],
};

/// Chinese unless the language tag says otherwise; an empty tag is the default zh-CN.
fn is_zh(lang: &str) -> bool {
    lang.starts_with("zh") || lang.is_empty()
}

pub(crate) fn labels(lang: &str) -> &'static Labels {
    if is_zh(lang) {
        &ZH
    } else {
        &EN
    }
}

/// The report's main title, e.g. "云和县 公共服务能力规划报告".
pub(crate) fn title(l: &Labels, county_name: &str) -> String {
    format!("{county_name} {}", l.report_title)
}

/// Text in brackets the way the language writes them.
pub(crate) fn bracket(l: &Labels, text: &str) -> String {
    format!("{}{text}{}", l.open, l.close)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_values_by_unit() {
        // The "0.3 比例": shares are percentages, money carries its unit.
        assert_eq!((ZH.norm_value)(0.3, "比例"), "30%");
        assert_eq!((ZH.norm_value)(0.116, "比例"), "11.6%");
        assert_eq!((ZH.norm_value)(3600.0, "元/人·年"), "3,600 元/人·年");
        assert_eq!((ZH.norm_value)(1.5, "万元/托位·年"), "1.5 万元/托位·年");
        assert_eq!((ZH.norm_value)(6.0, "百分点"), "6个百分点");
        assert_eq!((EN.norm_value)(0.92, "比例"), "92%");
        assert_eq!(
            (EN.norm_value)(1.5, "万元/托位·年"),
            "15,000 yuan per slot per year"
        );
        assert_eq!(
            (EN.norm_value)(3600.0, "元/人·年"),
            "3,600 yuan per child per year"
        );
    }
}
