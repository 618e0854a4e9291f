//! 选址优化 — where new facilities of a service should go on a county's townships: the question
//! (demand at each township weighted by its projected need, the facilities in service kept,
//! candidate and township sites offered), the equity search, and the answer's figures
//! (coverage, distances, evenness of E2SFCA accessibility) before and after. The p-median is
//! solved here; the MCLP's exact stage (HiGHS) lives in junheng-milp and is called by the host
//! with [`SitingProblem::cover_instance`].

mod equity;

pub use equity::*;

use serde::{Deserialize, Serialize};

use crate::access::{accessibility, haversine_m, CostMatrix, Stage, Weight};
use crate::balance::weighted_cv;
use crate::demand::{in_service, YearNeed};
use crate::locate::cover::{CoverError, CoverInstance};
use crate::locate::{pmedian, Problem, SolveOptions};
use crate::scenario::{measures_by_facility, service_supply, ScenarioFacility};
use crate::standards::{self as ids, Catalogue};
use crate::{CountyDataset, FacilityCategory, FacilityStatus};

/// Objective of the site search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SitingModel {
    /// Least demand-weighted distance (p-median).
    Pmedian,
    /// Most demand within the radius (MCLP).
    Mclp,
    /// Most even service (均衡): least inter-township CV of E2SFCA accessibility (supply in reach
    /// per resident, with each site's capacity), ties broken by the mean distance.
    Equity,
}

/// Where a site comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteSource {
    /// A facility in service that must stay.
    Existing,
    /// A stored candidate (备选) facility of the category.
    Candidate,
    /// A point inside a township (its interior point), offered as a generic site.
    Township,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteOption {
    pub id: String,
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    pub source: SiteSource,
    pub chosen: bool,
    /// Capacity used for accessibility: the facility's own, or `new_site_capacity` for a new site.
    #[serde(default)]
    pub capacity: f64,
}

/// One demand zone (township) and where it is served from after the search.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct DemandAllocation {
    pub township_code: String,
    pub township_name: String,
    pub lon: f64,
    pub lat: f64,
    /// Projected need of the target year (托位, beds by the norm, or compulsory students).
    pub demand: f64,
    /// Index into `sites` of the nearest open site.
    pub site: usize,
    pub distance_m: f64,
    pub covered: bool,
    pub distance_before_m: Option<f64>,
}

/// What proved `bound` (证明方法), so the page can say how the answer is known to be optimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SitingProof {
    /// The engine's Lagrangian relaxation bound (with its branch and bound for MCLP).
    Lagrangian,
    /// HiGHS solved the remaining mixed-integer programme exactly.
    Milp,
    /// Every combination of new sites was evaluated.
    Enumeration,
    /// No proof within the limits: `gap` is what remains open.
    Open,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SitingResult {
    pub model: SitingModel,
    pub category: FacilityCategory,
    pub year: i32,
    pub radius_m: f64,
    pub new_sites: usize,
    pub objective: f64,
    /// Proven bound: a lower bound for p-median, an upper bound for MCLP.
    pub bound: f64,
    pub gap: f64,
    pub proven_optimal: bool,
    pub proof: SitingProof,
    pub seconds: f64,
    pub sites: Vec<SiteOption>,
    pub allocation: Vec<DemandAllocation>,
    /// Share of demand within the radius of an open site, before and after.
    pub coverage_before: f64,
    pub coverage_after: f64,
    /// Demand-weighted mean distance to the nearest open site (m).
    pub mean_distance_before_m: Option<f64>,
    pub mean_distance_after_m: f64,
    /// Inter-township CV of the distance to the nearest site (demand-weighted): lower is more even.
    pub distance_cv_before: Option<f64>,
    pub distance_cv_after: Option<f64>,
    /// Inter-township CV of E2SFCA accessibility (均衡, the equity objective): before (existing
    /// sites only) and after.
    pub access_cv_before: Option<f64>,
    pub access_cv_after: Option<f64>,
    pub catchment_m: f64,
    pub new_site_capacity: f64,
    pub demand_note: String,
}

/// What is asked: which service, which objective, how many new sites, within what radius, for
/// which year's need; the capacity of a new site and the E2SFCA catchment default to norms.
#[derive(Debug, Clone, PartialEq)]
pub struct SitingQuestion {
    pub category: FacilityCategory,
    pub model: SitingModel,
    pub new_sites: usize,
    pub radius_m: f64,
    pub year: i32,
    pub new_site_capacity: Option<f64>,
    pub catchment_m: Option<f64>,
}

