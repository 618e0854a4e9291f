use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// How far a norm's value has been confirmed against a retrieved source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// ✅ read in a retrieved source.
    Confirmed,
    /// 🟡 from a secondary compilation or a local example.
    Secondary,
    /// ⚠️ a commonly used default, not confirmed: always user-editable.
    Unconfirmed,
}

/// 标准/规范指标 — one norm with its value, unit, years and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Norm {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    pub value: f64,
    pub unit: String,
    #[serde(default)]
    pub effective_from: Option<i32>,
    #[serde(default)]
    pub effective_to: Option<i32>,
    pub source: String,
    pub confidence: Confidence,
    /// Where the value in force comes from: `national`, or the override file that replaced it.
    #[serde(default = "national_origin")]
    pub origin: String,
}

fn national_origin() -> String {
    "national".to_string()
}

/// What a norm applies to: its service and, where it differs by level, the school level. Read
/// from the id, whose segments are `<service>.<subject>[.<level>]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NormScope {
    /// `childcare`, `elderly`, `school` or `demand`.
    pub service: String,
    /// `primary`, `junior` or `senior` for level-specific school norms.
    pub level: Option<String>,
}

/// The values a norm may take: a share lies in 0–1, a count or ratio is positive, a year lies
/// in 2000–2100, money and areas are not negative. Read from the norm's unit, so that a new
/// norm gets its domain without anyone remembering to write one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NormDomain {
    pub min: f64,
    pub max: f64,
    /// The minimum itself is not allowed (a ratio or count must be above 0).
    pub min_exclusive: bool,
}

impl NormDomain {
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite()
            && v <= self.max
            && if self.min_exclusive {
                v > self.min
            } else {
                v >= self.min
            }
    }

    /// The range as written in a message: `0–1`, `> 0`, `2000–2100`.
    pub fn describe(&self) -> String {
        if self.min_exclusive {
            format!("> {}", self.min)
        } else {
            format!("{}–{}", self.min, self.max)
        }
    }
}

impl Norm {
    pub fn domain(&self) -> NormDomain {
        let d = |min: f64, max: f64, min_exclusive: bool| NormDomain {
            min,
            max,
            min_exclusive,
        };
        let u = self.unit.as_str();
        match u {
            "比例" | "" => d(0.0, 1.0, false),
            "‰" => d(0.0, 1000.0, false),
            "百分点" => d(0.0, 100.0, false),
            "年" => d(2000.0, 2100.0, false),
            "人" | "项" | "个" | "张" | "倍" => d(0.0, 1e8, true),
            _ if u.starts_with("人/")
                || u.starts_with("生/")
                || u.starts_with("张/")
                || u.starts_with("床/")
                || u.starts_with("间/") =>
            {
                d(0.0, 1e6, true)
            }
            _ => d(0.0, 1e9, false),
        }
    }

    pub fn scope(&self) -> NormScope {
        let mut parts = self.id.split('.');
        let service = parts.next().unwrap_or("").to_string();
        let level = self
            .id
            .split(['.', '_'])
            .find(|p| matches!(*p, "primary" | "junior" | "senior"))
            .map(str::to_string);
        NormScope { service, level }
    }

    /// ⚠️ values are defaults the user is expected to review.
    pub fn editable_default(&self) -> bool {
        self.confidence == Confidence::Unconfirmed
    }
}

/// Errors reading a catalogue or an override file; each names where the problem is.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum StandardsError {
    #[error("{origin}:{line}: not valid {format}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        format: &'static str,
        message: String,
    },
    #[error("{origin}: norm #{index} ({id}): {message}")]
    Invalid {
        origin: String,
        index: usize,
        id: String,
        message: String,
    },
    #[error(
        "{origin}: override #{index} ({id}): {value} is outside the allowed range {range} {unit}"
    )]
    OutOfRange {
        origin: String,
        index: usize,
        id: String,
        value: f64,
        unit: String,
        range: String,
    },
    #[error("{origin}: override #{index}: unknown norm id `{id}`")]
    UnknownId {
        origin: String,
        index: usize,
        id: String,
    },
}

#[derive(Deserialize)]
struct CatalogueFile {
    version: String,
    norm: Vec<Norm>,
}

