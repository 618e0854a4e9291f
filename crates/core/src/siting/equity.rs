//! The equity search: the choice of new sites that makes E2SFCA accessibility most even across
//! townships (least demand-weighted CV), ties broken by the mean distance to the nearest site.

use super::{SitingError, SitingProblem, Watch};
use crate::access::CostMatrix;

/// Sets of new sites tried by enumeration at most; beyond, a swap search from the first choice.
pub const ENUMERATION_LIMIT: u64 = 200_000;

fn n_choose_k(n: usize, k: usize) -> u64 {
    (0..k).fold(1u64, |acc, i| {
        acc.saturating_mul((n - i) as u64) / (i as u64 + 1)
    })
}

/// (access CV, mean nearest distance) with `open` sites; lower is better. No access at all
/// counts as the worst (CV ∞).
fn evenness(p: &SitingProblem, open: &[usize], matrix: &CostMatrix) -> (f64, f64) {
    let m = p.m();
    let total: f64 = p.weight.iter().sum();
    let dist: f64 = (0..p.n())
        .map(|i| {
            p.weight[i]
                * open
                    .iter()
                    .map(|&j| p.cost[i * m + j])
                    .fold(f64::INFINITY, f64::min)
        })
        .sum::<f64>()
        / total.max(f64::MIN_POSITIVE);
    (p.access_cv(open, matrix).unwrap_or(f64::INFINITY), dist)
}

/// The most even choice of the new sites besides the existing ones: exhaustive when the number
/// of choices is small (as for a county's townships), else a first-improvement swap search.
/// Returns (open sites, CV, whether the search was exhaustive).
pub fn most_even(
    p: &SitingProblem,
    matrix: &CostMatrix,
) -> Result<(Vec<usize>, f64, bool), SitingError> {
    most_even_with(p, matrix, &mut Watch::default())
}

/// Choices scored between two looks at the cancel flag (a few milliseconds on a county).
const CHECK_EVERY: u64 = 256;

/// [`most_even`] watched: the enumeration reports the share of choices tried and the swap
/// search the share of its current pass; both stop with [`SitingError::Cancelled`].
pub fn most_even_with(
    p: &SitingProblem,
    matrix: &CostMatrix,
    watch: &mut Watch,
) -> Result<(Vec<usize>, f64, bool), SitingError> {
    let k = p.question.new_sites;
    let existing = &p.existing;
    let free: Vec<usize> = (0..p.m()).filter(|j| !existing.contains(j)).collect();
    if k > free.len() {
        return Err(SitingError::TooMany {
            asked: k,
            available: free.len(),
        });
    }
    let score = |pick: &[usize]| {
        let open: Vec<usize> = existing
            .iter()
            .copied()
            .chain(pick.iter().map(|&i| free[i]))
            .collect();
        evenness(p, &open, matrix)
    };
    let better = |a: (f64, f64), b: (f64, f64)| {
        a.0 < b.0 - 1e-12 || ((a.0 - b.0).abs() <= 1e-12 && a.1 < b.1)
    };
    let mut pick: Vec<usize> = (0..k).collect();
    let mut best = (pick.clone(), score(&pick));
    let total = n_choose_k(free.len(), k);
    let exhaustive = total <= ENUMERATION_LIMIT;
    let mut tried: u64 = 0;
    if exhaustive {
        // Lexicographic k-combinations of the free sites.
        'outer: loop {
            tried += 1;
            if tried.is_multiple_of(CHECK_EVERY) {
                if watch.cancelled() {
                    return Err(SitingError::Cancelled);
                }
                watch.report(tried as f64 / total as f64);
            }
            let s = score(&pick);
            if better(s, best.1) {
                best = (pick.clone(), s);
            }
            for i in (0..k).rev() {
                if pick[i] < free.len() - k + i {
                    pick[i] += 1;
                    for j in i + 1..k {
                        pick[j] = pick[j - 1] + 1;
                    }
                    continue 'outer;
                }
            }
            break;
        }
    } else {
        let mut improved = true;
        while improved {
            improved = false;
            for slot in 0..k {
                if watch.cancelled() {
                    return Err(SitingError::Cancelled);
                }
                watch.report(slot as f64 / k as f64);
                for cand in 0..free.len() {
                    if best.0.contains(&cand) {
                        continue;
                    }
                    let mut trial = best.0.clone();
                    trial[slot] = cand;
                    let s = score(&trial);
                    if better(s, best.1) {
                        best = (trial, s);
                        improved = true;
                    }
                }
            }
        }
    }
    let open = existing
        .iter()
        .copied()
        .chain(best.0.iter().map(|&i| free[i]))
        .collect();
    Ok((open, best.1 .0, exhaustive))
}
