//! Census bands → single years of age.
//!
//! **Method.** The bands 0 and 1–4 are pooled into a 0–4 group so that ages 0–84 form seventeen
//! five-year groups; each group is split into single years with the **Sprague (1880) fifth-
//! difference osculatory multipliers** (Shryock & Siegel, *The Methods and Materials of
//! Demography*, table of Sprague multipliers; the same coefficients as DemoTools' `sprague()`):
//! the first two groups use the first and second end panels, groups 10–14 … 70–74 the middle
//! panel (two groups either side), 75–79 and 80–84 the penultimate and last panels, so only
//! closed groups enter and the open 85+ band never does. Then
//!
//! * **age 0** is replaced by the published count, and **ages 1–4** receive the published 1–4
//!   band in proportion to their Sprague estimates (a smooth split of the band);
//! * **85+** is spread over 85..=99 and 100+ in proportion to the person-years of a stationary
//!   population of the base-year model life table of that sex, L(85) … L(99) and T(100)
//!   ([`crate::projection::LifeTable::open_tail_weights`]): survivorship-based, declining
//!   roughly geometrically with the Gompertz force of mortality;
//! * **negative values** (Sprague can undershoot next to sharp changes or tiny counts) are
//!   clipped to zero and the group's positive values rescaled to its total
//!   ("clip-and-rebalance"); a group whose estimates are all ≤ 0 is spread uniformly.
//!
//! **Exactness.** Results are `f64`. Each census band's single years sum to the band total up
//! to floating-point rounding (the residual after rescaling is put on the band's largest cell;
//! relative error ≤ 1e-12, tested). Nothing is rounded to whole persons.
//!
//! **What it can and cannot recover.** Sprague reproduces exactly any single-year distribution
//! that is a polynomial of degree ≤ 3 across the five groups it looks at (tested) and gives smooth
//! single years for smooth populations. It *cannot* recover irregularities inside a band: the
//! 1959–61 famine birth dip (ages 59–61 in 2020) and the 1962–63 rebound (ages 57–58) are
//! smoothed away, and so is age heaping; only the band totals are exact. Year-to-year results
//! such as "persons turning 60 next year" therefore carry that smoothing error, which averages
//! out over a five-year band.

use crate::{AgeSexBands, BAND_COUNT};

use super::{SingleAges, AGES};

/// Number of weights for the open band: ages 85..=99 and the open 100+.
pub const TAIL_LEN: usize = AGES - 85;

/// Sprague first panel: single years of the first group from groups 1–5.
const FIRST: [[f64; 5]; 5] = [
    [0.3616, -0.2768, 0.1488, -0.0336, 0.0],
    [0.2640, -0.0960, 0.0400, -0.0080, 0.0],
    [0.1840, 0.0400, -0.0320, 0.0080, 0.0],
    [0.1200, 0.1360, -0.0720, 0.0160, 0.0],
    [0.0704, 0.1968, -0.0848, 0.0176, 0.0],
];
/// Sprague second panel: second group from groups 1–5.
const SECOND: [[f64; 5]; 5] = [
    [0.0336, 0.2272, -0.0752, 0.0144, 0.0],
    [0.0080, 0.2320, -0.0480, 0.0080, 0.0],
    [-0.0080, 0.2160, -0.0080, 0.0, 0.0],
    [-0.0160, 0.1840, 0.0400, -0.0080, 0.0],
    [-0.0176, 0.1408, 0.0912, -0.0144, 0.0],
];
/// Sprague middle panel: group g from groups g−2 … g+2.
const MIDDLE: [[f64; 5]; 5] = [
    [-0.0128, 0.0848, 0.1504, -0.0240, 0.0016],
    [-0.0016, 0.0144, 0.2224, -0.0416, 0.0064],
    [0.0064, -0.0336, 0.2544, -0.0336, 0.0064],
    [0.0064, -0.0416, 0.2224, 0.0144, -0.0016],
    [0.0016, -0.0240, 0.1504, 0.0848, -0.0128],
];

