//! Hand-worked scenario: one township of 10 000 residents, one 托育机构 of 40 托位; the scenario
//! builds a 20-slot 普惠 centre in 2026 and closes the old one in 2027.

use super::*;
use crate::projection::{SingleAges, YearResult};
use crate::standards::Catalogue;
use crate::{
    AgeSexBands, ChildcareInputs, County, CountyDataset, FacilityKind, FacilityStatus, LonLat,
    Ownership, Township,
};

fn childcare(id: &str, large_classes: u32, caregivers: u32, public: bool) -> Facility {
    Facility {
        id: id.into(),
        name: id.into(),
        kind: FacilityKind::ChildcareInstitution,
        township_code: "331125001".into(),
        location: LonLat {
            lon: 119.5,
            lat: 28.1,
        },
        ownership: if public {
            Ownership::Public
        } else {
            Ownership::Private
        },
        inclusive: public,
        status: FacilityStatus::Existing,
        opening_year: None,
        sample: false,
        childcare: Some(ChildcareInputs {
            toddler_large_classes: large_classes,
            caregivers,
            ..Default::default()
        }),
        elderly: None,
        school_sections: vec![],
    }
}

fn dataset() -> CountyDataset {
    let town = Township {
        code: "331125001".into(),
        name: "甲镇".into(),
        kind: "镇".into(),
        area_km2: 10.0,
        centroid: LonLat {
            lon: 119.5,
            lat: 28.1,
        },
        interior: LonLat {
            lon: 119.5,
            lat: 28.1,
        },
        boundary: serde_json::json!(null),
        population: AgeSexBands::default(),
        population_status: crate::PopulationStatus::Estimated,
        boundary_status: crate::BoundaryStatus::None,
        // No boundary: the township's demand stands at its seat.
        seat: Some(LonLat {
            lon: 119.5,
            lat: 28.1,
        }),
        user_defined: false,
    };
    CountyDataset {
        county: County {
            code: "331125".into(),
            name: "测试县".into(),
            province: "浙江省".into(),
            prefecture: "丽水市".into(),
            census_year: 2020,
            sample_facilities: true,
            population_note_zh: String::new(),
            population_note_en: String::new(),
            census_code: None,
            population_source: Default::default(),
            seat: None,
        },
        population: AgeSexBands::default(),
        unallocated: AgeSexBands::default(),
        outline: None,
        places: vec![],
        townships: vec![town],
        // Private, not 普惠: 2 托大班 limited to 40 by class size (6 carers × 7 = 42).
        facilities: vec![childcare("OLD", 2, 6, false)],
    }
}

/// 10 000 residents each year: 300 aged 0–2, 9 700 aged 30.
fn years() -> Vec<YearResult> {
    (2025..=2027)
        .map(|year| {
            let mut p = SingleAges::default();
            for a in 0..=2 {
                p.female[a] = 100.0;
            }
            p.male[30] = 9_700.0;
            YearResult {
                year,
                population: p,
                births: 0.0,
                deaths: 0.0,
                net_migration: 0.0,
            }
        })
        .collect()
}

fn scenario() -> Scenario {
    Scenario {
        version: 0,
        id: "s1".into(),
        name: "新建普惠托育".into(),
        description: String::new(),
        interventions: vec![
            Intervention {
                id: "i2".into(),
                year: 2027,
                action: Action::Close {
                    facility_id: "OLD".into(),
                    merged_into: Some("NEW".into()),
                },
                note: String::new(),
            },
            Intervention {
                id: "i1".into(),
                year: 2026,
                // 1 托大班, 3 carers × 7 = 21 ≥ 20: 20 托位.
                action: Action::Build {
                    facility: childcare("NEW", 1, 3, true),
                },
                note: String::new(),
            },
        ],
        norm_overrides: vec![],
        assumptions: DemandAssumptions::default(),
    }
}

fn outcome() -> ScenarioOutcome {
    let data = dataset();
    let county = years();
    let towns = vec![years()];
    let pop = ProjectedPopulation {
        county: &county,
        townships: &towns,
    };
    evaluate_scenario(&data, &scenario(), &pop, 2025, 2027, &Catalogue::national()).unwrap()
}

