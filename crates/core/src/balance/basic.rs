use serde::{Deserialize, Serialize};

use super::weighted_cv;
use crate::standards::{self as ids, Catalogue};
use crate::{SchoolLevel, SchoolSection};

/// The legacy 基本均衡 assessment (教督〔2012〕3号): the student-weighted CV of eight indicators
/// and their mean, the county composite, against 0.65 (小学) / 0.55 (初中).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct BasicBalance {
    /// `(indicator key, CV)` for the eight indicators.
    pub cvs: Vec<(String, f64)>,
    pub composite: f64,
    pub limit: f64,
    pub passes: bool,
}

type Per = fn(&SchoolSection) -> f64;

/// The eight indicators (as named in the provincial CV tables), each as a resource per student;
/// the scale (per student or per 100) does not change a CV.
const INDICATORS: [(&str, Per); 8] = [
    ("teaching_area_per_student_m2", |s| s.teaching_area_m2),
    ("sports_area_per_student_m2", |s| s.sports_area_m2),
    ("equipment_per_student_yuan", |s| s.equipment_value_yuan),
    ("computers_per100", |s| s.basic.map_or(0.0, |b| b.computers)),
    ("books_per_student", |s| s.basic.map_or(0.0, |b| b.books)),
    ("teachers_per_student", |s| {
        s.basic.map_or(0.0, |b| b.teachers_total)
    }),
    ("teachers_qualified_per_student", |s| s.teachers_qualified),
    ("teachers_mid_title_per_student", |s| {
        s.basic.map_or(0.0, |b| b.teachers_mid_title)
    }),
];

/// `None` unless every section has the legacy inputs and students, and every CV is defined.
pub fn basic_balance(
    level: SchoolLevel,
    sections: &[&SchoolSection],
    norms: &Catalogue,
) -> Option<BasicBalance> {
    if sections.is_empty()
        || sections
            .iter()
            .any(|s| s.basic.is_none() || s.students == 0)
    {
        return None;
    }
    let mut cvs = Vec::new();
    for (key, resource) in INDICATORS {
        let items: Vec<(f64, f64)> = sections
            .iter()
            .map(|s| (s.students as f64, resource(s) / s.students as f64))
            .collect();
        let (_, cv) = weighted_cv(&items)?;
        cvs.push((key.to_string(), cv));
    }
    let composite = cvs.iter().map(|(_, cv)| cv).sum::<f64>() / cvs.len() as f64;
    let limit = norms.value(match level {
        SchoolLevel::Primary => ids::BASIC_CV_LIMIT_PRIMARY,
        SchoolLevel::Junior => ids::BASIC_CV_LIMIT_JUNIOR,
    });
    Some(BasicBalance {
        cvs,
        composite,
        limit,
        passes: composite <= limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BasicInputs, SchoolKind};

    fn s(students: u32, x: f64) -> SchoolSection {
        // Every resource is `x` per student, so all eight CVs are the CV of x.
        let n = students as f64;
        SchoolSection {
            school_code: "S".into(),
            school_name: "S".into(),
            level: SchoolLevel::Junior,
            kind: SchoolKind::Complete,
            students,
            classes: 1,
            max_class_size: 50,
            teachers_qualified: x * n,
            teachers_backbone: 0.0,
            teachers_pe_art: 0.0,
            teaching_area_m2: x * n,
            sports_area_m2: x * n,
            equipment_value_yuan: x * n,
            multimedia_rooms: 0.0,
            basic: Some(BasicInputs {
                computers: x * n,
                books: x * n,
                teachers_total: x * n,
                teachers_mid_title: x * n,
            }),
        }
    }

    #[test]
    fn composite_is_the_mean_of_eight_weighted_cvs() {
        let n = Catalogue::national();
        // 100 students at x = 1 and 300 at x = 3: X̄ = 2.5, CV = √0.75 / 2.5 = 0.3464 for all 8.
        let (a, b) = (s(100, 1.0), s(300, 3.0));
        let r = basic_balance(SchoolLevel::Junior, &[&a, &b], &n).unwrap();
        assert_eq!(r.cvs.len(), 8);
        assert!((r.composite - 0.75f64.sqrt() / 2.5).abs() < 1e-12);
        assert_eq!(r.limit, 0.55);
        assert!(r.passes);
        let mut c = s(100, 1.0);
        c.basic = None;
        assert!(basic_balance(SchoolLevel::Junior, &[&c, &b], &n).is_none());
    }
}
