//! 导入预览 — what the import page shows before anything is checked or written: the file's
//! headers and first rows, the fields Junheng reads, and which header it takes for which field.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{
    decode_text, InputErrors, Table, ACTUAL_COLUMNS, ACTUAL_HEADER_ALIASES, FACILITY_COLUMNS,
    FACILITY_HEADER_ALIASES, HUKOU_HEADER_ALIASES, PLACE_COLUMNS, PLACE_HEADER_ALIASES,
    SCHOOL_COLUMNS, SCHOOL_HEADER_ALIASES, ZONE_HEADER_ALIASES,
};

/// The planner's column mapping: file header → field key ("" = ignore the column).
pub type ColumnMap = HashMap<String, String>;

/// What kind of table is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 设施.
    Facilities,
    /// 乡镇人口.
    Zones,
    /// 户籍人口 by age band and sex (county).
    Hukou,
    /// 村/社区 points with their 常住人口.
    Places,
    /// 学校学段 (the 督导评估 indicator inputs of each school and level).
    Schools,
    /// 年度实际数 (动态监测): facility and county figures of one year.
    Actuals,
}

/// One field of an import table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportField {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub required: bool,
}

const FACILITY_LABELS_EN: [(&str, &str); 23] = [
    ("id", "ID"),
    ("name", "Name"),
    ("kind", "Kind"),
    ("township_code", "Township code"),
    ("lon", "Longitude"),
    ("lat", "Latitude"),
    ("ownership", "Ownership (public/private)"),
    ("inclusive", "Inclusive (普惠)"),
    ("status", "Status"),
    ("opening_year", "Opening year"),
    ("service_mode", "Service mode"),
    ("registered_slots", "Registered slots"),
    ("infant_classes", "Infant classes"),
    ("toddler_small_classes", "Toddler (small) classes"),
    ("toddler_large_classes", "Toddler (large) classes"),
    ("mixed_classes", "Mixed classes"),
    ("nursery_classes", "Kindergarten nursery classes"),
    ("caregivers", "Caregivers"),
    ("beds", "Beds"),
    ("nursing_beds", "Nursing-type beds"),
    ("nursing_rooms", "Nursing rooms"),
    ("max_beds_per_room", "Most beds in a room"),
    ("room_usable_area_m2", "Bedroom usable area (m²)"),
];

const HUKOU_LABELS_EN: [(&str, &str); 3] = [
    ("age_band", "Age band"),
    ("male", "Male"),
    ("female", "Female"),
];

const ZONE_LABELS_EN: [(&str, &str); 3] = [
    ("code", "Township code"),
    ("name", "Name"),
    ("resident_population", "Resident population"),
];

const PLACE_LABELS_EN: [(&str, &str); 5] = [
    ("code", "Village/community code"),
    ("name", "Name"),
    ("lon", "Longitude"),
    ("lat", "Latitude"),
    ("population", "Resident population"),
];

const SCHOOL_LABELS_EN: [(&str, &str); 14] = [
    ("school_code", "School code (facility id)"),
    ("school_name", "School name"),
    ("level", "Level (primary/junior)"),
    ("kind", "Kind (complete/nine_year/twelve_year)"),
    ("students", "Students"),
    ("classes", "Classes"),
    ("max_class_size", "Largest class"),
    (
        "teachers_qualified",
        "Teachers above required qualification",
    ),
    ("teachers_backbone", "County-level backbone teachers"),
    ("teachers_pe_art", "PE and art teachers"),
    ("teaching_area_m2", "Teaching rooms (m²)"),
    ("sports_area_m2", "Sports grounds and halls (m²)"),
    ("equipment_value_yuan", "Teaching equipment (yuan)"),
    ("multimedia_rooms", "Networked multimedia classrooms"),
];