/// Why a question cannot be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SitingError {
    #[error("the radius must be a positive number of metres")]
    Radius,
    #[error("{asked} sites asked for, {available} available")]
    TooMany { asked: usize, available: usize },
    #[error("{0}")]
    Engine(String),
    /// The caller's cancel flag was set during the search.
    #[error("the search was cancelled")]
    Cancelled,
}

/// How a long search is watched: a cancel flag polled between steps, and a report of the share
/// of the search done (0–1) where the search knows it.
#[derive(Default)]
pub struct Watch<'a> {
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
    pub progress: Option<&'a mut dyn FnMut(f64)>,
}

impl Watch<'_> {
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }
    pub(crate) fn report(&mut self, fraction: f64) {
        if let Some(p) = self.progress.as_mut() {
            p(fraction);
        }
    }
}

impl From<CoverError> for SitingError {
    fn from(e: CoverError) -> Self {
        SitingError::Engine(e.to_string())
    }
}

/// The question made concrete: sites, demand weights, the dense township × site distance
/// matrix, the sites kept, their capacities.
pub struct SitingProblem {
    pub question: SitingQuestion,
    pub sites: Vec<SiteOption>,
    pub weight: Vec<f64>,
    /// Township-major distances (m): `cost[i * m + j]`.
    pub cost: Vec<f64>,
    pub existing: Vec<usize>,
    pub capacity: Vec<f64>,
    pub catchment_m: f64,
    pub new_site_capacity: f64,
    /// Sites open after the search: the existing and the new.
    pub p: usize,
}

/// The need a service's demand is weighted by.
pub fn service_need(c: FacilityCategory, n: &YearNeed) -> f64 {
    match c {
        FacilityCategory::Childcare => n.childcare_slots,
        FacilityCategory::Elderly => n.beds_by_norm,
        FacilityCategory::School => n.primary_students + n.junior_students,
    }
}

/// The default capacity of a new site of a service (norm `siting.new_site_capacity.*`).
pub fn default_new_site_capacity(c: FacilityCategory, norms: &Catalogue) -> f64 {
    norms.value(match c {
        FacilityCategory::Childcare => ids::SITING_NEW_CAPACITY_CHILDCARE,
        FacilityCategory::Elderly => ids::SITING_NEW_CAPACITY_ELDERLY,
        FacilityCategory::School => ids::SITING_NEW_CAPACITY_SCHOOL,
    })
}

impl SitingProblem {
    /// Builds the problem on `data` with each township's need (by township, in order).
    pub fn new(
        data: &CountyDataset,
        q: SitingQuestion,
        township_need: &[f64],
        norms: &Catalogue,
    ) -> Result<SitingProblem, SitingError> {
        if !(q.radius_m.is_finite() && q.radius_m > 0.0) {
            return Err(SitingError::Radius);
        }
        let mut sites: Vec<SiteOption> = Vec::new();
        for f in data
            .facilities
            .iter()
            .filter(|f| f.kind.category() == q.category)
        {
            let source = if in_service(f, q.year) {
                SiteSource::Existing
            } else if f.status == FacilityStatus::Candidate {
                SiteSource::Candidate
            } else {
                continue;
            };
            sites.push(SiteOption {
                id: f.id.clone(),
                name: f.name.clone(),
                lon: f.location.lon,
                lat: f.location.lat,
                source,
                chosen: false,
                capacity: 0.0,
            });
        }
        for t in &data.townships {
            sites.push(SiteOption {
                id: format!("T{}", t.code),
                name: t.name.clone(),
                lon: t.interior.lon,
                lat: t.interior.lat,
                source: SiteSource::Township,
                chosen: false,
                capacity: 0.0,
            });
        }
        let existing: Vec<usize> = (0..sites.len())
            .filter(|&j| sites[j].source == SiteSource::Existing)
            .collect();
        let m = sites.len();
        let p = existing.len() + q.new_sites;
        if p > m {
            return Err(SitingError::TooMany {
                asked: p,
                available: m,
            });
        }
        let mut cost = Vec::with_capacity(data.townships.len() * m);
        for t in &data.townships {
            for s in &sites {
                cost.push(haversine_m(
                    [t.interior.lon, t.interior.lat],
                    [s.lon, s.lat],
                ));
            }
        }
        let states = ScenarioFacility::all_open(&data.facilities);
        let measures = measures_by_facility(&states, norms);
        let new_site_capacity = q
            .new_site_capacity
            .unwrap_or_else(|| default_new_site_capacity(q.category, norms));
        let capacity: Vec<f64> = sites
            .iter()
            .map(|s| match (s.source, measures.get(&s.id)) {
                (SiteSource::Existing, Some(mm)) => service_supply(q.category, mm),
                _ => new_site_capacity,
            })
            .collect();
        for (s, c) in sites.iter_mut().zip(&capacity) {
            s.capacity = *c;
        }
        let catchment_m = q
            .catchment_m
            .unwrap_or(norms.value(ids::SITING_CATCHMENT_MULTIPLE) * q.radius_m);
        Ok(SitingProblem {
            weight: township_need.to_vec(),
            question: q,
            sites,
            cost,
            existing,
            capacity,
            catchment_m,
            new_site_capacity,
            p,
        })
    }

