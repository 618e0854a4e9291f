use serde::{Deserialize, Serialize};

/// Number of age bands in the 7th-census county tables: 0, 1–4, 5–9, …, 80–84, 85+.
pub const BAND_COUNT: usize = 19;

/// Largest 常住人口 a township (or a county's remainder) may be given: above the largest
/// county of China (about 13 million), so only typing errors are refused.
pub const MAX_ZONE_POPULATION: u64 = 20_000_000;

/// A census age band, `[from, to]` in completed years; `to == None` means "and over".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeBand {
    pub from: u32,
    pub to: Option<u32>,
}

/// The census age bands in order (年龄组: 0岁, 1-4岁, 5-9岁 … 85岁及以上).
pub const CENSUS_BANDS: [AgeBand; BAND_COUNT] = {
    let mut bands = [AgeBand {
        from: 0,
        to: Some(0),
    }; BAND_COUNT];
    bands[1] = AgeBand {
        from: 1,
        to: Some(4),
    };
    let mut i = 2;
    while i < BAND_COUNT - 1 {
        let from = 5 * (i as u32 - 1);
        bands[i] = AgeBand {
            from,
            to: Some(from + 4),
        };
        i += 1;
    }
    bands[BAND_COUNT - 1] = AgeBand { from: 85, to: None };
    bands
};

impl AgeBand {
    /// The band as written in tables: `0`, `1-4`, … `80-84`, `85+`.
    pub fn label(&self) -> String {
        match self.to {
            None => format!("{}+", self.from),
            Some(t) if t == self.from => format!("{t}"),
            Some(t) => format!("{}-{t}", self.from),
        }
    }

    /// Years the band spans; `None` for the open top band.
    pub fn width(&self) -> Option<u32> {
        self.to.map(|to| to - self.from + 1)
    }
}

/// 常住人口 by sex and census age band (persons).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct AgeSexBands {
    pub male: [u64; BAND_COUNT],
    pub female: [u64; BAND_COUNT],
}

impl AgeSexBands {
    pub fn total(&self) -> u64 {
        self.male.iter().chain(self.female.iter()).sum()
    }

    pub fn band_total(&self, band: usize) -> u64 {
        self.male[band] + self.female[band]
    }

    /// Persons aged `from` and over. `from` must be a band boundary (e.g. 60, 65, 80).
    pub fn aged_at_least(&self, from: u32) -> u64 {
        CENSUS_BANDS
            .iter()
            .enumerate()
            .filter(|(_, b)| b.from >= from)
            .map(|(i, _)| self.band_total(i))
            .sum()
    }

    /// 3岁以下婴幼儿 (ages 0, 1 and 2): age 0 exactly plus ages 1–2 taken as half of the
    /// 1–4 band, i.e. a uniform spread inside the band. The census does not split 1–4.
    pub fn children_under_3(&self) -> f64 {
        self.band_total(0) as f64 + self.band_total(1) as f64 * 2.0 / 4.0
    }

    pub fn add(&mut self, other: &AgeSexBands) {
        for i in 0..BAND_COUNT {
            self.male[i] += other.male[i];
            self.female[i] += other.female[i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_age_once() {
        let mut next = 0;
        for b in CENSUS_BANDS.iter() {
            assert_eq!(b.from, next);
            match b.to {
                Some(to) => next = to + 1,
                None => assert_eq!(b.from, 85),
            }
        }
        assert_eq!(CENSUS_BANDS[13].from, 60);
        assert_eq!(CENSUS_BANDS[13].width(), Some(5));
    }

    #[test]
    fn aggregates_by_hand() {
        let mut p = AgeSexBands::default();
        p.male[0] = 10;
        p.female[0] = 6;
        p.male[1] = 40;
        p.female[1] = 20;
        p.male[13] = 100; // 60-64
        p.female[18] = 7; // 85+
        p.female[16] = 3; // 75-79
        assert_eq!(p.total(), 186);
        assert_eq!(p.aged_at_least(60), 110);
        assert_eq!(p.aged_at_least(80), 7);
        assert_eq!(p.aged_at_least(65), 10);
        // 16 infants + half of the 60 aged 1-4.
        assert_eq!(p.children_under_3(), 46.0);
    }
}
