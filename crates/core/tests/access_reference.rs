//! PySAL `access` reference values (copied into `tests/data/access_cases/`): every method must
//! reproduce them to 1e-9.

use std::path::PathBuf;

mod common;

use junheng_core::access::{accessibility, CostMatrix, Metric, Stage, Weight};

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/access_cases")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Expected `(A_1, A_2, A_3)` of `measure` in `scenario` from hospital_example_expected.tsv.
fn hospital_expected(scenario: usize, measure: &str) -> [f64; 3] {
    let text = data("hospital_example_expected.tsv");
    let row = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("scenario"))
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c[0] == scenario.to_string() && c[1] == measure)
        .unwrap_or_else(|| panic!("no row {scenario} {measure}"));
    [row[2], row[3], row[4]].map(|v| v.parse().unwrap())
}

/// The hospital example: tracts (pop, doctors), costs of the scenario from the JSON file.
fn hospital(scenario: usize) -> (Vec<f64>, Vec<f64>, CostMatrix, f64) {
    let v: serde_json::Value = serde_json::from_str(&data("access_reference_values.json")).unwrap();
    let h = &v["hospital_example"];
    let tracts = &h["tracts(geoid: pop, doc)"];
    let pop: Vec<f64> = (1..=3)
        .map(|k| tracts[k.to_string()][0].as_f64().unwrap())
        .collect();
    let doc: Vec<f64> = (1..=3)
        .map(|k| tracts[k.to_string()][1].as_f64().unwrap())
        .collect();
    let costs = h["results"][format!("scenario_{scenario}")]["costs"]
        .as_object()
        .unwrap();
    let triplets = costs.iter().map(|(k, c)| {
        let (o, d) = k.split_once("->").unwrap();
        let idx = |s: &str| s.parse::<usize>().unwrap() - 1;
        (idx(o), idx(d), c.as_f64().unwrap())
    });
    let m = CostMatrix::from_triplets(3, 3, triplets).unwrap();
    (pop, doc, m, h["max_cost"].as_f64().unwrap())
}

fn check_hospital(stage: Stage, measure: &str, scenario: usize) {
    let (pop, doc, costs, max_cost) = hospital(scenario);
    // access's gravity(scale=1, alpha=-1): W = 1/c.
    let w = Weight::Gravity {
        scale: 1.0,
        alpha: -1.0,
        min_dist: 0.0,
    };
    let got = accessibility(stage, &w, &pop, &doc, &costs, max_cost);
    let want = hospital_expected(scenario, measure);
    for k in 0..3 {
        let g = got[k].expect("every tract reaches a hospital");
        assert!(
            (g - want[k]).abs() < 1e-9,
            "scenario {scenario} {measure} tract {}: {g} vs {}",
            k + 1,
            want[k]
        );
    }
}

macro_rules! hospital_tests {
    ($($name:ident: $stage:expr, $measure:literal, $scenario:literal;)*) => {$(
        #[test]
        fn $name() {
            check_hospital($stage, $measure, $scenario);
        }
    )*};
}

hospital_tests! {
    access_2sfca_hospital_scenario_0: Stage::TwoStep, "2SFCA", 0;
    access_2sfca_hospital_scenario_1: Stage::TwoStep, "2SFCA", 1;
    access_2sfca_hospital_scenario_2: Stage::TwoStep, "2SFCA", 2;
    access_2sfca_hospital_scenario_3: Stage::TwoStep, "2SFCA", 3;
    access_3sfca_hospital_scenario_0: Stage::ThreeStep, "3SFCA", 0;
    access_3sfca_hospital_scenario_1: Stage::ThreeStep, "3SFCA", 1;
    access_3sfca_hospital_scenario_2: Stage::ThreeStep, "3SFCA", 2;
    access_3sfca_hospital_scenario_3: Stage::ThreeStep, "3SFCA", 3;
}

#[test]
fn access_3sfca_normalises_over_all_destinations_not_the_catchment() {
    // Dropping the out-of-catchment pairs (cost 80 > 61) before computing G changes the answer,
    // so the reference can only be met by summing over every destination.
    let (pop, doc, costs, max_cost) = hospital(0);
    let inside = CostMatrix::from_triplets(
        3,
        3,
        (0..3).flat_map(|i| {
            costs
                .row(i)
                .filter(|&(_, c)| c <= max_cost)
                .map(move |(j, c)| (i, j, c))
                .collect::<Vec<_>>()
        }),
    )
    .unwrap();
    let w = Weight::Gravity {
        scale: 1.0,
        alpha: -1.0,
        min_dist: 0.0,
    };
    let wrong = accessibility(Stage::ThreeStep, &w, &pop, &doc, &inside, max_cost);
    let want = hospital_expected(0, "3SFCA");
    assert!((wrong[0].unwrap() - want[0]).abs() > 1e-6, "{wrong:?}");
}

#[test]
fn access_hospital_orderings_of_the_access_test_suite() {
    // test_hospital_example.py (2SFCA): A1, A2 rise and A3 falls from s0 to s1 and to s3; the
    // reverse from s0 to s2. (3SFCA's A1 does not fall from s0 to s2 in the reference values.)
    {
        let stage = Stage::TwoStep;
        let w = Weight::Gravity {
            scale: 1.0,
            alpha: -1.0,
            min_dist: 0.0,
        };
        let run = |s: usize| {
            let (pop, doc, c, m) = hospital(s);
            accessibility(stage, &w, &pop, &doc, &c, m)
                .into_iter()
                .map(Option::unwrap)
                .collect::<Vec<_>>()
        };
        let (a0, a1, a2, a3) = (run(0), run(1), run(2), run(3));
        for a in [&a1, &a3] {
            assert!(a[0] > a0[0] && a[1] > a0[1] && a[2] < a0[2]);
        }
        assert!(a2[0] < a0[0] && a2[1] < a0[1] && a2[2] > a0[2]);
    }
}

