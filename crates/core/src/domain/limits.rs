//! 取值范围 — the domain of every count and value a planner's file or edit may give: one place
//! for the import readers (junheng-io) and the app's edit path, so both refuse the same values.
//!
//! The bounds are generous — several times the largest real case named in each comment — and
//! exist so that a typo (an extra six zeros) or a hostile value is refused with a message
//! instead of flowing into the assessment. Every bound keeps sums over a county far from the
//! integer limits; the capacity arithmetic is overflow-safe besides.

use crate::{ChildcareInputs, ElderlyInputs, Facility, SchoolSection};

/// Why a value is refused; `code()` is stable for the UI and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// NaN or infinite.
    NotFinite,
    BelowMin,
    AboveMax,
    /// A control character (U+0000–U+001F except tab, or U+007F) in an id or a name.
    ControlChar,
    TooLong,
    /// Values that contradict each other (more nursing beds than beds).
    Inconsistent,
}

impl FieldErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            FieldErrorKind::NotFinite => "range.not_finite",
            FieldErrorKind::BelowMin => "range.below_min",
            FieldErrorKind::AboveMax => "range.above_max",
            FieldErrorKind::ControlChar => "text.control_char",
            FieldErrorKind::TooLong => "text.too_long",
            FieldErrorKind::Inconsistent => "range.inconsistent",
        }
    }
}

/// A value outside its domain: the field (the column key of the import files), why, and the
/// message in Chinese and English naming the limit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {message_en}")]
pub struct FieldError {
    pub field: &'static str,
    pub kind: FieldErrorKind,
    pub message_zh: String,
    pub message_en: String,
}

/// The closed range `[min, max]` of one numeric field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Domain {
    /// Column key of the field in import files (`infant_classes`).
    pub field: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub min: f64,
    pub max: f64,
}

impl Domain {
    const fn new(
        field: &'static str,
        zh: &'static str,
        en: &'static str,
        min: f64,
        max: f64,
    ) -> Self {
        Domain {
            field,
            zh,
            en,
            min,
            max,
        }
    }

    /// The value when inside the domain, else the error naming the limit.
    pub fn check(&self, value: f64) -> Result<f64, FieldError> {
        let err = |kind, zh: String, en: String| FieldError {
            field: self.field,
            kind,
            message_zh: zh,
            message_en: en,
        };
        let (lo, hi) = (num(self.min), num(self.max));
        if !value.is_finite() {
            Err(err(
                FieldErrorKind::NotFinite,
                format!("{}应为有限数值", self.zh),
                format!("{} must be a finite number", self.en),
            ))
        } else if value < self.min {
            Err(err(
                FieldErrorKind::BelowMin,
                format!("{}应在 {lo} 到 {hi} 之间，不能小于 {lo}", self.zh),
                format!("{} must be between {lo} and {hi}, not below {lo}", self.en),
            ))
        } else if value > self.max {
            Err(err(
                FieldErrorKind::AboveMax,
                format!("{}超出上限：应在 {lo} 到 {hi} 之间", self.zh),
                format!("{} above the limit: must be between {lo} and {hi}", self.en),
            ))
        } else {
            Ok(value)
        }
    }

    /// [`Domain::check`] for a whole number.
    pub fn check_count(&self, value: u64) -> Result<u64, FieldError> {
        self.check(value as f64).map(|_| value)
    }
}

/// A bound as people write it: 30000000, 1e12 as 1000000000000, 0.5 as is.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The rule for one text field: no control characters, at most `max_chars` characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDomain {
    pub field: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub max_chars: usize,
}

impl TextDomain {
    const fn new(
        field: &'static str,
        zh: &'static str,
        en: &'static str,
        max_chars: usize,
    ) -> Self {
        TextDomain {
            field,
            zh,
            en,
            max_chars,
        }
    }

