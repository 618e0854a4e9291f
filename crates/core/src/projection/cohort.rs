//! The cohort-component projection by single year of age (0..=99, 100+) and sex.
//!
//! **Time line.** The census counts persons at 2020-11-01 00:00; results are wanted at year-ends
//! (31 Dec 24:00). The first step is a **fractional step of h = 61/366 = 1/6 year** to
//! 2020-12-31, then every step is one calendar year, so every reported population is a true
//! step end (no interpolation between dates) and a calendar year's births, deaths and
//! migration are exactly that year's flows. For 2020 the flows cover only 1 Nov – 31 Dec.
//!
//! **One step of length h** (h = 1/6 or 1), persons by completed age x at the start:
//!
//! * *Survival*: persons aged x survive with `S(x)^h`, `S(x) = L(x+1)/L(x)` from the year's life
//!   table (constant force over the step; for h = 1 exactly the life-table ratio), the open group
//!   with T(101)/T(100).
//! * *Ageing*: with ages spread evenly within each year of age, a share h of the survivors passes
//!   a birthday during the step and moves to x + 1, the rest (1 − h) stay at x (for h = 1 all
//!   move); 100+ keeps its survivors and receives those from 99.
//! * *Births*: `h × Σ ASFR(x) × ½ (F_x(start) + F_x(end))` over mothers 15–49 (person-years
//!   lived by women of each age during the step), split by the sex ratio at birth. When births of
//!   the calendar year are **known** they replace the model: `h × known` (births spread evenly
//!   through the year, so the 2020 stub would take 1/6 of a 2020 figure). Births surviving to the
//!   step end: `1 − h (1 − L(0)/l(0))`, i.e. for a full year the life-table `L(0)/l(0)` (a year's
//!   births are aged 0 at its end, minus infant deaths), for the stub the same loss pro rata.
//! * *Net migration*: per calendar year, by sex and by age at the end of the year (the age at
//!   which migrants are counted in the year-end population), `h × net`; migrants arrive or leave
//!   on average mid-step and so are exposed to half the step's mortality: they count
//!   `net × S(x−1)^(h/2)` at the step end (age 0: `(L(0)/l(0))^(h/2)`). Net emigration larger
//!   than a cell is cut at zero; the reported net migration is what was actually applied.
//! * *Deaths* are counted from the survival factors, so every step satisfies
//!   `P(end) = P(start) + births − deaths + net migration` (tested).
//!
//! Mortality and fertility of calendar year Y (life table at e0(Y), TFR(Y)) apply to the step
//! ending in Y.

use std::collections::BTreeMap;

use crate::AgeSexBands;

use super::split::{split_population, TAIL_LEN};
use super::{
    E0Path, FertilityAssumption, LifeTable, ProjectionError, Sex, SingleAges, Survival, AGES,
    BASE_YEAR, FERTILE_AGES, FERTILE_FROM, FIRST_STEP_YEARS, MAX_AGE,
};

/// The region-independent rates of one calendar year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRates {
    pub year: i32,
    /// `[male, female]`.
    pub survival: [Survival; 2],
    /// ASFR for mothers aged 15..=49.
    pub asfr: [f64; FERTILE_AGES],
    /// Share of births that are male, srb / (1 + srb).
    pub male_share: f64,
    /// Life expectancy used, `[male, female]` (NaN for hand-made tables).
    pub e0: [f64; 2],
}

/// Everything a projection needs that does not depend on the region: computed once, reused for
/// every county (and township).
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// One entry per year BASE_YEAR..=last, in order.
    pub years: Vec<YearRates>,
    /// Weights spreading the census 85+ band over 85..=99, 100+ (`[male, female]`).
    pub tails: [[f64; TAIL_LEN]; 2],
}

