//! 新建县区 — a county set up from the national data: its census table, its township list, its
//! outline and seat, and the township populations of its census bulletin where one is bundled.
//! What the data do not say is left open (待导入, 未分配) and reported; nothing is invented.

use junheng_core::population::set_zone_totals;
use junheng_core::{
    AgeSexBands, County, CountyDataset, PopulationSource, PopulationStatus, Township,
};
use serde::{Deserialize, Serialize};

use crate::{classify, national, CodeLevel, DivisionRef};

/// Why a county cannot be set up from the national data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SetupError {
    /// Not a current county-level code (nor a province or prefecture).
    #[error("{code} is not a current county-level division code")]
    UnknownCode { code: String },
    /// A province or prefecture code: the planner must choose one of its counties.
    #[error("{code} ({name}) is a {level_en}, not a county; choose one of its counties")]
    NotCountyLevel {
        code: String,
        name: String,
        level_zh: String,
        level_en: String,
    },
    /// A census code that no longer exists (merged or renamed after 2020).
    #[error("{code} ({name}) no longer exists: it was abolished or merged after the 2020 census (units created in its prefecture since: {added})")]
    Obsolete {
        code: String,
        name: String,
        /// The units created in its prefecture since the census (code and name), where its
        /// area most likely went.
        added: String,
    },
    /// A current unit created after the census: its population must be supplied.
    #[error("{code} ({name}) has no 2020 census table (created after the census); supply its resident population by age and sex")]
    NoCensus { code: String, name: String },
}

impl SetupError {
    /// The stable error code of the command surface.
    pub fn code(&self) -> &'static str {
        match self {
            SetupError::UnknownCode { .. } => "county.unknown_code",
            SetupError::NotCountyLevel { .. } => "county.not_county_level",
            SetupError::Obsolete { .. } => "county.obsolete_code",
            SetupError::NoCensus { .. } => "county.no_census",
        }
    }
}

/// One thing the set-up found or could not find, for the planner to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SetupNote {
    /// `census`, `townships`, `bulletin`, `unmatched_bulletin_row`, `township_not_in_bulletin`,
    /// `unallocated`, `outline`, `no_outline`, `seat`, `division_change`, `supplied_population`.
    pub key: String,
    pub zh: String,
    pub en: String,
}

/// What `county add` produced and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SetupReport {
    pub code: String,
    pub name: String,
    pub province: DivisionRefView,
    pub prefecture: DivisionRefView,
    pub resident_population: u64,
    pub population_60_plus: u64,
    pub children_0_2: f64,
    pub townships: usize,
    pub townships_with_population: usize,
    pub unallocated_population: u64,
    pub has_outline: bool,
    pub found: Vec<SetupNote>,
    pub missing: Vec<SetupNote>,
}

/// A division by code and name (as the UI gets it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DivisionRefView {
    pub code: String,
    pub name: String,
}

impl From<&DivisionRef> for DivisionRefView {
    fn from(d: &DivisionRef) -> Self {
        DivisionRefView {
            code: d.code.clone(),
            name: d.name.clone(),
        }
    }
}

/// A county ready to store, with its report.
#[derive(Debug, Clone, PartialEq)]
pub struct CountySetup {
    pub dataset: CountyDataset,
    pub report: SetupReport,
}

fn note(key: &str, zh: String, en: String) -> SetupNote {
    SetupNote {
        key: key.into(),
        zh,
        en,
    }
}