    /// Ok when `text` has no control character and fits; tabs are allowed (pasted from a
    /// spreadsheet) while NUL, line breaks and the rest are not, because they break every
    /// file, label and report the text later goes into.
    pub fn check(&self, text: &str) -> Result<(), FieldError> {
        if let Some((at, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| (*c < ' ' && *c != '\t') || *c == '\u{7f}')
        {
            let code = format!("U+{:04X}", c as u32);
            return Err(FieldError {
                field: self.field,
                kind: FieldErrorKind::ControlChar,
                message_zh: format!("{}含有控制字符 {code}（第 {} 个字符）", self.zh, at + 1),
                message_en: format!(
                    "{} contains the control character {code} (character {})",
                    self.en,
                    at + 1
                ),
            });
        }
        let n = text.chars().count();
        if n > self.max_chars {
            return Err(FieldError {
                field: self.field,
                kind: FieldErrorKind::TooLong,
                message_zh: format!("{}过长：{n} 个字符，最多 {} 个", self.zh, self.max_chars),
                message_en: format!(
                    "{} too long: {n} characters, at most {}",
                    self.en, self.max_chars
                ),
            });
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Identity

/// 编号: codes of facilities, schools and points are short; 64 fits any scheme with a prefix.
pub const ID: TextDomain = TextDomain::new("id", "编号", "id", 64);
/// 名称: the longest real names (…街道…社区嵌入式托育服务点（普惠）) are under 40 characters.
pub const NAME: TextDomain = TextDomain::new("name", "名称", "name", 200);
/// 乡镇（街道）代码 as written in a facility file (checked against the county's codes too).
pub const TOWNSHIP_CODE: TextDomain =
    TextDomain::new("township_code", "乡镇（街道）代码", "township code", 64);
/// 学校代码.
pub const SCHOOL_CODE: TextDomain = TextDomain::new("school_code", "学校代码", "school code", 64);
/// 学校名称.
pub const SCHOOL_NAME: TextDomain = TextDomain::new("school_name", "学校名称", "school name", 200);

// ---------------------------------------------------------------------------------------------
// Location

/// 经度: China spans 73°E–136°E (GCJ-02, WGS84 and CGCS2000 alike at this precision).
pub const LON: Domain = Domain::new("lon", "经度", "longitude", 73.0, 136.0);
/// 纬度: 3°N (Zengmu Reef) to 54°N (Mohe).
pub const LAT: Domain = Domain::new("lat", "纬度", "latitude", 3.0, 54.0);
/// 开办年份.
pub const OPENING_YEAR: Domain =
    Domain::new("opening_year", "开办年份", "opening year", 1900.0, 2100.0);

// ---------------------------------------------------------------------------------------------
// 托育

/// Classes of one type (乳儿班, 托小班 …) in one place: large centres run 10–20.
pub const CLASSES_MAX: f64 = 200.0;
pub const INFANT_CLASSES: Domain = Domain::new(
    "infant_classes",
    "乳儿班数",
    "infant classes",
    0.0,
    CLASSES_MAX,
);
pub const TODDLER_SMALL_CLASSES: Domain = Domain::new(
    "toddler_small_classes",
    "托小班数",
    "toddler (small) classes",
    0.0,
    CLASSES_MAX,
);
pub const TODDLER_LARGE_CLASSES: Domain = Domain::new(
    "toddler_large_classes",
    "托大班数",
    "toddler (large) classes",
    0.0,
    CLASSES_MAX,
);
pub const MIXED_CLASSES: Domain = Domain::new(
    "mixed_classes",
    "混合班数",
    "mixed classes",
    0.0,
    CLASSES_MAX,
);
pub const NURSERY_CLASSES: Domain = Domain::new(
    "nursery_classes",
    "幼儿园托班数",
    "kindergarten nursery classes",
    0.0,
    CLASSES_MAX,
);
/// 保育人员: 200 classes at 1 caregiver per 3 infants would need under 1,000.
pub const CAREGIVERS: Domain = Domain::new("caregivers", "保育人员数", "caregivers", 0.0, 2_000.0);
/// 核定托位: the largest registered centres have a few hundred.
pub const REGISTERED_SLOTS: Domain = Domain::new(
    "registered_slots",
    "核定托位",
    "registered slots",
    0.0,
    10_000.0,
);

// ---------------------------------------------------------------------------------------------
// 养老

/// 床位 of one facility: the largest institutions in China have a few thousand.
pub const BEDS: Domain = Domain::new("beds", "床位数", "beds", 0.0, 50_000.0);
/// 护理型床位 (also at most the beds; see [`ElderlyInputs::check_ranges`]).
pub const NURSING_BEDS: Domain = Domain::new(
    "nursing_beds",
    "护理型床位数",
    "nursing-type beds",
    0.0,
    50_000.0,
);
/// 护理型居室.
pub const NURSING_ROOMS: Domain = Domain::new(
    "nursing_rooms",
    "护理型居室数",
    "nursing rooms",
    0.0,
    50_000.0,
);
/// Most beds in one room: the norm allows 6; wards of 20 exist.
pub const MAX_BEDS_PER_ROOM: Domain = Domain::new(
    "max_beds_per_room",
    "每间最多床位",
    "most beds in a room",
    0.0,
    100.0,
);
/// 居室使用面积 of all bedrooms: 50,000 beds × 20 m².
pub const ROOM_USABLE_AREA_M2: Domain = Domain::new(
    "room_usable_area_m2",
    "居室使用面积（平方米）",
    "bedroom usable area (m²)",
    0.0,
    1_000_000.0,
);

// ---------------------------------------------------------------------------------------------
// 学校 (one 学段 of a school)

/// 在校生: the largest compulsory schools have about 10,000.
pub const STUDENTS: Domain = Domain::new("students", "在校生数", "students", 0.0, 50_000.0);
/// 班级.
pub const SCHOOL_CLASSES: Domain = Domain::new("classes", "班级数", "classes", 0.0, 1_000.0);
/// 最大班额: the norm is 45/50; 大班额 cases above 100 were reported.
pub const MAX_CLASS_SIZE: Domain =
    Domain::new("max_class_size", "最大班额", "largest class", 0.0, 200.0);
/// Teacher counts (高学历, 骨干, 体艺, 专任, 中级职称): under 1,000 in the largest schools.
pub const TEACHERS_MAX: f64 = 10_000.0;
pub const TEACHERS_QUALIFIED: Domain = Domain::new(
    "teachers_qualified",
    "高于规定学历教师数",
    "teachers above the required degree",
    0.0,
    TEACHERS_MAX,
);
pub const TEACHERS_BACKBONE: Domain = Domain::new(
    "teachers_backbone",
    "骨干教师数",
    "backbone teachers",
    0.0,
    TEACHERS_MAX,
);
pub const TEACHERS_PE_ART: Domain = Domain::new(
    "teachers_pe_art",
    "体育艺术专任教师数",
    "PE and art teachers",
    0.0,
    TEACHERS_MAX,
);
pub const TEACHERS_TOTAL: Domain = Domain::new(
    "teachers_total",
    "专任教师数",
    "full-time teachers",
    0.0,
    TEACHERS_MAX,
);
pub const TEACHERS_MID_TITLE: Domain = Domain::new(
    "teachers_mid_title",
    "中级及以上职称教师数",
    "teachers with mid-level titles",
    0.0,
    TEACHERS_MAX,
);
/// School floor and ground areas: 10 km² is far beyond any campus.
pub const SCHOOL_AREA_M2_MAX: f64 = 10_000_000.0;
pub const TEACHING_AREA_M2: Domain = Domain::new(
    "teaching_area_m2",
    "教学及辅助用房面积（平方米）",
    "teaching area (m²)",
    0.0,
    SCHOOL_AREA_M2_MAX,
);
pub const SPORTS_AREA_M2: Domain = Domain::new(
    "sports_area_m2",
    "体育运动场馆面积（平方米）",
    "sports area (m²)",
    0.0,
    SCHOOL_AREA_M2_MAX,
);
/// 教学仪器设备值 (元): 100 亿 yuan.
pub const EQUIPMENT_VALUE_YUAN: Domain = Domain::new(
    "equipment_value_yuan",
    "教学仪器设备值（元）",
    "equipment value (yuan)",
    0.0,
    1e10,
);
pub const MULTIMEDIA_ROOMS: Domain = Domain::new(
    "multimedia_rooms",
    "网络多媒体教室数",
    "multimedia classrooms",
    0.0,
    10_000.0,
);
pub const COMPUTERS: Domain = Domain::new("computers", "计算机台数", "computers", 0.0, 100_000.0);
pub const BOOKS: Domain = Domain::new("books", "图书册数", "books", 0.0, 100_000_000.0);

// ---------------------------------------------------------------------------------------------
// Population

/// 常住人口 of one township: the largest 街道 have about a million.
pub const TOWNSHIP_POPULATION: Domain = Domain::new(
    "resident_population",
    "常住人口",
    "resident population",
    0.0,
    10_000_000.0,
);
/// One cell of a county's 户籍 table (sex × age band): the largest county-level units have
/// about 6 million people in all.
pub const COUNTY_BAND_POPULATION: Domain =
    Domain::new("population", "人口数", "population", 0.0, 50_000_000.0);
/// Any population figure of the census yearbook, the national row included (1.41 billion).
pub const CENSUS_POPULATION: Domain =
    Domain::new("population", "人口数", "population", 0.0, 2_000_000_000.0);
/// 出生人数 in one year: China's peak was 29.5 million (1963); a county's is thousands.
pub const BIRTHS: Domain = Domain::new("births", "出生人数", "births", 0.0, 30_000_000.0);
// ---------------------------------------------------------------------------------------------
// Actuals (动态监测)

/// 在托 children of one childcare place (the largest centres have a few hundred).
pub const ENROLLED: Domain =
    Domain::new("enrolled", "在托人数", "children enrolled", 0.0, 20_000.0);
/// 入住老人 of one institution (bounded like its beds).
pub const RESIDENTS: Domain = Domain::new("residents", "入住人数", "residents", 0.0, 50_000.0);
/// 失能/半失能 residents of one institution.
pub const RESIDENTS_DISABLED: Domain = Domain::new(
    "residents_disabled",
    "其中失能人数",
    "disabled residents",
    0.0,
    50_000.0,
);
/// Students of one school level in one school (as `STUDENTS`).
pub const SECTION_STUDENTS: Domain = Domain::new("students", "在校生数", "students", 0.0, 50_000.0);
/// 出生/死亡登记 of one county in one year: the largest county-level units register some tens of
/// thousands.
pub const COUNTY_EVENTS: Domain = Domain::new("events", "人数", "persons", 0.0, 1_000_000.0);
/// Children under 3 enrolled in a whole county.
pub const COUNTY_ENROLLED: Domain = Domain::new(
    "enrolled_under3",
    "全县在托婴幼儿数",
    "children under 3 enrolled in the county",
    0.0,
    1_000_000.0,
);
/// A county's published year-end population.
pub const COUNTY_POPULATION: Domain = Domain::new(
    "resident_population",
    "年末人口",
    "year-end population",
    0.0,
    20_000_000.0,
);

/// Last year-end a projection reports: 80 years past the census, beyond any plan horizon.
pub const LAST_PROJECTION_YEAR: i32 = 2100;
/// 净迁移 of one year, sex and age (persons, negative = out-migration).
pub const NET_MIGRATION: Domain = Domain::new(
    "net",
    "净迁移人数",
    "net migration",
    -10_000_000.0,
    10_000_000.0,
);

// ---------------------------------------------------------------------------------------------
// Location problems and accessibility (engine files)

/// Planar coordinates of benchmark instances (metres or abstract units): 1e9 is beyond any
/// map projection of the Earth.
pub const PLANAR_COORDINATE: Domain = Domain::new("coordinate", "坐标", "coordinate", -1e9, 1e9);
/// Demand weight of a point (persons or units).
pub const POINT_DEMAND: Domain = Domain::new("demand", "需求量", "demand", 0.0, 1e12);
/// Capacity of a site.
pub const SITE_CAPACITY: Domain = Domain::new("capacity", "容量", "capacity", 0.0, 1e12);
/// A travel cost or distance (metres, minutes, yuan): 1e9 m is 25 times round the Earth.
pub const COST: Domain = Domain::new("cost", "出行成本", "cost", 0.0, 1e9);
/// A coverage radius or catchment, in the unit of the costs.
pub const RADIUS: Domain = Domain::new("radius", "服务半径", "radius", 0.0, 1e9);

/// `p`, the number of sites to open, out of `n` candidates: at least 1 (opening nothing answers
/// no question and made covering report −0), at most `n`.
pub fn check_sites(p: usize, n: usize) -> Result<usize, FieldError> {
    if p >= 1 && p <= n {
        return Ok(p);
    }
    Err(FieldError {
        field: "p",
        kind: if p < 1 {
            FieldErrorKind::BelowMin
        } else {
            FieldErrorKind::AboveMax
        },
        message_zh: format!("设施数 p 应在 1 到 {n}（候选点数）之间，给出的是 {p}"),
        message_en: format!(
            "p (sites to open) must be between 1 and {n} (the candidates), got {p}"
        ),
    })
}

/// A cost a gravity weight (max(c, min_dist)/scale)^α can take: with α < 0 a zero cost gives
/// an infinite weight and the accessibility of that row becomes undefined, so it is refused
/// (a positive `min_dist` defines it instead).
pub fn check_gravity_cost(cost: f64, alpha: f64, min_dist: f64) -> Result<f64, FieldError> {
    let cost = COST.check(cost)?;
    if alpha < 0.0 && cost.max(min_dist) <= 0.0 {
        return Err(FieldError {
            field: COST.field,
            kind: FieldErrorKind::BelowMin,
            message_zh: format!(
                "引力模型的指数为负（{alpha}）时出行成本不能为 0：权重将为无穷大；请给出正的成本或最小距离"
            ),
            message_en: format!(
                "a cost of 0 with a negative gravity exponent ({alpha}) gives an infinite weight: give a positive cost or a minimum distance"
            ),
        });
    }
    Ok(cost)
}

// ---------------------------------------------------------------------------------------------
// Whole records

impl crate::FacilityActual {
    /// Every figure of a facility-year in its domain, and no more disabled than residents.
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut opt = |d: &Domain, v: Option<u32>| {
            if let Some(v) = v {
                if let Err(e) = d.check(f64::from(v)) {
                    out.push(e);
                }
            }
        };
        opt(&ENROLLED, self.enrolled);
        opt(&RESIDENTS, self.residents);
        opt(&RESIDENTS_DISABLED, self.residents_disabled);
        opt(&SECTION_STUDENTS, self.students_primary);
        opt(&SECTION_STUDENTS, self.students_junior);
        opt(&SECTION_STUDENTS, self.students_senior);
        if let (Some(d), Some(n)) = (self.residents_disabled, self.residents) {
            if d > n {
                out.push(FieldError {
                    field: RESIDENTS_DISABLED.field,
                    kind: FieldErrorKind::Inconsistent,
                    message_zh: "失能人数不能多于入住人数".into(),
                    message_en: "disabled residents cannot exceed residents".into(),
                });
            }
        }
        out
    }
}

impl crate::CountyActual {
    /// Every figure of a county-year in its domain.
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut opt = |d: &Domain, v: Option<f64>| {
            if let Some(v) = v {
                if let Err(e) = d.check(v) {
                    out.push(e);
                }
            }
        };
        opt(&COUNTY_EVENTS, self.births.map(f64::from));
        opt(&COUNTY_EVENTS, self.deaths.map(f64::from));
        opt(&COUNTY_ENROLLED, self.enrolled_under3.map(f64::from));
        opt(
            &COUNTY_POPULATION,
            self.resident_population.map(|v| v as f64),
        );
        opt(
            &COUNTY_POPULATION,
            self.registered_population.map(|v| v as f64),
        );
        out
    }
}

fn push<T>(out: &mut Vec<FieldError>, r: Result<T, FieldError>) {
    if let Err(e) = r {
        out.push(e);
    }
}

fn count(out: &mut Vec<FieldError>, d: &Domain, v: u32) {
    push(out, d.check_count(v as u64));
}

impl ChildcareInputs {
    /// Every field outside its domain.
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Some(r) = self.registered_slots {
            count(&mut out, &REGISTERED_SLOTS, r);
        }
        count(&mut out, &INFANT_CLASSES, self.infant_classes);
        count(&mut out, &TODDLER_SMALL_CLASSES, self.toddler_small_classes);
        count(&mut out, &TODDLER_LARGE_CLASSES, self.toddler_large_classes);
        count(&mut out, &MIXED_CLASSES, self.mixed_classes);
        count(&mut out, &NURSERY_CLASSES, self.nursery_classes);
        count(&mut out, &CAREGIVERS, self.caregivers);
        out
    }
}

impl ElderlyInputs {
    /// Every field outside its domain, and nursing beds above beds.
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        count(&mut out, &BEDS, self.beds);
        count(&mut out, &NURSING_BEDS, self.nursing_beds);
        if out.is_empty() && self.nursing_beds > self.beds {
            out.push(FieldError {
                field: NURSING_BEDS.field,
                kind: FieldErrorKind::Inconsistent,
                message_zh: "护理型床位不能多于总床位".into(),
                message_en: "nursing-type beds cannot exceed beds".into(),
            });
        }
        if let Some(r) = self.nursing_rooms {
            count(&mut out, &NURSING_ROOMS, r);
        }
        if let Some(m) = self.max_beds_per_room {
            count(&mut out, &MAX_BEDS_PER_ROOM, m);
        }
        if let Some(a) = self.room_usable_area_m2 {
            push(&mut out, ROOM_USABLE_AREA_M2.check(a));
        }
        out
    }
}

