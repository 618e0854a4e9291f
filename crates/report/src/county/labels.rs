//! Every fixed word a county report prints, in Chinese and English. One struct per language keeps
//! the two complete: a label added to one and not the other fails to compile.

pub(crate) struct Labels {
    /// Chinese punctuation and joins (full-width brackets, no spaces between words).
    pub zh: bool,
    pub report_title: &'static str,
    pub county_code: &'static str,
    pub generated_on: &'static str,
    pub sample_data: &'static str,
    pub page_of: fn(usize, usize) -> String,
    pub continued: &'static str,

    pub sec_kpi: &'static str,
    pub sec_map: &'static str,
    pub sec_townships: &'static str,
    pub sec_outlook: &'static str,
    pub sec_schools: &'static str,
    pub sec_scenarios: &'static str,
    pub sec_assumptions: &'static str,

    pub kpi_cols: [&'static str; 5],
    pub meets: &'static str,
    pub below: &'static str,
    pub no_data: &'static str,
    pub formula: &'static str,
    pub confidence: &'static str,
    pub value: &'static str,

    pub township_cols: [&'static str; 10],
    pub townships_none: &'static str,
    pub access_title: &'static str,
    pub access_cols: [&'static str; 6],
    pub access_note: &'static str,

    pub outlook_title: &'static str,
    pub outlook_panels: [&'static str; 4],
    pub need: &'static str,
    pub capacity: &'static str,
    pub students: &'static str,
    pub places: &'static str,
    pub year: &'static str,
    pub outlook_cols: [&'static str; 11],
    pub outlook_none: &'static str,

    pub school_cols: [&'static str; 7],
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

    pub assumption_cols: [&'static str; 3],
    pub assumptions_none: &'static str,

    pub map_no_data: &'static str,
    pub map_facilities: &'static str,
    pub category_childcare: &'static str,
    pub category_elderly: &'static str,
    pub category_school: &'static str,
    pub map_none: &'static str,

    pub code: &'static str,
    pub scenario_year_cols: [&'static str; 6],
    pub sheets: [&'static str; 7],
}

pub(crate) const ZH: Labels = Labels {
    zh: true,
    report_title: "公共服务能力规划报告",
    county_code: "行政区划代码",
    generated_on: "生成日期",
    sample_data: "示例数据",
    page_of: |n, total| format!("第 {n} 页 / 共 {total} 页"),
    continued: "（续）",

    sec_kpi: "一、主要指标",
    sec_map: "二、乡镇分布",
    sec_townships: "三、乡镇明细",
    sec_outlook: "四、需求与供给预测",
    sec_schools: "五、义务教育优质均衡",
    sec_scenarios: "六、方案比较",
    sec_assumptions: "七、主要假设",

    kpi_cols: ["指标", "现状", "目标", "判定", "依据"],
    meets: "达标",
    below: "未达标",
    no_data: "无数据",
    formula: "计算方法",
    confidence: "可信度",
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
    townships_none: "暂无乡镇数据。",
    access_title: "服务可达性与盲区",
    access_cols: ["服务", "覆盖半径", "覆盖率", "每千人可达服务量", "乡镇差异系数", "盲区乡镇"],
    access_note: "两步移动搜寻法（E2SFCA）：乡镇人口按面积均匀分布于1公里格网；可达性低于全县一半的乡镇（街道）列为盲区。",

    outlook_title: "需求与供给预测",
    outlook_panels: ["托位", "养老床位", "小学学位", "初中学位"],
    need: "需求",
    capacity: "现有能力",
    students: "在校生",
    places: "学位",
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

    school_cols: [
        "学校代码",
        "学校",
        "学段",
        "在校生",
        "达标指标数",
        "单校判定",
        "说明",
    ],
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

    assumption_cols: ["假设", "取值", "来源"],
    assumptions_none: "无。",

    map_no_data: "无数据",
    map_facilities: "设施",
    category_childcare: "托育机构",
    category_elderly: "养老机构",
    category_school: "学校",
    map_none: "暂无乡镇边界。",

    code: "代码",
    scenario_year_cols: [
        "方案",
        "年份",
        "每千人口托位数",
        "护理型床位占比",
        "每千名老年人养老床位数",
        "当年投资（万元）",
    ],
    sheets: ["指标", "乡镇", "预测", "学校", "方案", "假设", "可达性"],
};

pub(crate) const EN: Labels = Labels {
    zh: false,
    report_title: "public-service capacity report",
    county_code: "County code",
    generated_on: "Generated on",
    sample_data: "Sample data",
    page_of: |n, total| format!("Page {n} of {total}"),
    continued: " (continued)",

    sec_kpi: "1 Key indicators",
    sec_map: "2 Townships on the map",
    sec_townships: "3 Townships",
    sec_outlook: "4 Need and capacity outlook",
    sec_schools: "5 Compulsory-school balance",
    sec_scenarios: "6 Scenario comparison",
    sec_assumptions: "7 Assumptions",

    kpi_cols: ["Indicator", "Value", "Target", "Verdict", "Source"],
    meets: "meets",
    below: "below target",
    no_data: "no data",
    formula: "Formula",
    confidence: "confidence",
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
    townships_none: "No township data.",
    access_title: "Accessibility and under-served townships",
    access_cols: ["Service", "Radius", "Coverage", "Supply per 1,000", "Township CV", "Under-served"],
    access_note: "E2SFCA on a 1 km grid with each township's residents spread over its land; townships below half the county's accessibility are under-served.",

    outlook_title: "Need and capacity outlook",
    outlook_panels: [
        "Childcare slots",
        "Elderly-care beds",
        "Primary places",
        "Junior places",
    ],
    need: "Need",
    capacity: "Capacity",
    students: "students",
    places: "places",
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

    school_cols: [
        "Code",
        "School",
        "Level",
        "Students",
        "Indicators met",
        "Verdict",
        "Note",
    ],
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

    assumption_cols: ["Assumption", "Value", "Source"],
    assumptions_none: "None.",

    map_no_data: "no data",
    map_facilities: "Facilities",
    category_childcare: "Childcare",
    category_elderly: "Elderly care",
    category_school: "School",
    map_none: "No township boundaries.",

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
