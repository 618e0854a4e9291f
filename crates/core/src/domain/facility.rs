use serde::{Deserialize, Serialize};

use super::LonLat;

/// 服务类别 — which public service a facility provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FacilityCategory {
    /// 托育 (children under 3).
    Childcare,
    /// 养老.
    Elderly,
    /// 学校.
    School,
}

/// 设施类型 — the kind of facility, following the "1+N" childcare network, the elderly-care
/// system and the school types of the education statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// 托育综合服务中心 (the "1" hub of the 1+N network).
    ChildcareCenter,
    /// 托育机构.
    ChildcareInstitution,
    /// 社区嵌入式托育点.
    CommunityChildcare,
    /// 幼儿园托班.
    KindergartenNurseryClass,
    /// 用人单位办托.
    EmployerChildcare,
    /// 家庭托育点.
    FamilyChildcare,
    /// 养老机构.
    ElderlyInstitution,
    /// 护理院.
    NursingHome,
    /// 老年人日间照料中心.
    DayCareCenter,
    /// 社区养老服务站.
    CommunityElderlyStation,
    /// 小学.
    PrimarySchool,
    /// 初中.
    JuniorSchool,
    /// 九年一贯制学校.
    NineYearSchool,
    /// 十二年一贯制学校.
    TwelveYearSchool,
    /// 普通高中.
    SeniorHighSchool,
    /// 教学点 (small rural primary teaching point).
    TeachingPoint,
}

impl FacilityKind {
    pub const ALL: [FacilityKind; 16] = [
        Self::ChildcareCenter,
        Self::ChildcareInstitution,
        Self::CommunityChildcare,
        Self::KindergartenNurseryClass,
        Self::EmployerChildcare,
        Self::FamilyChildcare,
        Self::ElderlyInstitution,
        Self::NursingHome,
        Self::DayCareCenter,
        Self::CommunityElderlyStation,
        Self::PrimarySchool,
        Self::JuniorSchool,
        Self::NineYearSchool,
        Self::TwelveYearSchool,
        Self::SeniorHighSchool,
        Self::TeachingPoint,
    ];

    pub fn category(self) -> FacilityCategory {
        use FacilityKind::*;
        match self {
            ChildcareCenter
            | ChildcareInstitution
            | CommunityChildcare
            | KindergartenNurseryClass
            | EmployerChildcare
            | FamilyChildcare => FacilityCategory::Childcare,
            ElderlyInstitution | NursingHome | DayCareCenter | CommunityElderlyStation => {
                FacilityCategory::Elderly
            }
            _ => FacilityCategory::School,
        }
    }

    /// Stable identifier used in files, the database and the UI.
    pub fn key(self) -> &'static str {
        use FacilityKind::*;
        match self {
            ChildcareCenter => "childcare_center",
            ChildcareInstitution => "childcare_institution",
            CommunityChildcare => "community_childcare",
            KindergartenNurseryClass => "kindergarten_nursery_class",
            EmployerChildcare => "employer_childcare",
            FamilyChildcare => "family_childcare",
            ElderlyInstitution => "elderly_institution",
            NursingHome => "nursing_home",
            DayCareCenter => "day_care_center",
            CommunityElderlyStation => "community_elderly_station",
            PrimarySchool => "primary_school",
            JuniorSchool => "junior_school",
            NineYearSchool => "nine_year_school",
            TwelveYearSchool => "twelve_year_school",
            SeniorHighSchool => "senior_high_school",
            TeachingPoint => "teaching_point",
        }
    }

    pub fn name_zh(self) -> &'static str {
        use FacilityKind::*;
        match self {
            ChildcareCenter => "托育综合服务中心",
            ChildcareInstitution => "托育机构",
            CommunityChildcare => "社区嵌入式托育点",
            KindergartenNurseryClass => "幼儿园托班",
            EmployerChildcare => "用人单位办托",
            FamilyChildcare => "家庭托育点",
            ElderlyInstitution => "养老机构",
            NursingHome => "护理院",
            DayCareCenter => "老年人日间照料中心",
            CommunityElderlyStation => "社区养老服务站",
            PrimarySchool => "小学",
            JuniorSchool => "初中",
            NineYearSchool => "九年一贯制学校",
            TwelveYearSchool => "十二年一贯制学校",
            SeniorHighSchool => "普通高中",
            TeachingPoint => "教学点",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.key() == key || k.name_zh() == key)
    }

    /// 养老机构 in the sense of the 护理型床位占比 indicator: residential institutions, not
    /// community day-care or service stations.
    pub fn is_elderly_institution(self) -> bool {
        matches!(self, Self::ElderlyInstitution | Self::NursingHome)
    }

    /// Schools that provide 义务教育 (compulsory education) and so enter the balance assessment.
    pub fn is_compulsory_school(self) -> bool {
        matches!(
            self,
            Self::PrimarySchool
                | Self::JuniorSchool
                | Self::NineYearSchool
                | Self::TwelveYearSchool
                | Self::TeachingPoint
        )
    }
}

