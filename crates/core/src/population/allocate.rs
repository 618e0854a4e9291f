use crate::{AgeSexBands, BAND_COUNT};

/// Splits `total` persons over parts in proportion to `weights`, rounding by largest remainder
/// (Hamilton's method) so the parts sum exactly to `total`. Ties go to the earlier part, which
/// keeps the result deterministic. All-zero weights put nothing anywhere but the first part.
pub fn allocate_largest_remainder(total: u64, weights: &[f64]) -> Vec<u64> {
    assert!(!weights.is_empty(), "at least one part");
    assert!(
        weights.iter().all(|w| w.is_finite() && *w >= 0.0),
        "weights must be finite and non-negative"
    );
    let sum: f64 = weights.iter().sum();
    if sum == 0.0 {
        let mut out = vec![0; weights.len()];
        out[0] = total;
        return out;
    }
    let quotas: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut out: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = quotas[a] - quotas[a].floor();
        let rb = quotas[b] - quotas[b].floor();
        rb.partial_cmp(&ra).unwrap().then(a.cmp(&b))
    });
    for &i in order.iter().take((total - given) as usize) {
        out[i] += 1;
    }
    out
}

/// Splits every age/sex cell of a county table over parts by the same weights. Each cell sums
/// exactly to the county cell, so the parts' totals sum to the county total.
pub fn split_age_sex(county: &AgeSexBands, weights: &[f64]) -> Vec<AgeSexBands> {
    let mut parts = vec![AgeSexBands::default(); weights.len()];
    for band in 0..BAND_COUNT {
        let male = allocate_largest_remainder(county.male[band], weights);
        let female = allocate_largest_remainder(county.female[band], weights);
        for (i, part) in parts.iter_mut().enumerate() {
            part.male[band] = male[i];
            part.female[band] = female[i];
        }
    }
    parts
}

/// The same age/sex structure at a new total: every cell scaled by largest remainder, so the
/// cells sum exactly to `total`. An empty table takes the structure of `fallback`.
pub fn rescale_age_sex(p: &AgeSexBands, total: u64, fallback: &AgeSexBands) -> AgeSexBands {
    let shape = if p.total() > 0 { p } else { fallback };
    let weights: Vec<f64> = shape
        .male
        .iter()
        .chain(shape.female.iter())
        .map(|&x| x as f64)
        .collect();
    let cells = allocate_largest_remainder(total, &weights);
    let mut out = AgeSexBands::default();
    out.male.copy_from_slice(&cells[..BAND_COUNT]);
    out.female.copy_from_slice(&cells[BAND_COUNT..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hamilton_by_hand() {
        // Quotas 3.33, 3.33, 3.33 → 3,3,3 and one more to the first (tie → earlier).
        assert_eq!(
            allocate_largest_remainder(10, &[1.0, 1.0, 1.0]),
            vec![4, 3, 3]
        );
        // Quotas 5.7, 2.1, 2.2 → 5,2,2 + 1 to the largest remainder (0.7).
        assert_eq!(
            allocate_largest_remainder(10, &[57.0, 21.0, 22.0]),
            vec![6, 2, 2]
        );
        assert_eq!(allocate_largest_remainder(7, &[0.0, 0.0]), vec![7, 0]);
    }

    #[test]
    fn rescaling_keeps_the_structure_and_hits_the_total() {
        let mut p = AgeSexBands::default();
        p.male[0] = 10;
        p.female[13] = 30;
        let r = rescale_age_sex(&p, 80, &AgeSexBands::default());
        assert_eq!((r.male[0], r.female[13], r.total()), (20, 60, 80));
        let empty = rescale_age_sex(&AgeSexBands::default(), 8, &p);
        assert_eq!((empty.male[0], empty.female[13]), (2, 6));
    }

    proptest! {
        #[test]
        fn parts_always_sum_to_the_total(total in 0u64..1_000_000, weights in proptest::collection::vec(0.0f64..1000.0, 1..12)) {
            let parts = allocate_largest_remainder(total, &weights);
            prop_assert_eq!(parts.iter().sum::<u64>(), total);
            let sum: f64 = weights.iter().sum();
            if sum > 0.0 {
                for (p, w) in parts.iter().zip(weights.iter()) {
                    prop_assert!((*p as f64 - total as f64 * w / sum).abs() < 1.0 + 1e-6);
                }
            }
        }
    }
}
