//! Model life tables at a target life expectancy, and the survival ratios the projection uses.
//!
//! **Model.** Brass relational logit with slope β = 1:
//! `logit l(x) = α + logit lₛ(x)`, `logit l = ½ ln((1 − l)/l)`, for every age x ≥ 1, with
//! l(0) = 1. The level α is found by bisection so that the table's e0 matches the target to
//! better than 1e-6 (in practice ~1e-10). China publishes no citable national single-year life
//! table for 2020 (standards.md §5.2: the census table is only in the printed yearbook ⚠️), so
//! the **standard lₛ(x)** is built in ([`Standard::gompertz_makeham`]):
//!
//! * q(0) = **5.4‰** — infant mortality 2021 (NHC 宋莉, standards.md §5.2);
//! * ages ≥ 1: force of mortality μ(x) = C e^(−0.6 (x−1)) + A + B e^(c x) with
//!   C = 0.0005 (early-childhood excess, giving under-5 mortality ≈ 7.4‰ against the
//!   published 7.5‰), Makeham A = 0.0002 (accidents, young-adult floor), Gompertz slope
//!   c = 0.095 (mortality doubling every 7.3 years of age, the usual range 0.085–0.11 for
//!   low-mortality populations), and B **solved by bisection so that the standard's e0 is exactly
//!   78.0**, the national level around 2020–2021 (77.93 in 2020). The resulting standard has
//!   q(60) ≈ 9.3‰, q(80) ≈ 59‰, q(90) ≈ 146‰.
//!
//! Hence at e0 = 78 (α = 0) infant mortality is 5.4‰, and other levels move every age together
//! on the logit scale. Limits: β = 1 keeps the standard's age pattern (a pure Gompertz old-age
//! slope, so mortality above ~95 is if anything overstated compared with the Kannisto-type
//! deceleration seen in good data); sexes share the standard and differ only in α and in a(0).
//!
//! **Life-table columns.** l(x) for x = 0..=130 (l(130) < 1e-30 at any realistic level, so
//! person-years beyond are ignored); L(0) = l(1) + a(0)(l(0) − l(1)) with the Andreev–Kingkade
//! (2015) a(0) for low mortality — male 0.1493 − 2.0367 q(0), female 0.1490 − 2.0867 q(0), and
//! their mean for the unisex standard; L(x) = (l(x) + l(x+1))/2 above age 0 (deaths uniform in
//! the year of age).
//!
//! **Default e0 path** ([`E0Path::national_default`]): both-sexes e0 77.93 (2020), 79.25 (2025),
//! 80.0 (2030), linear in between, held after 2030 (standards.md §5.2). Female − male = 5.8
//! years; the both-sexes e0 is taken as the births-weighted mean of the two sexes, which is exact
//! when the both-sexes table is the SRB-weighted mix of the two (radices srb : 1), so
//! e0ₘ = e0 − 5.8/(1 + srb) and e0f = e0ₘ + 5.8 (2020 with srb 1.113: 75.18 / 80.98; the
//! census-based published figures are about 75.4 / 80.9 — the gap of 5.8 is the brief's
//! assumption ⚠️). Users may give fixed male and female e0 instead ([`E0Path::Fixed`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::split::TAIL_LEN;
use super::{ProjectionError, Sex, BASE_YEAR, MAX_AGE};

/// Oldest age carried in the life table (l is computed for 0..=TABLE_AGE).
pub const TABLE_AGE: usize = 130;

/// Infant mortality of the standard (per person, i.e. 5.4‰).
pub const STANDARD_Q0: f64 = 0.0054;
/// Life expectancy of the standard.
pub const STANDARD_E0: f64 = 78.0;

const CHILD_C: f64 = 0.0005;
const CHILD_DECAY: f64 = 0.6;
const MAKEHAM_A: f64 = 0.0002;
const GOMPERTZ_C: f64 = 0.095;

/// Andreev–Kingkade a(0) for q(0) in the low-mortality branch.
fn a0(sex: Option<Sex>, q0: f64) -> f64 {
    match sex {
        Some(Sex::Male) => 0.1493 - 2.0367 * q0,
        Some(Sex::Female) => 0.1490 - 2.0867 * q0,
        None => 0.14915 - 2.0617 * q0,
    }
}

fn logit(l: f64) -> f64 {
    0.5 * ((1.0 - l) / l).ln()
}

fn inv_logit(y: f64) -> f64 {
    1.0 / (1.0 + (2.0 * y).exp())
}

/// The standard survivorship lₛ(x), x = 0..=TABLE_AGE, and its logits.
#[derive(Debug, Clone)]
pub struct Standard {
    pub l: Vec<f64>,
    logits: Vec<f64>,
}