/// 办学/举办性质.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// 公办.
    Public,
    /// 民办.
    Private,
}

/// 设施状态: in service, planned with an opening year, a candidate site for optimisation, or
/// closed (kept so that it can be reopened and its history read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FacilityStatus {
    /// 现状.
    Existing,
    /// 规划.
    Planned,
    /// 备选.
    Candidate,
    /// 停用/关停.
    Closed,
}

/// 托育服务模式: 全日托 / 半日托 / 计时托 / 临时托.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMode {
    FullDay,
    HalfDay,
    Hourly,
    Temporary,
}

/// Inputs for the capacity of a childcare place (托位 by class type and 保育人员).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChildcareInputs {
    pub service_mode: Option<ServiceMode>,
    /// 核定/备案托位 — the approved capacity, if registered.
    pub registered_slots: Option<u32>,
    /// 乳儿班 (6–12 months).
    pub infant_classes: u32,
    /// 托小班 (12–24 months).
    pub toddler_small_classes: u32,
    /// 托大班 (24–36 months).
    pub toddler_large_classes: u32,
    /// 混合班 (18 months and over).
    pub mixed_classes: u32,
    /// 幼儿园托班 (2–3 years in a kindergarten).
    pub nursery_classes: u32,
    /// 保育人员.
    pub caregivers: u32,
}

/// Inputs for an elderly-care facility (床位 and 护理型床位; rooms when known).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ElderlyInputs {
    /// 床位.
    pub beds: u32,
    /// 护理型床位.
    pub nursing_beds: u32,
    /// 护理型居室 count, when room data exist.
    pub nursing_rooms: Option<u32>,
    /// Most beds in any one room.
    pub max_beds_per_room: Option<u32>,
    /// Usable floor area of all bedrooms together (m²).
    pub room_usable_area_m2: Option<f64>,
}

/// 学段.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SchoolLevel {
    /// 小学.
    Primary,
    /// 初中.
    Junior,
}

/// 学校类型 as used by the balance assessment: complete school or 一贯制 (through-train).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SchoolKind {
    /// 完全小学 / 完全初中 / 教学点.
    Complete,
    /// 九年一贯制.
    NineYear,
    /// 十二年一贯制.
    TwelveYear,
}

/// One 学段 of a school with the raw inputs of the 优质均衡 indicators (教督〔2017〕6号).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SchoolSection {
    pub school_code: String,
    pub school_name: String,
    pub level: SchoolLevel,
    pub kind: SchoolKind,
    /// 在校生.
    pub students: u32,
    /// 班级.
    pub classes: u32,
    /// 最大班额.
    pub max_class_size: u32,
    /// 高于规定学历的教师数.
    pub teachers_qualified: f64,
    /// 县级以上骨干教师数.
    pub teachers_backbone: f64,
    /// 体育、艺术（美术、音乐）专任教师数.
    pub teachers_pe_art: f64,
    /// 教学及辅助用房面积 (m²).
    pub teaching_area_m2: f64,
    /// 体育运动场馆面积 (m²).
    pub sports_area_m2: f64,
    /// 教学仪器设备值 (元).
    pub equipment_value_yuan: f64,
    /// 网络多媒体教室间数.
    pub multimedia_rooms: f64,
    /// Inputs of the legacy 基本均衡 indicators, when the school file has them.
    #[serde(default)]
    pub basic: Option<BasicInputs>,
}

/// Inputs only the legacy 基本均衡 assessment (教督〔2012〕3号) uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct BasicInputs {
    /// 计算机台数.
    pub computers: f64,
    /// 图书册数.
    pub books: f64,
    /// 专任教师数 (for 师生比).
    pub teachers_total: f64,
    /// 中级及以上专业技术职务教师数.
    pub teachers_mid_title: f64,
}

/// 设施 — a childcare, elderly-care or school facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub kind: FacilityKind,
    /// 9-digit code of the township it lies in.
    pub township_code: String,
    pub location: LonLat,
    pub ownership: Ownership,
    /// 普惠 (inclusive, price-capped) service.
    pub inclusive: bool,
    pub status: FacilityStatus,
    pub opening_year: Option<i32>,
    /// 示例数据: invented for the demo, not a real inventory record.
    pub sample: bool,
    pub childcare: Option<ChildcareInputs>,
    pub elderly: Option<ElderlyInputs>,
    pub school_sections: Vec<SchoolSection>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_keys_round_trip_and_categories() {
        for k in FacilityKind::ALL {
            assert_eq!(FacilityKind::from_key(k.key()), Some(k));
            assert_eq!(FacilityKind::from_key(k.name_zh()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.key()));
        }
        let childcare = FacilityKind::ALL
            .iter()
            .filter(|k| k.category() == FacilityCategory::Childcare)
            .count();
        assert_eq!(childcare, 6);
        assert!(FacilityKind::TeachingPoint.is_compulsory_school());
        assert!(!FacilityKind::SeniorHighSchool.is_compulsory_school());
        assert!(!FacilityKind::DayCareCenter.is_elderly_institution());
    }
}
