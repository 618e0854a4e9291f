//! 净迁移假设 — net migrants per year spread over age and sex, for the 常住 (resident) view: a
//! county that loses young adults to the cities every year needs fewer 托位 and more 床位 than
//! its natural change alone suggests.
//!
//! Two age profiles:
//! * **Rogers–Castro form** (Rogers & Castro 1981): m(x) = a₁e^(−α₁x) + a₂e^(−α₂(x−μ₂) −
//!   e^(−λ₂(x−μ₂))) + c — children moving with their parents, a labour-force peak in the early
//!   twenties, and a constant. Only its shape is used (normalised to sum to 1); the parameters
//!   below give a peak at about age 21 and are an editable modelling default, not a measured
//!   schedule for any county.
//! * **Population**: like the base population's age and sex structure (everyone equally mobile).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{SingleAges, AGES};

/// Parameters of the Rogers–Castro profile (a₁, α₁, a₂, μ₂, α₂, λ₂, c).
pub const ROGERS_CASTRO: [f64; 7] = [0.02, 0.10, 0.06, 20.0, 0.10, 0.40, 0.003];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MigrationProfile {
    #[default]
    RogersCastro,
    Population,
}

/// Net migration entered by the planner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MigrationAssumption {
    /// Net migrants per calendar year (negative = more leave than arrive).
    pub annual_net: f64,
    /// First and last calendar year it applies (default 2021 to the end of the projection).
    #[serde(default = "default_from")]
    pub from: i32,
    #[serde(default)]
    pub to: Option<i32>,
    #[serde(default)]
    pub profile: MigrationProfile,
    /// Share of men among the migrants (default 0.5).
    #[serde(default = "half")]
    pub male_share: f64,
}

fn default_from() -> i32 {
    2021
}
fn half() -> f64 {
    0.5
}

/// The Rogers–Castro shape at age x.
pub fn rogers_castro(x: f64) -> f64 {
    let [a1, al1, a2, mu2, al2, la2, c] = ROGERS_CASTRO;
    a1 * (-al1 * x).exp() + a2 * (-al2 * (x - mu2) - (-la2 * (x - mu2)).exp()).exp() + c
}

/// Shares by age (sum 1) and sex of one year's net migrants.
fn age_sex_shares(a: &MigrationAssumption, base: &SingleAges) -> SingleAges {
    let mut s = SingleAges::default();
    match a.profile {
        MigrationProfile::RogersCastro => {
            let shape: Vec<f64> = (0..AGES).map(|x| rogers_castro(x as f64)).collect();
            let total: f64 = shape.iter().sum();
            for (x, v) in shape.iter().enumerate() {
                s.male[x] = a.male_share * v / total;
                s.female[x] = (1.0 - a.male_share) * v / total;
            }
        }
        MigrationProfile::Population => {
            let total = base.total();
            let (m, f): (f64, f64) = (base.male.iter().sum(), base.female.iter().sum());
            for x in 0..AGES {
                if total > 0.0 {
                    // Age shape from each sex's own structure, sexes weighted by `male_share`.
                    s.male[x] = if m > 0.0 {
                        a.male_share * base.male[x] / m
                    } else {
                        0.0
                    };
                    s.female[x] = if f > 0.0 {
                        (1.0 - a.male_share) * base.female[x] / f
                    } else {
                        0.0
                    };
                }
            }
        }
    }
    s
}

/// Net migrants by year, sex and age for the projection (`RegionInputs::migration`).
pub fn migration_schedule(
    a: &MigrationAssumption,
    base: &SingleAges,
    last_year: i32,
) -> BTreeMap<i32, SingleAges> {
    let shares = age_sex_shares(a, base);
    let to = a.to.unwrap_or(last_year).min(last_year);
    (a.from.max(2020)..=to)
        .map(|y| {
            let mut m = SingleAges::default();
            for x in 0..AGES {
                m.male[x] = a.annual_net * shares.male[x];
                m.female[x] = a.annual_net * shares.female[x];
            }
            (y, m)
        })
        .collect()
}

/// Checks an assumption: finite numbers, a share in 0–1, years in order.
pub fn check_migration(a: &MigrationAssumption) -> Result<(), String> {
    if !a.annual_net.is_finite() {
        return Err("annual net migration must be a number".into());
    }
    if !(0.0..=1.0).contains(&a.male_share) {
        return Err(format!("male share must be 0–1, got {}", a.male_share));
    }
    if a.to.is_some_and(|t| t < a.from) {
        return Err(format!(
            "migration years {}–{:?} are out of order",
            a.from, a.to
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rogers_castro_profile_sums_to_the_annual_total_and_peaks_in_the_early_twenties() {
        let a = MigrationAssumption {
            annual_net: -1000.0,
            from: 2021,
            to: Some(2023),
            profile: MigrationProfile::RogersCastro,
            male_share: 0.55,
        };
        let s = migration_schedule(&a, &SingleAges::default(), 2035);
        assert_eq!(s.keys().copied().collect::<Vec<_>>(), [2021, 2022, 2023]);
        let y = &s[&2022];
        assert!((y.total() + 1000.0).abs() < 1e-9);
        assert!((y.male.iter().sum::<f64>() + 550.0).abs() < 1e-9);
        let peak = (0..AGES)
            .min_by(|&i, &j| y.male[i].total_cmp(&y.male[j]))
            .unwrap();
        assert!((19..=24).contains(&peak), "peak at {peak}");
        // Children move with their parents: more infants than teenagers of 15.
        assert!(y.male[0] < y.male[15]);
    }

    #[test]
    fn population_profile_follows_the_base_structure() {
        let mut base = SingleAges::default();
        base.male[30] = 300.0;
        base.male[60] = 100.0;
        base.female[30] = 400.0;
        let a = MigrationAssumption {
            annual_net: 100.0,
            from: 2025,
            to: None,
            profile: MigrationProfile::Population,
            male_share: 0.5,
        };
        let s = migration_schedule(&a, &base, 2026);
        let y = &s[&2025];
        assert_eq!((y.male[30], y.male[60], y.female[30]), (37.5, 12.5, 50.0));
        assert_eq!(s.len(), 2);
    }
}
