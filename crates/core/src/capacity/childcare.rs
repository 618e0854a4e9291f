use serde::{Deserialize, Serialize};

use crate::standards::{self as ids, Catalogue};
use crate::{ChildcareInputs, FacilityKind, ServiceMode};

/// A limit on the number of 托位 a childcare place can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ChildcareConstraint {
    /// Σ classes × maximum class size (班额).
    ClassPlaces,
    /// Children the 保育人员 can look after at the required ratios.
    Caregivers,
    /// 核定/备案托位.
    RegisteredSlots,
    /// 家庭托育点: at most 5 children.
    FamilyCap,
}

/// One constraint and the slots it allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ConstraintValue {
    pub constraint: ChildcareConstraint,
    pub slots: u32,
}

/// 托位 capacity of one childcare place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChildcareCapacity {
    /// Effective slots: the minimum over the constraints that apply.
    pub slots: u32,
    /// The constraint that gives the minimum (the first in listing order on a tie).
    pub binding: ChildcareConstraint,
    pub constraints: Vec<ConstraintValue>,
    /// Full-time-equivalent slots (slots × the service mode's factor).
    pub fte_slots: f64,
}

/// One class type: how many classes, how many children fit in one, children per caregiver.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ClassBand {
    classes: u32,
    max_size: u32,
    ratio: u32,
}

impl ClassBand {
    /// Children the band's classes hold; u32 × u32 always fits in u64.
    fn places(&self) -> u64 {
        self.classes as u64 * self.max_size as u64
    }
}

fn norm_u32(c: &Catalogue, id: &str) -> u32 {
    c.value(id).round().max(0.0) as u32
}

/// A count of children as the u32 the capacity reports: values beyond u32 (only reachable with
/// absurd inputs, which the import limits refuse) saturate instead of wrapping, which keeps
/// every comparison and the minimum over constraints right.
fn saturate(x: u128) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// Children the caregivers can look after: each band needs `ceil(children / ratio)` caregivers
/// (F5), so choose how many caregivers go to each band to serve the most children. One more
/// caregiver in a band serves `ratio` more children until the last, partial group, which serves
/// the remainder, and nothing after: the gains never increase, so the allocation problem is a
/// sum of concave functions and taking the largest gains first is optimal. Computed per kind of
/// gain, not per caregiver, so any count (u32::MAX included) costs a handful of operations.
fn caregiver_limited(bands: &[ClassBand], caregivers: u32) -> u32 {
    // (children one caregiver adds, how many caregivers add that much)
    let mut gains: Vec<(u64, u64)> = Vec::with_capacity(2 * bands.len());
    for band in bands {
        let places = band.places();
        if places == 0 || band.ratio == 0 {
            continue;
        }
        let ratio = band.ratio as u64;
        gains.push((ratio, places / ratio));
        if places % ratio > 0 {
            gains.push((places % ratio, 1));
        }
    }
    gains.sort_by_key(|g| std::cmp::Reverse(g.0));
    let mut left = caregivers as u64;
    let mut served: u128 = 0;
    for (gain, n) in gains {
        let used = n.min(left);
        served += gain as u128 * used as u128;
        left -= used;
        if left == 0 {
            break;
        }
    }
    saturate(served)
}

