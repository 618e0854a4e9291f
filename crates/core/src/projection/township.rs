//! Townships (乡镇/街道) projected consistently with their county.
//!
//! Each township's census bands are split and projected with the county's [`Rates`] (same life
//! tables and fertility schedule) and model births, without migration: township-level births
//! and migration are rarely known. The township results are then **raked** each year by
//! iterative proportional fitting on the township × (sex, single age) matrix:
//!
//! * column margins: the county's projected persons in each (sex, age) cell — enforced last, so
//!   townships sum to the county exactly (to rounding) in every cell and hence in every
//!   indicator;
//! * row margins: each township's own projected total rescaled so the totals add up to the
//!   county's — relative township sizes follow their own projected dynamics.
//!
//! Rows are scaled, then columns, until the row margins agree to 1e-12 (relative) or 1,000
//! iterations; a final column scaling makes the cells exact. A (sex, age) cell that the county
//! has but no township has is spread over the townships in proportion to their row margins.
//! Births and deaths of the townships are their model values scaled to the county's totals, and
//! net migration is the residual that closes each township's balance
//! `P(end) = P(start) + births − deaths + migration`.

use crate::AgeSexBands;

use super::split::split_population;
use super::{project, Rates, RegionInputs, SingleAges, YearResult, AGES};

const CELLS: usize = 2 * AGES;

fn cells(p: &SingleAges) -> [f64; CELLS] {
    let mut c = [0.0; CELLS];
    c[..AGES].copy_from_slice(&p.male);
    c[AGES..].copy_from_slice(&p.female);
    c
}

fn from_cells(c: &[f64; CELLS]) -> SingleAges {
    let mut p = SingleAges::default();
    p.male.copy_from_slice(&c[..AGES]);
    p.female.copy_from_slice(&c[AGES..]);
    p
}

/// Rakes `rows` (townships × cells) to the column totals `cols`, with row totals proportional to
/// the current row sums (module docs). Returns the raked matrix.
pub fn rake(rows: &[[f64; CELLS]], cols: &[f64; CELLS]) -> Vec<[f64; CELLS]> {
    let mut m: Vec<[f64; CELLS]> = rows.to_vec();
    if m.is_empty() {
        return m;
    }
    let own: Vec<f64> = m.iter().map(|r| r.iter().sum()).collect();
    let own_sum: f64 = own.iter().sum();
    let target_sum: f64 = cols.iter().sum();
    let row_target: Vec<f64> = if own_sum > 0.0 {
        own.iter().map(|t| t * target_sum / own_sum).collect()
    } else {
        vec![target_sum / m.len() as f64; m.len()]
    };
    let row_target_sum: f64 = row_target.iter().sum();
    // Cells the county has but no township has: seed them by the row margins.
    for c in 0..CELLS {
        let col: f64 = m.iter().map(|r| r[c]).sum();
        if col <= 0.0 && cols[c] > 0.0 && row_target_sum > 0.0 {
            for (r, t) in m.iter_mut().zip(&row_target) {
                r[c] = cols[c] * t / row_target_sum;
            }
        }
    }
    let scale_columns = |m: &mut Vec<[f64; CELLS]>| {
        for c in 0..CELLS {
            let col: f64 = m.iter().map(|r| r[c]).sum();
            let k = if col > 0.0 { cols[c] / col } else { 0.0 };
            m.iter_mut().for_each(|r| r[c] *= k);
        }
    };
    for _ in 0..1000 {
        scale_columns(&mut m);
        let mut worst: f64 = 0.0;
        for (r, t) in m.iter_mut().zip(&row_target) {
            let s: f64 = r.iter().sum();
            if s > 0.0 {
                worst = worst.max((s - t).abs() / t.max(1.0));
                let k = t / s;
                r.iter_mut().for_each(|v| *v *= k);
            }
        }
        if worst < 1e-12 {
            break;
        }
    }
    scale_columns(&mut m);
    m
}