#[derive(Deserialize)]
struct OverrideFile {
    #[serde(rename = "override", default)]
    overrides: Vec<NormOverride>,
}

/// One user or provincial override of a norm's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NormOverride {
    pub id: String,
    pub value: f64,
    /// The document behind the new value, if the user names one.
    #[serde(default)]
    pub source: Option<String>,
}

fn toml_error(origin: &str, text: &str, e: toml::de::Error) -> StandardsError {
    let line = e
        .span()
        .map(|r| text[..r.start.min(text.len())].matches('\n').count() + 1)
        .unwrap_or(1);
    StandardsError::Syntax {
        origin: origin.to_string(),
        line,
        format: "TOML",
        message: e.message().to_string(),
    }
}

/// The norms in force: national defaults with any provincial or county overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub version: String,
    norms: Vec<Norm>,
    index: HashMap<String, usize>,
}

const NATIONAL_TOML: &str = include_str!("national.toml");

thread_local! {
    static NATIONAL: Catalogue = Catalogue::national();
}

impl Catalogue {
    /// The national defaults shipped with the engine.
    pub fn national() -> Catalogue {
        Self::from_toml(NATIONAL_TOML, "national.toml")
            .expect("the bundled national catalogue is validated by tests")
    }

    pub fn from_toml(text: &str, origin: &str) -> Result<Catalogue, StandardsError> {
        let file: CatalogueFile = toml::from_str(text).map_err(|e| toml_error(origin, text, e))?;
        let mut index = HashMap::new();
        for (i, norm) in file.norm.iter().enumerate() {
            let invalid = |message: &str| StandardsError::Invalid {
                origin: origin.to_string(),
                index: i + 1,
                id: norm.id.clone(),
                message: message.to_string(),
            };
            if !norm.value.is_finite() {
                return Err(invalid("value must be a finite number"));
            }
            if norm.source.trim().is_empty() {
                return Err(invalid("every norm must name its source"));
            }
            if !norm.domain().contains(norm.value) {
                return Err(invalid("the value is outside the domain of its unit"));
            }
            if index.insert(norm.id.clone(), i).is_some() {
                return Err(invalid("duplicate id"));
            }
        }
        Ok(Catalogue {
            version: file.version,
            norms: file.norm,
            index,
        })
    }

    /// Applies an override file, all or nothing: TOML (`[[override]] id = "…" value = …`) or,
    /// when `origin` ends in `.json`, JSON (`{"override": [{"id": "…", "value": …}]}`).
    pub fn with_overrides(&self, text: &str, origin: &str) -> Result<Catalogue, StandardsError> {
        let file: OverrideFile = if origin.to_lowercase().ends_with(".json") {
            serde_json::from_str(text).map_err(|e| StandardsError::Syntax {
                origin: origin.to_string(),
                line: e.line(),
                format: "JSON",
                message: e.to_string(),
            })?
        } else {
            toml::from_str(text).map_err(|e| toml_error(origin, text, e))?
        };
        self.with_values(&file.overrides, origin)
    }

    /// Applies overrides (from a file, or stored with a county), all or nothing. Each changed
    /// norm records `origin` so the UI can show where its value came from.
    pub fn with_values(
        &self,
        overrides: &[NormOverride],
        origin: &str,
    ) -> Result<Catalogue, StandardsError> {
        let mut next = self.clone();
        for (i, entry) in overrides.iter().enumerate() {
            let Some(&pos) = next.index.get(&entry.id) else {
                return Err(StandardsError::UnknownId {
                    origin: origin.to_string(),
                    index: i + 1,
                    id: entry.id.clone(),
                });
            };
            let domain = next.norms[pos].domain();
            if !domain.contains(entry.value) {
                return Err(StandardsError::OutOfRange {
                    origin: origin.to_string(),
                    index: i + 1,
                    id: entry.id.clone(),
                    value: entry.value,
                    unit: next.norms[pos].unit.clone(),
                    range: domain.describe(),
                });
            }
            let norm = &mut next.norms[pos];
            norm.value = entry.value;
            norm.origin = origin.to_string();
            if let Some(source) = &entry.source {
                norm.source = source.clone();
            }
        }
        Ok(next)
    }