/// The penultimate and last panels are the second and first panels mirrored (ages reversed,
/// groups reversed).
fn mirrored(panel: &[[f64; 5]; 5]) -> [[f64; 5]; 5] {
    let mut out = [[0.0; 5]; 5];
    for (r, row) in out.iter_mut().enumerate() {
        for (c, v) in row.iter_mut().enumerate() {
            *v = panel[4 - r][4 - c];
        }
    }
    out
}

/// Number of closed five-year groups 0–4 … 80–84.
const GROUPS: usize = 17;

/// Sprague single-year estimates for ages 0..85 from seventeen five-year group totals,
/// before clipping.
pub fn sprague(groups: &[f64; GROUPS]) -> [f64; 85] {
    let penultimate = mirrored(&SECOND);
    let last = mirrored(&FIRST);
    let mut out = [0.0; 85];
    for g in 0..GROUPS {
        let (panel, first_group) = match g {
            0 => (&FIRST, 0),
            1 => (&SECOND, 0),
            15 => (&penultimate, GROUPS - 5),
            16 => (&last, GROUPS - 5),
            _ => (&MIDDLE, g - 2),
        };
        for (r, row) in panel.iter().enumerate() {
            out[5 * g + r] = row
                .iter()
                .enumerate()
                .map(|(c, m)| m * groups[first_group + c])
                .sum();
        }
    }
    out
}

/// Rescales `cells` (estimates, possibly negative) to non-negative values summing to `total`:
/// negatives are clipped to zero, the rest scaled; all-nonpositive estimates become uniform. The
/// rounding residual goes to the largest cell so the sum is exact to the last ulp or two.
fn rebalance(cells: &mut [f64], total: f64) {
    for c in cells.iter_mut() {
        if *c < 0.0 || !c.is_finite() {
            *c = 0.0;
        }
    }
    if total <= 0.0 {
        cells.iter_mut().for_each(|c| *c = 0.0);
        return;
    }
    let sum: f64 = cells.iter().sum();
    if sum > 0.0 {
        let k = total / sum;
        cells.iter_mut().for_each(|c| *c *= k);
    } else {
        let n = cells.len() as f64;
        cells.iter_mut().for_each(|c| *c = total / n);
    }
    let residual = total - cells.iter().sum::<f64>();
    if let Some(big) = cells
        .iter_mut()
        .max_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal))
    {
        *big += residual;
    }
}

/// Splits one sex's census bands into single years 0..=99 and 100+; `tail` weights the open
/// band over 85..=99, 100+ (only the shape matters; see the module docs).
pub fn split_bands(bands: &[u64; BAND_COUNT], tail: &[f64; TAIL_LEN]) -> [f64; AGES] {
    let mut groups = [0.0; GROUPS];
    groups[0] = (bands[0] + bands[1]) as f64;
    for g in 1..GROUPS {
        groups[g] = bands[g + 1] as f64;
    }
    let est = sprague(&groups);
    let mut out = [0.0; AGES];
    out[0] = bands[0] as f64;
    let mut one_to_four = [est[1], est[2], est[3], est[4]];
    rebalance(&mut one_to_four, bands[1] as f64);
    out[1..5].copy_from_slice(&one_to_four);
    for g in 1..GROUPS {
        let mut cells = [0.0; 5];
        cells.copy_from_slice(&est[5 * g..5 * g + 5]);
        rebalance(&mut cells, groups[g]);
        out[5 * g..5 * g + 5].copy_from_slice(&cells);
    }
    let mut top: [f64; TAIL_LEN] = *tail;
    rebalance(&mut top, bands[BAND_COUNT - 1] as f64);
    out[85..].copy_from_slice(&top);
    out
}