/// Projects every township with the county's rates and rakes them to `county` (the county's
/// projection with the same `rates`). Returns one series per township, in input order.
pub fn project_townships(
    townships: &[AgeSexBands],
    county: &[YearResult],
    rates: &Rates,
) -> Vec<Vec<YearResult>> {
    let bases: Vec<SingleAges> = townships
        .iter()
        .map(|t| split_population(t, &rates.tails))
        .collect();
    let raw: Vec<Vec<YearResult>> = bases
        .iter()
        .map(|b| project(b, rates, &RegionInputs::default()))
        .collect();
    let mut out: Vec<Vec<YearResult>> = vec![Vec::with_capacity(county.len()); townships.len()];
    for (k, c) in county.iter().enumerate() {
        let rows: Vec<[f64; CELLS]> = raw.iter().map(|t| cells(&t[k].population)).collect();
        let raked = rake(&rows, &cells(&c.population));
        let births: f64 = raw.iter().map(|t| t[k].births).sum();
        let deaths: f64 = raw.iter().map(|t| t[k].deaths).sum();
        let kb = if births > 0.0 { c.births / births } else { 0.0 };
        let kd = if deaths > 0.0 { c.deaths / deaths } else { 0.0 };
        for (i, m) in raked.iter().enumerate() {
            let population = from_cells(m);
            let prev = if k == 0 {
                bases[i].total()
            } else {
                out[i][k - 1].population.total()
            };
            let b = raw[i][k].births * kb;
            let d = raw[i][k].deaths * kd;
            out[i].push(YearResult {
                year: c.year,
                net_migration: population.total() - prev - b + d,
                population,
                births: b,
                deaths: d,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::{project_census, E0Path, FertilityAssumption};
    use crate::BAND_COUNT;

    fn rates() -> Rates {
        Rates::new(
            &E0Path::national_default(),
            &FertilityAssumption::default(),
            2035,
        )
        .unwrap()
    }

    #[test]
    fn raked_townships_sum_to_the_county_in_every_cell_and_year() {
        let rates = rates();
        // Three townships of different shapes: young, old, mixed.
        let mut t = [
            AgeSexBands::default(),
            AgeSexBands::default(),
            AgeSexBands::default(),
        ];
        for i in 0..BAND_COUNT {
            let i64 = i as u64;
            t[0].male[i] = 3_000 - 120 * i64;
            t[0].female[i] = 2_900 - 110 * i64;
            t[1].male[i] = 800 + 90 * i64;
            t[1].female[i] = 900 + 100 * i64;
            t[2].male[i] = if i % 3 == 0 { 0 } else { 1_500 };
            t[2].female[i] = 1_400 + (i64 * 7919) % 500;
        }
        let mut county = AgeSexBands::default();
        t.iter().for_each(|x| county.add(x));
        // The county uses known births, so its births differ from the townships' model births
        // and raking has real work to do.
        let mut inputs = RegionInputs::default();
        for y in 2021..=2035 {
            inputs.births.insert(y, 900.0 - 10.0 * (y - 2021) as f64);
        }
        let c = project_census(&county, &rates, &inputs);
        let towns = project_townships(&t, &c, &rates);
        assert_eq!(towns.len(), 3);
        for (k, cy) in c.iter().enumerate() {
            let county_cells = cells(&cy.population);
            let mut sum = [0.0; CELLS];
            for tw in &towns {
                for (s, v) in sum.iter_mut().zip(cells(&tw[k].population)) {
                    assert!(v >= 0.0);
                    *s += v;
                }
            }
            for (a, b) in sum.iter().zip(county_cells.iter()) {
                assert!((a - b).abs() <= 1e-9 * b.max(1.0), "{a} vs {b}");
            }
            let births: f64 = towns.iter().map(|tw| tw[k].births).sum();
            assert!((births - cy.births).abs() < 1e-9 * cy.births.max(1.0));
        }
        // The old township keeps a higher 65+ share than the young one.
        let last = c.len() - 1;
        let share =
            |tw: &Vec<YearResult>| tw[last].population.at_least(65) / tw[last].population.total();
        assert!(share(&towns[1]) > share(&towns[0]));
    }

    #[test]
    fn identical_halves_each_get_exactly_half() {
        // Hand-checkable: two townships that are exact halves of the county, projected with the
        // county's own model (no overrides), must each be half of it in every cell.
        let rates = rates();
        let mut half = AgeSexBands::default();
        for i in 0..BAND_COUNT {
            half.male[i] = 1_000 + 13 * i as u64;
            half.female[i] = 990 + 17 * i as u64;
        }
        let mut county = half.clone();
        county.add(&half);
        let c = project_census(&county, &rates, &RegionInputs::default());
        let towns = project_townships(&[half.clone(), half], &c, &rates);
        for (k, cy) in c.iter().enumerate() {
            for tw in &towns {
                let a = cells(&tw[k].population);
                let b = cells(&cy.population);
                for (x, y) in a.iter().zip(b.iter()) {
                    assert!((x - y / 2.0).abs() <= 1e-9 * y.max(1.0));
                }
                assert!((tw[k].births - cy.births / 2.0).abs() < 1e-9);
            }
        }
    }
}
