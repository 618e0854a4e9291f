//! The school-balance workbook, laid out like the county 督导评估 tables: one sheet per level
//! with a row per school and the county rows (标准值, 全县均值, 差异系数, 上限) below, and a sheet
//! listing what each failing school needs.

use junheng_core::balance::{Indicator, LevelBalance, SchoolImprovement};
use junheng_core::SchoolLevel;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

fn indicator_title(key: &str) -> &'static str {
    match key {
        "teachers_qualified_per100" => "每百名学生拥有高于规定学历教师数（人）",
        "teachers_backbone_per100" => "每百名学生拥有县级以上骨干教师数（人）",
        "teachers_pe_art_per100" => "每百名学生拥有体育、艺术专任教师数（人）",
        "teaching_area_per_student_m2" => "生均教学及辅助用房面积（m²）",
        "sports_area_per_student_m2" => "生均体育运动场馆面积（m²）",
        "equipment_per_student_yuan" => "生均教学仪器设备值（元）",
        "multimedia_rooms_per100" => "每百名学生拥有网络多媒体教室数（间）",
        _ => "",
    }
}

fn resource_title(key: &str) -> &'static str {
    match key {
        "teachers_qualified" => "高于规定学历教师（人）",
        "teachers_backbone" => "县级以上骨干教师（人）",
        "teachers_pe_art" => "体育、艺术专任教师（人）",
        "teaching_area_m2" => "教学及辅助用房（m²）",
        "sports_area_m2" => "体育运动场馆（m²）",
        "equipment_value_yuan" => "教学仪器设备值（元）",
        "multimedia_rooms" => "网络多媒体教室（间）",
        _ => "",
    }
}

fn level_name(l: SchoolLevel) -> &'static str {
    match l {
        SchoolLevel::Primary => "小学",
        SchoolLevel::Junior => "初中",
    }
}

