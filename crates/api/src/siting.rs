use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::access::{haversine_m, CostMatrix, Weight};
use junheng_core::demand::in_service;
use junheng_core::locate::cover::{CoverInstance, CoverOptions};
use junheng_core::locate::{pmedian, Problem, SolveOptions};
use junheng_core::projection::Variant;
use junheng_core::scenario::{measures_by_facility, service_supply, ScenarioFacility};
use junheng_core::{FacilityCategory, FacilityStatus};

use crate::{get_outlook, ApiError, Ctx, ErrorCode, OutlookRequest};

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

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct OptimizeSitesRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub category: FacilityCategory,
    pub model: SitingModel,
    /// New facilities to add to those in service.
    pub new_sites: usize,
    /// Service radius (m) for coverage, and the MCLP radius.
    pub radius_m: f64,
    /// Year whose projected need weights the demand (default 2030).
    #[serde(default = "default_year")]
    #[ts(optional, as = "Option<i32>")]
    pub year: i32,
    #[serde(default)]
    #[ts(optional, as = "Option<Variant>")]
    pub variant: Variant,
    /// Capacity a new site gets (托位, beds or places) for the accessibility figures and the
    /// equity objective; default by category (80 托位, 100 beds, 900 places).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub new_site_capacity: Option<f64>,
    /// E2SFCA catchment (m); default three times the radius.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub catchment_m: Option<f64>,
}

fn default_year() -> i32 {
    2030
}

fn default_capacity(c: FacilityCategory) -> f64 {
    match c {
        FacilityCategory::Childcare => 80.0,
        FacilityCategory::Elderly => 100.0,
        FacilityCategory::School => 900.0,
    }
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

/// Sets of new sites tried by enumeration at most; beyond, a swap search from the greedy start.
const ENUMERATION_LIMIT: u64 = 200_000;

fn n_choose_k(n: usize, k: usize) -> u64 {
    (0..k).fold(1u64, |acc, i| {
        acc.saturating_mul((n - i) as u64) / (i as u64 + 1)
    })
}

/// Accessibility scoring of a set of open sites: E2SFCA per township (demand at its point,
/// each site's capacity), then the demand-weighted inter-township CV.
struct AccessScore<'a> {
    cost: &'a [f64],
    weight: &'a [f64],
    capacity: &'a [f64],
    m: usize,
    /// E2SFCA steps over the catchment (as on the accessibility page).
    distance_weight: Weight,
}

