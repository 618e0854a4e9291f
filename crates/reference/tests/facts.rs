//! Facts about the shipped national reference data, each worked out independently from the
//! source files (counts and lists with a script over the CSVs, figures from the yearbook and
//! bulletin pages) and asserted here against what `national()` hands out.

use std::collections::BTreeMap;

use junheng_core::LonLat;
use junheng_reference::{classify, national, CodeLevel, TownshipKind};

#[test]
fn counts_of_every_dataset() {
    let n = national();
    assert_eq!(n.counties().len(), 2_978, "NBS 2023 county-level units");
    assert_eq!(n.all_townships().len(), 41_352, "NBS 2023 乡级单位");
    assert_eq!(
        n.counties()
            .iter()
            .map(|c| c.township_count as usize)
            .sum::<usize>(),
        41_352
    );
    assert_eq!(
        n.census_rows().len(),
        2_943,
        "yearbook rows with a county-level code"
    );
    assert_eq!(n.census_division_rows().len(), 31 + 338);
    assert_eq!(n.outline_codes().len(), 2_748);
    assert_eq!(n.bulletins().len(), 8);
    assert_eq!(
        n.bulletins().iter().map(|b| b.rows.len()).sum::<usize>(),
        111
    );
    assert_eq!(n.provinces().len(), 31);
    assert_eq!(n.sources().len(), 6);
    // Every county-level unit has at least one township in the 2023 list.
    assert!(n.counties().iter().all(|c| c.township_count > 0));
}

#[test]
fn cities_without_counties_keep_their_outline_and_census_row() {
    let n = national();
    // The five prefecture-level features of the outline file, keyed by their own adcode.
    for code in ["441900", "442000", "460400", "620200", "442100"] {
        assert!(n.outline(code).is_some(), "{code}");
        assert_eq!(classify(code), CodeLevel::Prefecture);
    }
    let dongguan = n.county("441900").unwrap();
    assert_eq!(dongguan.name, "东莞市");
    assert!(dongguan.has_outline && dongguan.has_census);
    // The yearbook prints 东莞 as a prefecture row: 10,466,625 residents.
    assert_eq!(n.census("441900").unwrap().total, 10_466_625);
    assert!(n.census_rows().iter().all(|c| c.code != "441900"));
    assert_eq!(n.counties().iter().filter(|c| c.has_census).count(), 2_910);
    assert_eq!(n.counties().iter().filter(|c| c.has_outline).count(), 2_673);
}

/// The 36 yearbook county codes absent from the 2023 list, found by a set difference over
/// the two CSV files (merged districts, renumbered units, development zones recoded).
const VANISHED: [&str; 36] = [
    "170971", "320571", "320611", "321271", "330103", "330104", "340171", "340172", "340173",
    "340208", "350402", "350403", "350427", "350625", "350681", "370171", "370271", "370672",
    "371472", "410306", "410322", "410381", "430271", "431121", "450127", "511071", "511771",
    "511971", "513425", "520522", "532331", "540422", "540530", "610322", "610928", "654223",
];

#[test]
fn the_36_census_codes_gone_by_2023() {
    let n = national();
    let gone: Vec<String> = n
        .census_rows()
        .iter()
        .filter(|c| !c.current)
        .map(|c| format!("{} {}{}{}", c.code, c.province, c.prefecture, c.name))
        .collect();
    assert_eq!(
        gone.len(),
        36,
        "census codes not in 2023:\n{}",
        gone.join("\n")
    );
    let codes: Vec<&str> = gone.iter().map(|g| &g[..6]).collect();
    assert_eq!(
        codes,
        VANISHED,
        "census codes not in 2023:\n{}",
        gone.join("\n")
    );
    for code in VANISHED {
        let c = n.census(code).unwrap();
        assert!(!c.current && n.county(code).is_none(), "{code}");
    }
    assert_eq!(n.census("330103").unwrap().name, "下城区");
    assert_eq!(n.division_name("330104"), Some("江干区"));

    let hz = n.changes_in_prefecture("330100");
    let pairs = |v: &[junheng_reference::DivisionRef]| {
        v.iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&hz.vanished),
        [
            ("330103".into(), "下城区".into()),
            ("330104".into(), "江干区".into())
        ]
    );
    assert_eq!(
        pairs(&hz.added),
        [
            ("330113".into(), "临平区".into()),
            ("330114".into(), "钱塘区".into())
        ]
    );
    // Summed over every prefecture, the changes are exactly the 36 and the 2023 codes
    // without a census row (2,978 − 2,910 = 68).
    let mut prefectures: Vec<String> = n
        .counties()
        .iter()
        .map(|c| c.prefecture.code.clone())
        .collect();
    prefectures.extend(VANISHED.iter().map(|c| format!("{}00", &c[..4])));
    prefectures.sort();
    prefectures.dedup();
    let (mut vanished, mut added) = (0, 0);
    for p in &prefectures {
        let ch = n.changes_in_prefecture(p);
        vanished += ch.vanished.len();
        added += ch.added.len();
    }
    assert_eq!((vanished, added), (36, 68));
}