impl Standard {
    /// The built-in Gompertz–Makeham standard (module docs): q(0) = 5.4‰, e0 = 78.0.
    pub fn gompertz_makeham() -> Standard {
        let build = |b: f64| -> Vec<f64> {
            let mut l = Vec::with_capacity(TABLE_AGE + 1);
            l.push(1.0);
            l.push(1.0 - STANDARD_Q0);
            for x in 1..TABLE_AGE {
                let x = x as f64;
                // Integrated hazard over [x, x+1).
                let child =
                    CHILD_C * (-CHILD_DECAY * (x - 1.0)).exp() * (1.0 - (-CHILD_DECAY).exp())
                        / CHILD_DECAY;
                let gompertz = b * (GOMPERTZ_C * x).exp() * (GOMPERTZ_C.exp() - 1.0) / GOMPERTZ_C;
                let prev = *l.last().expect("l(1)");
                l.push(prev * (-(MAKEHAM_A + child + gompertz)).exp());
            }
            l
        };
        let (mut lo, mut hi) = (1e-7, 1e-3);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if expectancy(&build(mid), None) > STANDARD_E0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let l = build(0.5 * (lo + hi));
        let logits = l
            .iter()
            .map(|&v| if v < 1.0 { logit(v) } else { 0.0 })
            .collect();
        Standard { l, logits }
    }
}

impl Standard {
    /// The built-in standard, built once per process: its B takes 200 bisection steps of a
    /// 130-age table each, and every projection starts from it.
    pub fn built_in() -> &'static Standard {
        static STANDARD: OnceLock<Standard> = OnceLock::new();
        STANDARD.get_or_init(Standard::gompertz_makeham)
    }
}

/// Tables of the built-in standard kept at most; past this the kept ones are dropped (a
/// province's path needs two per distinct year, so all of China's fit many times over).
const SHARED_TABLES: usize = 4096;

/// Person-years L(x), x = 0..TABLE_AGE, from l(x), x = 0..=TABLE_AGE.
fn person_years(l: &[f64], sex: Option<Sex>) -> Vec<f64> {
    let mut big = Vec::with_capacity(l.len() - 1);
    let q0 = 1.0 - l[1] / l[0];
    big.push(l[1] + a0(sex, q0) * (l[0] - l[1]));
    for x in 1..l.len() - 1 {
        big.push(0.5 * (l[x] + l[x + 1]));
    }
    big
}

fn expectancy(l: &[f64], sex: Option<Sex>) -> f64 {
    person_years(l, sex).iter().sum::<f64>() / l[0]
}

/// A single-year life table for one sex (radix 1).
#[derive(Debug, Clone)]
pub struct LifeTable {
    pub sex: Sex,
    /// Brass level α (0 = the standard).
    pub alpha: f64,
    /// l(x), x = 0..=TABLE_AGE.
    pub l: Vec<f64>,
    /// L(x), x = 0..TABLE_AGE.
    pub big_l: Vec<f64>,
    pub e0: f64,
}

impl LifeTable {
    /// The Brass table with level `alpha`.
    pub fn with_alpha(standard: &Standard, sex: Sex, alpha: f64) -> LifeTable {
        let l: Vec<f64> = (0..=TABLE_AGE)
            .map(|x| {
                if x == 0 {
                    1.0
                } else {
                    inv_logit(alpha + standard.logits[x])
                }
            })
            .collect();
        let big_l = person_years(&l, Some(sex));
        let e0 = big_l.iter().sum();
        LifeTable {
            sex,
            alpha,
            l,
            big_l,
            e0,
        }
    }