impl Rates {
    /// Model rates for BASE_YEAR..=`to` from an e0 path and fertility assumptions.
    pub fn new(
        e0: &E0Path,
        fertility: &FertilityAssumption,
        to: i32,
    ) -> Result<Rates, ProjectionError> {
        if to < BASE_YEAR {
            return Err(ProjectionError::BadYears {
                base: BASE_YEAR,
                from: BASE_YEAR,
                to,
            });
        }
        fertility.check()?;
        let mut years = Vec::new();
        let mut tails = [[0.0; TAIL_LEN]; 2];
        let mut last: Option<((f64, f64), [Survival; 2])> = None;
        for year in BASE_YEAR..=to {
            let (m, f) = e0.by_sex(year, fertility.srb);
            let survival = match &last {
                Some((key, s)) if *key == (m, f) => s.clone(),
                _ => {
                    let tm = LifeTable::shared_for_e0(Sex::Male, m)?;
                    let tf = LifeTable::shared_for_e0(Sex::Female, f)?;
                    if year == BASE_YEAR {
                        tails = [tm.open_tail_weights(), tf.open_tail_weights()];
                    }
                    [tm.survival(), tf.survival()]
                }
            };
            last = Some(((m, f), survival.clone()));
            years.push(YearRates {
                year,
                survival,
                asfr: fertility.schedule.asfr(fertility.tfr_in(year)),
                male_share: fertility.male_share(),
                e0: [m, f],
            });
        }
        Ok(Rates { years, tails })
    }

    pub fn first_year(&self) -> i32 {
        self.years.first().map(|y| y.year).unwrap_or(BASE_YEAR)
    }

    pub fn last_year(&self) -> i32 {
        self.years.last().map(|y| y.year).unwrap_or(BASE_YEAR)
    }
}

/// Region-specific inputs: known births and net migration by calendar year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionInputs {
    /// Known births (persons) of a calendar year; replace the model's births.
    pub births: BTreeMap<i32, f64>,
    /// Net migrants of a calendar year by sex and age at the year's end (negative = net out).
    pub migration: BTreeMap<i32, SingleAges>,
}

impl RegionInputs {
    pub fn check(&self) -> Result<(), ProjectionError> {
        for (&year, &births) in &self.births {
            if !(births.is_finite() && births >= 0.0) {
                return Err(ProjectionError::BadBirths { year, births });
            }
        }
        Ok(())
    }
}

/// The population at the end of one calendar year and that year's flows.
#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    pub year: i32,
    /// Population on 31 December by completed age.
    pub population: SingleAges,
    pub births: f64,
    pub deaths: f64,
    /// Net migration actually applied.
    pub net_migration: f64,
}

/// The reported indicators of one year-end (unrounded persons).
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct YearSummary {
    pub year: i32,
    pub total: f64,
    pub births: f64,
    pub deaths: f64,
    pub age_0_2: f64,
    pub age_3_5: f64,
    pub age_6_11: f64,
    pub age_12_14: f64,
    pub age_15_17: f64,
    pub age_60_plus: f64,
    pub age_65_plus: f64,
    pub age_80_plus: f64,
}

impl YearSummary {
    /// Column names, in output order.
    pub const COLUMNS: [&'static str; 12] = [
        "year",
        "total",
        "births",
        "deaths",
        "age_0_2",
        "age_3_5",
        "age_6_11",
        "age_12_14",
        "age_15_17",
        "age_60_plus",
        "age_65_plus",
        "age_80_plus",
    ];

    /// The values after `year`, in [`YearSummary::COLUMNS`] order.
    pub fn values(&self) -> [f64; 11] {
        [
            self.total,
            self.births,
            self.deaths,
            self.age_0_2,
            self.age_3_5,
            self.age_6_11,
            self.age_12_14,
            self.age_15_17,
            self.age_60_plus,
            self.age_65_plus,
            self.age_80_plus,
        ]
    }
}

impl YearResult {
    pub fn summary(&self) -> YearSummary {
        let p = &self.population;
        YearSummary {
            year: self.year,
            total: p.total(),
            births: self.births,
            deaths: self.deaths,
            age_0_2: p.ages(0, 2),
            age_3_5: p.ages(3, 5),
            age_6_11: p.ages(6, 11),
            age_12_14: p.ages(12, 14),
            age_15_17: p.ages(15, 17),
            age_60_plus: p.at_least(60),
            age_65_plus: p.at_least(65),
            age_80_plus: p.at_least(80),
        }
    }
}