/// Kind by the name's ending, the way a reader would guess it.
fn kind_by_name(name: &str) -> TownshipKind {
    if name.ends_with("街道") || name.ends_with("街道办事处") {
        TownshipKind::Subdistrict
    } else if name.ends_with('镇') {
        TownshipKind::Town
    } else if name.ends_with('乡') {
        TownshipKind::Township
    } else {
        TownshipKind::Other
    }
}

#[test]
fn township_kind_by_code_agrees_with_the_names_but_for_known_groups() {
    let n = national();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut mismatches: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for t in n.all_townships() {
        *by_kind.entry(t.kind.label_zh()).or_default() += 1;
        let named = kind_by_name(&t.name);
        if named != t.kind {
            mismatches
                .entry((t.kind.label_zh(), named.label_zh()))
                .or_default()
                .push(format!("{} {}", t.code, t.name));
        }
    }
    let expected_kinds = [
        ("乡", 8_198),
        ("其他", 2_711),
        ("街道", 9_066),
        ("镇", 21_377),
    ];
    assert_eq!(by_kind.into_iter().collect::<Vec<_>>(), expected_kinds);
    let counts: Vec<((&str, &str), usize)> =
        mismatches.iter().map(|(k, v)| (*k, v.len())).collect();
    // By code → by name: 乡 named 苏木 (Inner Mongolia), 其他 units called 街道/镇/乡
    // (development zones), 街道-level 地区办事处, 镇-coded 直辖村级区划 placeholders.
    assert_eq!(
        counts,
        [
            (("乡", "其他"), 154),
            (("其他", "乡"), 5),
            (("其他", "街道"), 120),
            (("其他", "镇"), 13),
            (("街道", "其他"), 65),
            (("镇", "其他"), 11),
        ],
        "{mismatches:#?}"
    );
    assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 368);
    let sumu = mismatches[&("乡", "其他")]
        .iter()
        .filter(|t| t.ends_with("苏木"))
        .count();
    assert_eq!(sumu, 154, "Inner Mongolia's 苏木 are 乡-level");
    // 街道-coded units named …地区 (地区办事处; 56 of them in Beijing) and 吴家山街 (武汉).
    let diqu: Vec<&String> = mismatches[&("街道", "其他")]
        .iter()
        .filter(|t| t.ends_with("地区"))
        .collect();
    assert_eq!(diqu.len(), 64);
    assert_eq!(diqu.iter().filter(|t| t.starts_with("11")).count(), 56);
    assert!(mismatches[&("街道", "其他")].contains(&"420112001 吴家山街".to_string()));
}

#[test]
fn yunhe_331125() {
    let n = national();
    let c = n.county("331125").unwrap();
    assert_eq!(c.name, "云和县");
    assert_eq!(
        (c.prefecture.code.as_str(), c.prefecture.name.as_str()),
        ("331100", "丽水市")
    );
    assert_eq!(
        (c.province.code.as_str(), c.province.name.as_str()),
        ("330000", "浙江省")
    );
    assert_eq!(c.initials, "yhx");
    assert!(c.has_census && c.has_outline);
    assert_eq!(c.township_count, 10);

    let census = n.census("331125").unwrap();
    assert_eq!(census.total, 129_216);
    // 男_0岁 526 + 女_0岁 446 in the yearbook.
    assert_eq!(census.population.band_total(0), 972);
    assert_eq!(census.population.total(), 129_216);
    assert!(census.current);

    let towns = n.townships("331125");
    assert_eq!(towns.len(), 10);
    assert_eq!(towns[0].code.len(), 9);
    assert!(towns.windows(2).all(|w| w[0].code < w[1].code));
    assert!(towns.iter().all(|t| t.code.starts_with("331125")));
    assert_eq!(
        towns
            .iter()
            .filter(|t| t.kind == TownshipKind::Subdistrict)
            .count(),
        4
    );

    let outline = n.outline("331125").unwrap();
    assert!(outline["type"] == "Polygon" || outline["type"] == "MultiPolygon");
    // The seat as printed in the centroid file: 119.569458, 28.111077.
    assert_eq!(
        n.seat("331125"),
        Some(LonLat {
            lon: 119.569458,
            lat: 28.111077
        })
    );
    // …and it lies inside the outline's bounding box.
    let ring = &outline["coordinates"][0];
    let ring = if outline["type"] == "Polygon" {
        ring
    } else {
        &ring[0]
    };
    let xs: Vec<f64> = ring
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_f64().unwrap())
        .collect();
    let ys: Vec<f64> = ring
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_f64().unwrap())
        .collect();
    let within = |v: f64, a: &[f64]| {
        a.iter().cloned().fold(f64::MAX, f64::min) < v
            && v < a.iter().cloned().fold(f64::MIN, f64::max)
    };
    assert!(within(119.569458, &xs) && within(28.111077, &ys));
}

