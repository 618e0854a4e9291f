//! 导入模板 — XLSX templates with the Chinese headers Junheng reads and one example row.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::{import_fields, TableKind};

fn example(kind: TableKind, key: &str) -> &'static str {
    match (kind, key) {
        (TableKind::Facilities, "id") => "CC99",
        (TableKind::Facilities, "name") => "某某街道社区嵌入式托育点",
        (TableKind::Facilities, "kind") => "社区嵌入式托育点",
        (TableKind::Facilities, "township_code") => "331125001",
        (TableKind::Facilities, "lon") => "119.5713",
        (TableKind::Facilities, "lat") => "28.1127",
        (TableKind::Facilities, "ownership") => "公办",
        (TableKind::Facilities, "inclusive") => "是",
        (TableKind::Facilities, "status") => "现状",
        (TableKind::Facilities, "opening_year") => "2024",
        (TableKind::Facilities, "service_mode") => "全日托",
        (TableKind::Facilities, "infant_classes") => "1",
        (TableKind::Facilities, "toddler_small_classes") => "2",
        (TableKind::Facilities, "toddler_large_classes") => "2",
        (TableKind::Facilities, "caregivers") => "14",
        (TableKind::Zones, "code") => "331125001",
        (TableKind::Zones, "name") => "浮云街道",
        (TableKind::Zones, "resident_population") => "52000",
        (TableKind::Places, "code") => "331125001001",
        (TableKind::Places, "name") => "某某社区",
        (TableKind::Places, "lon") => "119.5713",
        (TableKind::Places, "lat") => "28.1127",
        (TableKind::Places, "population") => "3200",
        (TableKind::Schools, "school_code") => "SC01",
        (TableKind::Schools, "school_name") => "某某小学",
        (TableKind::Schools, "level") => "小学",
        (TableKind::Schools, "kind") => "完全学校",
        (TableKind::Schools, "students") => "1200",
        (TableKind::Schools, "classes") => "27",
        (TableKind::Schools, "max_class_size") => "45",
        (TableKind::Schools, "teachers_qualified") => "60",
        (TableKind::Schools, "teachers_backbone") => "12",
        (TableKind::Schools, "teachers_pe_art") => "10",
        (TableKind::Schools, "teaching_area_m2") => "5400",
        (TableKind::Schools, "sports_area_m2") => "9000",
        (TableKind::Schools, "equipment_value_yuan") => "2600000",
        (TableKind::Schools, "multimedia_rooms") => "27",
        (TableKind::Actuals, "facility_id") => "CC01",
        (TableKind::Actuals, "enrolled") => "31",
        _ => "",
    }
}

/// The template workbook: header row (Chinese, or English keys when `lang` is `en`), an example
/// row, and a notes sheet explaining each column.
pub fn import_template_xlsx(kind: TableKind, lang: &str) -> Result<Vec<u8>, XlsxError> {
    let zh = !lang.starts_with("en");
    let fields = import_fields(kind);
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_background_color("#DDEBF7");
    let must = Format::new().set_bold().set_background_color("#FCE4D6");
    let sheet = book.add_worksheet();
    sheet.set_name(if zh { "数据" } else { "data" })?;
    for (c, f) in fields.iter().enumerate() {
        let c = c as u16;
        let title = if zh { &f.label_zh } else { &f.key };
        sheet.write_string_with_format(0, c, title, if f.required { &must } else { &head })?;
        if kind != TableKind::Hukou {
            sheet.write_string(1, c, example(kind, &f.key))?;
        }
        sheet.set_column_width(c, 14)?;
    }
    if kind == TableKind::Actuals {
        // The county row: 全县 in the facility column, the county figures in their columns.
        for (c, f) in fields.iter().enumerate() {
            let v = match f.key.as_str() {
                "facility_id" => crate::COUNTY_ROW,
                "births" => "580",
                "deaths" => "939",
                "enrolled_under3" => "402",
                _ => "",
            };
            sheet.write_string(2, c as u16, v)?;
        }
    }
    if kind == TableKind::Hukou {
        // Every census band on its own row, numbers to fill in.
        for (r, band) in junheng_core::CENSUS_BANDS.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, band.label())?;
            sheet.write_number(r, 1, 0.0)?;
            sheet.write_number(r, 2, 0.0)?;
        }
    }
    let notes = book.add_worksheet();
    notes.set_name(if zh { "说明" } else { "notes" })?;
    let header = if zh {
        ["列", "含义", "必填"]
    } else {
        ["Column", "Meaning", "Required"]
    };
    for (c, h) in header.iter().enumerate() {
        notes.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (r, f) in fields.iter().enumerate() {
        let r = r as u32 + 1;
        notes.write_string(r, 0, if zh { &f.label_zh } else { &f.key })?;
        notes.write_string(r, 1, if zh { &f.label_zh } else { &f.label_en })?;
        let req = match (f.required, zh) {
            (true, true) => "是",
            (true, false) => "yes",
            (false, true) => "否",
            (false, false) => "no",
        };
        notes.write_string(r, 2, req)?;
    }
    notes.set_column_width(0, 18)?;
    notes.set_column_width(1, 30)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_filled_template_reads_back_as_one_facility() {
        let bytes = import_template_xlsx(TableKind::Facilities, "zh-CN").unwrap();
        let codes: HashSet<String> = ["331125001".to_string()].into();
        let got = crate::read_facilities("模板.xlsx", &bytes, &codes, false).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, "某某街道社区嵌入式托育点");
        assert_eq!(got[0].childcare.as_ref().unwrap().caregivers, 14);
        let zones = import_template_xlsx(TableKind::Zones, "en").unwrap();
        let rows = crate::read_zone_populations("z.xlsx", &zones, &codes).unwrap();
        assert_eq!(rows[0].resident_population, 52_000);
        // The 户籍 template lists all 19 bands and reads back (as zeros).
        let h = import_template_xlsx(TableKind::Hukou, "zh-CN").unwrap();
        let bands = crate::read_hukou_bands("h.xlsx", &h, &crate::ColumnMap::new()).unwrap();
        assert_eq!(bands.total(), 0);
    }
}