/// The 5×5 unit grid of access's tests: id = 5x + y + 1.
fn grid() -> Vec<[f64; 2]> {
    (0..25).map(|k| [(k / 5) as f64, (k % 5) as f64]).collect()
}

#[test]
fn access_gravity_potential_grid5_matches_weighted_catchment() {
    let pts = grid();
    let costs = CostMatrix::within(&pts, &pts, Metric::Euclidean, f64::INFINITY);
    let w = Weight::Gravity {
        scale: 60.0,
        alpha: 1.0,
        min_dist: 0.0,
    };
    let got = accessibility(
        Stage::Potential,
        &w,
        &[1.0; 25],
        &[1.0; 25],
        &costs,
        f64::INFINITY,
    );
    let text = data("grid5_expected.tsv");
    let mut n = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id"))
    {
        let (id, v) = line.split_once('\t').unwrap();
        let (id, v): (usize, f64) = (id.parse().unwrap(), v.parse().unwrap());
        let g = got[id - 1].unwrap();
        assert!((g - v).abs() < 1e-9, "id {id}: {g} vs {v}");
        n += 1;
    }
    assert_eq!(n, 5);
}

/// Demand at five grid points (ids 1, 5, 13, 19, 24), supply 1 at all 25 points.
fn grid_fca(stage: Stage, weight: &Weight, max_cost: f64) -> Vec<Option<f64>> {
    let pts = grid();
    let demand_pts: Vec<[f64; 2]> = [1, 5, 13, 19, 24].iter().map(|&id| pts[id - 1]).collect();
    let costs = CostMatrix::within(&demand_pts, &pts, Metric::Euclidean, f64::INFINITY);
    accessibility(stage, weight, &[1.0; 5], &[1.0; 25], &costs, max_cost)
}

#[test]
fn access_grid5_floating_catchments_match_the_access_test_suite() {
    // test_floating_catchment_area.py: no cutoff → 25/5 = 5; cutoff 0.9 → 1; cutoff −1 → NaN.
    let cases = [
        (Stage::TwoStep, Weight::Binary),
        (Stage::TwoStep, Weight::e2sfca_default()),
        (Stage::ThreeStep, Weight::Binary),
    ];
    for (stage, w) in &cases {
        for (max_cost, want) in [(f64::INFINITY, Some(5.0)), (0.9, Some(1.0)), (-1.0, None)] {
            for a in grid_fca(*stage, w, max_cost) {
                match (a, want) {
                    (Some(a), Some(v)) => assert!((a - v).abs() < 1e-9, "{stage:?} {w:?}"),
                    (a, v) => assert_eq!(a, v),
                }
            }
        }
    }
}

#[test]
fn access_g2sfca_grid5_conserves_supply_and_is_exact_at_zero_cost() {
    // Any 2SFCA weighting conserves supply: Σᵢ Pᵢ Aᵢ = Σⱼ Sⱼ over sites reached (here all 25);
    // with cutoff 0.9 each demand point sees only its own site at cost 0, W(0) = 1 → A = 1.
    let w = Weight::Gaussian { sigma: 2.0 };
    let a = grid_fca(Stage::TwoStep, &w, f64::INFINITY);
    let total: f64 = a.iter().map(|v| v.unwrap()).sum();
    assert!((total - 25.0).abs() < 1e-9, "{total}");
    assert!(a.iter().any(|v| (v.unwrap() - 5.0).abs() > 0.1));
    for v in grid_fca(Stage::TwoStep, &w, 0.9) {
        assert!((v.unwrap() - 1.0).abs() < 1e-12);
    }
    // The E2SFCA steps bite once the grid is scaled past the first threshold: ×10 puts every
    // distance ≥ 10 beyond weight 1, and supply is still conserved.
    let pts: Vec<[f64; 2]> = grid().iter().map(|p| [p[0] * 10.0, p[1] * 10.0]).collect();
    let costs = CostMatrix::within(&pts, &pts, Metric::Euclidean, f64::INFINITY);
    let a = accessibility(
        Stage::TwoStep,
        &Weight::e2sfca_default(),
        &[1.0; 25],
        &[1.0; 25],
        &costs,
        f64::INFINITY,
    );
    let total: f64 = a.iter().map(|v| v.unwrap()).sum();
    assert!((total - 25.0).abs() < 1e-9, "{total}");
}

#[test]
fn access_copied_reference_files_equal_the_shared_benchmarks() {
    // (file, bytes, FNV-1a of the shared original in benchmarks/access_cases/)
    common::check_copies(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/access_cases"),
        &["access_cases"; 3],
        &[
            ("access_reference_values.json", 3403, 0x857f_d916_d1ad_6b26),
            ("grid5_expected.tsv", 695, 0x0713_b923_44ec_8988),
            ("hospital_example_expected.tsv", 1311, 0x26d5_44b1_7c56_999a),
        ],
    );
}