/// Capacity of a childcare place of `kind` from its inputs and the norms in force.
pub fn childcare_capacity(
    kind: FacilityKind,
    inputs: &ChildcareInputs,
    norms: &Catalogue,
) -> ChildcareCapacity {
    let family = kind == FacilityKind::FamilyChildcare;
    let bands: Vec<ClassBand> = if family {
        // A 家庭托育点 has no class types; its children are one mixed group at 1:3.
        let cap = norm_u32(norms, ids::FAMILY_MAX_CHILDREN);
        vec![ClassBand {
            classes: 1,
            max_size: cap,
            ratio: norm_u32(norms, ids::FAMILY_RATIO),
        }]
    } else {
        vec![
            ClassBand {
                classes: inputs.infant_classes,
                max_size: norm_u32(norms, ids::CHILDCARE_CLASS_MAX_INFANT),
                ratio: norm_u32(norms, ids::CHILDCARE_RATIO_INFANT),
            },
            ClassBand {
                classes: inputs.toddler_small_classes,
                max_size: norm_u32(norms, ids::CHILDCARE_CLASS_MAX_SMALL),
                ratio: norm_u32(norms, ids::CHILDCARE_RATIO_SMALL),
            },
            ClassBand {
                classes: inputs.toddler_large_classes,
                max_size: norm_u32(norms, ids::CHILDCARE_CLASS_MAX_LARGE),
                ratio: norm_u32(norms, ids::CHILDCARE_RATIO_LARGE),
            },
            ClassBand {
                classes: inputs.mixed_classes,
                max_size: norm_u32(norms, ids::CHILDCARE_CLASS_MAX_MIXED),
                ratio: norm_u32(norms, ids::CHILDCARE_RATIO_MIXED),
            },
            ClassBand {
                classes: inputs.nursery_classes,
                max_size: norm_u32(norms, ids::CHILDCARE_CLASS_MAX_NURSERY),
                ratio: norm_u32(norms, ids::CHILDCARE_RATIO_NURSERY),
            },
        ]
    };

    let mut constraints = Vec::new();
    if family {
        constraints.push(ConstraintValue {
            constraint: ChildcareConstraint::FamilyCap,
            slots: norm_u32(norms, ids::FAMILY_MAX_CHILDREN),
        });
    } else {
        constraints.push(ConstraintValue {
            constraint: ChildcareConstraint::ClassPlaces,
            slots: saturate(bands.iter().map(|b| b.places() as u128).sum()),
        });
    }
    constraints.push(ConstraintValue {
        constraint: ChildcareConstraint::Caregivers,
        slots: caregiver_limited(&bands, inputs.caregivers),
    });
    if let Some(registered) = inputs.registered_slots {
        constraints.push(ConstraintValue {
            constraint: ChildcareConstraint::RegisteredSlots,
            slots: registered,
        });
    }
    let binding = constraints
        .iter()
        .min_by_key(|c| c.slots)
        .expect("at least two constraints")
        .clone();
    let factor = norms.value(match inputs.service_mode.unwrap_or(ServiceMode::FullDay) {
        ServiceMode::FullDay => ids::FTE_FULL_DAY,
        ServiceMode::HalfDay => ids::FTE_HALF_DAY,
        ServiceMode::Hourly => ids::FTE_HOURLY,
        ServiceMode::Temporary => ids::FTE_TEMPORARY,
    });
    ChildcareCapacity {
        slots: binding.slots,
        binding: binding.constraint,
        fte_slots: binding.slots as f64 * factor,
        constraints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn inputs(classes: [u32; 5], caregivers: u32, registered: Option<u32>) -> ChildcareInputs {
        ChildcareInputs {
            service_mode: Some(ServiceMode::FullDay),
            registered_slots: registered,
            infant_classes: classes[0],
            toddler_small_classes: classes[1],
            toddler_large_classes: classes[2],
            mixed_classes: classes[3],
            nursery_classes: classes[4],
            caregivers,
        }
    }

    #[test]
    fn classes_bind_when_staff_and_registration_suffice() {
        // 1 乳儿班 (10) + 2 托小班 (30) + 2 托大班 (40) = 80 places.
        // Caregivers needed: ceil(10/3)=4 + ceil(30/5)=6 + ceil(40/7)=6 = 16; we have 20.
        let cap = childcare_capacity(
            FacilityKind::ChildcareInstitution,
            &inputs([1, 2, 2, 0, 0], 20, Some(100)),
            &Catalogue::national(),
        );
        assert_eq!(cap.slots, 80);
        assert_eq!(cap.binding, ChildcareConstraint::ClassPlaces);
        assert_eq!(cap.constraints[1].slots, 80);
    }

    #[test]
    fn caregivers_bind_and_are_placed_where_they_serve_most() {
        // Same 80 places, only 8 caregivers. Best use by hand: 6 in 托大班 serve
        // min(42, 40) = 40; the remaining 2 in 托小班 serve 10. Total 50.
        let cap = childcare_capacity(
            FacilityKind::ChildcareInstitution,
            &inputs([1, 2, 2, 0, 0], 8, None),
            &Catalogue::national(),
        );
        assert_eq!(cap.slots, 50);
        assert_eq!(cap.binding, ChildcareConstraint::Caregivers);
    }

    #[test]
    fn ceiling_makes_filling_by_ratio_wrong() {
        // 托大班 1 class (20, ratio 7) and 托小班 1 class (15, ratio 5), 4 caregivers.
        // Greedy by ratio: 3 to 托大班 (20) + 1 to 托小班 (5) = 25.
        // Alternatives: 2+2 -> 14+10 = 24; 1+3 -> 7+15 = 22. So 25 is the optimum.
        assert_eq!(
            caregiver_limited(
                &[
                    ClassBand {
                        classes: 1,
                        max_size: 20,
                        ratio: 7
                    },
                    ClassBand {
                        classes: 1,
                        max_size: 15,
                        ratio: 5
                    },
                ],
                4
            ),
            25
        );
        // 2 caregivers, 托大班 places 8 (ratio 7) and 托小班 places 5 (ratio 5):
        // greedy-by-ratio puts 2 in 托大班 (8), but 1+1 serves 7+5 = 12.
        assert_eq!(
            caregiver_limited(
                &[
                    ClassBand {
                        classes: 1,
                        max_size: 8,
                        ratio: 7
                    },
                    ClassBand {
                        classes: 1,
                        max_size: 5,
                        ratio: 5
                    },
                ],
                2
            ),
            12
        );
    }

    #[test]
    fn registration_binds_and_fte_follows_the_service_mode() {
        let mut i = inputs([0, 0, 0, 0, 2], 10, Some(30));
        i.service_mode = Some(ServiceMode::HalfDay);
        let cap = childcare_capacity(
            FacilityKind::KindergartenNurseryClass,
            &i,
            &Catalogue::national(),
        );
        // 2 托班 × 20 = 40 places; 10 staff × 7 = 70 ≥ 40; registered 30 binds.
        assert_eq!(cap.slots, 30);
        assert_eq!(cap.binding, ChildcareConstraint::RegisteredSlots);
        assert_eq!(cap.fte_slots, 15.0);
    }

    #[test]
    fn family_point_is_capped_at_five_with_one_carer_per_three() {
        let norms = Catalogue::national();
        let one = childcare_capacity(
            FacilityKind::FamilyChildcare,
            &inputs([0, 0, 0, 1, 0], 1, Some(5)),
            &norms,
        );
        assert_eq!(one.slots, 3);
        assert_eq!(one.binding, ChildcareConstraint::Caregivers);
        let two = childcare_capacity(
            FacilityKind::FamilyChildcare,
            &inputs([0, 0, 0, 1, 0], 2, None),
            &norms,
        );
        assert_eq!(two.slots, 5);
        assert_eq!(two.binding, ChildcareConstraint::FamilyCap);
    }

    /// The previous method, kept as an independent check: dynamic programming over caregivers,
    /// trying every number of caregivers in every band (only for small inputs).
    fn caregiver_limited_dp(bands: &[ClassBand], caregivers: u32) -> u32 {
        let c = caregivers as usize;
        let mut best = vec![0u32; c + 1];
        for band in bands {
            let places = band.classes * band.max_size;
            if places == 0 || band.ratio == 0 {
                continue;
            }
            let useful = places.div_ceil(band.ratio) as usize;
            let mut next = best.clone();
            for (k, slot) in next.iter_mut().enumerate() {
                for used in 1..=useful.min(k) {
                    let served = (used as u32 * band.ratio).min(places);
                    *slot = (*slot).max(best[k - used] + served);
                }
            }
            best = next;
        }
        best[c]
    }

    fn any_u32() -> impl Strategy<Value = u32> {
        prop_oneof![
            Just(0u32),
            Just(1u32),
            Just(u32::MAX),
            Just(u32::MAX - 1),
            Just(1u32 << 31),
            Just(500_000_000u32),
            any::<u32>(),
        ]
    }

    #[test]
    fn absurd_inputs_saturate_instead_of_overflowing() {
        // 500,000,000 乳儿班 × 10 = 5e9 places, beyond u32: the slots saturate at u32::MAX,
        // the caregivers (1 per 3 infants) bind first at 3 × 1,000,000 = 3,000,000.
        let norms = Catalogue::national();
        let mut i = inputs([500_000_000, 0, 0, 0, 0], 1_000_000, None);
        let cap = childcare_capacity(FacilityKind::ChildcareInstitution, &i, &norms);
        assert_eq!(cap.constraints[0].slots, u32::MAX);
        assert_eq!(
            (cap.slots, cap.binding),
            (3_000_000, ChildcareConstraint::Caregivers)
        );
        i.caregivers = u32::MAX;
        let cap = childcare_capacity(FacilityKind::ChildcareInstitution, &i, &norms);
        assert_eq!(cap.slots, u32::MAX);
        assert_eq!(cap.fte_slots, u32::MAX as f64);
        let all = inputs([u32::MAX; 5], u32::MAX, Some(u32::MAX));
        let cap = childcare_capacity(FacilityKind::ChildcareInstitution, &all, &norms);
        assert_eq!(cap.slots, u32::MAX);
    }

    proptest! {
        #[test]
        fn the_greedy_allocation_equals_the_exhaustive_one(
            bands in proptest::collection::vec((0u32..4, 1u32..25, 0u32..9), 1..6),
            caregivers in 0u32..40,
        ) {
            let bands: Vec<ClassBand> = bands
                .into_iter()
                .map(|(classes, max_size, ratio)| ClassBand { classes, max_size, ratio })
                .collect();
            prop_assert_eq!(
                caregiver_limited(&bands, caregivers),
                caregiver_limited_dp(&bands, caregivers)
            );
        }

        #[test]
        fn extreme_inputs_never_panic_and_stay_monotone(
            classes in proptest::array::uniform5(any_u32()),
            caregivers in any_u32(),
            registered in proptest::option::of(any_u32()),
            extra_band in 0usize..5,
            family in any::<bool>(),
        ) {
            let norms = Catalogue::national();
            let kind = if family {
                FacilityKind::FamilyChildcare
            } else {
                FacilityKind::ChildcareInstitution
            };
            let base = childcare_capacity(kind, &inputs(classes, caregivers, registered), &norms);
            // The effective slots are the least of the constraints, each within u32.
            prop_assert_eq!(base.slots, base.constraints.iter().map(|c| c.slots).min().unwrap());
            let more_staff = childcare_capacity(
                kind,
                &inputs(classes, caregivers.saturating_add(1), registered),
                &norms,
            );
            let mut bigger = classes;
            bigger[extra_band] = bigger[extra_band].saturating_add(1);
            let more_rooms = childcare_capacity(kind, &inputs(bigger, caregivers, registered), &norms);
            prop_assert!(more_staff.slots >= base.slots);
            prop_assert!(more_rooms.slots >= base.slots);
            // Enough caregivers for every place: the caregivers never bind below the places.
            if !family {
                let all = childcare_capacity(kind, &inputs(classes, u32::MAX, None), &norms);
                prop_assert_eq!(all.slots, all.constraints[0].slots);
            }
        }
    }

    proptest! {
        #[test]
        fn more_staff_or_classes_never_lower_capacity(
            classes in proptest::array::uniform5(0u32..4),
            caregivers in 0u32..30,
            extra_band in 0usize..5,
        ) {
            let norms = Catalogue::national();
            let base = childcare_capacity(FacilityKind::ChildcareInstitution, &inputs(classes, caregivers, None), &norms);
            let more_staff = childcare_capacity(FacilityKind::ChildcareInstitution, &inputs(classes, caregivers + 1, None), &norms);
            let mut bigger = classes;
            bigger[extra_band] += 1;
            let more_rooms = childcare_capacity(FacilityKind::ChildcareInstitution, &inputs(bigger, caregivers, None), &norms);
            prop_assert!(more_staff.slots >= base.slots);
            prop_assert!(more_rooms.slots >= base.slots);
        }
    }
}