    /// The table whose e0 equals `e0` (bisection on α; |error| < 1e-9).
    pub fn for_e0(standard: &Standard, sex: Sex, e0: f64) -> Result<LifeTable, ProjectionError> {
        if !(20.0..=100.0).contains(&e0) {
            return Err(ProjectionError::LifeExpectancyOutOfRange { e0 });
        }
        // e0 decreases as α rises; [−6, 6] spans e0 ≈ 5 … > 110 with this standard.
        let (mut lo, mut hi) = (-6.0f64, 6.0f64);
        let mut table = LifeTable::with_alpha(standard, sex, 0.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            table = LifeTable::with_alpha(standard, sex, mid);
            if (table.e0 - e0).abs() < 1e-10 {
                break;
            }
            if table.e0 > e0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(table)
    }

    /// [`LifeTable::for_e0`] on the built-in standard, kept process-wide by sex and the exact
    /// e0: the counties of one province share a mortality path, so a national overview or a
    /// server reading many counties builds each table once instead of once per county (each
    /// build is ~45 bisection steps of 131 exponentials). The same inputs give the same table,
    /// bit for bit, whether kept or built.
    pub fn shared_for_e0(sex: Sex, e0: f64) -> Result<Arc<LifeTable>, ProjectionError> {
        type Kept = Mutex<HashMap<(Sex, u64), Arc<LifeTable>>>;
        static KEPT: OnceLock<Kept> = OnceLock::new();
        let kept = KEPT.get_or_init(Kept::default);
        let key = (sex, e0.to_bits());
        if let Some(t) = kept.lock().expect("life tables").get(&key) {
            return Ok(t.clone());
        }
        let table = Arc::new(LifeTable::for_e0(Standard::built_in(), sex, e0)?);
        let mut map = kept.lock().expect("life tables");
        if map.len() >= SHARED_TABLES {
            map.clear();
        }
        map.insert(key, table.clone());
        Ok(table)
    }

    /// Infant mortality q(0).
    pub fn q0(&self) -> f64 {
        1.0 - self.l[1]
    }

    /// T(x) = Σ L(y), y ≥ x.
    pub fn big_t(&self, x: usize) -> f64 {
        self.big_l[x.min(self.big_l.len())..].iter().sum()
    }

    /// Stationary person-years L(85) … L(99), T(100): weights spreading an 85+ band.
    pub fn open_tail_weights(&self) -> [f64; TAIL_LEN] {
        let mut w = [0.0; TAIL_LEN];
        for (i, v) in w.iter_mut().enumerate().take(TAIL_LEN - 1) {
            *v = self.big_l[85 + i];
        }
        w[TAIL_LEN - 1] = self.big_t(MAX_AGE);
        w
    }

    /// The survival ratios of a one-year projection step.
    pub fn survival(&self) -> Survival {
        let mut ratio = [0.0; MAX_AGE + 1];
        for (x, r) in ratio.iter_mut().enumerate().take(MAX_AGE) {
            *r = ratio_or_zero(self.big_l[x + 1], self.big_l[x]);
        }
        ratio[MAX_AGE] = ratio_or_zero(self.big_t(MAX_AGE + 1), self.big_t(MAX_AGE));
        Survival {
            ratio,
            birth: self.big_l[0] / self.l[0],
        }
    }
}

fn ratio_or_zero(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        (a / b).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Survival ratios over one year for a population by completed age.
///
/// `ratio[x]` for x < 100 is L(x+1)/L(x): the share of persons aged x at the start of the year
/// who are alive (aged x+1) a year later. `ratio[100]` is T(101)/T(100), for the open group 100+
/// staying in it. `birth` is L(0)/l(0): the share of a year's births (spread evenly over the
/// year) alive, aged 0, at its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Survival {
    pub ratio: [f64; MAX_AGE + 1],
    pub birth: f64,
}

impl Survival {
    /// No deaths at all (toy tables for tests and what-ifs).
    pub fn immortal() -> Survival {
        Survival {
            ratio: [1.0; MAX_AGE + 1],
            birth: 1.0,
        }
    }
}

/// Life expectancy at birth by sex over the projection years.
#[derive(Debug, Clone, PartialEq)]
pub enum E0Path {
    /// Both-sexes e0 by year as (year, e0) knots, linear between and held outside; split by sex
    /// with female − male = `gap` and the births-weighted mean equal to the both-sexes value.
    Total { knots: Vec<(i32, f64)>, gap: f64 },
    /// Fixed male and female e0 for every year.
    Fixed { male: f64, female: f64 },
}

impl E0Path {
    /// 77.93 (2020), 79.25 (2025), 80.0 (2030), female − male = 5.8 (module docs).
    pub fn national_default() -> E0Path {
        E0Path::Total {
            knots: vec![(BASE_YEAR, 77.93), (2025, 79.25), (2030, 80.0)],
            gap: 5.8,
        }
    }

    /// Both-sexes e0 in `year` (for [`E0Path::Fixed`], the births-weighted mean).
    pub fn total(&self, year: i32, srb: f64) -> f64 {
        match self {
            E0Path::Fixed { male, female } => (srb * male + female) / (1.0 + srb),
            E0Path::Total { knots, .. } => interpolate(knots, year),
        }
    }