/// Checks that `code` is a county the national data can set up (or, with a supplied table,
/// one created after the census); the error says what the planner must do instead.
fn check_code(code: &str, supplied: bool) -> Result<(), SetupError> {
    let n = national();
    match classify(code) {
        CodeLevel::Province | CodeLevel::Prefecture => {
            let province = classify(code) == CodeLevel::Province;
            let name = n.division_name(code).map(str::to_string);
            return match name {
                Some(name) => Err(SetupError::NotCountyLevel {
                    code: code.into(),
                    name,
                    level_zh: if province {
                        "省级行政区"
                    } else {
                        "地级行政区"
                    }
                    .into(),
                    level_en: if province { "province" } else { "prefecture" }.into(),
                }),
                None => Err(SetupError::UnknownCode { code: code.into() }),
            };
        }
        CodeLevel::County => {}
        _ => return Err(SetupError::UnknownCode { code: code.into() }),
    }
    match (n.county(code), n.census(code)) {
        (Some(c), None) if !supplied => Err(SetupError::NoCensus {
            code: code.into(),
            name: c.name.clone(),
        }),
        (Some(_), _) => Ok(()),
        (None, Some(old)) => {
            let prefecture = format!("{}00", &code[..4]);
            let added = n.changes_in_prefecture(&prefecture).added;
            Err(SetupError::Obsolete {
                code: code.into(),
                name: old.name.clone(),
                added: added
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.name))
                    .collect::<Vec<_>>()
                    .join("、"),
            })
        }
        (None, None) => Err(SetupError::UnknownCode { code: code.into() }),
    }
}