/// One projection step of `h` years with the rates `r` (module docs).
pub fn step(
    start: &SingleAges,
    h: f64,
    r: &YearRates,
    known_births: Option<f64>,
    migration: Option<&SingleAges>,
) -> YearResult {
    let mut end = SingleAges::default();
    let mut deaths = 0.0;
    let mut net_migration = 0.0;
    let full = h == 1.0;
    for sex in Sex::BOTH {
        let s = &r.survival[sex.index()];
        let from = start.sex(sex);
        let to = end.sex_mut(sex);
        for x in 0..AGES {
            let sx = if full { s.ratio[x] } else { s.ratio[x].powf(h) };
            let alive = from[x] * sx;
            deaths += from[x] - alive;
            if x == MAX_AGE {
                to[x] += alive;
            } else {
                to[x] += (1.0 - h) * alive;
                to[x + 1] += h * alive;
            }
        }
        if let Some(m) = migration {
            for (x, &net) in m.sex(sex).iter().enumerate() {
                if net == 0.0 {
                    continue;
                }
                let base = if x == 0 { s.birth } else { s.ratio[x - 1] };
                let f = base.powf(0.5 * h);
                let mut moved = h * net;
                if to[x] + moved * f < 0.0 {
                    // Emigration cut at zero: only those present can leave.
                    moved = if f > 0.0 { -to[x] / f } else { 0.0 };
                }
                to[x] = (to[x] + moved * f).max(0.0);
                deaths += moved * (1.0 - f);
                net_migration += moved;
            }
        }
    }
    let births = match known_births {
        Some(b) => h * b,
        None => {
            h * r
                .asfr
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    f * 0.5 * (start.female[FERTILE_FROM + i] + end.female[FERTILE_FROM + i])
                })
                .sum::<f64>()
        }
    };
    for sex in Sex::BOTH {
        let share = match sex {
            Sex::Male => r.male_share,
            Sex::Female => 1.0 - r.male_share,
        };
        let born = births * share;
        let sb = 1.0 - h * (1.0 - r.survival[sex.index()].birth);
        end.sex_mut(sex)[0] += born * sb;
        deaths += born * (1.0 - sb);
    }
    YearResult {
        year: r.year,
        population: end,
        births,
        deaths,
        net_migration,
    }
}

/// Projects `base` (persons by single age at 2020-11-01) to the end of every year of `rates`:
/// a first step of 1/6 year to 2020-12-31, then calendar years.
pub fn project(base: &SingleAges, rates: &Rates, inputs: &RegionInputs) -> Vec<YearResult> {
    let mut out: Vec<YearResult> = Vec::with_capacity(rates.years.len());
    for r in &rates.years {
        let h = if r.year == BASE_YEAR {
            FIRST_STEP_YEARS
        } else {
            1.0
        };
        let start = out.last().map(|y| &y.population).unwrap_or(base);
        let res = step(
            start,
            h,
            r,
            inputs.births.get(&r.year).copied(),
            inputs.migration.get(&r.year),
        );
        out.push(res);
    }
    out
}

