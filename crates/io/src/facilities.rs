use std::collections::HashSet;

use junheng_core::{
    ChildcareInputs, ElderlyInputs, Facility, FacilityCategory, FacilityKind, FacilityStatus,
    LonLat, Ownership, ServiceMode,
};

use junheng_core::geo::{to_stored_frame, Crs};
use junheng_core::limits::{self as domain};

use crate::{ColumnMap, InputErrors, Table};

/// Columns every facility file has; the class, staff and bed columns are optional per kind.
pub const FACILITY_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "kind",
    "township_code",
    "lon",
    "lat",
    "ownership",
    "inclusive",
    "status",
    "opening_year",
    "service_mode",
];

/// Chinese headers of the facility template and the columns they stand for.
pub const FACILITY_HEADER_ALIASES: [(&str, &str); 23] = [
    ("编号", "id"),
    ("名称", "name"),
    ("类型", "kind"),
    ("乡镇（街道）代码", "township_code"),
    ("经度", "lon"),
    ("纬度", "lat"),
    ("举办性质", "ownership"),
    ("普惠", "inclusive"),
    ("状态", "status"),
    ("开办年份", "opening_year"),
    ("服务模式", "service_mode"),
    ("核定托位", "registered_slots"),
    ("乳儿班", "infant_classes"),
    ("托小班", "toddler_small_classes"),
    ("托大班", "toddler_large_classes"),
    ("混合班", "mixed_classes"),
    ("幼儿园托班", "nursery_classes"),
    ("保育人员", "caregivers"),
    ("床位", "beds"),
    ("护理型床位", "nursing_beds"),
    ("护理型居室", "nursing_rooms"),
    ("每间最多床位", "max_beds_per_room"),
    ("居室使用面积", "room_usable_area_m2"),
];

/// Where facilities may lie: a check on (lon, lat), e.g. inside the county's townships.
pub type LocationCheck<'a> = &'a dyn Fn(f64, f64) -> bool;

/// Reads facilities (CSV UTF-8/GBK or XLSX, English or Chinese headers and values).
/// `townships` are the known 9-digit codes; a facility in another township is an error, and so
/// is a location `inside` rejects. `sample` marks every row as 示例数据.
pub fn read_facilities(
    file: &str,
    bytes: &[u8],
    townships: &HashSet<String>,
    sample: bool,
) -> Result<Vec<Facility>, InputErrors> {
    read_facilities_checked(file, bytes, townships, sample, &|_, _| true)
}

pub fn read_facilities_checked(
    file: &str,
    bytes: &[u8],
    townships: &HashSet<String>,
    sample: bool,
    inside: LocationCheck,
) -> Result<Vec<Facility>, InputErrors> {
    read_facilities_mapped(
        file,
        bytes,
        &ColumnMap::new(),
        Crs::Gcj02,
        townships,
        sample,
        inside,
    )
}