/// Sets up county `code` from the national data: the census table (or `supplied`, for a unit
/// created after the census), the 2023 township list with their kinds, the outline and seat,
/// and the bulletin's township populations where one is bundled (the rest 待导入, the county's
/// remainder 未分配). Nothing is estimated.
pub fn county_setup(code: &str, supplied: Option<&AgeSexBands>) -> Result<CountySetup, SetupError> {
    check_code(code, supplied.is_some())?;
    let n = national();
    let cref = n.county(code).expect("checked");
    let census = n.census(code);
    let mut found = Vec::new();
    let mut missing = Vec::new();
    let (population, source) = match (supplied, census) {
        (Some(p), _) => {
            found.push(note(
                "supplied_population",
                format!("常住人口年龄性别表由规划人员提供：{} 人", p.total()),
                format!(
                    "resident population by age and sex supplied by the planner: {}",
                    p.total()
                ),
            ));
            (p.clone(), PopulationSource::Supplied)
        }
        (None, Some(c)) => {
            found.push(note(
                "census",
                format!(
                    "第七次全国人口普查常住人口 {} 人（年龄性别结构完整）",
                    c.total
                ),
                format!(
                    "7th-census resident population {} (full age/sex table)",
                    c.total
                ),
            ));
            (c.population.clone(), PopulationSource::Census)
        }
        (None, None) => unreachable!("checked: a census row or a supplied table"),
    };

    let refs = n.townships(code);
    let mut townships: Vec<Township> = refs
        .iter()
        .map(|t| Township::pending(&t.code, &t.name, t.kind.label_zh()))
        .collect();
    found.push(note(
        "townships",
        format!(
            "乡镇（街道）{} 个（国家统计局2023年统计用区划代码）",
            townships.len()
        ),
        format!(
            "{} townships (NBS 2023 statistical division codes)",
            townships.len()
        ),
    ));

    // Bulletin populations: drawn from the county table in sequence, so each township gets
    // exactly its published total and the rest stays unallocated.
    let mut unallocated = population.clone();
    if let Some(b) = n.bulletin(code) {
        let matched: Vec<(usize, u64)> = b
            .rows
            .iter()
            .filter_map(|r| {
                let c = r.code_2023.as_deref()?;
                let i = townships.iter().position(|t| t.code == c)?;
                Some((i, r.population_2020))
            })
            .collect();
        let current = vec![AgeSexBands::default(); matched.len()];
        let totals: Vec<u64> = matched.iter().map(|(_, p)| *p).collect();
        let r = set_zone_totals(&current, &unallocated, &totals, &population);
        if r.growth.total() == 0 {
            for ((i, _), bands) in matched.iter().zip(r.zones) {
                townships[*i].population = bands;
                townships[*i].population_status = PopulationStatus::Census;
            }
            unallocated = r.unallocated;
            found.push(note(
                "bulletin",
                format!(
                    "{} 个乡镇（街道）的人口来自第七次人口普查公报（{}）",
                    matched.len(),
                    b.source_url
                ),
                format!(
                    "populations of {} townships from the 7th-census bulletin ({})",
                    matched.len(),
                    b.source_url
                ),
            ));
        }
        for r in b.rows.iter().filter(|r| {
            r.code_2023
                .as_deref()
                .is_none_or(|c| !townships.iter().any(|t| t.code == c))
        }) {
            missing.push(note(
                "unmatched_bulletin_row",
                format!(
                    "公报中的“{}”（{} 人）在2023年区划代码中没有对应单位：其人口计入未分配，可新增乡镇或把未分配人口划给某一乡镇",
                    r.name_2020, r.population_2020
                ),
                format!(
                    "the bulletin's \"{}\" ({} residents) has no unit in the 2023 codes: its people are unallocated; add a township or assign the remainder",
                    r.name_2020, r.population_2020
                ),
            ));
        }
        for t in townships
            .iter()
            .filter(|t| t.population_status == PopulationStatus::Pending)
        {
            missing.push(note(
                "township_not_in_bulletin",
                format!("“{}”（{}）在2023年区划代码中，但不在2020年公报中：人口待导入", t.name, t.code),
                format!(
                    "\"{}\" ({}) is in the 2023 codes but not in the 2020 bulletin: population to be imported",
                    t.name, t.code
                ),
            ));
        }
    } else {
        missing.push(note(
            "townships_population",
            "各乡镇（街道）常住人口待导入：全县数字为普查数，乡镇数字显示“待导入”".into(),
            "township resident populations to be imported: county figures are the census, township figures show \"pending\"".into(),
        ));
    }
    if unallocated.total() > 0
        && townships
            .iter()
            .any(|t| t.population_status != PopulationStatus::Pending)
    {
        missing.push(note(
            "unallocated",
            format!("未分配人口 {} 人", unallocated.total()),
            format!(
                "{} residents unallocated to any township",
                unallocated.total()
            ),
        ));
    }

    let outline = n.outline(code);
    if outline.is_some() {
        found.push(note(
            "outline",
            "县域轮廓（DataV，GCJ-02）".into(),
            "county outline (DataV, GCJ-02)".into(),
        ));
    } else {
        missing.push(note(
            "no_outline",
            "全国数据中没有该县的轮廓：地图只显示已导入的乡镇边界或驻地".into(),
            "the national data have no outline of this county: the map shows only imported township boundaries or seats".into(),
        ));
    }
    missing.push(note(
        "township_boundaries",
        "乡镇边界待导入（或在地图上放置各乡镇驻地，按驻地估算边界）".into(),
        "township boundaries to be imported (or place each township seat on the map to estimate them)".into(),
    ));
    let prefecture = &cref.prefecture;
    let changes = n.changes_in_prefecture(&prefecture.code);
    if !changes.vanished.is_empty() || !changes.added.is_empty() {
        let list = |v: &[DivisionRef]| {
            v.iter()
                .map(|d| format!("{} {}", d.code, d.name))
                .collect::<Vec<_>>()
                .join("、")
        };
        missing.push(note(
            "division_change",
            format!(
                "{}在2020年普查后调整过县级区划（撤销：{}；新设：{}）：本县的普查数字可能与现行范围不一致，请核对",
                prefecture.name,
                list(&changes.vanished),
                list(&changes.added)
            ),
            format!(
                "{} changed its county-level units after the 2020 census (abolished: {}; created: {}): this county's census figures may not match its current extent; check them",
                prefecture.name,
                list(&changes.vanished),
                list(&changes.added)
            ),
        ));
    }

    let with_population = townships
        .iter()
        .filter(|t| t.population_status != PopulationStatus::Pending)
        .count();
    let note_zh = match source {
        PopulationSource::Census => format!(
            "县级常住人口及年龄性别结构为第七次全国人口普查（2020）数据；{} 个乡镇（街道）人口来自普查公报，其余待导入。",
            with_population
        ),
        PopulationSource::Supplied => format!(
            "县级常住人口及年龄性别结构由规划人员提供；{} 个乡镇（街道）人口已知，其余待导入。",
            with_population
        ),
    };
    let note_en = match source {
        PopulationSource::Census => format!(
            "County population by age and sex from the 7th census (2020); {with_population} township populations from the census bulletin, the rest to be imported."
        ),
        PopulationSource::Supplied => format!(
            "County population by age and sex supplied by the planner; {with_population} township populations known, the rest to be imported."
        ),
    };
    let mut dataset = CountyDataset {
        county: County {
            code: code.to_string(),
            name: cref.name.clone(),
            province: cref.province.name.clone(),
            prefecture: cref.prefecture.name.clone(),
            census_year: 2020,
            sample_facilities: false,
            population_note_zh: note_zh,
            population_note_en: note_en,
            census_code: census
                .filter(|_| supplied.is_none())
                .map(|c| c.code.clone()),
            population_source: source,
            seat: n.seat(code),
        },
        population: AgeSexBands::default(),
        unallocated,
        townships,
        facilities: vec![],
        outline,
        places: vec![],
    };
    dataset.recompute_population();
    let report = SetupReport {
        code: code.into(),
        name: cref.name.clone(),
        province: (&cref.province).into(),
        prefecture: (&cref.prefecture).into(),
        resident_population: dataset.population.total(),
        population_60_plus: dataset.population.aged_at_least(60),
        children_0_2: dataset.population.children_under_3(),
        townships: dataset.townships.len(),
        townships_with_population: with_population,
        unallocated_population: dataset.unallocated.total(),
        has_outline: dataset.outline.is_some(),
        found,
        missing,
    };
    Ok(CountySetup { dataset, report })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haiyuan_keeps_its_census_total_with_the_unmatched_remainder_unallocated() {
        let s = county_setup("640522", None).unwrap();
        let d = &s.dataset;
        assert_eq!(d.population.total(), 333_518);
        assert_eq!(d.townships.len(), 21);
        let known: u64 = d
            .townships
            .iter()
            .filter(|t| t.population_status == PopulationStatus::Census)
            .map(|t| t.population.total())
            .sum();
        assert_eq!(known, 251_101);
        assert_eq!(d.unallocated.total(), 82_417);
        // 李旺镇 has exactly its bulletin figure.
        let liwang = d.townships.iter().find(|t| t.code == "640522101").unwrap();
        assert_eq!(liwang.population.total(), 29_379);
        let pending: Vec<&str> = d
            .townships
            .iter()
            .filter(|t| t.population_status == PopulationStatus::Pending)
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(pending.len(), 2, "{pending:?}");
        assert!(s
            .report
            .missing
            .iter()
            .any(|m| m.key == "unmatched_bulletin_row"
                && m.zh.contains("海城街道办")
                && m.zh.contains("82417")));
    }

    #[test]
    fn a_county_without_bulletin_has_every_township_pending_and_the_census_total() {
        let s = county_setup("330122", None).unwrap();
        assert_eq!(s.dataset.county.name, "桐庐县");
        assert!(
            s.dataset
                .townships
                .iter()
                .all(|t| t.population_status == PopulationStatus::Pending
                    && t.population.total() == 0)
        );
        assert_eq!(
            s.dataset.unallocated,
            national().census("330122").unwrap().population
        );
        assert!(s.dataset.outline.is_some());
    }

    #[test]
    fn wrong_codes_say_why() {
        assert_eq!(
            county_setup("330100", None).unwrap_err().code(),
            "county.not_county_level"
        );
        assert_eq!(
            county_setup("330000", None).unwrap_err().code(),
            "county.not_county_level"
        );
        assert_eq!(
            county_setup("999999", None).unwrap_err().code(),
            "county.unknown_code"
        );
        assert_eq!(
            county_setup("33112", None).unwrap_err().code(),
            "county.unknown_code"
        );
        let gone = county_setup("330103", None).unwrap_err();
        assert_eq!(gone.code(), "county.obsolete_code");
        assert!(gone.to_string().contains("下城区"), "{gone}");
        assert!(gone.to_string().contains("330113") || gone.to_string().contains("330114"));
        let new = county_setup("330114", None).unwrap_err();
        assert_eq!(new.code(), "county.no_census");
        // With a supplied table the new unit can be set up.
        let mut p = AgeSexBands::default();
        p.male[5] = 1000;
        let s = county_setup("330114", Some(&p)).unwrap();
        assert_eq!(s.dataset.population.total(), 1000);
        assert_eq!(
            s.dataset.county.population_source,
            PopulationSource::Supplied
        );
    }
}