/// Splits census bands (with the base-year life-table tail) and projects them.
pub fn project_census(
    bands: &AgeSexBands,
    rates: &Rates,
    inputs: &RegionInputs,
) -> Vec<YearResult> {
    project(&split_population(bands, &rates.tails), rates, inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-made rates: survival `s` at every age (and for births), TFR 0.
    fn toy_rates(years: std::ops::RangeInclusive<i32>, s: f64) -> Rates {
        let survival = Survival {
            ratio: [s; MAX_AGE + 1],
            birth: s,
        };
        Rates {
            years: years
                .map(|year| YearRates {
                    year,
                    survival: [survival.clone(), survival.clone()],
                    asfr: [0.0; FERTILE_AGES],
                    male_share: 0.5,
                    e0: [f64::NAN; 2],
                })
                .collect(),
            tails: [[1.0; TAIL_LEN]; 2],
        }
    }

    #[test]
    fn a_closed_population_without_deaths_or_births_ages_one_year_per_year() {
        let rates = toy_rates(2020..=2023, 1.0);
        let mut base = SingleAges::default();
        base.male[10] = 600.0;
        base.female[98] = 60.0;
        base.female[100] = 6.0;
        let out = project(&base, &rates, &RegionInputs::default());
        // 2020-12-31: a sixth of each single age has had its birthday.
        let p = &out[0].population;
        assert_eq!((p.male[10], p.male[11]), (500.0, 100.0));
        assert_eq!(
            (p.female[98], p.female[99], p.female[100]),
            (50.0, 10.0, 6.0)
        );
        // 2021-12-31: everyone one year older than on 2020-12-31.
        let p = &out[1].population;
        assert_eq!((p.male[11], p.male[12]), (500.0, 100.0));
        assert_eq!((p.female[99], p.female[100]), (50.0, 16.0));
        // 2023-12-31: the 100+ group has absorbed everyone from 98.
        let p = &out[3].population;
        assert_eq!((p.male[13], p.male[14]), (500.0, 100.0));
        assert_eq!(p.female[100], 66.0);
        for y in &out {
            assert_eq!(y.population.total(), 666.0);
            assert_eq!((y.births, y.deaths), (0.0, 0.0));
        }
    }

    #[test]
    fn toy_survival_0_9_hand_checked() {
        let rates = toy_rates(2020..=2021, 0.9);
        let mut base = SingleAges::default();
        base.male[40] = 1000.0;
        let out = project(&base, &rates, &RegionInputs::default());
        // 0.9^(1/6) = exp(ln 0.9 / 6) = exp(−0.0175601) = 0.9825931.
        let s6 = 0.982_593_1;
        let p = &out[0].population;
        assert!((p.male[40] - 1000.0 * s6 * 5.0 / 6.0).abs() < 1e-3); // 818.83
        assert!((p.male[41] - 1000.0 * s6 / 6.0).abs() < 1e-3); // 163.77
        assert!((out[0].deaths - 17.4069).abs() < 1e-3);
        let p = &out[1].population;
        assert!((p.male[41] - 736.94).abs() < 0.01); // 818.83 × 0.9
        assert!((p.male[42] - 147.39).abs() < 0.01); // 163.77 × 0.9
        assert!((out[1].deaths - 98.26).abs() < 0.01);
    }

    #[test]
    fn known_births_enter_age_0_with_infant_survival() {
        let rates = Rates::new(
            &E0Path::national_default(),
            &FertilityAssumption::default(),
            2023,
        )
        .unwrap();
        let mut inputs = RegionInputs::default();
        inputs.births.insert(2021, 10_620.0);
        inputs.births.insert(2022, 9_560.0);
        let mut bands = AgeSexBands::default();
        for i in 0..crate::BAND_COUNT {
            bands.male[i] = 5_000;
            bands.female[i] = 4_800;
        }
        let out = project_census(&bands, &rates, &inputs);
        for (k, births) in [(1usize, 10_620.0), (2, 9_560.0)] {
            let y = &out[k];
            assert_eq!(y.births, births);
            let r = &rates.years[k];
            let want = births
                * (r.male_share * r.survival[0].birth + (1.0 - r.male_share) * r.survival[1].birth);
            let got = y.population.male[0] + y.population.female[0];
            assert!((got - want).abs() < 1e-9 * want, "{got} vs {want}");
            // About 0.46% of births die before the year-end (5.4‰ × (1 − a0)).
            assert!((0.994..0.997).contains(&(got / births)));
        }
        // 2023 has no known births: the model gives them from the female population.
        let r = &rates.years[3];
        let start = &out[2].population.female;
        let end = &out[3].population.female;
        let model: f64 = (0..FERTILE_AGES)
            .map(|i| r.asfr[i] * 0.5 * (start[15 + i] + end[15 + i]))
            .sum();
        assert!((out[3].births - model).abs() < 1e-9);
    }

    #[test]
    fn flows_balance_every_year_with_migration() {
        let rates = Rates::new(
            &E0Path::national_default(),
            &FertilityAssumption::default(),
            2030,
        )
        .unwrap();
        let mut bands = AgeSexBands::default();
        for i in 0..crate::BAND_COUNT {
            bands.male[i] = 1_000 + 37 * i as u64;
            bands.female[i] = 950 + 41 * i as u64;
        }
        let mut inputs = RegionInputs::default();
        let mut m = SingleAges::default();
        m.male[20] = 120.0;
        m.female[25] = -50.0;
        m.female[90] = -1_000_000.0; // more than there is: cut at zero
        inputs.migration.insert(2022, m.clone());
        inputs.migration.insert(2020, m);
        let base = split_population(&bands, &rates.tails);
        let out = project(&base, &rates, &inputs);
        let mut prev = base.total();
        for y in &out {
            let now = y.population.total();
            assert!((prev + y.births - y.deaths + y.net_migration - now).abs() < 1e-7);
            assert!(y
                .population
                .male
                .iter()
                .chain(&y.population.female)
                .all(|v| *v >= 0.0));
            prev = now;
        }
        assert!(out[2].net_migration < 70.0 && out[2].net_migration > -1_000.0);
        assert_eq!(out[1].net_migration, 0.0);
        // 2020: one sixth of the annual figures; the 20-year-old men arrive, half-exposed.
        let s = rates.years[0].survival[0].ratio[19].powf(1.0 / 12.0);
        let no_mig = project(&base, &rates, &RegionInputs::default());
        let extra = out[0].population.male[20] - no_mig[0].population.male[20];
        assert!((extra - 20.0 * s).abs() < 1e-9);
    }
}
