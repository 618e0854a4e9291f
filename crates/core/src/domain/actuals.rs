use serde::{Deserialize, Serialize};

/// 年度实际数 — what a facility actually served in one year (动态监测): children enrolled,
/// residents and the disabled among them, students per level. A field left out is not known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct FacilityActual {
    pub facility_id: String,
    pub year: i32,
    /// 在托/在园 children (childcare places), at the year's reporting date.
    #[serde(default)]
    pub enrolled: Option<u32>,
    /// 入住老人 (elderly institutions).
    #[serde(default)]
    pub residents: Option<u32>,
    /// Of those, 失能/半失能.
    #[serde(default)]
    pub residents_disabled: Option<u32>,
    /// 在校生 of the primary, junior and senior sections.
    #[serde(default)]
    pub students_primary: Option<u32>,
    #[serde(default)]
    pub students_junior: Option<u32>,
    #[serde(default)]
    pub students_senior: Option<u32>,
}

/// 县级年度实际数 — registered births and deaths, all children under 3 enrolled anywhere, and
/// the published year-end populations of one year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct CountyActual {
    pub year: i32,
    /// 出生登记 (births registered in the year).
    #[serde(default)]
    pub births: Option<u32>,
    /// 死亡登记.
    #[serde(default)]
    pub deaths: Option<u32>,
    /// 在托婴幼儿 (children under 3 enrolled in any childcare place of the county).
    #[serde(default)]
    pub enrolled_under3: Option<u32>,
    /// 年末常住人口 as published (统计公报).
    #[serde(default)]
    pub resident_population: Option<u64>,
    /// 年末户籍人口.
    #[serde(default)]
    pub registered_population: Option<u64>,
}

/// A county's actuals: every facility-year and county-year recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Actuals {
    pub facilities: Vec<FacilityActual>,
    pub county: Vec<CountyActual>,
}

impl Actuals {
    pub fn county_year(&self, year: i32) -> Option<&CountyActual> {
        self.county.iter().find(|c| c.year == year)
    }

    pub fn facility_year(&self, id: &str, year: i32) -> Option<&FacilityActual> {
        self.facilities
            .iter()
            .find(|f| f.year == year && f.facility_id == id)
    }

    /// Years with any actual, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self
            .facilities
            .iter()
            .map(|f| f.year)
            .chain(self.county.iter().map(|c| c.year))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    }
}