/// As [`read_facilities_checked`], with the planner's column mapping applied first and the
/// coordinates converted from `crs` into the stored frame (GCJ-02).
pub fn read_facilities_mapped(
    file: &str,
    bytes: &[u8],
    map: &ColumnMap,
    crs: Crs,
    townships: &HashSet<String>,
    sample: bool,
    inside: LocationCheck,
) -> Result<Vec<Facility>, InputErrors> {
    let mut table = Table::read(file, bytes)?;
    table.apply_column_map(map);
    table.rename_headers(&FACILITY_HEADER_ALIASES);
    let cols = table.columns(&FACILITY_COLUMNS)?;
    let kinds: Vec<(&str, FacilityKind)> = FacilityKind::ALL
        .iter()
        .map(|k| (k.key(), *k))
        .chain(FacilityKind::ALL.iter().map(|k| (k.name_zh(), *k)))
        .collect();
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for row in &table.rows {
        let mut r = cols.row(&table, row, &mut errors);
        let id = r.checked_text("id", &domain::ID, true);
        if !id.is_empty() && !ids.insert(id.clone()) {
            r.error("id", "编号重复", "duplicate id");
        }
        let kind = r.choice("kind", &kinds);
        let township_code = r.checked_text("township_code", &domain::TOWNSHIP_CODE, true);
        if !township_code.is_empty() && !townships.contains(&township_code) {
            r.error(
                "township_code",
                "不是本县的乡镇（街道）代码",
                "not a township code of this county",
            );
        }
        let (lon, lat) = (
            r.number_in("lon", domain::LON.min, domain::LON.max),
            r.number_in("lat", domain::LAT.min, domain::LAT.max),
        );
        let location = if lon != 0.0 && lat != 0.0 {
            let (x, y) = to_stored_frame(crs, lon, lat);
            LonLat { lon: x, lat: y }
        } else {
            LonLat { lon, lat }
        };
        if location.lon != 0.0 && location.lat != 0.0 && !inside(location.lon, location.lat) {
            r.error(
                "lon",
                "坐标不在本县范围内",
                "the location lies outside the county",
            );
        }
        let ownership = r
            .choice(
                "ownership",
                &[
                    ("public", Ownership::Public),
                    ("private", Ownership::Private),
                    ("公办", Ownership::Public),
                    ("民办", Ownership::Private),
                ],
            )
            .unwrap_or(Ownership::Public);
        let inclusive = r.boolean("inclusive");
        let status = r
            .choice(
                "status",
                &[
                    ("existing", FacilityStatus::Existing),
                    ("planned", FacilityStatus::Planned),
                    ("candidate", FacilityStatus::Candidate),
                    ("closed", FacilityStatus::Closed),
                    ("现状", FacilityStatus::Existing),
                    ("规划", FacilityStatus::Planned),
                    ("备选", FacilityStatus::Candidate),
                    ("停用", FacilityStatus::Closed),
                    ("关停", FacilityStatus::Closed),
                ],
            )
            .unwrap_or(FacilityStatus::Existing);
        // Years past i32 are out of the domain anyway; the check below names it.
        let opening_year = r
            .opt_count("opening_year")
            .map(|y| i32::try_from(y).unwrap_or(i32::MAX));
        let category = kind.map(|k| k.category());
        let childcare = (category == Some(FacilityCategory::Childcare)).then(|| {
            let service_mode = if r.text("service_mode").is_empty() {
                None
            } else {
                r.choice(
                    "service_mode",
                    &[
                        ("full_day", ServiceMode::FullDay),
                        ("half_day", ServiceMode::HalfDay),
                        ("hourly", ServiceMode::Hourly),
                        ("temporary", ServiceMode::Temporary),
                        ("全日托", ServiceMode::FullDay),
                        ("半日托", ServiceMode::HalfDay),
                        ("计时托", ServiceMode::Hourly),
                        ("临时托", ServiceMode::Temporary),
                    ],
                )
            };
            ChildcareInputs {
                service_mode,
                registered_slots: r.opt_count("registered_slots"),
                infant_classes: r.count_or_zero("infant_classes"),
                toddler_small_classes: r.count_or_zero("toddler_small_classes"),
                toddler_large_classes: r.count_or_zero("toddler_large_classes"),
                mixed_classes: r.count_or_zero("mixed_classes"),
                nursery_classes: r.count_or_zero("nursery_classes"),
                caregivers: r.count_or_zero("caregivers"),
            }
        });
        let elderly = (category == Some(FacilityCategory::Elderly)).then(|| {
            let beds = r.count_or_zero("beds");
            let nursing_beds = r.count_or_zero("nursing_beds");
            ElderlyInputs {
                beds,
                nursing_beds,
                nursing_rooms: r.opt_count("nursing_rooms"),
                max_beds_per_room: r.opt_count("max_beds_per_room"),
                room_usable_area_m2: r.opt_amount("room_usable_area_m2"),
            }
        });
        let name = r.checked_text("name", &domain::NAME, true);
        if let Some(kind) = kind {
            let f = Facility {
                id,
                name,
                kind,
                township_code,
                location,
                ownership,
                inclusive,
                status,
                opening_year,
                sample,
                childcare,
                elderly,
                school_sections: Vec::new(),
            };
            // The value domains the edit path applies too; a cell already reported (bad
            // number, and so a neutral value here) is not reported again, and nursing beds
            // above beds only when the beds cell read cleanly: one bad cell, one error.
            for e in f.check_ranges() {
                if e.kind != domain::FieldErrorKind::Inconsistent || !r.has_error("beds") {
                    r.domain_error(&e);
                }
            }
            out.push(f);
        }
    }
    InputErrors::or_ok(errors, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name,kind,township_code,lon,lat,ownership,inclusive,status,opening_year,service_mode,registered_slots,infant_classes,toddler_small_classes,toddler_large_classes,mixed_classes,nursery_classes,caregivers,beds,nursing_beds\n";

    fn towns() -> HashSet<String> {
        ["331125001".to_string()].into_iter().collect()
    }

    #[test]
    fn reads_each_kind_with_its_inputs() {
        let text = format!(
            "{HEADER}C1,中心,childcare_center,331125001,119.57,28.11,public,true,existing,2021,full_day,150,2,4,4,0,0,32,,\nE1,福利院,elderly_institution,331125001,119.57,28.11,public,true,existing,2010,,,,,,,,,300,180\n"
        );
        let f = read_facilities("f.csv", text.as_bytes(), &towns(), true).unwrap();
        assert_eq!(f.len(), 2);
        let c = f[0].childcare.as_ref().unwrap();
        assert_eq!(
            (c.infant_classes, c.caregivers, c.registered_slots),
            (2, 32, Some(150))
        );
        assert_eq!(f[1].elderly.as_ref().unwrap().nursing_beds, 180);
        assert!(f[1].childcare.is_none() && f[0].sample);
    }

    #[test]
    fn locates_unknown_township_bad_kind_duplicate_and_coordinates() {
        let text = format!(
            "{HEADER}C1,中心,childcare_center,331125999,119.57,28.11,public,true,existing,2021,full_day,150,2,4,4,0,0,32,,\nC1,某园,nursery,331125001,200,28.11,public,yes,existing,2021,,,,,,,,,,\n"
        );
        let err = read_facilities("f.csv", text.as_bytes(), &towns(), false).unwrap_err();
        let got: Vec<(usize, &str)> = err.0.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "township_code"),
                (3, "id"),
                (3, "kind"),
                (3, "lon"),
                (3, "inclusive")
            ]
        );
    }
}