impl SchoolSection {
    /// Every field outside its domain (codes and names included).
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        push(&mut out, SCHOOL_CODE.check(&self.school_code));
        push(&mut out, SCHOOL_NAME.check(&self.school_name));
        count(&mut out, &STUDENTS, self.students);
        count(&mut out, &SCHOOL_CLASSES, self.classes);
        count(&mut out, &MAX_CLASS_SIZE, self.max_class_size);
        for (d, v) in [
            (&TEACHERS_QUALIFIED, self.teachers_qualified),
            (&TEACHERS_BACKBONE, self.teachers_backbone),
            (&TEACHERS_PE_ART, self.teachers_pe_art),
            (&TEACHING_AREA_M2, self.teaching_area_m2),
            (&SPORTS_AREA_M2, self.sports_area_m2),
            (&EQUIPMENT_VALUE_YUAN, self.equipment_value_yuan),
            (&MULTIMEDIA_ROOMS, self.multimedia_rooms),
        ] {
            push(&mut out, d.check(v));
        }
        if let Some(b) = &self.basic {
            for (d, v) in [
                (&COMPUTERS, b.computers),
                (&BOOKS, b.books),
                (&TEACHERS_TOTAL, b.teachers_total),
                (&TEACHERS_MID_TITLE, b.teachers_mid_title),
            ] {
                push(&mut out, d.check(v));
            }
        }
        out
    }
}