const ACTUAL_LABELS_EN: [(&str, &str); 12] = [
    ("facility_id", "Facility id (全县 for the county row)"),
    ("enrolled", "Children enrolled"),
    ("residents", "Residents"),
    ("residents_disabled", "Of whom disabled"),
    ("students_primary", "Primary students"),
    ("students_junior", "Junior students"),
    ("students_senior", "Senior students"),
    ("births", "Births registered"),
    ("deaths", "Deaths registered"),
    ("enrolled_under3", "Children under 3 enrolled (county)"),
    ("resident_population", "Year-end resident population"),
    ("registered_population", "Year-end registered population"),
];

/// The fields of a table kind, in template order.
pub fn import_fields(kind: TableKind) -> Vec<ImportField> {
    type Pairs = &'static [(&'static str, &'static str)];
    let (aliases, labels, required): (Pairs, Pairs, &[&str]) = match kind {
        TableKind::Facilities => (
            &FACILITY_HEADER_ALIASES,
            &FACILITY_LABELS_EN,
            &FACILITY_COLUMNS,
        ),
        TableKind::Zones => (
            &ZONE_HEADER_ALIASES,
            &ZONE_LABELS_EN,
            &["code", "resident_population"],
        ),
        TableKind::Hukou => (
            &HUKOU_HEADER_ALIASES,
            &HUKOU_LABELS_EN,
            &["age_band", "male", "female"],
        ),
        TableKind::Places => (&PLACE_HEADER_ALIASES, &PLACE_LABELS_EN, &PLACE_COLUMNS),
        TableKind::Schools => (&SCHOOL_HEADER_ALIASES, &SCHOOL_LABELS_EN, &SCHOOL_COLUMNS),
        TableKind::Actuals => (&ACTUAL_HEADER_ALIASES, &ACTUAL_LABELS_EN, &ACTUAL_COLUMNS),
    };
    aliases
        .iter()
        .map(|(zh, key)| ImportField {
            key: key.to_string(),
            label_zh: zh.to_string(),
            label_en: labels
                .iter()
                .find(|(k, _)| k == key)
                .map_or(key.to_string(), |(_, l)| l.to_string()),
            required: required.contains(key),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportPreview {
    /// `utf-8`, `gbk`, `utf-16le`, `utf-16be` or `xlsx`.
    pub encoding: String,
    pub headers: Vec<String>,
    /// The first data rows as text.
    pub rows: Vec<Vec<String>>,
    pub total_rows: usize,
    pub fields: Vec<ImportField>,
    /// Header → field key that Junheng recognises by itself (`None` = not recognised).
    pub mapping: HashMap<String, Option<String>>,
}

/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 20;

pub fn preview_table(
    kind: TableKind,
    file: &str,
    bytes: &[u8],
) -> Result<ImportPreview, InputErrors> {
    let encoding = if file.to_lowercase().ends_with(".xlsx") {
        "xlsx"
    } else {
        decode_text(file, bytes)?.1.label()
    };
    let table = Table::read(file, bytes)?;
    let fields = import_fields(kind);
    let mapping = table
        .original_headers
        .iter()
        .map(|h| {
            let key = fields
                .iter()
                .find(|f| &f.key == h || &f.label_zh == h)
                .map(|f| f.key.clone());
            (h.clone(), key)
        })
        .collect();
    Ok(ImportPreview {
        encoding: encoding.to_string(),
        headers: table.original_headers.clone(),
        rows: table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| r.cells.clone())
            .collect(),
        total_rows: table.rows.len(),
        fields,
        mapping,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_chinese_headers_are_recognised_and_unknown_ones_left_to_the_planner() {
        let text = "编号,名称,经度,备注\nA1,城北托育点,119.57,新建\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let p = preview_table(TableKind::Facilities, "f.csv", &gbk).unwrap();
        assert_eq!(p.encoding, "gbk");
        assert_eq!(p.headers, ["编号", "名称", "经度", "备注"]);
        assert_eq!(p.rows, [["A1", "城北托育点", "119.57", "新建"]]);
        assert_eq!(p.mapping["经度"].as_deref(), Some("lon"));
        assert_eq!(p.mapping["备注"], None);
        assert_eq!(p.fields.iter().filter(|f| f.required).count(), 11);
    }
}
