//! Inter-zone equity of accessibility: the population-weighted coefficient of variation
//! X̄ = ΣPᵢXᵢ / ΣPᵢ, CV = √(Σ (Pᵢ/P)(Xᵢ − X̄)²) / X̄ — the same 差异系数 as the school balance
//! (教督〔2017〕6号), computed by [`crate::balance::weighted_cv`].

use serde::Serialize;

use crate::balance::weighted_cv;

/// Population-weighted mean and CV of zone accessibility.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct AccessEquity {
    pub mean: f64,
    pub cv: f64,
}

/// Zone accessibility as the population-weighted mean of its demand points' values; a point with
/// no facility in reach (`None`) counts as 0. Returns `(population, access)` per zone; a zone
/// without residents has access 0 and weight 0.
pub fn zone_access(
    population: &[f64],
    zone: &[usize],
    n_zones: usize,
    access: &[Option<f64>],
) -> Vec<(f64, f64)> {
    let mut sum = vec![(0.0, 0.0); n_zones];
    for i in 0..population.len() {
        let s = &mut sum[zone[i]];
        s.0 += population[i];
        s.1 += population[i] * access[i].unwrap_or(0.0);
    }
    sum.into_iter()
        .map(|(p, pa)| (p, if p > 0.0 { pa / p } else { 0.0 }))
        .collect()
}

/// The weighted CV of `(population, access)` pairs; `None` when there are no residents or the
/// mean access is 0.
pub fn access_equity(zones: &[(f64, f64)]) -> Option<AccessEquity> {
    weighted_cv(zones).map(|(mean, cv)| AccessEquity { mean, cv })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_equity_is_population_weighted() {
        // Zones (P, X) = (1, 0) and (3, 4): X̄ = 12/4 = 3; var = ¼·9 + ¾·1 = 3; CV = √3/3.
        let zones = zone_access(
            &[1.0, 2.0, 1.0],
            &[0, 1, 1],
            2,
            &[None, Some(5.0), Some(2.0)],
        );
        assert_eq!(zones, [(1.0, 0.0), (3.0, 4.0)]);
        let e = access_equity(&zones).unwrap();
        assert_eq!(e.mean, 3.0);
        assert!((e.cv - 3f64.sqrt() / 3.0).abs() < 1e-15);
        assert_eq!(access_equity(&[(1.0, 0.0)]), None);
    }
}