impl AccessScore<'_> {
    fn step(&self, d: f64) -> f64 {
        self.distance_weight.at(d)
    }

    /// Township accessibility with `open` sites.
    fn access(&self, open: &[usize]) -> Vec<f64> {
        let n = self.weight.len();
        let ratio: Vec<(usize, f64)> = open
            .iter()
            .map(|&j| {
                let reach: f64 = (0..n)
                    .map(|i| self.weight[i] * self.step(self.cost[i * self.m + j]))
                    .sum();
                (
                    j,
                    if reach > 0.0 {
                        self.capacity[j] / reach
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        (0..n)
            .map(|i| {
                ratio
                    .iter()
                    .map(|&(j, r)| r * self.step(self.cost[i * self.m + j]))
                    .sum()
            })
            .collect()
    }

    fn cv(&self, open: &[usize]) -> Option<f64> {
        let items: Vec<(f64, f64)> = self.weight.iter().copied().zip(self.access(open)).collect();
        junheng_core::balance::weighted_cv(&items).map(|(_, cv)| cv)
    }

    /// (access CV, mean nearest distance) with `open` sites; lower is better. No access at all
    /// counts as the worst (CV ∞).
    fn evenness(&self, open: &[usize]) -> (f64, f64) {
        let n = self.weight.len();
        let total: f64 = self.weight.iter().sum();
        let dist: f64 = (0..n)
            .map(|i| {
                self.weight[i]
                    * open
                        .iter()
                        .map(|&j| self.cost[i * self.m + j])
                        .fold(f64::INFINITY, f64::min)
            })
            .sum::<f64>()
            / total.max(f64::MIN_POSITIVE);
        (self.cv(open).unwrap_or(f64::INFINITY), dist)
    }
}

/// The most even choice of `k` new sites besides `existing`: exhaustive when the number of
/// choices is small (as for a county's townships), else a first-improvement swap search.
/// Returns (open sites, CV, whether the search was exhaustive).
fn most_even(
    score_of: &AccessScore<'_>,
    existing: &[usize],
    k: usize,
) -> Result<(Vec<usize>, f64, bool), ApiError> {
    let m = score_of.m;
    let free: Vec<usize> = (0..m).filter(|j| !existing.contains(j)).collect();
    if k > free.len() {
        return Err(siting_error(format!(
            "{k} new sites asked for, {} available",
            free.len()
        )));
    }
    let score = |pick: &[usize]| {
        let open: Vec<usize> = existing
            .iter()
            .copied()
            .chain(pick.iter().map(|&i| free[i]))
            .collect();
        score_of.evenness(&open)
    };
    let better = |a: (f64, f64), b: (f64, f64)| {
        a.0 < b.0 - 1e-12 || ((a.0 - b.0).abs() <= 1e-12 && a.1 < b.1)
    };
    let mut pick: Vec<usize> = (0..k).collect();
    let mut best = (pick.clone(), score(&pick));
    let exhaustive = n_choose_k(free.len(), k) <= ENUMERATION_LIMIT;
    if exhaustive {
        // Lexicographic k-combinations of the free sites.
        'outer: loop {
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

fn siting_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::SitingInvalid, e.to_string(), json!({}))
}

/// Chooses new sites for a facility category on the county's townships: demand at each
/// township's interior point weighted by its projected need in `year`, existing facilities kept,
/// stored candidate sites and township points offered, straight-line (haversine) distances.
pub async fn optimize_sites(
    ctx: &Ctx,
    req: OptimizeSitesRequest,
) -> Result<SitingResult, ApiError> {
    if !(req.radius_m.is_finite() && req.radius_m > 0.0) {
        return Err(siting_error(
            "the radius must be a positive number of metres",
        ));
    }
    let code = ctx.county_code(req.county.as_deref()).await?;
    let data = ctx.load_county(&code).await?;
    let outlook = get_outlook(
        ctx,
        OutlookRequest {
            county: Some(code.clone()),
            variant: req.variant,
            tfr: None,
            from: req.year,
            to: req.year,
            migration: None,
            basis: Default::default(),
        },
    )
    .await?;
    let need = |t: usize| -> f64 {
        let n = &outlook.townships[t].years[0].need;
        match req.category {
            FacilityCategory::Childcare => n.childcare_slots,
            FacilityCategory::Elderly => n.beds_by_norm,
            FacilityCategory::School => n.primary_students + n.junior_students,
        }
    };
    let mut sites: Vec<SiteOption> = Vec::new();
    for f in data
        .facilities
        .iter()
        .filter(|f| f.kind.category() == req.category)
    {
        let source = if in_service(f, req.year) {
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
    let n = data.townships.len();
    let m = sites.len();
    let p = existing.len() + req.new_sites;
    if p > m {
        return Err(siting_error(format!("{p} sites asked for, {m} available")));
    }
    let weight: Vec<f64> = (0..n).map(need).collect();
    let mut cost = Vec::with_capacity(n * m);
    for t in &data.townships {
        for s in &sites {
            cost.push(haversine_m(
                [t.interior.lon, t.interior.lat],
                [s.lon, s.lat],
            ));
        }
    }
    let norms = ctx.norms_for(&code).await?;
    let states = ScenarioFacility::all_open(&data.facilities);
    let measures = measures_by_facility(&states, &norms);
    let new_capacity = req
        .new_site_capacity
        .unwrap_or_else(|| default_capacity(req.category));
    let capacity: Vec<f64> = sites
        .iter()
        .map(|s| match (s.source, measures.get(&s.id)) {
            (SiteSource::Existing, Some(mm)) => service_supply(req.category, mm),
            _ => new_capacity,
        })
        .collect();
    for (s, c) in sites.iter_mut().zip(&capacity) {
        s.capacity = *c;
    }
    let catchment = req.catchment_m.unwrap_or(3.0 * req.radius_m);
    let scorer = AccessScore {
        cost: &cost,
        weight: &weight,
        capacity: &capacity,
        m,
        distance_weight: Weight::e2sfca_over(catchment),
    };
    let (chosen, objective, bound, gap, proof, seconds) = match req.model {
        SitingModel::Pmedian => {
            let mut problem = Problem::new(n, m, cost.clone()).map_err(siting_error)?;
            problem.weight = weight.clone();
            problem.must_open = existing.clone();
            problem.p = Some(p);
            let s = pmedian::solve(&problem, &mut SolveOptions::default()).map_err(siting_error)?;
            (
                s.sites,
                s.objective,
                s.lower_bound,
                s.gap,
                if s.proven_optimal {
                    SitingProof::Lagrangian
                } else {
                    SitingProof::Open
                },
                s.seconds,
            )
        }
        SitingModel::Mclp => {
            let start = std::time::Instant::now();
            let matrix =
                CostMatrix::from_triplets(n, m, (0..n * m).map(|k| (k / m, k % m, cost[k])))
                    .map_err(siting_error)?;
            let inst = CoverInstance::new(&matrix, req.radius_m, weight.clone(), None, &existing)
                .map_err(siting_error)?;
            // The engine's heuristic and Lagrangian bound, then HiGHS for any gap they leave
            // (bounded so the page answers in seconds; an unclosed gap is reported as such).
            let opts = CoverOptions {
                node_limit: 0,
                ..CoverOptions::default()
            };
            let exact = junheng_milp::ExactOptions {
                time_limit_s: 20.0,
                ..junheng_milp::ExactOptions::default()
            };
            let run = junheng_milp::mclp(&inst, p, &opts, &exact).map_err(siting_error)?;
            let s = run.solution;
            let proof = match run.proof {
                junheng_milp::Proof::Lagrangian => SitingProof::Lagrangian,
                junheng_milp::Proof::Milp => SitingProof::Milp,
                junheng_milp::Proof::Open => SitingProof::Open,
            };
            (
                s.sites,
                s.objective,
                s.bound,
                s.gap,
                proof,
                start.elapsed().as_secs_f64(),
            )
        }
        SitingModel::Equity => {
            let start = std::time::Instant::now();
            let (sites_open, cv, exhaustive) = most_even(&scorer, &existing, req.new_sites)?;
            // Enumerated: the answer is proven (bound = objective). Otherwise the bound is the
            // trivial 0 and the gap says so.
            let bound = if exhaustive { cv } else { 0.0 };
            let gap = if cv > 0.0 { (cv - bound) / cv } else { 0.0 };
            (
                sites_open,
                cv,
                bound,
                gap,
                if exhaustive {
                    SitingProof::Enumeration
                } else {
                    SitingProof::Open
                },
                start.elapsed().as_secs_f64(),
            )
        }
    };
    for &j in &chosen {
        sites[j].chosen = true;
    }
    let nearest = |open: &[usize], i: usize| -> Option<(usize, f64)> {
        open.iter()
            .map(|&j| (j, cost[i * m + j]))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    };
    let total: f64 = weight.iter().sum();
    let share = |covered: f64| if total > 0.0 { covered / total } else { 0.0 };
    let mut allocation = Vec::with_capacity(n);
    let (mut covered_before, mut covered_after, mut dist_after) = (0.0, 0.0, 0.0);
    let mut before_items = Vec::new();
    let mut after_items = Vec::new();
    for (i, t) in data.townships.iter().enumerate() {
        let before = nearest(&existing, i);
        let (site, d) = nearest(&chosen, i).expect("at least one site is open");
        if before.is_some_and(|(_, d0)| d0 <= req.radius_m) {
            covered_before += weight[i];
        }
        if d <= req.radius_m {
            covered_after += weight[i];
        }
        dist_after += weight[i] * d;
        if let Some((_, d0)) = before {
            before_items.push((weight[i], d0));
        }
        after_items.push((weight[i], d));
        allocation.push(DemandAllocation {
            township_code: t.code.clone(),
            township_name: t.name.clone(),
            lon: t.interior.lon,
            lat: t.interior.lat,
            demand: weight[i],
            site,
            distance_m: d,
            covered: d <= req.radius_m,
            distance_before_m: before.map(|(_, d0)| d0),
        });
    }
    let mean = |items: &[(f64, f64)]| {
        let w: f64 = items.iter().map(|x| x.0).sum();
        (w > 0.0 && !items.is_empty()).then(|| items.iter().map(|x| x.0 * x.1).sum::<f64>() / w)
    };
    let cv = |items: &[(f64, f64)]| junheng_core::balance::weighted_cv(items).map(|(_, cv)| cv);
    Ok(SitingResult {
        model: req.model,
        category: req.category,
        year: req.year,
        radius_m: req.radius_m,
        new_sites: req.new_sites,
        objective,
        bound,
        gap,
        proven_optimal: proof != SitingProof::Open,
        proof,
        seconds,
        coverage_before: share(covered_before),
        coverage_after: share(covered_after),
        mean_distance_before_m: (before_items.len() == n).then(|| mean(&before_items)).flatten(),
        mean_distance_after_m: if total > 0.0 { dist_after / total } else { 0.0 },
        distance_cv_before: (before_items.len() == n).then(|| cv(&before_items)).flatten(),
        distance_cv_after: cv(&after_items),
        access_cv_before: (!existing.is_empty()).then(|| scorer.cv(&existing)).flatten(),
        access_cv_after: scorer.cv(&chosen),
        catchment_m: catchment,
        new_site_capacity: new_capacity,
        sites,
        allocation,
        demand_note: "demand = projected need of the year at each township's interior point (the township population split is the demo's assumption); distances are straight-line".to_string(),
    })
}
