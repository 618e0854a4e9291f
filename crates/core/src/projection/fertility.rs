//! Fertility: age-specific fertility rates (ASFR) for mothers aged 15–49 from a total fertility
//! rate and a standard age schedule, and the sex ratio at birth.
//!
//! **Schedule.** A gamma density starting at age 15 with **mean age at childbearing 29.5** and
//! standard deviation **5.0** years ⚠️ (China's 2020 mean age at childbearing is about 29–30 and
//! the spread of a late, concentrated schedule about 5 years; no single-year national ASFR
//! table was retrieved). The density is evaluated at mid-year x + 0.5 for completed ages
//! x = 15..=49 and normalised to sum to 1, so `ASFR(x) = TFR × w(x)` and Σ ASFR = TFR exactly;
//! the weights' mean age Σ (x + ½) w(x) is 29.5 to within 0.05 (tested).
//!
//! **TFR assumptions** ([`FertilityAssumption::default`]):
//! * 2020 (the two-month first step): **1.3**, the census TFR announced by NBS (宁吉喆,
//!   2021-05-11, standards.md §5.1);
//! * 2021 on: **medium 1.0** ⚠️ — an assumption in line with academic/UN estimates of 1.0–1.1,
//!   not an official figure (standards.md §5.1); variants low / high = medium ∓ 0.2.
//!
//! **Sex ratio at birth 1.113** (males per female): the 7th census's SRB of 111.3 (NBS 公报),
//! matching the national row's own age-0 ratio (6,312,409 / 5,675,648 = 1.112). Editable.
//!
//! Known births per calendar year, when given, replace the model's births (see `cohort`).

use super::{ProjectionError, BASE_YEAR};

/// Youngest and oldest ages of mothers.
pub const FERTILE_FROM: usize = 15;
pub const FERTILE_TO: usize = 49;
/// Number of fertile single ages (15..=49).
pub const FERTILE_AGES: usize = FERTILE_TO - FERTILE_FROM + 1;

/// Shares of a TFR by mother's completed age 15..=49 (sum 1).
#[derive(Debug, Clone, PartialEq)]
pub struct FertilitySchedule {
    pub weights: [f64; FERTILE_AGES],
}

impl FertilitySchedule {
    /// Gamma schedule from age 15 with the given mean age and standard deviation of childbearing.
    pub fn gamma(mean_age: f64, sd: f64) -> FertilitySchedule {
        let m = mean_age - FERTILE_FROM as f64;
        let theta = sd * sd / m;
        let k = m / theta;
        let mut weights = [0.0; FERTILE_AGES];
        for (i, w) in weights.iter_mut().enumerate() {
            let t = i as f64 + 0.5;
            // Unnormalised gamma density; the constant cancels in the normalisation.
            *w = ((k - 1.0) * t.ln() - t / theta).exp();
        }
        let sum: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= sum);
        FertilitySchedule { weights }
    }

    /// The default schedule: mean 29.5, SD 5.0.
    pub fn standard() -> FertilitySchedule {
        FertilitySchedule::gamma(29.5, 5.0)
    }

    /// ASFR(x) for x = 15..=49 at total fertility `tfr`.
    pub fn asfr(&self, tfr: f64) -> [f64; FERTILE_AGES] {
        self.weights.map(|w| w * tfr)
    }

    /// Mean age at childbearing, Σ (x + ½) w(x).
    pub fn mean_age(&self) -> f64 {
        self.weights
            .iter()
            .enumerate()
            .map(|(i, w)| ((FERTILE_FROM + i) as f64 + 0.5) * w)
            .sum()
    }
}

/// Fertility variant: TFR −0.2 / as given / +0.2 from 2021 on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    Low,
    #[default]
    Medium,
    High,
}

impl Variant {
    pub fn tfr_offset(self) -> f64 {
        match self {
            Variant::Low => -0.2,
            Variant::Medium => 0.0,
            Variant::High => 0.2,
        }
    }
}

/// Fertility assumptions of a projection.
#[derive(Debug, Clone, PartialEq)]
pub struct FertilityAssumption {
    /// TFR of the first (2020) step.
    pub tfr_base: f64,
    /// Medium TFR from 2021 on.
    pub tfr: f64,
    pub variant: Variant,
    /// Males per female at birth.
    pub srb: f64,
    pub schedule: FertilitySchedule,
}

impl Default for FertilityAssumption {
    fn default() -> Self {
        FertilityAssumption {
            tfr_base: 1.3,
            tfr: 1.0,
            variant: Variant::Medium,
            srb: 1.113,
            schedule: FertilitySchedule::standard(),
        }
    }
}

impl FertilityAssumption {
    /// TFR in `year` (the variant applies from 2021).
    pub fn tfr_in(&self, year: i32) -> f64 {
        if year <= BASE_YEAR {
            self.tfr_base
        } else {
            (self.tfr + self.variant.tfr_offset()).max(0.0)
        }
    }

    pub fn check(&self) -> Result<(), ProjectionError> {
        for tfr in [self.tfr_base, self.tfr] {
            if !(tfr.is_finite() && (0.0..=10.0).contains(&tfr)) {
                return Err(ProjectionError::FertilityOutOfRange { tfr });
            }
        }
        if !(0.8..=1.5).contains(&self.srb) {
            return Err(ProjectionError::SexRatioOutOfRange { srb: self.srb });
        }
        Ok(())
    }

    /// Share of births that are male.
    pub fn male_share(&self) -> f64 {
        self.srb / (1.0 + self.srb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_sums_to_tfr_with_mean_age_29_5() {
        let s = FertilitySchedule::standard();
        let asfr = s.asfr(1.3);
        assert!((asfr.iter().sum::<f64>() - 1.3).abs() < 1e-12);
        assert!((s.mean_age() - 29.5).abs() < 0.05, "{}", s.mean_age());
        // Unimodal with its peak in the late twenties.
        let peak = (0..FERTILE_AGES)
            .max_by(|&a, &b| s.weights[a].total_cmp(&s.weights[b]))
            .unwrap();
        assert!((26..=30).contains(&(FERTILE_FROM + peak)));
        assert!(s.weights.iter().all(|w| *w > 0.0));
    }

    #[test]
    fn variants_shift_tfr_by_0_2_from_2021() {
        let mut f = FertilityAssumption::default();
        assert_eq!(f.tfr_in(2020), 1.3);
        assert_eq!(f.tfr_in(2021), 1.0);
        f.variant = Variant::Low;
        assert!((f.tfr_in(2030) - 0.8).abs() < 1e-12);
        f.variant = Variant::High;
        assert!((f.tfr_in(2030) - 1.2).abs() < 1e-12);
        assert_eq!(f.tfr_in(2020), 1.3);
        assert!((f.male_share() - 1.113 / 2.113).abs() < 1e-15);
    }
}
