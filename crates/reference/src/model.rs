//! The records the reference data hands out. Every field is as published by its source;
//! nothing here is estimated.

use junheng_core::AgeSexBands;
use serde::{Deserialize, Serialize};

use crate::TownshipKind;

/// A province or prefecture (or county) by code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DivisionRef {
    pub code: String,
    pub name: String,
}

/// 县级单位: one row of the NBS 2023 统计用区划代码 county-level list (2,978 units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountyRef {
    pub code: String,
    pub name: String,
    /// 地级单位, e.g. 331100 丽水市; 省直辖 units get the xx9000 pseudo-prefecture
    /// (省直辖县级行政区划).
    pub prefecture: DivisionRef,
    /// 省级单位, e.g. 330000 浙江省.
    pub province: DivisionRef,
    /// Lowercase pinyin initials of the name in its place-name reading (云和县 → `yhx`).
    pub initials: String,
    /// The 7th-census yearbook has a row under this code.
    pub has_census: bool,
    /// The county outline file has a feature under this code.
    pub has_outline: bool,
    /// 乡级单位 of the county in the 2023 list.
    pub township_count: u32,
}

/// One row of the 7th-census county yearbook (《中国人口普查分县资料2020》), 常住人口.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CensusCounty {
    /// 2020 区划代码.
    pub code: String,
    pub name: String,
    pub province: String,
    pub prefecture: String,
    /// 人口数_合计.
    pub total: u64,
    /// 城镇人口 (absent where the yearbook prints NA).
    pub urban: Option<u64>,
    /// 乡村人口.
    pub rural: Option<u64>,
    /// 19 census bands × sex, exactly as published (they sum to `total`).
    pub population: AgeSexBands,
    /// The code still exists in the 2023 list.
    pub current: bool,
}

/// 乡级单位 (街道/镇/乡/类似乡级单位) of the 2023 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownshipRef {
    /// 9-digit statistical code.
    pub code: String,
    pub name: String,
    pub kind: TownshipKind,
}

/// One township of a county 7th-census bulletin (第二号公报 乡镇人口情况).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinRow {
    /// Name as printed in the 2020 bulletin.
    pub name_2020: String,
    /// The 2023 township it was matched to, if any.
    pub code_2023: Option<String>,
    pub name_2023: Option<String>,
    /// 常住人口 2020.
    pub population_2020: u64,
    /// How the match was made (empty when the names agree).
    pub note: String,
}

/// 乡镇人口 of one county from its census bulletin; the rows sum to `county_total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownshipBulletin {
    pub county_code: String,
    pub county_total: u64,
    pub source_url: String,
    pub source_kind: String,
    pub rows: Vec<BulletinRow>,
}

/// How a prefecture's county-level units differ between the census (2020) and the 2023 list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrefectureChanges {
    /// Census 2020 codes in this prefecture absent from 2023.
    pub vanished: Vec<DivisionRef>,
    /// 2023 codes absent from the census.
    pub added: Vec<DivisionRef>,
}

/// One source file the data were built from (data/reference/README.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub dataset: String,
    /// Path in the repository.
    pub file: String,
    /// Where it came from (repository, commit, upstream publication).
    pub origin: String,
    pub licence: String,
    /// Date or vintage of the data.
    pub vintage: String,
    pub trust: String,
}
