//! Floating-catchment and gravity accessibility, as PySAL `access` (pysal/access, `fca.py`,
//! `weights.py`) computes them.
//!
//! Notation: demand locations i with population Pᵢ, supply sites j with supply Sⱼ, cost cᵢⱼ from
//! the cost matrix (origin = demand, destination = supply), distance weight W(c), catchment
//! **cᵢⱼ ≤ max_cost** (inclusive).
//!
//! * 2SFCA (Luo & Wang 2002) and its weighted variants:
//!   Rⱼ = Sⱼ / Σ_{i: cᵢⱼ ≤ max} Pᵢ W(cᵢⱼ);  Aᵢ = Σ_{j: cᵢⱼ ≤ max} Rⱼ W(cᵢⱼ).
//!   * E2SFCA (Luo & Qi 2009): W = stepped weights, default 10/20/30 → 1/0.68/0.22, 0 beyond.
//!   * Gaussian 2SFCA: W(c) = exp(−c²/2σ²) (1 at c = 0, no normalising factor — `access`'s
//!     `gaussian(σ)`).
//! * 3SFCA (Wan, Zou & Sternberg 2012): selection weights Gᵢⱼ = W(cᵢⱼ) / Σₖ W(cᵢₖ) with the sum
//!   over **all** destinations k of i in the cost matrix (before the catchment filter), then
//!   2SFCA with W·G in both steps. "All" means all pairs stored: a matrix built with a cutoff
//!   (e.g. [`crate::access::CostMatrix::within`]) must use a cutoff ≥ where W becomes
//!   negligible to match a dense computation.
//! * Gravity / Hansen potential (`access`'s `weighted_catchment`): Aᵢ = Σ_{j: cᵢⱼ ≤ max} Sⱼ W(cᵢⱼ)
//!   with W(c) = (max(c, min_dist)/scale)^α — the exponent's sign is the caller's (α < 0 decays).
//!
//! A demand location with no pair inside its catchment gets `None` (PySAL gives NaN). A site whose
//! weighted demand is 0 serves nobody and gets Rⱼ = 0 (PySAL would divide by zero).

/// The distance weight W(c).
#[derive(Debug, Clone, PartialEq)]
pub enum Weight {
    /// W = 1 (the classic binary catchment).
    Binary,
    /// `(threshold, weight)` sorted by threshold: the weight of the first threshold ≥ c,
    /// 0 beyond the last (`access`'s `step_fn`).
    Steps(Vec<(f64, f64)>),
    /// exp(−c²/2σ²).
    Gaussian { sigma: f64 },
    /// (max(c, min_dist)/scale)^alpha.
    Gravity {
        scale: f64,
        alpha: f64,
        min_dist: f64,
    },
}

impl Weight {
    /// The E2SFCA default of Luo & Qi (2009): 0–10 → 1, 10–20 → 0.68, 20–30 → 0.22, beyond → 0.
    pub fn e2sfca_default() -> Weight {
        Weight::Steps(vec![(10.0, 1.0), (20.0, 0.68), (30.0, 0.22)])
    }

    /// The Luo & Qi steps scaled to a catchment: 1 within ⅓ of it, 0.68 within ⅔, 0.22 to its
    /// edge, 0 beyond — the shape of [`Weight::e2sfca_default`] for any distance unit.
    pub fn e2sfca_over(catchment: f64) -> Weight {
        Weight::Steps(vec![
            (catchment / 3.0, 1.0),
            (catchment * 2.0 / 3.0, 0.68),
            (catchment, 0.22),
        ])
    }

    /// The `(threshold, weight)` steps of a stepped weight.
    pub fn step_list(&self) -> Option<&[(f64, f64)]> {
        match self {
            Weight::Steps(s) => Some(s),
            _ => None,
        }
    }

    /// Stepped weights in any order (sorted here by threshold).
    pub fn steps(mut steps: Vec<(f64, f64)>) -> Weight {
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        Weight::Steps(steps)
    }

    pub fn at(&self, c: f64) -> f64 {
        match self {
            Weight::Binary => 1.0,
            Weight::Steps(s) => s.iter().find(|(t, _)| c <= *t).map_or(0.0, |(_, w)| *w),
            Weight::Gaussian { sigma } => (-(c * c) / (2.0 * sigma * sigma)).exp(),
            Weight::Gravity {
                scale,
                alpha,
                min_dist,
            } => (c.max(*min_dist) / scale).powf(*alpha),
        }
    }
}

/// Which family of measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// 2SFCA (binary, stepped = E2SFCA, Gaussian = G2SFCA, gravity-weighted).
    TwoStep,
    /// 3SFCA with selection weights.
    ThreeStep,
    /// Gravity / Hansen potential (supply only).
    Potential,
}

