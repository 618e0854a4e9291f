//! The location–allocation instance: a dense cost matrix plus the site and client attributes.

/// Errors of the location solvers.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LocateError {
    #[error("invalid instance: {0}")]
    Invalid(String),
    #[error("infeasible: {0}")]
    Infeasible(String),
}

/// A location–allocation instance with `n_clients` rows and `n_sites` candidate columns.
///
/// * objective of the median models: Σ_i `weight[i]` · `cost[i][j(i)]`;
/// * capacity use: Σ_{i→j} `demand[i]` ≤ `capacity[j]` (capacitated model only);
/// * budget: Σ_{j open} `fixed_cost[j]` ≤ `budget` (budgeted p-median; `p` is then a maximum);
/// * `must_open` sites (existing facilities) are always open and count towards `p` and the
///   budget; `forbidden` sites are never opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub n_clients: usize,
    pub n_sites: usize,
    /// Row-major: `cost[i * n_sites + j]` for client `i`, site `j`.
    pub cost: Vec<f64>,
    pub weight: Vec<f64>,
    pub demand: Vec<f64>,
    pub fixed_cost: Vec<f64>,
    /// `f64::INFINITY` = uncapacitated.
    pub capacity: Vec<f64>,
    pub must_open: Vec<usize>,
    pub forbidden: Vec<usize>,
    pub p: Option<usize>,
    pub budget: Option<f64>,
}

impl Problem {
    /// Unit weights and demands, no fixed costs, unlimited capacities.
    pub fn new(n_clients: usize, n_sites: usize, cost: Vec<f64>) -> Result<Self, LocateError> {
        if cost.len() != n_clients * n_sites {
            return Err(LocateError::Invalid(format!(
                "cost matrix has {} entries, expected {n_clients} × {n_sites}",
                cost.len()
            )));
        }
        if cost.iter().any(|c| c.is_nan() || *c < 0.0) {
            return Err(LocateError::Invalid("costs must be ≥ 0 (not NaN)".into()));
        }
        Ok(Problem {
            n_clients,
            n_sites,
            cost,
            weight: vec![1.0; n_clients],
            demand: vec![1.0; n_clients],
            fixed_cost: vec![0.0; n_sites],
            capacity: vec![f64::INFINITY; n_sites],
            must_open: Vec::new(),
            forbidden: Vec::new(),
            p: None,
            budget: None,
        })
    }
    pub fn with_p(mut self, p: usize) -> Self {
        self.p = Some(p);
        self
    }
    pub fn with_weights(mut self, w: Vec<f64>) -> Self {
        self.weight = w;
        self
    }
    pub fn with_demands(mut self, d: Vec<f64>) -> Self {
        self.demand = d;
        self
    }
    pub fn with_capacities(mut self, c: Vec<f64>) -> Self {
        self.capacity = c;
        self
    }
    pub fn with_fixed_costs(mut self, f: Vec<f64>) -> Self {
        self.fixed_cost = f;
        self
    }
    pub fn with_budget(mut self, b: f64) -> Self {
        self.budget = Some(b);
        self
    }
    pub fn with_must_open(mut self, s: Vec<usize>) -> Self {
        self.must_open = s;
        self
    }
    pub fn with_forbidden(mut self, s: Vec<usize>) -> Self {
        self.forbidden = s;
        self
    }

    #[inline]
    pub fn c(&self, i: usize, j: usize) -> f64 {
        self.cost[i * self.n_sites + j]
    }