impl Facility {
    /// Every field outside its domain: id, name, township code, location, opening year and the
    /// inputs of its kind. The import readers and the edit path call this one rule.
    pub fn check_ranges(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        push(&mut out, ID.check(&self.id));
        push(&mut out, NAME.check(&self.name));
        push(&mut out, TOWNSHIP_CODE.check(&self.township_code));
        push(&mut out, LON.check(self.location.lon));
        push(&mut out, LAT.check(self.location.lat));
        if let Some(y) = self.opening_year {
            push(&mut out, OPENING_YEAR.check(y as f64));
        }
        if let Some(c) = &self.childcare {
            out.extend(c.check_ranges());
        }
        if let Some(e) = &self.elderly {
            out.extend(e.check_ranges());
        }
        for s in &self.school_sections {
            out.extend(s.check_ranges());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FacilityKind, FacilityStatus, LonLat, Ownership};

    fn facility() -> Facility {
        Facility {
            id: "CC01".into(),
            name: "云和县托育综合服务中心".into(),
            kind: FacilityKind::ChildcareCenter,
            township_code: "331125001".into(),
            location: LonLat {
                lon: 119.5713,
                lat: 28.1127,
            },
            ownership: Ownership::Public,
            inclusive: true,
            status: FacilityStatus::Existing,
            opening_year: Some(2021),
            sample: false,
            childcare: Some(ChildcareInputs {
                registered_slots: Some(150),
                infant_classes: 2,
                toddler_small_classes: 4,
                toddler_large_classes: 4,
                caregivers: 32,
                ..Default::default()
            }),
            elderly: None,
            school_sections: Vec::new(),
        }
    }

    #[test]
    fn a_real_facility_passes_and_each_bad_field_is_named() {
        assert_eq!(facility().check_ranges(), []);
        let mut f = facility();
        f.id = "CC\u{0}01".into();
        f.name = "名".repeat(201);
        f.location.lon = 200.0;
        f.opening_year = Some(1800);
        let c = f.childcare.as_mut().unwrap();
        c.infant_classes = 500_000_000;
        c.caregivers = 2_001;
        let got: Vec<(&str, &str)> = f
            .check_ranges()
            .iter()
            .map(|e| (e.field, e.kind.code()))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "text.control_char"),
                ("name", "text.too_long"),
                ("lon", "range.above_max"),
                ("opening_year", "range.below_min"),
                ("infant_classes", "range.above_max"),
                ("caregivers", "range.above_max"),
            ]
        );
        let e = &f.check_ranges()[4];
        assert_eq!(
            e.message_en,
            "infant classes above the limit: must be between 0 and 200"
        );
        assert_eq!(e.message_zh, "乳儿班数超出上限：应在 0 到 200 之间");
        assert_eq!(
            f.check_ranges()[0].message_en,
            "id contains the control character U+0000 (character 3)"
        );
    }

    #[test]
    fn control_characters_but_not_tabs_are_refused() {
        for ok in ["浮云街道", "A\tB", "", "ÿ€"] {
            assert_eq!(NAME.check(ok), Ok(()), "{ok:?}");
        }
        for bad in ["a\nb", "a\rb", "\u{7f}", "\u{1b}[31m", "\u{1f}"] {
            assert_eq!(
                NAME.check(bad).unwrap_err().kind,
                FieldErrorKind::ControlChar,
                "{bad:?}"
            );
        }
        assert!(NAME.check(&"x".repeat(200)).is_ok());
        assert!(NAME.check(&"x".repeat(201)).is_err());
    }

    #[test]
    fn bounds_are_inclusive_and_non_finite_values_refused() {
        assert_eq!(BIRTHS.check(30_000_000.0), Ok(30_000_000.0));
        assert_eq!(
            BIRTHS.check(99_999_999_999.0).unwrap_err().message_en,
            "births above the limit: must be between 0 and 30000000"
        );
        assert_eq!(
            BIRTHS.check(-1.0).unwrap_err().kind,
            FieldErrorKind::BelowMin
        );
        assert_eq!(
            BIRTHS.check(f64::NAN).unwrap_err().kind,
            FieldErrorKind::NotFinite
        );
        assert_eq!(NET_MIGRATION.check(-10_000_000.0), Ok(-10_000_000.0));
        assert!(NET_MIGRATION.check(-10_000_001.0).is_err());
    }

    #[test]
    fn nursing_beds_cannot_exceed_beds_and_school_fields_are_checked() {
        let e = ElderlyInputs {
            beds: 10,
            nursing_beds: 11,
            ..Default::default()
        };
        assert_eq!(e.check_ranges()[0].kind, FieldErrorKind::Inconsistent);
        // A bad bed count is one error, not two.
        let e = ElderlyInputs {
            beds: 60_000,
            nursing_beds: 60_001,
            ..Default::default()
        };
        let kinds: Vec<_> = e.check_ranges().iter().map(|e| e.field).collect();
        assert_eq!(kinds, ["beds", "nursing_beds"]);
        let s = SchoolSection {
            school_code: "S1".into(),
            school_name: "一小".into(),
            level: crate::SchoolLevel::Primary,
            kind: crate::SchoolKind::Complete,
            students: 100,
            classes: 3,
            max_class_size: 45,
            teachers_qualified: 5.0,
            teachers_backbone: 1.0,
            teachers_pe_art: 1.0,
            teaching_area_m2: 450.0,
            sports_area_m2: 750.0,
            equipment_value_yuan: 2e10,
            multimedia_rooms: 3.0,
            basic: None,
        };
        let fields: Vec<_> = s.check_ranges().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["equipment_value_yuan"]);
    }

    #[test]
    fn sites_and_gravity_costs() {
        assert_eq!(check_sites(1, 5), Ok(1));
        assert_eq!(check_sites(5, 5), Ok(5));
        assert_eq!(
            check_sites(0, 5).unwrap_err().message_en,
            "p (sites to open) must be between 1 and 5 (the candidates), got 0"
        );
        assert_eq!(
            check_sites(6, 5).unwrap_err().kind,
            FieldErrorKind::AboveMax
        );
        assert!(check_gravity_cost(0.0, -1.0, 0.0).is_err());
        assert_eq!(check_gravity_cost(0.0, -1.0, 1.0), Ok(0.0));
        assert_eq!(check_gravity_cost(0.0, 1.0, 0.0), Ok(0.0));
        assert_eq!(check_gravity_cost(2.5, -2.0, 0.0), Ok(2.5));
        assert!(check_gravity_cost(f64::INFINITY, -2.0, 0.0).is_err());
    }
}