/// Builds the workbook (XLSX bytes) for a county's balance assessment.
pub fn school_balance_xlsx(
    county_name: &str,
    levels: &[LevelBalance],
    improvements: &[SchoolImprovement],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE8EEF7))
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00");
    let cv = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.000");
    let low = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00")
        .set_font_color(Color::RGB(0xC0392B));
    let county_row = Format::new().set_bold().set_border(FormatBorder::Thin);

    for level in levels {
        let sheet = book.add_worksheet();
        sheet.set_name(level_name(level.level))?;
        sheet.write_with_format(
            0,
            0,
            format!(
                "{county_name}义务教育优质均衡发展资源配置指标统计表（{}）",
                level_name(level.level)
            ),
            &title,
        )?;
        sheet.write(
            1,
            0,
            "依据：县域义务教育优质均衡发展督导评估办法（教督〔2017〕6号）；差异系数按在校生数加权",
        )?;
        let mut headers = vec!["序号", "学校代码", "学校名称", "在校生数"];
        headers.extend(Indicator::ALL.iter().map(|i| indicator_title(i.key())));
        headers.extend(["达标项数", "班额达标", "规模达标", "结论"]);
        for (c, h) in headers.iter().enumerate() {
            sheet.write_with_format(3, c as u16, *h, &head)?;
        }
        sheet.set_row_height(3, 60)?;
        sheet.set_column_width(2, 22)?;
        for c in 4..11u16 {
            sheet.set_column_width(c, 14)?;
        }
        let mut row = 4u32;
        for (n, s) in level.schools.iter().enumerate() {
            sheet.write_with_format(row, 0, (n + 1) as u32, &cell)?;
            sheet.write_with_format(row, 1, &s.school_code, &cell)?;
            sheet.write_with_format(row, 2, &s.school_name, &cell)?;
            sheet.write_with_format(row, 3, s.students, &cell)?;
            for (k, ind) in Indicator::ALL.iter().enumerate() {
                let v = s.values.get(ind.key()).copied().unwrap_or(0.0);
                let threshold = level.indicators[k].threshold;
                sheet.write_with_format(
                    row,
                    4 + k as u16,
                    v,
                    if v < threshold { &low } else { &num },
                )?;
            }
            sheet.write_with_format(row, 11, format!("{}/7", s.met), &cell)?;
            sheet.write_with_format(row, 12, if s.class_size_ok { "是" } else { "否" }, &cell)?;
            sheet.write_with_format(row, 13, if s.size_ok { "是" } else { "否" }, &cell)?;
            sheet.write_with_format(row, 14, if s.passes { "达标" } else { "未达标" }, &cell)?;
            row += 1;
        }
        // The county rows under the school rows, as in the provincial tables.
        let county_rows = ["标准值", "全县均值（加权）", "差异系数", "差异系数上限"];
        for (r, label) in county_rows.iter().enumerate() {
            let fmt = if r >= 2 { &cv } else { &num };
            sheet.write_with_format(row, 2, *label, &county_row)?;
            sheet.write_with_format(row, 3, level.students as f64, &county_row)?;
            for (k, i) in level.indicators.iter().enumerate() {
                let value = match r {
                    0 => Some(i.threshold),
                    1 => i.county_mean,
                    2 => i.cv,
                    _ => Some(i.cv_limit),
                };
                match value {
                    Some(v) => sheet.write_with_format(row, 4 + k as u16, v, fmt)?,
                    None => sheet.write_with_format(row, 4 + k as u16, "—", fmt)?,
                };
            }
            row += 1;
        }
        sheet.write_with_format(row, 2, "差异系数达标", &county_row)?;
        for (k, i) in level.indicators.iter().enumerate() {
            sheet.write_with_format(row, 4 + k as u16, if i.cv_ok { "是" } else { "否" }, &cell)?;
        }
        row += 2;
        sheet.write(
            row,
            0,
            format!(
                "县域结论：{}（达标学校 {}/{}）",
                if level.passes { "达标" } else { "未达标" },
                level.schools_passing,
                level.school_count
            ),
        )?;
    }

    let sheet = book.add_worksheet();
    sheet.set_name("达标所需")?;
    sheet.write_with_format(0, 0, format!("{county_name}未达标学校达标所需"), &title)?;
    for (c, h) in [
        "学校代码",
        "学校名称",
        "学段",
        "需增加的资源",
        "数量",
        "增加后指标值",
        "目标值",
        "允许未达标项（≥85%）",
        "需增班级",
        "超出规模学生",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_with_format(2, c as u16, *h, &head)?;
    }
    sheet.set_column_width(1, 22)?;
    sheet.set_column_width(3, 24)?;
    sheet.set_column_width(7, 30)?;
    let mut row = 3u32;
    for imp in improvements {
        let rows = imp.additions.len().max(1);
        for r in 0..rows {
            sheet.write_with_format(row, 0, &imp.school_code, &cell)?;
            sheet.write_with_format(row, 1, &imp.school_name, &cell)?;
            sheet.write_with_format(row, 2, level_name(imp.level), &cell)?;
            if let Some(a) = imp.additions.get(r) {
                sheet.write_with_format(row, 3, resource_title(&a.resource), &cell)?;
                sheet.write_with_format(row, 4, a.amount, &cell)?;
                sheet.write_with_format(row, 5, a.value_after, &num)?;
                sheet.write_with_format(row, 6, a.target, &num)?;
            }
            let left = imp
                .left_short
                .as_deref()
                .map(indicator_title)
                .unwrap_or("—");
            sheet.write_with_format(row, 7, left, &cell)?;
            sheet.write_with_format(row, 8, imp.extra_classes, &cell)?;
            sheet.write_with_format(row, 9, imp.students_over_cap, &cell)?;
            row += 1;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use junheng_core::balance::{assess_balance, improvement};
    use junheng_core::standards::Catalogue;
    use junheng_core::{SchoolKind, SchoolSection};

    fn section(code: &str, students: u32, backbone: f64) -> SchoolSection {
        SchoolSection {
            school_code: code.into(),
            school_name: format!("{code}小学"),
            level: SchoolLevel::Primary,
            kind: SchoolKind::Complete,
            students,
            classes: students.div_ceil(45),
            max_class_size: 45,
            teachers_qualified: 0.05 * students as f64,
            teachers_backbone: backbone,
            teachers_pe_art: 0.01 * students as f64,
            teaching_area_m2: 5.0 * students as f64,
            sports_area_m2: 8.0 * students as f64,
            equipment_value_yuan: 2500.0 * students as f64,
            multimedia_rooms: 0.03 * students as f64,
            basic: None,
        }
    }

    #[test]
    fn workbook_holds_schools_county_rows_and_needs() {
        let n = Catalogue::national();
        // B has 0.5 backbone teachers per 100 (< 85% of 1.0): it fails and needs 1 more.
        let sections = vec![section("A", 200, 3.0), section("B", 200, 1.0)];
        let levels = assess_balance(&sections, &n);
        let imps: Vec<_> = sections.iter().filter_map(|s| improvement(s, &n)).collect();
        let bytes = school_balance_xlsx("示例县", &levels, &imps).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["小学", "达标所需"]);
        let sheet = book.worksheet_range("小学").unwrap();
        assert_eq!(sheet.get_value((4, 2)), Some(&Data::String("A小学".into())));
        assert_eq!(
            sheet.get_value((5, 14)),
            Some(&Data::String("未达标".into()))
        );
        // County mean of backbone per 100: (200·1.5 + 200·0.5)/400 = 1.0 on the 全县均值 row.
        assert_eq!(
            sheet.get_value((7, 2)),
            Some(&Data::String("全县均值（加权）".into()))
        );
        assert_eq!(sheet.get_value((7, 5)), Some(&Data::Float(1.0)));
        // CV = sqrt(0.5·0.25 + 0.5·0.25) / 1.0 = 0.5.
        assert_eq!(sheet.get_value((8, 5)), Some(&Data::Float(0.5)));
        let needs = book.worksheet_range("达标所需").unwrap();
        assert_eq!(needs.get_value((3, 0)), Some(&Data::String("B".into())));
        assert_eq!(needs.get_value((3, 4)), Some(&Data::Float(1.0)));
    }
}