/// Splits both sexes; `tails` are the open-band weights `[male, female]`.
pub fn split_population(pop: &AgeSexBands, tails: &[[f64; TAIL_LEN]; 2]) -> SingleAges {
    SingleAges {
        male: split_bands(&pop.male, &tails[0]),
        female: split_bands(&pop.female, &tails[1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CENSUS_BANDS;
    use proptest::prelude::*;

    fn geometric_tail() -> [f64; TAIL_LEN] {
        let mut t = [0.0; TAIL_LEN];
        for (i, v) in t.iter_mut().enumerate() {
            *v = 0.8f64.powi(i as i32);
        }
        t
    }

    fn band_sum(single: &[f64; AGES], band: usize) -> f64 {
        let b = CENSUS_BANDS[band];
        let to = b.to.map(|t| t as usize).unwrap_or(100);
        single[b.from as usize..=to].iter().sum()
    }

    #[test]
    fn panels_preserve_group_totals() {
        // Each panel's column for its own group sums to 1 and the others to 0: this is what
        // makes Sprague preserve the group totals before any clipping.
        let pen = mirrored(&SECOND);
        let last = mirrored(&FIRST);
        for (panel, own) in [
            (&FIRST, 0),
            (&SECOND, 1),
            (&MIDDLE, 2),
            (&pen, 3),
            (&last, 4),
        ] {
            for c in 0..5 {
                let s: f64 = panel.iter().map(|r| r[c]).sum();
                let want = if c == own { 1.0 } else { 0.0 };
                assert!((s - want).abs() < 1e-12, "column {c}: {s}");
            }
        }
    }

    #[test]
    fn a_cubic_age_distribution_is_reproduced_exactly() {
        // Second method: single years from a known cubic with integer coefficients (so every
        // band total is an exact integer), grouped, then split back. Sprague is exact for
        // polynomials of degree ≤ 3; f is increasing and positive on 0..85, so no clipping.
        let f = |x: f64| 100_000.0 + 2_000.0 * x - 60.0 * x * x + x * x * x;
        let single: Vec<f64> = (0..85).map(|x| f(x as f64)).collect();
        let mut bands = [0u64; BAND_COUNT];
        for (i, b) in CENSUS_BANDS.iter().enumerate().take(BAND_COUNT - 1) {
            let to = b.to.unwrap() as usize;
            bands[i] = single[b.from as usize..=to].iter().sum::<f64>() as u64;
        }
        bands[BAND_COUNT - 1] = 1000;
        let out = split_bands(&bands, &geometric_tail());
        for x in 0..85 {
            assert!(
                (out[x] - single[x]).abs() < 1e-6,
                "age {x}: {} vs {}",
                out[x],
                single[x]
            );
        }
    }

    #[test]
    fn open_band_follows_the_tail_and_zero_bands_stay_zero() {
        let mut bands = [0u64; BAND_COUNT];
        bands[18] = 1_000;
        let out = split_bands(&bands, &geometric_tail());
        assert!(out[..85].iter().all(|v| *v == 0.0));
        // 1000 spread as 0.8^i: first cell = 1000 × 0.2 / (1 − 0.8^16).
        let first = 1000.0 * 0.2 / (1.0 - 0.8f64.powi(16));
        assert!((out[85] - first).abs() < 1e-9);
        assert!((out[86] / out[85] - 0.8).abs() < 1e-12);
    }

    #[test]
    fn sharp_spikes_do_not_produce_negatives() {
        let mut bands = [0u64; BAND_COUNT];
        bands[9] = 1_000_000; // 40–44 only
        bands[1] = 3;
        let out = split_bands(&bands, &geometric_tail());
        assert!(out.iter().all(|v| *v >= 0.0));
        assert!((band_sum(&out, 9) - 1_000_000.0).abs() < 1e-6);
        assert!((band_sum(&out, 1) - 3.0).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn split_preserves_every_band_total(
            male in proptest::array::uniform19(0u64..20_000_000),
            zeros in proptest::array::uniform19(proptest::bool::ANY),
        ) {
            let mut bands = male;
            for (b, z) in bands.iter_mut().zip(zeros) {
                if z { *b /= 1000; }
            }
            let out = split_bands(&bands, &geometric_tail());
            for (i, &b) in bands.iter().enumerate() {
                let got = band_sum(&out, i);
                let tol = 1e-12 * (b as f64).max(1.0);
                prop_assert!((got - b as f64).abs() <= tol, "band {}: {} vs {}", i, got, b);
            }
            prop_assert!(out.iter().all(|v| *v >= 0.0 && v.is_finite()));
            prop_assert_eq!(out[0], bands[0] as f64);
        }
    }
}