#[test]
fn haiyuan_640522_bulletin() {
    let n = national();
    let b = n.bulletin("640522").unwrap();
    assert_eq!(b.rows.len(), 20);
    assert_eq!(b.county_total, 333_518);
    assert_eq!(
        b.rows.iter().map(|r| r.population_2020).sum::<u64>(),
        333_518
    );
    assert_eq!(n.census("640522").unwrap().total, 333_518);
    assert!(b.source_url.contains("hy.gov.cn"));
    assert_eq!(n.townships("640522").len(), 21);
    assert_eq!(b.rows.iter().filter(|r| r.code_2023.is_some()).count(), 19);
    let haicheng = b.rows.iter().find(|r| r.name_2020 == "海城街道办").unwrap();
    assert_eq!(haicheng.population_2020, 82_417);
    assert_eq!(
        (haicheng.code_2023.as_deref(), haicheng.name_2023.as_deref()),
        (None, None)
    );
    // Every matched code is one of the county's 2023 townships.
    for r in &b.rows {
        if let Some(code) = &r.code_2023 {
            let t = n
                .townships("640522")
                .iter()
                .find(|t| &t.code == code)
                .unwrap();
            assert_eq!(Some(&t.name), r.name_2023.as_ref());
        }
    }
    // The eight bulletins each sum to the yearbook total of their county.
    for b in n.bulletins() {
        let sum: u64 = b.rows.iter().map(|r| r.population_2020).sum();
        assert_eq!(
            sum,
            n.census(&b.county_code).unwrap().total,
            "{}",
            b.county_code
        );
    }
}

#[test]
fn every_2023_division_has_a_name() {
    let n = national();
    for c in n.counties() {
        assert!(
            !c.prefecture.name.is_empty() && !c.province.name.is_empty(),
            "{}",
            c.code
        );
        assert_eq!(c.code[..4], c.prefecture.code[..4]);
        assert_eq!(c.code[..2], c.province.code[..2]);
    }
    let name = |code| n.division_name(code).unwrap();
    assert_eq!(name("330000"), "浙江省");
    assert_eq!(name("331100"), "丽水市");
    assert_eq!(name("331125"), "云和县");
    assert_eq!(name("429000"), "省直辖县级行政区划");
    assert_eq!(name("419000"), "省直辖县级行政区划");
    assert_eq!(name("659000"), "自治区直辖县级行政区划");
    assert_eq!(n.county("429004").unwrap().prefecture.code, "429000");
    assert_eq!(n.division_name("999999"), None);
    let zhejiang: Vec<String> = n
        .prefectures("330000")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(zhejiang.len(), 11);
    assert_eq!(zhejiang[0], "杭州市");
    assert_eq!(zhejiang[10], "丽水市");
    assert_eq!(n.counties_in("331100").len(), 9);
    assert_eq!(n.counties_in("330000").len(), 90);
    assert!(n.prefectures("331100").is_empty());
}

