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

    /// A section whose eight resources per student are `per`, in the order: teaching area,
    /// sports area, equipment value, computers, books, teachers, qualified teachers, teachers
    /// with a mid-level title.
    fn s(students: u32, per: [f64; 8]) -> SchoolSection {
        let n = students as f64;
        SchoolSection {
            school_code: "S".into(),
            school_name: "S".into(),
            level: SchoolLevel::Junior,
            kind: SchoolKind::Complete,
            students,
            classes: 1,
            max_class_size: 50,
            teachers_qualified: per[6] * n,
            teachers_backbone: 0.0,
            teachers_pe_art: 0.0,
            teaching_area_m2: per[0] * n,
            sports_area_m2: per[1] * n,
            equipment_value_yuan: per[2] * n,
            multimedia_rooms: 0.0,
            basic: Some(BasicInputs {
                computers: per[3] * n,
                books: per[4] * n,
                teachers_total: per[5] * n,
                teachers_mid_title: per[7] * n,
            }),
        }
    }

    /// Two schools, 100 students with 1 unit per student and 300 with r units: weights ¼ and
    /// ¾, mean (1 + 3r)/4, variance ¼·¾·(r − 1)², so CV = √(3/16)·(r − 1) / ((1 + 3r)/4).
    fn two_school_cv(r: f64) -> f64 {
        (3.0f64 / 16.0).sqrt() * (r - 1.0) / ((1.0 + 3.0 * r) / 4.0)
    }

    /// Each indicator gets its own ratio r, so its CV differs from the other seven and a
    /// resource read into the wrong indicator moves a CV out of its place.
    #[test]
    fn each_indicator_cv_comes_from_its_own_resource() {
        let n = Catalogue::national();
        let ratios = [2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
        let (a, b) = (s(100, [1.0; 8]), s(300, ratios));
        let r = basic_balance(SchoolLevel::Junior, &[&a, &b], &n).unwrap();
        let keys = [
            "teaching_area_per_student_m2",
            "sports_area_per_student_m2",
            "equipment_per_student_yuan",
            "computers_per100",
            "books_per_student",
            "teachers_per_student",
            "teachers_qualified_per_student",
            "teachers_mid_title_per_student",
        ];
        assert_eq!(r.cvs.len(), 8);
        for (k, (key, cv)) in r.cvs.iter().enumerate() {
            assert_eq!(key, keys[k]);
            let want = two_school_cv(ratios[k]);
            assert!((cv - want).abs() < 1e-12, "{key}: {cv} vs {want}");
        }
        // r = 2: √0.1875 / 1.75 = 0.247436…; r = 9: √0.1875 · 8 / 7 = 0.494872….
        assert!((r.cvs[0].1 - 0.247_435_829_652_697).abs() < 1e-12);
        assert!((r.cvs[7].1 - 0.494_871_659_305_394).abs() < 1e-12);
        let mean = ratios.iter().map(|&q| two_school_cv(q)).sum::<f64>() / 8.0;
        assert!((r.composite - mean).abs() < 1e-12);
        assert_eq!(r.limit, 0.55);
        assert!(r.passes);
        let mut c = s(100, [1.0; 8]);
        c.basic = None;
        assert!(basic_balance(SchoolLevel::Junior, &[&c, &b], &n).is_none());
    }

    /// A composite of about 0.563 fails the 初中 limit (0.55) and passes the 小学 one (0.65).
    #[test]
    fn the_composite_is_judged_by_the_level_limit() {
        let n = Catalogue::national();
        let ratios = [50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0];
        let (a, b) = (s(100, [1.0; 8]), s(300, ratios));
        let junior = basic_balance(SchoolLevel::Junior, &[&a, &b], &n).unwrap();
        let want = ratios.iter().map(|&q| two_school_cv(q)).sum::<f64>() / 8.0;
        assert!((junior.composite - want).abs() < 1e-12);
        assert!(want > 0.56 && want < 0.57, "{want}");
        assert!(!junior.passes);
        let primary = basic_balance(SchoolLevel::Primary, &[&a, &b], &n).unwrap();
        assert_eq!((primary.limit, primary.passes), (0.65, true));
    }
}
