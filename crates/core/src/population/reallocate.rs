use crate::{AgeSexBands, BAND_COUNT};

use super::rescale_age_sex;

/// What setting some townships' 常住人口 does to the county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reallocation {
    /// The new bands of each township set, in the order given; each sums exactly to its total.
    pub zones: Vec<AgeSexBands>,
    /// 未分配 after the change.
    pub unallocated: AgeSexBands,
    /// Persons added to the county because the townships now hold more than it had.
    pub growth: AgeSexBands,
}

fn set_cell(p: &mut AgeSexBands, i: usize, v: u64) {
    if i < BAND_COUNT {
        p.male[i] = v;
    } else {
        p.female[i - BAND_COUNT] = v;
    }
}

fn cell(p: &AgeSexBands, i: usize) -> u64 {
    if i < BAND_COUNT {
        p.male[i]
    } else {
        p.female[i - BAND_COUNT]
    }
}

/// 重新分配 — sets the totals of some townships while the county keeps its population: what a
/// township gives up goes to the 未分配 remainder, what it gains comes from there, and only
/// townships holding more than the county had make the county grow. A partial township file
/// therefore never shrinks the county.
///
/// A township that holds people keeps its age/sex structure at the new total; one that holds
/// nobody yet (待导入) takes the structure of the remainder it is drawn from, so that the
/// remainder is shared out without going negative in any cell. `county_shape` structures
/// growth and zones when there is nothing else to go by. Every zone sums exactly to its total.
pub fn set_zone_totals(
    current: &[AgeSexBands],
    unallocated: &AgeSexBands,
    totals: &[u64],
    county_shape: &AgeSexBands,
) -> Reallocation {
    assert_eq!(current.len(), totals.len(), "one total per township");
    let mut pool = unallocated.clone();
    let mut growth = AgeSexBands::default();
    let mut zones = Vec::with_capacity(totals.len());
    for (now, &total) in current.iter().zip(totals) {
        let desired = if now.total() > 0 {
            pool.add(now);
            rescale_age_sex(now, total, county_shape)
        } else if total <= pool.total() {
            // Drawn from the remainder in its own proportions: no cell can exceed the pool's.
            rescale_age_sex(&pool, total, county_shape)
        } else {
            let mut d = pool.clone();
            d.add(&rescale_age_sex(
                county_shape,
                total - pool.total(),
                county_shape,
            ));
            d
        };
        let mut taken = AgeSexBands::default();
        for i in 0..2 * BAND_COUNT {
            let (want, have) = (cell(&desired, i), cell(&pool, i));
            if want <= have {
                set_cell(&mut pool, i, have - want);
            } else {
                set_cell(&mut pool, i, 0);
                set_cell(&mut taken, i, want - have);
            }
        }
        growth.add(&taken);
        zones.push(desired);
    }
    Reallocation {
        zones,
        unallocated: pool,
        growth,
    }
}

/// The cell-wise difference `a − b`, or `None` if any cell of `b` exceeds `a`'s.
pub fn checked_sub(a: &AgeSexBands, b: &AgeSexBands) -> Option<AgeSexBands> {
    let mut out = a.clone();
    for i in 0..2 * BAND_COUNT {
        set_cell(&mut out, i, cell(a, i).checked_sub(cell(b, i))?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bands(male: &[(usize, u64)], female: &[(usize, u64)]) -> AgeSexBands {
        let mut p = AgeSexBands::default();
        for &(b, n) in male {
            p.male[b] = n;
        }
        for &(b, n) in female {
            p.female[b] = n;
        }
        p
    }

    #[test]
    fn a_pending_township_draws_from_the_remainder_by_hand() {
        // Remainder: 60 boys aged 0 and 40 women aged 85+. A pending township of 50 takes half
        // of each; the county keeps its 100.
        let u = bands(&[(0, 60)], &[(18, 40)]);
        let r = set_zone_totals(&[AgeSexBands::default()], &u, &[50], &u);
        assert_eq!(r.zones[0], bands(&[(0, 30)], &[(18, 20)]));
        assert_eq!(r.unallocated, bands(&[(0, 30)], &[(18, 20)]));
        assert_eq!(r.growth.total(), 0);
    }

    #[test]
    fn a_smaller_figure_moves_people_to_the_remainder_not_out_of_the_county() {
        // A township of 10 men aged 60–64 set to 4: 6 go to 未分配.
        let t = bands(&[(13, 10)], &[]);
        let r = set_zone_totals(std::slice::from_ref(&t), &AgeSexBands::default(), &[4], &t);
        assert_eq!(r.zones[0], bands(&[(13, 4)], &[]));
        assert_eq!(r.unallocated, bands(&[(13, 6)], &[]));
        assert_eq!(r.growth.total(), 0);
    }

    #[test]
    fn more_than_the_county_holds_grows_it() {
        // Nothing unallocated; a township of 10 raised to 15 adds 5 to the county.
        let t = bands(&[(5, 10)], &[]);
        let r = set_zone_totals(std::slice::from_ref(&t), &AgeSexBands::default(), &[15], &t);
        assert_eq!(r.zones[0], bands(&[(5, 15)], &[]));
        assert_eq!(r.unallocated.total(), 0);
        assert_eq!(r.growth, bands(&[(5, 5)], &[]));
        // A pending township asking for more than the remainder takes it all and the rest
        // comes with the county's shape.
        let u = bands(&[(0, 3)], &[]);
        let shape = bands(&[], &[(10, 1)]);
        let r = set_zone_totals(&[AgeSexBands::default()], &u, &[5], &shape);
        assert_eq!(r.zones[0], bands(&[(0, 3)], &[(10, 2)]));
        assert_eq!(r.growth, bands(&[], &[(10, 2)]));
    }

    proptest! {
        #[test]
        fn every_person_is_accounted_for(
            rem in proptest::collection::vec(0u64..500, 38),
            zones in proptest::collection::vec((proptest::collection::vec(0u64..300, 38), 0u64..5000), 1..5),
        ) {
            let to_bands = |v: &[u64]| {
                let mut p = AgeSexBands::default();
                p.male.copy_from_slice(&v[..19]);
                p.female.copy_from_slice(&v[19..]);
                p
            };
            let u = to_bands(&rem);
            let current: Vec<AgeSexBands> = zones.iter().map(|(c, _)| to_bands(c)).collect();
            let totals: Vec<u64> = zones.iter().map(|(_, t)| *t).collect();
            let shape = bands(&[(7, 1)], &[(8, 1)]);
            let r = set_zone_totals(&current, &u, &totals, &shape);
            // Each zone has exactly its total.
            for (z, t) in r.zones.iter().zip(&totals) {
                prop_assert_eq!(z.total(), *t);
            }
            // Before + growth = after, cell by cell.
            let mut before = u.clone();
            for c in &current { before.add(c); }
            before.add(&r.growth);
            let mut after = r.unallocated.clone();
            for z in &r.zones { after.add(z); }
            prop_assert_eq!(before, after);
            // Growth only when the townships ask for more than the county held.
            let held: u64 = u.total() + current.iter().map(|c| c.total()).sum::<u64>();
            if totals.iter().sum::<u64>() <= held && current.iter().all(|c| c.total() == 0) {
                prop_assert_eq!(r.growth.total(), 0);
            }
        }
    }
}
