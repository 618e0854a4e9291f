use serde::{Deserialize, Serialize};

use crate::standards::{self as ids, Catalogue};
use crate::ElderlyInputs;

/// Bed capacity of an elderly-care facility and its room checks (JGJ 450-2018).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ElderlyCapacity {
    pub beds: u32,
    pub nursing_beds: u32,
    /// 护理型床位占比 of this facility; `None` without beds.
    pub nursing_bed_share: Option<f64>,
    /// Usable bedroom area per bed ≥ 6 m²; `None` when room data are missing.
    pub room_area_ok: Option<bool>,
    /// No nursing room with more than 6 beds; `None` when room data are missing.
    pub beds_per_room_ok: Option<bool>,
}

pub fn elderly_capacity(inputs: &ElderlyInputs, norms: &Catalogue) -> ElderlyCapacity {
    let nursing = inputs.nursing_beds.min(inputs.beds);
    ElderlyCapacity {
        beds: inputs.beds,
        nursing_beds: nursing,
        nursing_bed_share: (inputs.beds > 0).then(|| nursing as f64 / inputs.beds as f64),
        room_area_ok: inputs
            .room_usable_area_m2
            .map(|area| area >= norms.value(ids::ROOM_AREA_PER_BED) * inputs.beds as f64),
        beds_per_room_ok: inputs
            .max_beds_per_room
            .map(|m| m as f64 <= norms.value(ids::MAX_BEDS_PER_NURSING_ROOM)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_and_room_checks_by_hand() {
        let norms = Catalogue::national();
        let cap = elderly_capacity(
            &ElderlyInputs {
                beds: 200,
                nursing_beds: 130,
                nursing_rooms: Some(40),
                max_beds_per_room: Some(7),
                room_usable_area_m2: Some(1_199.0),
            },
            &norms,
        );
        assert_eq!(cap.nursing_bed_share, Some(0.65));
        // 200 beds × 6 m² = 1 200 m² needed; 1 199 is short by one.
        assert_eq!(cap.room_area_ok, Some(false));
        assert_eq!(cap.beds_per_room_ok, Some(false));
        let none = elderly_capacity(&ElderlyInputs::default(), &norms);
        assert_eq!(none.nursing_bed_share, None);
        assert_eq!(none.room_area_ok, None);
    }

    proptest::proptest! {
        #[test]
        fn extreme_bed_counts_give_a_share_in_0_1_and_the_room_checks_by_hand(
            beds in proptest::prop_oneof![proptest::prelude::Just(u32::MAX), proptest::prelude::any::<u32>()],
            nursing in proptest::prelude::any::<u32>(),
            area in proptest::prelude::any::<f64>(),
            per_room in proptest::prelude::any::<u32>(),
        ) {
            let norms = Catalogue::national();
            let cap = elderly_capacity(
                &ElderlyInputs {
                    beds,
                    nursing_beds: nursing,
                    nursing_rooms: None,
                    max_beds_per_room: Some(per_room),
                    room_usable_area_m2: Some(area),
                },
                &norms,
            );
            let share = cap.nursing_bed_share.unwrap_or(0.0);
            proptest::prop_assert!((0.0..=1.0).contains(&share));
            proptest::prop_assert_eq!(cap.nursing_beds, nursing.min(beds));
            // 6 m² per bed (JGJ 450-2018) and at most 6 beds in a nursing room, by hand.
            proptest::prop_assert_eq!(cap.room_area_ok, Some(area >= 6.0 * beds as f64));
            proptest::prop_assert_eq!(cap.beds_per_room_ok, Some(per_room <= 6));
        }
    }
}