    /// Checks lengths, signs and the must-open / forbidden / p / budget consistency.
    pub fn validate(&self) -> Result<(), LocateError> {
        let bad = |m: String| Err(LocateError::Invalid(m));
        if self.cost.len() != self.n_clients * self.n_sites {
            return bad("cost matrix shape".into());
        }
        if self.weight.len() != self.n_clients || self.demand.len() != self.n_clients {
            return bad("weight/demand length ≠ number of clients".into());
        }
        if self.fixed_cost.len() != self.n_sites || self.capacity.len() != self.n_sites {
            return bad("fixed_cost/capacity length ≠ number of sites".into());
        }
        if self.n_clients == 0 || self.n_sites == 0 {
            return bad("no clients or no sites".into());
        }
        let neg = |v: &[f64]| v.iter().any(|x| x.is_nan() || *x < 0.0);
        if neg(&self.cost)
            || neg(&self.weight)
            || neg(&self.demand)
            || neg(&self.fixed_cost)
            || neg(&self.capacity)
        {
            return bad("costs, weights, demands, fixed costs and capacities must be ≥ 0".into());
        }
        for &s in self.must_open.iter().chain(&self.forbidden) {
            if s >= self.n_sites {
                return bad(format!("site index {s} out of range"));
            }
        }
        if self.must_open.iter().any(|s| self.forbidden.contains(s)) {
            return bad("a site is both must-open and forbidden".into());
        }
        let allowed = self.n_sites - self.forbidden_mask().iter().filter(|f| **f).count();
        let forced = self.forced_mask().iter().filter(|f| **f).count();
        match (self.p, self.budget) {
            (None, None) => return bad("give p or a budget".into()),
            (Some(p), _) if p == 0 || p > allowed => {
                return bad(format!("p = {p} but {allowed} sites may be opened"))
            }
            (Some(p), _) if p < forced => {
                return bad(format!("p = {p} but {forced} sites must be open"))
            }
            _ => {}
        }
        if let Some(b) = self.budget {
            let fixed: f64 = self
                .must_open_unique()
                .iter()
                .map(|&j| self.fixed_cost[j])
                .sum();
            if b.is_nan() || fixed > b + 1e-9 {
                return Err(LocateError::Infeasible(format!(
                    "must-open sites cost {fixed} > budget {b}"
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn forbidden_mask(&self) -> Vec<bool> {
        let mut m = vec![false; self.n_sites];
        for &s in &self.forbidden {
            m[s] = true;
        }
        m
    }
    pub(crate) fn forced_mask(&self) -> Vec<bool> {
        let mut m = vec![false; self.n_sites];
        for &s in &self.must_open {
            m[s] = true;
        }
        m
    }
    pub(crate) fn must_open_unique(&self) -> Vec<usize> {
        let mut v = self.must_open.clone();
        v.sort_unstable();
        v.dedup();
        v
    }
    /// True when every weighted cost is an integer (then bounds may be rounded up).
    pub(crate) fn integral_weighted_costs(&self) -> bool {
        let int = |x: f64| x.fract() == 0.0 && x.abs() < 1e15;
        self.weight.iter().all(|w| int(*w)) && self.cost.iter().all(|c| int(*c))
    }

    /// Σ_i weight_i · min_{j ∈ sites} cost_ij (uncapacitated allocation to the nearest open site).
    pub fn median_cost(&self, sites: &[usize]) -> f64 {
        (0..self.n_clients)
            .map(|i| {
                let row = &self.cost[i * self.n_sites..(i + 1) * self.n_sites];
                self.weight[i] * sites.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
            })
            .sum()
    }
    /// max_i min_{j ∈ sites} cost_ij (unweighted, as in the vertex p-center).
    pub fn center_radius(&self, sites: &[usize]) -> f64 {
        (0..self.n_clients)
            .map(|i| {
                let row = &self.cost[i * self.n_sites..(i + 1) * self.n_sites];
                sites.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max)
    }
    /// Nearest open site of every client.
    pub fn nearest_assignment(&self, sites: &[usize]) -> Vec<usize> {
        (0..self.n_clients)
            .map(|i| {
                let row = &self.cost[i * self.n_sites..(i + 1) * self.n_sites];
                let mut best = sites[0];
                for &j in sites {
                    if row[j] < row[best] {
                        best = j;
                    }
                }
                best
            })
            .collect()
    }
}