/// Accessibility of every demand location (in demand order). `costs` has one row per demand
/// location and one column per supply site; `max_cost = ∞` means no catchment limit.
pub fn accessibility(
    stage: Stage,
    weight: &Weight,
    demand: &[f64],
    supply: &[f64],
    costs: &crate::access::CostMatrix,
    max_cost: f64,
) -> Vec<Option<f64>> {
    assert_eq!(costs.n_origins(), demand.len(), "one cost row per demand");
    assert_eq!(costs.n_dests(), supply.len(), "one cost column per site");
    let n = demand.len();
    // 3SFCA's selection weights divide by each row's total weight over all stored pairs.
    let g_sum: Option<Vec<f64>> = (stage == Stage::ThreeStep).then(|| {
        (0..n)
            .map(|i| costs.row(i).map(|(_, c)| weight.at(c)).sum::<f64>())
            .collect()
    });
    // The effective weight of pair (i, c) inside the catchment, recomputed in both steps rather
    // than stored: a stored copy would cost 8 bytes per pair for a few multiplications.
    let pair_weight = |i: usize, c: f64| -> f64 {
        let w = weight.at(c);
        match &g_sum {
            Some(g) if g[i] > 0.0 => w * (w / g[i]),
            Some(_) => 0.0,
            None => w,
        }
    };
    let ratio: Vec<f64> = match stage {
        Stage::Potential => supply.to_vec(),
        Stage::TwoStep | Stage::ThreeStep => {
            let mut weighted_demand = vec![0.0; supply.len()];
            for (i, p) in demand.iter().enumerate() {
                for (j, c) in costs.row(i) {
                    if c <= max_cost {
                        weighted_demand[j] += p * pair_weight(i, c);
                    }
                }
            }
            supply
                .iter()
                .zip(&weighted_demand)
                .map(|(s, d)| if *d > 0.0 { s / d } else { 0.0 })
                .collect()
        }
    };
    (0..n)
        .map(|i| {
            let mut inside = costs.row(i).filter(|&(_, c)| c <= max_cost).peekable();
            inside.peek()?;
            Some(inside.map(|(j, c)| ratio[j] * pair_weight(i, c)).sum())
        })
        .collect()
}

/// Divides by the population-weighted mean access Σ Pᵢ Aᵢ / Σ Pᵢ over locations with a value
/// (`access`'s `normalize=True`); `None` when that mean is 0 or undefined.
pub fn normalized(access: &[Option<f64>], demand: &[f64]) -> Option<Vec<Option<f64>>> {
    let (mut num, mut den) = (0.0, 0.0);
    for (a, p) in access.iter().zip(demand) {
        if let Some(a) = a {
            num += a * p;
            den += p;
        }
    }
    let mean = num / den;
    (mean.is_finite() && mean != 0.0).then(|| access.iter().map(|a| a.map(|a| a / mean)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_weight_functions_match_access_spot_values() {
        // pysal/access tests/test_weights.py and access_reference_values.json.
        let g = Weight::Gaussian { sigma: 20.0 };
        let want = [
            1.0,
            0.6065306597126334,
            0.1353352832366127,
            0.011108996538242306,
        ];
        for (k, w) in want.iter().enumerate() {
            assert!((g.at(20.0 * k as f64) - w).abs() < 1e-15);
        }
        assert!((Weight::Gaussian { sigma: 2.0 }.at(1.0) - 0.8824969025845955).abs() < 1e-15);
        assert!((Weight::Gaussian { sigma: 50.0 }.at(1.0) - 0.9998000199986667).abs() < 1e-15);
        let grav = Weight::Gravity {
            scale: 20.0,
            alpha: -2.0,
            min_dist: 1.0,
        };
        for (c, w) in [
            (0.0, 400.0),
            (1.0, 400.0),
            (2.0, 100.0),
            (20.0, 1.0),
            (40.0, 0.25),
        ] {
            assert!((grav.at(c) - w).abs() < 1e-12, "{c}");
        }
        let step = Weight::steps(vec![(40.0, 0.68), (20.0, 1.0), (60.0, 0.22)]);
        let got: Vec<f64> = (0..8).map(|k| step.at(10.0 * k as f64)).collect();
        assert_eq!(got, [1.0, 1.0, 1.0, 0.68, 0.68, 0.22, 0.22, 0.0]);
        let e = Weight::e2sfca_default();
        assert_eq!(
            (e.at(10.0), e.at(10.5), e.at(30.0), e.at(30.1)),
            (1.0, 0.68, 0.22, 0.0)
        );
    }
}