    /// (male, female) e0 in `year` for sex ratio at birth `srb`.
    pub fn by_sex(&self, year: i32, srb: f64) -> (f64, f64) {
        match self {
            E0Path::Fixed { male, female } => (*male, *female),
            E0Path::Total { gap, .. } => {
                let male = self.total(year, srb) - gap / (1.0 + srb);
                (male, male + gap)
            }
        }
    }
}

/// Piecewise-linear in year through sorted knots, constant outside.
fn interpolate(knots: &[(i32, f64)], year: i32) -> f64 {
    match knots {
        [] => f64::NAN,
        [(y0, v0), ..] if year <= *y0 => *v0,
        _ => {
            for w in knots.windows(2) {
                let ((y0, v0), (y1, v1)) = (w[0], w[1]);
                if year <= y1 {
                    return v0 + (v1 - v0) * (year - y0) as f64 / (y1 - y0) as f64;
                }
            }
            knots.last().map(|k| k.1).unwrap_or(f64::NAN)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_table_is_the_table_built_afresh_bit_for_bit() {
        let fresh = LifeTable::for_e0(&Standard::gompertz_makeham(), Sex::Female, 80.98).unwrap();
        let first = LifeTable::shared_for_e0(Sex::Female, 80.98).unwrap();
        let again = LifeTable::shared_for_e0(Sex::Female, 80.98).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "kept, not rebuilt");
        assert_eq!(first.alpha.to_bits(), fresh.alpha.to_bits());
        assert_eq!(first.l, fresh.l);
        assert_eq!(first.big_l, fresh.big_l);
        assert_eq!(first.survival(), fresh.survival());
        // Another sex or another e0 is another table.
        let male = LifeTable::shared_for_e0(Sex::Male, 80.98).unwrap();
        assert_ne!(male.big_l, first.big_l);
        assert!(LifeTable::shared_for_e0(Sex::Male, 120.0).is_err());
    }

    #[test]
    fn the_standard_has_e0_78_and_infant_mortality_5_4_per_mille() {
        let s = Standard::gompertz_makeham();
        assert!((expectancy(&s.l, None) - 78.0).abs() < 1e-9);
        assert!((1.0 - s.l[1] - 0.0054).abs() < 1e-15);
        // Under-5 mortality against NHC's 7.5‰.
        let q5 = 1.0 - s.l[5];
        assert!((0.0070..0.0080).contains(&q5), "5q0 = {q5}");
    }

    #[test]
    fn e0_is_reproduced_to_1e_6_for_both_sexes_and_many_levels() {
        let s = Standard::gompertz_makeham();
        for sex in Sex::BOTH {
            for target in [45.0, 60.0, 72.5, 75.18, 77.93, 80.98, 85.0, 90.0] {
                let t = LifeTable::for_e0(&s, sex, target).unwrap();
                // Recompute e0 by a second route: Σ l(x) with the trapezoid rule, corrected at
                // age 0 for a(0) ≠ ½.
                let trapezoid: f64 = (0..TABLE_AGE).map(|x| 0.5 * (t.l[x] + t.l[x + 1])).sum();
                let a0 = match sex {
                    Sex::Male => 0.1493 - 2.0367 * t.q0(),
                    Sex::Female => 0.1490 - 2.0867 * t.q0(),
                };
                let e0 = trapezoid + (a0 - 0.5) * (t.l[0] - t.l[1]);
                assert!((e0 - target).abs() < 1e-6, "{sex:?} {target}: {e0}");
            }
        }
        assert!(LifeTable::for_e0(&s, Sex::Male, 120.0).is_err());
    }

    #[test]
    fn survival_is_monotone_and_infant_mortality_near_5_4_at_e0_78() {
        let s = Standard::gompertz_makeham();
        for sex in Sex::BOTH {
            let t = LifeTable::for_e0(&s, sex, 78.0).unwrap();
            assert!(t.l.windows(2).all(|w| w[1] <= w[0]), "l(x) non-increasing");
            let surv = t.survival();
            assert!(surv.ratio.iter().all(|r| (0.0..=1.0).contains(r)));
            // After the childhood minimum (~age 10) survival falls with every year of age.
            for x in 10..MAX_AGE {
                assert!(surv.ratio[x + 1] < surv.ratio[x], "age {x}");
            }
            assert!((t.q0() - 0.0054).abs() < 0.0003, "{sex:?} q0 = {}", t.q0());
            assert!(surv.birth > 0.99 && surv.birth < 1.0);
        }
        // Higher e0 → lower mortality at every age.
        let lo = LifeTable::for_e0(&s, Sex::Female, 75.0).unwrap();
        let hi = LifeTable::for_e0(&s, Sex::Female, 82.0).unwrap();
        assert!((1..=100).all(|x| hi.l[x] > lo.l[x]));
    }

    #[test]
    fn default_path_interpolates_and_splits_by_sex() {
        let p = E0Path::national_default();
        assert_eq!(p.total(2020, 1.113), 77.93);
        assert!((p.total(2023, 1.113) - (77.93 + 3.0 / 5.0 * 1.32)).abs() < 1e-12);
        assert_eq!(p.total(2030, 1.113), 80.0);
        assert_eq!(p.total(2040, 1.113), 80.0);
        let (m, f) = p.by_sex(2020, 1.113);
        assert!((f - m - 5.8).abs() < 1e-12);
        assert!(((1.113 * m + f) / 2.113 - 77.93).abs() < 1e-12);
        assert!((m - (77.93 - 5.8 / 2.113)).abs() < 1e-12);
    }
}
