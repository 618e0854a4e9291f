use junheng_core::{SchoolKind, SchoolLevel, SchoolSection};

use crate::{InputErrors, Table};

/// Header of a school-section file (one row per school and 学段).
pub const SCHOOL_COLUMNS: [&str; 14] = [
    "school_code",
    "school_name",
    "level",
    "kind",
    "students",
    "classes",
    "max_class_size",
    "teachers_qualified",
    "teachers_backbone",
    "teachers_pe_art",
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_rooms",
];

/// Optional columns of the legacy 基本均衡 indicators; used when all four are present.
pub const BASIC_COLUMNS: [&str; 4] = ["computers", "books", "teachers_total", "teachers_mid_title"];

/// Chinese headers of the school-section template (督导评估 wording) and their columns.
pub const SCHOOL_HEADER_ALIASES: [(&str, &str); 14] = [
    ("学校代码", "school_code"),
    ("学校名称", "school_name"),
    ("学段", "level"),
    ("学校类型", "kind"),
    ("在校生数", "students"),
    ("班级数", "classes"),
    ("最大班额", "max_class_size"),
    ("高于规定学历教师数", "teachers_qualified"),
    ("县级以上骨干教师数", "teachers_backbone"),
    ("体育艺术专任教师数", "teachers_pe_art"),
    ("教学及辅助用房面积", "teaching_area_m2"),
    ("体育运动场馆面积", "sports_area_m2"),
    ("教学仪器设备值", "equipment_value_yuan"),
    ("网络多媒体教室数", "multimedia_rooms"),
];

/// Reads school sections from CSV (UTF-8 or GBK) or XLSX, reporting every bad cell.
pub fn read_school_sections(file: &str, bytes: &[u8]) -> Result<Vec<SchoolSection>, InputErrors> {
    read_school_sections_mapped(file, bytes, &crate::ColumnMap::new())
}

/// As [`read_school_sections`], with the planner's column mapping and the Chinese headers
/// (and values: 小学/初中, 完全学校/九年一贯制/十二年一贯制) accepted.
pub fn read_school_sections_mapped(
    file: &str,
    bytes: &[u8],
    map: &crate::ColumnMap,
) -> Result<Vec<SchoolSection>, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&SCHOOL_HEADER_ALIASES);
    let cols = table.columns(&SCHOOL_COLUMNS)?;
    let has_basic = BASIC_COLUMNS.iter().all(|c| cols.has(c));
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let school_code = r.required("school_code");
        let level = r.choice(
            "level",
            &[
                ("primary", SchoolLevel::Primary),
                ("junior", SchoolLevel::Junior),
                ("小学", SchoolLevel::Primary),
                ("初中", SchoolLevel::Junior),
            ],
        );
        let kind = r.choice(
            "kind",
            &[
                ("complete", SchoolKind::Complete),
                ("nine_year", SchoolKind::NineYear),
                ("twelve_year", SchoolKind::TwelveYear),
                ("完全学校", SchoolKind::Complete),
                ("九年一贯制", SchoolKind::NineYear),
                ("十二年一贯制", SchoolKind::TwelveYear),
            ],
        );
        if let Some(level) = level {
            if !school_code.is_empty() && !seen.insert((school_code.clone(), level)) {
                r.error(
                    "school_code",
                    "同一学校同一学段重复出现",
                    "the same school and level appear twice",
                );
            }
        }
        let section = SchoolSection {
            school_code,
            school_name: r.required("school_name"),
            level: level.unwrap_or(SchoolLevel::Primary),
            kind: kind.unwrap_or(SchoolKind::Complete),
            students: r.count("students"),
            classes: r.count("classes"),
            max_class_size: r.count("max_class_size"),
            teachers_qualified: r.amount("teachers_qualified"),
            teachers_backbone: r.amount("teachers_backbone"),
            teachers_pe_art: r.amount("teachers_pe_art"),
            teaching_area_m2: r.amount("teaching_area_m2"),
            sports_area_m2: r.amount("sports_area_m2"),
            equipment_value_yuan: r.amount("equipment_value_yuan"),
            multimedia_rooms: r.amount("multimedia_rooms"),
            basic: has_basic.then(|| junheng_core::BasicInputs {
                computers: r.amount("computers"),
                books: r.amount("books"),
                teachers_total: r.amount("teachers_total"),
                teachers_mid_title: r.amount("teachers_mid_title"),
            }),
        };
        for e in section.check_ranges() {
            r.domain_error(&e);
        }
        if section.students > 0 && section.classes == 0 {
            r.error(
                "classes",
                "有学生的学校班级数不能为 0",
                "a school with students must have classes",
            );
        }
        let places = section.max_class_size as u64 * section.classes as u64;
        if section.classes > 0 && places < section.students as u64 {
            r.error(
                "max_class_size",
                "最大班额 × 班级数 小于在校生数",
                "largest class × classes is less than the number of students",
            );
        }
        out.push(section);
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "school_code,school_name,level,kind,students,classes,max_class_size,teachers_qualified,teachers_backbone,teachers_pe_art,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n";

    #[test]
    fn reads_good_rows_and_locates_every_bad_cell() {
        let good = format!("{HEADER}S1,一小,primary,complete,100,3,45,5,1,1,450,750,200000,3\n");
        let s = read_school_sections("s.csv", good.as_bytes()).unwrap();
        assert_eq!(s[0].students, 100);
        assert_eq!(s[0].level, SchoolLevel::Primary);
        let bad = format!(
            "{HEADER}S1,一小,primary,complete,100,3,45,5,1,1,450,750,200000,3\nS2,二小,middle,complete,-5,3,45,x,1,1,450,750,200000,3\nS1,一小,primary,complete,100,3,45,5,1,1,450,750,200000,3\n"
        );
        let err = read_school_sections("s.csv", bad.as_bytes()).unwrap_err();
        let located: Vec<String> = err.0.iter().map(|e| e.located("en")).collect();
        assert_eq!(
            located,
            [
                "s.csv:3:level: expected one of: primary, junior, 小学, 初中 (value: \"middle\")",
                "s.csv:3:students: expected a non-negative whole number, got a negative one (value: \"-5\")",
                "s.csv:3:teachers_qualified: expected a number (value: \"x\")",
                "s.csv:4:school_code: the same school and level appear twice (value: \"S1\")",
            ]
        );
    }

    #[test]
    fn legacy_columns_are_read_when_all_four_are_present() {
        let head =
            HEADER.trim_end().to_string() + ",computers,books,teachers_total,teachers_mid_title\n";
        let text =
            format!("{head}S1,一小,primary,complete,100,3,45,5,1,1,450,750,200000,3,12,3000,6,4\n");
        let s = read_school_sections("s.csv", text.as_bytes()).unwrap();
        let b = s[0].basic.unwrap();
        assert_eq!(
            (b.computers, b.books, b.teachers_total, b.teachers_mid_title),
            (12.0, 3000.0, 6.0, 4.0)
        );
        let plain = format!("{HEADER}S1,一小,primary,complete,100,3,45,5,1,1,450,750,200000,3\n");
        assert!(read_school_sections("s.csv", plain.as_bytes()).unwrap()[0]
            .basic
            .is_none());
    }
}