    pub fn n(&self) -> usize {
        self.weight.len()
    }

    pub fn m(&self) -> usize {
        self.sites.len()
    }

    /// The distance matrix as the engine's sparse form.
    pub fn cost_matrix(&self) -> Result<CostMatrix, SitingError> {
        let (n, m) = (self.n(), self.m());
        CostMatrix::from_triplets(n, m, (0..n * m).map(|k| (k / m, k % m, self.cost[k])))
            .map_err(|e| SitingError::Engine(e.to_string()))
    }

    /// The MCLP instance (radius, weights, the existing sites fixed open).
    pub fn cover_instance(&self) -> Result<CoverInstance, SitingError> {
        Ok(CoverInstance::new(
            &self.cost_matrix()?,
            self.question.radius_m,
            self.weight.clone(),
            None,
            &self.existing,
        )?)
    }

    /// Townships' E2SFCA accessibility with the `open` sites (each with its capacity): the
    /// township's demand at its point, the steps over the catchment.
    pub fn access(&self, open: &[usize], matrix: &CostMatrix) -> Vec<Option<f64>> {
        let supply: Vec<f64> = (0..self.m())
            .map(|j| {
                if open.contains(&j) {
                    self.capacity[j]
                } else {
                    0.0
                }
            })
            .collect();
        accessibility(
            Stage::TwoStep,
            &Weight::e2sfca_over(self.catchment_m),
            &self.weight,
            &supply,
            matrix,
            self.catchment_m,
        )
    }

    /// Demand-weighted inter-township CV of accessibility with the `open` sites.
    pub fn access_cv(&self, open: &[usize], matrix: &CostMatrix) -> Option<f64> {
        let items: Vec<(f64, f64)> = self
            .weight
            .iter()
            .copied()
            .zip(
                self.access(open, matrix)
                    .into_iter()
                    .map(|a| a.unwrap_or(0.0)),
            )
            .collect();
        weighted_cv(&items).map(|(_, cv)| cv)
    }

    /// The p-median answer: (open sites, objective, bound, gap, proof, seconds).
    pub fn solve_pmedian(&self) -> Result<Answer, SitingError> {
        self.solve_pmedian_with(&mut SolveOptions::default())
    }

    /// [`Self::solve_pmedian`] with the search's controls; a set cancel flag answers
    /// [`SitingError::Cancelled`] rather than the best answer so far.
    pub fn solve_pmedian_with(&self, opts: &mut SolveOptions) -> Result<Answer, SitingError> {
        let mut problem = Problem::new(self.n(), self.m(), self.cost.clone())
            .map_err(|e| SitingError::Engine(e.to_string()))?;
        problem.weight = self.weight.clone();
        problem.must_open = self.existing.clone();
        problem.p = Some(self.p);
        let s = pmedian::solve(&problem, opts).map_err(|e| SitingError::Engine(e.to_string()))?;
        if opts
            .cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
        {
            return Err(SitingError::Cancelled);
        }
        Ok(Answer {
            open: s.sites,
            objective: s.objective,
            bound: s.lower_bound,
            gap: s.gap,
            proof: if s.proven_optimal {
                SitingProof::Lagrangian
            } else {
                SitingProof::Open
            },
            seconds: s.seconds,
        })
    }

    /// The equity answer: the most even choice of new sites ([`most_even`]).
    pub fn solve_equity(&self) -> Result<Answer, SitingError> {
        self.solve_equity_with(&mut Watch::default())
    }