#[test]
fn search_by_initials_name_and_code() {
    let n = national();
    let codes = |v: Vec<&junheng_reference::CountyRef>| {
        v.iter().map(|c| c.code.clone()).collect::<Vec<_>>()
    };

    // Three counties share the initials yhx; with no other context the most populous comes
    // first: 宜黄县 201,127, 云和县 129,216, 永和县 49,946 (yearbook totals).
    let yhx = n.search("yhx", 10);
    assert_eq!(codes(yhx.clone())[..3], ["361026", "331125", "141032"]);
    assert!(yhx[3..]
        .iter()
        .all(|c| c.initials.starts_with("yhx") && c.initials != "yhx"));
    assert_eq!(n.search("YHX", 10)[1].code, "331125");
    // A planner in 浙江 (or 丽水) gets 云和县 first.
    assert_eq!(n.search_near("yhx", 10, "330000")[0].name, "云和县");
    assert_eq!(n.search_near("yhx", 10, "331100")[0].name, "云和县");
    assert_eq!(n.search_near("yhx", 10, "140000")[0].name, "永和县");
    assert_eq!(n.search_near("yhx", 10, "331102")[0].name, "云和县");
    assert_eq!(n.search_near("yhx", 10, "浙江")[0].name, "宜黄县");

    assert!(n.search("云和", 10).iter().any(|c| c.code == "331125"));
    assert_eq!(n.search("云和县", 10)[0].code, "331125");

    // 丽水: 莲都区, 青田县, 缙云县, 遂昌县, 松阳县, 云和县, 庆元县, 景宁畲族自治县, 龙泉市.
    assert_eq!(
        codes(n.search("3311", 50)),
        [
            "331102", "331121", "331122", "331123", "331124", "331125", "331126", "331127",
            "331181"
        ]
    );
    assert_eq!(codes(n.search("331125", 50)), ["331125"]);

    let tlx = n.search("tlx", 10);
    assert!(tlx.iter().any(|c| c.code == "330122" && c.name == "桐庐县"));

    assert_eq!(
        n.search("yx", 500)
            .iter()
            .filter(|c| c.name == "蔚县")
            .count(),
        1
    );
    assert_eq!(n.search("云", 3).len(), 3);
    assert!(n.search("", 10).is_empty());
    assert!(n.search("yhx", 0).is_empty());
    assert!(n.search("不存在的县名", 10).is_empty());
    // A prefecture name lists its counties after any county-name hit.
    assert_eq!(n.search("丽水", 20).len(), 9);
}

#[test]
fn initials_have_one_letter_per_character_in_the_place_name_reading() {
    let n = national();
    for c in n.counties() {
        assert_eq!(
            c.initials.len(),
            c.name.chars().count(),
            "{} {}",
            c.code,
            c.name
        );
        assert!(
            c.initials.bytes().all(|b| b.is_ascii_lowercase()),
            "{} {}",
            c.code,
            c.name
        );
    }
    let initials = |code: &str| n.county(code).unwrap().initials.clone();
    assert_eq!(initials("430121"), "csx"); // 长沙县 Chángshā
    assert_eq!(initials("140428"), "zzx"); // 长子县 Zhǎngzǐ
    assert_eq!(initials("130726"), "yx"); // 蔚县 Yù
    assert_eq!(initials("440113"), "pyq"); // 番禺区 Pānyú
    assert_eq!(initials("330122"), "tlx"); // 桐庐县
}

#[test]
fn sources_are_listed_with_their_origin_and_exist() {
    let n = national();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for s in n.sources() {
        assert!(root.join(&s.file).is_file(), "{}", s.file);
        assert!(!s.origin.is_empty() && !s.licence.is_empty() && !s.vintage.is_empty());
    }
    assert!(n.sources().iter().any(|s| s
        .origin
        .contains("modood/Administrative-divisions-of-China")));
}

#[test]
fn a_truncated_or_foreign_image_is_refused_not_misread() {
    let bytes = junheng_reference::embedded();
    for cut in [0, 8, 14, 1_000, bytes.len() / 2, bytes.len() - 1] {
        let e = junheng_reference::National::decode(&bytes[..cut]).unwrap_err();
        assert!(e.code().starts_with("reference."), "{cut}: {e}");
    }
    let e = junheng_reference::National::decode(b"county,name\n331125,x\n").unwrap_err();
    assert_eq!(e.code(), "reference.not_reference");
}

#[test]
fn open_time_and_size() {
    let t = std::time::Instant::now();
    let decoded = junheng_reference::National::decode(junheng_reference::embedded()).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let size = junheng_reference::embedded().len();
    println!("national.bin: {size} bytes, decoded in {ms:.1} ms (this build's profile)");
    assert_eq!(decoded.counties().len(), 2_978);
    // A few MB at most, as shipped.
    assert!(size < 4_000_000, "{size} bytes");
}
