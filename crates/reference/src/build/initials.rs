//! Pinyin initials of county names, for search (云和县 → `yhx`).
//!
//! The pinyin crate gives each character its most common reading; place names often use
//! another (地名读音: 蔚县 Yù, 番禺 Pān, 长沙 Cháng). Where that changes the first letter, the
//! place-name reading is listed here. Each entry was checked against the unit's standard
//! romanisation; the builder refuses an entry whose name is not in the 2023 list, so the
//! table cannot go stale silently.

use std::collections::BTreeSet;

use pinyin::ToPinyin;

/// Characters whose place-name reading differs from the crate's default in every 2023 name
/// that has them: 长 is cháng (长沙, 长春, 长乐 …; the crate says zhǎng), 藏 is zàng (藏族).
const CHAR_READINGS: &[(char, char)] = &[('长', 'c'), ('藏', 'z')];

/// Whole names whose initials differ from the character-by-character reading.
pub const NAME_READINGS: &[(&str, &str)] = &[
    ("长子县", "zzx"),                   // Zhǎngzǐ
    ("乐清市", "yqs"),                   // Yuèqīng
    ("单县", "sx"),                      // Shàn
    ("蔚县", "yx"),                      // Yù
    ("尉犁县", "ylx"),                   // Yùlí
    ("番禺区", "pyq"),                   // Pānyú
    ("铅山县", "ysx"),                   // Yánshān
    ("荥经县", "yjx"),                   // Yíngjīng
    ("浚县", "xx"),                      // Xùn
    ("洪洞县", "htx"),                   // Hóngtóng
    ("涡阳县", "gyx"),                   // Guōyáng
    ("筠连县", "jlx"),                   // Jūnlián
    ("犍为县", "qwx"),                   // Qiánwéi
    ("繁峙县", "fsx"),                   // Fánshì
    ("东阿县", "dex"),                   // Dōng'ē
    ("黄陂区", "hpq"),                   // Huángpí
    ("覃塘区", "qtq"),                   // Qíntáng
    ("召陵区", "slq"),                   // Shàolíng
    ("崆峒区", "ktq"),                   // Kōngtóng
    ("宝坻区", "bdq"),                   // Bǎodǐ
    ("大埔县", "dbx"),                   // Dàbù
    ("泌阳县", "byx"),                   // Bìyáng
    ("泊头市", "bts"),                   // Bótóu
    ("曾都区", "zdq"),                   // Zēngdū
    ("枞阳县", "zyx"),                   // Zōngyáng
    ("伽师县", "jsx"),                   // Jiāshī
    ("闵行区", "mhq"),                   // Mǐnháng
    ("茄子河区", "qzhq"),                // Qiézihé
    ("宕昌县", "tcx"),                   // Tànchāng
    ("龙圩区", "lxq"),                   // Lóngxū
    ("永州市回龙圩管理区", "yzshlxglq"), // 回龙圩 Huílóngxū
];

/// Lowercase initials of `name` in its place-name reading. Characters without a reading
/// (none in the 2023 list) are kept if they are ASCII letters or digits, else dropped.
pub fn initials(name: &str) -> String {
    if let Some((_, fixed)) = NAME_READINGS.iter().find(|(n, _)| *n == name) {
        return fixed.to_string();
    }
    let mut out = String::with_capacity(name.len() / 3);
    for c in name.chars() {
        if let Some((_, letter)) = CHAR_READINGS.iter().find(|(ch, _)| *ch == c) {
            out.push(*letter);
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Entries of [`NAME_READINGS`] that name no unit of `names` or whose initials do not have
/// one letter per character.
pub fn stale_readings(names: &BTreeSet<&str>) -> Vec<&'static str> {
    NAME_READINGS
        .iter()
        .filter(|(n, i)| !names.contains(n) || n.chars().count() != i.len())
        .map(|(n, _)| *n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_place_name_readings() {
        assert_eq!(initials("云和县"), "yhx");
        assert_eq!(initials("桐庐县"), "tlx");
        assert_eq!(initials("景宁畲族自治县"), "jnszzzx");
        // 长 is cháng in place names, but 长子县 is Zhǎngzǐ.
        assert_eq!(initials("长沙县"), "csx");
        assert_eq!(initials("长子县"), "zzx");
        assert_eq!(initials("蔚县"), "yx");
        assert_eq!(initials("木里藏族自治县"), "mlzzzzx");
    }
}