    /// [`Self::solve_equity`] watched: progress by the share of choices tried, cancellable.
    pub fn solve_equity_with(&self, watch: &mut Watch) -> Result<Answer, SitingError> {
        let start = std::time::Instant::now();
        let matrix = self.cost_matrix()?;
        let (open, cv, exhaustive) = most_even_with(self, &matrix, watch)?;
        // Enumerated: the answer is proven (bound = objective). Otherwise the bound is the
        // trivial 0 and the gap says so.
        let bound = if exhaustive { cv } else { 0.0 };
        let gap = if cv > 0.0 { (cv - bound) / cv } else { 0.0 };
        Ok(Answer {
            open,
            objective: cv,
            bound,
            gap,
            proof: if exhaustive {
                SitingProof::Enumeration
            } else {
                SitingProof::Open
            },
            seconds: start.elapsed().as_secs_f64(),
        })
    }

    /// The figures of an answer: which sites, where each township is served from, coverage,
    /// distances and evenness before (existing sites) and after.
    pub fn result(mut self, a: Answer, townships: &[(String, String, f64, f64)]) -> SitingResult {
        let m = self.m();
        let n = self.n();
        let matrix = self.cost_matrix().ok();
        for &j in &a.open {
            self.sites[j].chosen = true;
        }
        let cost = &self.cost;
        let nearest = |open: &[usize], i: usize| -> Option<(usize, f64)> {
            open.iter()
                .map(|&j| (j, cost[i * m + j]))
                .min_by(|x, y| x.1.total_cmp(&y.1))
        };
        let radius = self.question.radius_m;
        let total: f64 = self.weight.iter().sum();
        let share = |covered: f64| if total > 0.0 { covered / total } else { 0.0 };
        let mut allocation = Vec::with_capacity(n);
        let (mut covered_before, mut covered_after, mut dist_after) = (0.0, 0.0, 0.0);
        let mut before_items = Vec::new();
        let mut after_items = Vec::new();
        for (i, (code, name, lon, lat)) in townships.iter().enumerate() {
            let w = self.weight[i];
            let before = nearest(&self.existing, i);
            let (site, d) = nearest(&a.open, i).expect("at least one site is open");
            if before.is_some_and(|(_, d0)| d0 <= radius) {
                covered_before += w;
            }
            if d <= radius {
                covered_after += w;
            }
            dist_after += w * d;
            if let Some((_, d0)) = before {
                before_items.push((w, d0));
            }
            after_items.push((w, d));
            allocation.push(DemandAllocation {
                township_code: code.clone(),
                township_name: name.clone(),
                lon: *lon,
                lat: *lat,
                demand: w,
                site,
                distance_m: d,
                covered: d <= radius,
                distance_before_m: before.map(|(_, d0)| d0),
            });
        }
        let mean = |items: &[(f64, f64)]| {
            let w: f64 = items.iter().map(|x| x.0).sum();
            (w > 0.0 && !items.is_empty()).then(|| items.iter().map(|x| x.0 * x.1).sum::<f64>() / w)
        };
        let cv = |items: &[(f64, f64)]| weighted_cv(items).map(|(_, cv)| cv);
        let access_cv_before = matrix
            .as_ref()
            .filter(|_| !self.existing.is_empty())
            .and_then(|mx| self.access_cv(&self.existing, mx));
        let access_cv_after = matrix.as_ref().and_then(|mx| self.access_cv(&a.open, mx));
        let q = &self.question;
        SitingResult {
            model: q.model,
            category: q.category,
            year: q.year,
            radius_m: q.radius_m,
            new_sites: q.new_sites,
            objective: a.objective,
            bound: a.bound,
            gap: a.gap,
            proven_optimal: a.proof != SitingProof::Open,
            proof: a.proof,
            seconds: a.seconds,
            coverage_before: share(covered_before),
            coverage_after: share(covered_after),
            mean_distance_before_m: (before_items.len() == n)
                .then(|| mean(&before_items))
                .flatten(),
            mean_distance_after_m: if total > 0.0 { dist_after / total } else { 0.0 },
            distance_cv_before: (before_items.len() == n).then(|| cv(&before_items)).flatten(),
            distance_cv_after: cv(&after_items),
            access_cv_before,
            access_cv_after,
            catchment_m: self.catchment_m,
            new_site_capacity: self.new_site_capacity,
            sites: self.sites,
            allocation,
            demand_note: "demand = projected need of the year at each township's interior point; distances are straight-line".to_string(),
        }
    }
}

/// A search's answer before its figures are worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub open: Vec<usize>,
    pub objective: f64,
    pub bound: f64,
    pub gap: f64,
    pub proof: SitingProof,
    pub seconds: f64,
}