#[test]
fn kpis_follow_the_interventions_year_by_year() {
    let o = outcome();
    let slots: Vec<f64> = o
        .years
        .iter()
        .map(|y| y.county.outlook.capacity.childcare_slots)
        .collect();
    assert_eq!(slots, vec![40.0, 60.0, 20.0]);
    let per_1000: Vec<f64> = o
        .years
        .iter()
        .map(|y| y.county.kpis.slots_per_1000.unwrap())
        .collect();
    for (got, want) in per_1000.iter().zip([4.0, 6.0, 2.0]) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    // Need: 300 children × 30% uptake = 90 托位; gap = 90 − capacity.
    let gaps: Vec<f64> = o
        .years
        .iter()
        .map(|y| y.county.outlook.gap.childcare_slots)
        .collect();
    for (got, want) in gaps.iter().zip([50.0, 30.0, 70.0]) {
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }
    // The township sees the same facilities as the county.
    assert_eq!(
        o.years[1].townships[0].outlook.capacity.childcare_slots,
        60.0
    );
    // No boundary: the township is one demand point at its seat, where both centres stand, so every child is
    // within 1 km in every year; nobody is 60+, so elderly coverage has no denominator.
    for y in &o.years {
        let c = y
            .reach
            .iter()
            .find(|r| r.category == crate::FacilityCategory::Childcare)
            .unwrap();
        assert_eq!(c.coverage_share, Some(1.0));
        let e = y
            .reach
            .iter()
            .find(|r| r.category == crate::FacilityCategory::Elderly)
            .unwrap();
        assert_eq!(e.coverage_share, None);
    }
    // 4.5‰ was the 2021–2025 target (not met in 2025 at 4.0‰); 2026 and 2027 have no 每千人口
    // 托位 target in force (the 十五五 indicator is 入托率), so none is kept.
    let targets: Vec<Option<f64>> = o
        .years
        .iter()
        .map(|y| y.county.kpis.slots_per_1000_target)
        .collect();
    assert_eq!(targets, vec![Some(4.5), None, None]);
    assert_eq!(o.targets_met.slots_per_1000, None);
    // The nursing-bed target moves from 55% (2025) to 73% (2026–2030).
    let nursing: Vec<Option<f64>> = o
        .years
        .iter()
        .map(|y| y.county.kpis.nursing_share_target)
        .collect();
    assert_eq!(nursing, vec![Some(0.55), Some(0.73), Some(0.73)]);
}

#[test]
fn costs_by_hand() {
    let o = outcome();
    let y2025 = &o.years[0].cost;
    assert_eq!(y2025.net, 0.0);
    // 2026: 20 new 普惠 托位 × 3.0 万 = 60 万 construction; operating (+20) × 1.5 = 30 万;
    // subsidy 20 × 1.0 = 20 万; net 70 万.
    let y2026 = &o.years[1].cost;
    assert_eq!(y2026.change.added.childcare_slots, 20.0);
    assert!((y2026.construction.childcare - 60.0).abs() < 1e-9);
    assert!((y2026.operating.total - 30.0).abs() < 1e-9);
    assert!((y2026.subsidy - 20.0).abs() < 1e-9);
    assert!((y2026.net - 70.0).abs() < 1e-9);
    // 2027: the 40-slot institution closes: nothing built, operating (20 − 40) × 1.5 = −30 万.
    let y2027 = &o.years[2].cost;
    assert_eq!(y2027.change.removed.childcare_slots, 40.0);
    assert_eq!(y2027.construction.total, 0.0);
    assert!((y2027.operating.total + 30.0).abs() < 1e-9);
    assert!((o.cost_totals.net - 40.0).abs() < 1e-9);
}

#[test]
fn interventions_on_unknown_or_closed_facilities_are_rejected() {
    let data = dataset();
    let mut s = scenario();
    s.interventions.push(Intervention {
        id: "i3".into(),
        year: 2028,
        action: Action::MakeInclusive {
            facility_id: "OLD".into(),
        },
        note: String::new(),
    });
    let e = validate_interventions(&data.facilities, &s.interventions).unwrap_err();
    assert_eq!(
        (e.intervention_id.as_str(), e.reason),
        ("i3", InterventionProblem::AlreadyClosed)
    );

    let mut s = scenario();
    s.interventions[0].action = Action::Close {
        facility_id: "NOPE".into(),
        merged_into: None,
    };
    let e = validate_interventions(&data.facilities, &s.interventions).unwrap_err();
    assert_eq!(e.reason, InterventionProblem::UnknownFacility);

    let mut s = scenario();
    s.interventions[1].action = Action::Build {
        facility: childcare("OLD", 1, 3, true),
    };
    let e = validate_interventions(&data.facilities, &s.interventions).unwrap_err();
    assert_eq!(e.reason, InterventionProblem::DuplicateFacility);
}

#[test]
fn convert_and_make_inclusive_change_the_site() {
    let data = dataset();
    let ivs = vec![
        Intervention {
            id: "a".into(),
            year: 2026,
            action: Action::MakeInclusive {
                facility_id: "OLD".into(),
            },
            note: String::new(),
        },
        Intervention {
            id: "b".into(),
            year: 2027,
            action: Action::Convert {
                facility_id: "OLD".into(),
                kind: FacilityKind::ElderlyInstitution,
                name: Some("改建养老院".into()),
                childcare: None,
                elderly: Some(crate::ElderlyInputs {
                    beds: 50,
                    nursing_beds: 40,
                    ..Default::default()
                }),
                school_sections: vec![],
            },
            note: String::new(),
        },
    ];
    let s2026 = facilities_in_year(&data.facilities, &ivs, 2026).unwrap();
    assert!(s2026[0].facility.inclusive);
    assert_eq!(s2026[0].facility.kind, FacilityKind::ChildcareInstitution);
    let s2027 = facilities_in_year(&data.facilities, &ivs, 2027).unwrap();
    assert_eq!(s2027[0].facility.kind, FacilityKind::ElderlyInstitution);
    assert_eq!(s2027[0].facility.name, "改建养老院");
    // Converting 40 托位 into 50 beds: 50 beds are built (construction), 40 slots removed.
    let n = Catalogue::national();
    let change = capacity_change(
        &measures_by_facility(&s2026, &n),
        &measures_by_facility(&s2027, &n),
    );
    assert_eq!(change.added.beds, 50.0);
    assert_eq!(change.removed.childcare_slots, 40.0);
    assert_eq!(change.added.childcare_slots, 0.0);
}
