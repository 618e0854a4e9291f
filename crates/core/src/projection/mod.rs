//! 人口预测 — cohort-component population projection by single year of age and sex, from the
//! 7th-census county bands (2020-11-01) to year-end populations of later years.
//!
//! The pipeline, each step documented in its own module:
//!
//! 1. [`split`]: census bands (0, 1–4, 5–9, …, 80–84, 85+) → single years 0..=100 (100 = 100+),
//!    Sprague osculatory interpolation with a life-table tail above 85; band totals exact.
//! 2. [`mortality`]: Brass relational logit model life tables brought to a target e0 per sex
//!    (standard: a Gompertz–Makeham schedule with infant mortality 5.4‰, e0 = 78.0).
//! 3. [`fertility`]: age-specific fertility 15–49 from a TFR and a gamma standard schedule
//!    (mean age 29.5), sex ratio at birth 1.113; known births per year may override.
//! 4. [`cohort`]: the projection itself — a first fractional step of exactly 1/6 year
//!    (2020-11-01 → 2020-12-31), then calendar-year steps, net migration added mid-step.
//! 5. [`township`]: townships projected with the same rates and raked (IPF by age × sex) to the
//!    county projection.
//! 6. [`validate`]: the national row against NBS year-end figures for 2024–2025.
//!
//! Everything is `f64` and unrounded; the engine does no IO and is single-threaded. Rates that do
//! not depend on the region (life tables, fertility schedules) are computed once in
//! [`Rates`] and shared by every county projected with them.

pub mod cohort;
pub mod county;
pub mod fertility;
pub mod migration;
pub mod mortality;
pub mod provincial;
pub mod split;
pub mod township;
pub mod validate;

pub use cohort::*;
pub use county::*;
pub use fertility::*;
pub use migration::*;
pub use mortality::*;
pub use provincial::*;
pub use split::*;
pub use township::*;
pub use validate::*;

/// Highest single age; the last cell (index 100) is the open group 100+.
pub const MAX_AGE: usize = 100;
/// Number of single-age cells per sex: 0, 1, …, 99, 100+.
pub const AGES: usize = MAX_AGE + 1;
/// Census reference moment 2020-11-01 00:00 (第七次全国人口普查标准时点).
pub const BASE_DATE: &str = "2020-11-01";
/// The census year; the first reported year-end is 2020-12-31.
pub const BASE_YEAR: i32 = 2020;
/// Length of the first step 2020-11-01 00:00 → 2020-12-31 24:00 in years: 30 + 31 = 61 days of
/// the 366-day leap year 2020, which is exactly 1/6 (= 2/12).
pub const FIRST_STEP_YEARS: f64 = 61.0 / 366.0;

/// Sex, indexing `[male, female]` arrays.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub const BOTH: [Sex; 2] = [Sex::Male, Sex::Female];

    pub fn index(self) -> usize {
        match self {
            Sex::Male => 0,
            Sex::Female => 1,
        }
    }
}

/// Persons by single year of age (0..=99, then 100+ in the last cell) and sex.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleAges {
    pub male: [f64; AGES],
    pub female: [f64; AGES],
}

impl Default for SingleAges {
    fn default() -> Self {
        SingleAges {
            male: [0.0; AGES],
            female: [0.0; AGES],
        }
    }
}

impl SingleAges {
    pub fn sex(&self, sex: Sex) -> &[f64; AGES] {
        match sex {
            Sex::Male => &self.male,
            Sex::Female => &self.female,
        }
    }

    pub fn sex_mut(&mut self, sex: Sex) -> &mut [f64; AGES] {
        match sex {
            Sex::Male => &mut self.male,
            Sex::Female => &mut self.female,
        }
    }

    pub fn total(&self) -> f64 {
        self.male.iter().chain(self.female.iter()).sum()
    }

    /// Both sexes, ages `from..=to` (`to` capped at 100, which means 100+).
    pub fn ages(&self, from: usize, to: usize) -> f64 {
        let to = to.min(MAX_AGE);
        if from > to {
            return 0.0;
        }
        self.male[from..=to].iter().sum::<f64>() + self.female[from..=to].iter().sum::<f64>()
    }

    /// Both sexes aged `from` and over.
    pub fn at_least(&self, from: usize) -> f64 {
        self.ages(from, MAX_AGE)
    }
}

/// Invalid projection assumptions (the engine itself cannot fail on valid inputs).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectionError {
    #[error("life expectancy {e0} is outside the model's range 20–100 years")]
    LifeExpectancyOutOfRange { e0: f64 },
    #[error("total fertility rate {tfr} must be finite and between 0 and 10")]
    FertilityOutOfRange { tfr: f64 },
    #[error("sex ratio at birth {srb} must be between 0.8 and 1.5 (males per female)")]
    SexRatioOutOfRange { srb: f64 },
    #[error("years must run from {base} on: got {from}..={to}")]
    BadYears { base: i32, from: i32, to: i32 },
    #[error("births for {year} must be finite and non-negative, got {births}")]
    BadBirths { year: i32, births: f64 },
}
