//! Share of residents within a radius of an open facility (生活圈 coverage), per zone and for the
//! county.
//!
//! A demand point (a residential block, village or grid cell with its residents) is covered at
//! radius r iff the cost to its nearest open facility is ≤ r (inclusive, as everywhere in this
//! engine). The urban life-circle radii of GB 50180-2018《城市居住区规划设计标准》 are 300 m
//! (5-minute), 500 m (10-minute) and 1 000 m (15-minute walk; the standard gives 800–1 000 m);
//! rural radii are the caller's choice (pass any list).

use serde::Serialize;

use crate::access::CostMatrix;

/// 5-, 10- and 15-minute walking life-circle radii in metres (GB 50180-2018).
pub const URBAN_LIFE_CIRCLE_RADII_M: [f64; 3] = [300.0, 500.0, 1000.0];

/// Residents covered at one radius.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RadiusCoverage {
    pub radius: f64,
    pub covered: f64,
    pub population: f64,
    /// covered / population; `None` for a zone without residents.
    pub share: Option<f64>,
}

/// Coverage per zone (by zone index) and for the whole county, one entry per radius.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CoverageReport {
    pub zones: Vec<Vec<RadiusCoverage>>,
    pub county: Vec<RadiusCoverage>,
}

/// Cost from each origin to its nearest open destination among the stored pairs (`open = None`:
/// every destination is open). Build the matrix with a cutoff ≥ the largest radius.
pub fn nearest_open(costs: &CostMatrix, open: Option<&[bool]>) -> Vec<Option<f64>> {
    (0..costs.n_origins())
        .map(|i| {
            costs
                .row(i)
                .filter(|&(j, _)| match open {
                    Some(o) => o[j],
                    None => true,
                })
                .map(|(_, c)| c)
                .min_by(f64::total_cmp)
        })
        .collect()
}

/// Covered residents at each radius, per zone and county. `zone[i] < n_zones` is the zone of
/// demand point i, `population[i]` its residents and `nearest[i]` its nearest-facility cost.
pub fn coverage_shares(
    population: &[f64],
    zone: &[usize],
    n_zones: usize,
    nearest: &[Option<f64>],
    radii: &[f64],
) -> CoverageReport {
    assert_eq!(population.len(), zone.len());
    assert_eq!(population.len(), nearest.len());
    let mut covered = vec![vec![0.0; radii.len()]; n_zones];
    let mut total = vec![0.0; n_zones];
    for i in 0..population.len() {
        let z = zone[i];
        total[z] += population[i];
        if let Some(c) = nearest[i] {
            for (k, r) in radii.iter().enumerate() {
                if c <= *r {
                    covered[z][k] += population[i];
                }
            }
        }
    }
    let row = |cov: &[f64], pop: f64| -> Vec<RadiusCoverage> {
        radii
            .iter()
            .zip(cov)
            .map(|(&radius, &covered)| RadiusCoverage {
                radius,
                covered,
                population: pop,
                share: (pop > 0.0).then(|| covered / pop),
            })
            .collect()
    };
    let zones = (0..n_zones).map(|z| row(&covered[z], total[z])).collect();
    let county_cov: Vec<f64> = (0..radii.len())
        .map(|k| covered.iter().map(|c| c[k]).sum())
        .collect();
    CoverageReport {
        zones,
        county: row(&county_cov, total.iter().sum()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Metric;

    #[test]
    fn access_coverage_counts_residents_within_each_life_circle() {
        // A facility at the origin (open) and one at (2000, 0) (closed); residents on the x axis.
        let sites = [[0.0, 0.0], [2000.0, 0.0]];
        let pts = [[300.0, 0.0], [0.0, 500.0], [800.0, 0.0], [1900.0, 0.0]];
        let pop = [100.0, 50.0, 30.0, 20.0];
        let zone = [0, 0, 1, 1];
        let m = CostMatrix::within(&pts, &sites, Metric::Euclidean, 1000.0);
        let near = nearest_open(&m, Some(&[true, false]));
        assert_eq!(near, [Some(300.0), Some(500.0), Some(800.0), None]);
        let r = coverage_shares(&pop, &zone, 2, &near, &URBAN_LIFE_CIRCLE_RADII_M);
        let shares = |v: &[RadiusCoverage]| v.iter().map(|c| c.share.unwrap()).collect::<Vec<_>>();
        assert_eq!(shares(&r.zones[0]), [100.0 / 150.0, 1.0, 1.0]);
        assert_eq!(shares(&r.zones[1]), [0.0, 0.0, 30.0 / 50.0]);
        assert_eq!(shares(&r.county), [0.5, 0.75, 0.9]);
        // With both open the far resident is 100 m from the second facility.
        let near = nearest_open(&m, None);
        assert_eq!(near[3], Some(100.0));
    }
}