    /// The national value of a norm, for showing what an override replaced.
    pub fn national_value(id: &str) -> Option<f64> {
        NATIONAL.with(|c| c.index.get(id).map(|&i| c.norms[i].value))
    }

    pub fn norms(&self) -> &[Norm] {
        &self.norms
    }

    /// The norm with this id. Engine ids are checked to exist by a test, so a miss is a bug.
    pub fn norm(&self, id: &str) -> &Norm {
        match self.index.get(id) {
            Some(&i) => &self.norms[i],
            None => panic!("norm `{id}` is not in the catalogue"),
        }
    }

    pub fn value(&self, id: &str) -> f64 {
        self.norm(id).value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standards::ALL_ENGINE_IDS;

    #[test]
    fn national_catalogue_has_every_engine_norm_with_a_source() {
        let c = Catalogue::national();
        for id in ALL_ENGINE_IDS {
            let n = c.norm(id);
            assert!(!n.source.is_empty(), "{id}");
            assert!(!n.title_zh.is_empty() && !n.title_en.is_empty(), "{id}");
        }
        assert_eq!(c.value(crate::standards::SLOTS_PER_1000_TARGET), 4.5);
        assert_eq!(c.value(crate::standards::NURSING_SHARE_TARGET), 0.55);
        assert_eq!(c.value(crate::standards::BEDS_PER_1000_ELDERLY), 40.0);
        assert!(c
            .norm(crate::standards::SCHOOL_REMAINING_SHARE)
            .editable_default());
    }

    #[test]
    fn scope_is_read_from_the_id() {
        let c = Catalogue::national();
        let s = c
            .norm("school.indicator.sports_area_per_student_m2.junior")
            .scope();
        assert_eq!(
            (s.service.as_str(), s.level.as_deref()),
            ("school", Some("junior"))
        );
        let s = c.norm("school.class_max.senior_intake").scope();
        assert_eq!(s.level.as_deref(), Some("senior"));
        let s = c.norm("childcare.ratio.infant").scope();
        assert_eq!((s.service.as_str(), s.level), ("childcare", None));
    }

    #[test]
    fn overrides_replace_values_and_record_origin() {
        let c = Catalogue::national();
        let o = c
            .with_overrides(
                "[[override]]\nid = \"childcare.slots_per_1000.target_2025\"\nvalue = 5.0\nsource = \"某省规划\"\n",
                "zhejiang.toml",
            )
            .unwrap();
        let n = o.norm(crate::standards::SLOTS_PER_1000_TARGET);
        assert_eq!(n.value, 5.0);
        assert_eq!(n.origin, "zhejiang.toml");
        assert_eq!(n.source, "某省规划");
        // The base catalogue is untouched.
        assert_eq!(c.value(crate::standards::SLOTS_PER_1000_TARGET), 4.5);
    }

    #[test]
    fn bad_overrides_are_located() {
        let c = Catalogue::national();
        let err = c
            .with_overrides(
                "[[override]]\nid = \"elderly.beds_per_1000_elderly\"\nvalue = 45\n[[override]]\nid = \"no.such\"\nvalue = 1\n",
                "county.toml",
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "county.toml: override #2: unknown norm id `no.such`"
        );
        let err = c
            .with_overrides("[[override]]\nid = \"a\"\nvalue = \"x\"\n", "x.toml")
            .unwrap_err();
        assert!(
            matches!(err, StandardsError::Syntax { line: 3, .. }),
            "{err}"
        );
        let err = c
            .with_overrides("{\"override\": [\n{\"id\": \"a\", \"value\": }]}", "x.json")
            .unwrap_err();
        assert!(
            matches!(
                err,
                StandardsError::Syntax {
                    line: 2,
                    format: "JSON",
                    ..
                }
            ),
            "{err}"
        );
        let ok = c
            .with_overrides(
                "{\"override\": [{\"id\": \"elderly.beds_per_1000_elderly\", \"value\": 45}]}",
                "p.json",
            )
            .unwrap();
        assert_eq!(ok.value(crate::standards::BEDS_PER_1000_ELDERLY), 45.0);
        assert_eq!(
            Catalogue::national_value(crate::standards::BEDS_PER_1000_ELDERLY),
            Some(40.0)
        );
    }
}
