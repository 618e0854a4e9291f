//! What a division code says by its shape alone (GB/T 2260 for six digits; the NBS
//! 《统计用区划代码和城乡划分代码编制规则》 for the three township digits).

use serde::{Deserialize, Serialize};

/// Level of a division code, read from its digits only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeLevel {
    /// 省级: `xx0000`.
    Province,
    /// 地级: `xxxx00`. 东莞 441900-style cities without counties are county-level units too;
    /// the shape cannot tell, [`crate::National::county`] can.
    Prefecture,
    /// 县级: any other six digits.
    County,
    /// 乡级: nine digits.
    Township,
    Unknown,
}

/// Level of `code` by its shape (`xx0000` province, `xxxx00` prefecture, other six digits
/// county-level, nine digits township, anything else unknown).
pub fn classify(code: &str) -> CodeLevel {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return CodeLevel::Unknown;
    }
    match code.len() {
        6 if code.ends_with("0000") => CodeLevel::Province,
        6 if code.ends_with("00") => CodeLevel::Prefecture,
        6 => CodeLevel::County,
        9 => CodeLevel::Township,
        _ => CodeLevel::Unknown,
    }
}

/// 乡级单位的类别, from digits 7–9 of the statistical code: 001–099 街道, 100–199 镇,
/// 200–399 乡, 400–599 类似乡级单位 (development zones, farms, …). Codes outside those ranges
/// (金门县's single placeholder 000) are counted with the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TownshipKind {
    /// 街道.
    Subdistrict,
    /// 镇.
    Town,
    /// 乡 (incl. 民族乡 and Inner Mongolia's 苏木).
    Township,
    /// 类似乡级单位.
    Other,
}

impl TownshipKind {
    /// Kind of a 9-digit township code; `None` when the code is not nine digits.
    pub fn from_code(code: &str) -> Option<TownshipKind> {
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        code[6..].parse().ok().map(TownshipKind::from_suffix)
    }

    /// Kind from the last three digits of the code as a number.
    pub fn from_suffix(suffix: u32) -> TownshipKind {
        match suffix {
            1..=99 => TownshipKind::Subdistrict,
            100..=199 => TownshipKind::Town,
            200..=399 => TownshipKind::Township,
            _ => TownshipKind::Other,
        }
    }

    pub fn label_zh(&self) -> &'static str {
        match self {
            TownshipKind::Subdistrict => "街道",
            TownshipKind::Town => "镇",
            TownshipKind::Township => "乡",
            TownshipKind::Other => "其他",
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            TownshipKind::Subdistrict => "subdistrict",
            TownshipKind::Town => "town",
            TownshipKind::Township => "township",
            TownshipKind::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_code_shape() {
        assert_eq!(classify("330000"), CodeLevel::Province);
        assert_eq!(classify("331100"), CodeLevel::Prefecture);
        assert_eq!(classify("331125"), CodeLevel::County);
        assert_eq!(classify("331125100"), CodeLevel::Township);
        assert_eq!(classify("33112"), CodeLevel::Unknown);
        assert_eq!(classify("33112x"), CodeLevel::Unknown);
        assert_eq!(classify("３３１１２５"), CodeLevel::Unknown);
        assert_eq!(classify(""), CodeLevel::Unknown);
    }

    #[test]
    fn township_kind_ranges_and_their_edges() {
        let k = |c: &str| TownshipKind::from_code(c).unwrap();
        assert_eq!(k("331125001"), TownshipKind::Subdistrict);
        assert_eq!(k("331125099"), TownshipKind::Subdistrict);
        assert_eq!(k("331125100"), TownshipKind::Town);
        assert_eq!(k("331125199"), TownshipKind::Town);
        assert_eq!(k("331125200"), TownshipKind::Township);
        assert_eq!(k("331125399"), TownshipKind::Township);
        assert_eq!(k("640522400"), TownshipKind::Other);
        assert_eq!(k("650205599"), TownshipKind::Other);
        assert_eq!(k("350527000"), TownshipKind::Other);
        assert_eq!(TownshipKind::from_code("331125"), None);
        assert_eq!(k("331125200").label_zh(), "乡");
        assert_eq!(k("640522400").label_zh(), "其他");
    }
}
