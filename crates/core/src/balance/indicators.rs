use serde::{Deserialize, Serialize};

use crate::standards::Catalogue;
use crate::{SchoolLevel, SchoolSection};

/// The seven 资源配置 indicators of 教督〔2017〕6号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// 每百名学生拥有高于规定学历教师数.
    TeachersQualifiedPer100,
    /// 每百名学生拥有县级以上骨干教师数.
    TeachersBackbonePer100,
    /// 每百名学生拥有体育、艺术（美术、音乐）专任教师数.
    TeachersPeArtPer100,
    /// 生均教学及辅助用房面积 (m²).
    TeachingAreaPerStudentM2,
    /// 生均体育运动场馆面积 (m²).
    SportsAreaPerStudentM2,
    /// 生均教学仪器设备值 (元).
    EquipmentPerStudentYuan,
    /// 每百名学生拥有网络多媒体教室数.
    MultimediaRoomsPer100,
}

impl Indicator {
    pub const ALL: [Indicator; 7] = [
        Self::TeachersQualifiedPer100,
        Self::TeachersBackbonePer100,
        Self::TeachersPeArtPer100,
        Self::TeachingAreaPerStudentM2,
        Self::SportsAreaPerStudentM2,
        Self::EquipmentPerStudentYuan,
        Self::MultimediaRoomsPer100,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::TeachersQualifiedPer100 => "teachers_qualified_per100",
            Self::TeachersBackbonePer100 => "teachers_backbone_per100",
            Self::TeachersPeArtPer100 => "teachers_pe_art_per100",
            Self::TeachingAreaPerStudentM2 => "teaching_area_per_student_m2",
            Self::SportsAreaPerStudentM2 => "sports_area_per_student_m2",
            Self::EquipmentPerStudentYuan => "equipment_per_student_yuan",
            Self::MultimediaRoomsPer100 => "multimedia_rooms_per100",
        }
    }

    /// Id of this indicator's threshold norm at a level.
    pub fn norm_id(self, level: SchoolLevel) -> String {
        let level = match level {
            SchoolLevel::Primary => "primary",
            SchoolLevel::Junior => "junior",
        };
        format!("school.indicator.{}.{}", self.key(), level)
    }

    pub fn threshold(self, level: SchoolLevel, norms: &Catalogue) -> f64 {
        norms.value(&self.norm_id(level))
    }

    /// The resource total behind the indicator (teachers, m², 元, rooms).
    pub fn resource(self, s: &SchoolSection) -> f64 {
        match self {
            Self::TeachersQualifiedPer100 => s.teachers_qualified,
            Self::TeachersBackbonePer100 => s.teachers_backbone,
            Self::TeachersPeArtPer100 => s.teachers_pe_art,
            Self::TeachingAreaPerStudentM2 => s.teaching_area_m2,
            Self::SportsAreaPerStudentM2 => s.sports_area_m2,
            Self::EquipmentPerStudentYuan => s.equipment_value_yuan,
            Self::MultimediaRoomsPer100 => s.multimedia_rooms,
        }
    }

    /// Per-100-student indicators scale by 100; per-student ones by 1 (F10).
    pub fn per_students(self) -> f64 {
        match self {
            Self::TeachersQualifiedPer100
            | Self::TeachersBackbonePer100
            | Self::TeachersPeArtPer100
            | Self::MultimediaRoomsPer100 => 100.0,
            _ => 1.0,
        }
    }

    /// The school's value of the indicator; `None` for a school without students.
    pub fn value(self, s: &SchoolSection) -> Option<f64> {
        (s.students > 0).then(|| self.resource(s) / s.students as f64 * self.per_students())
    }
}
