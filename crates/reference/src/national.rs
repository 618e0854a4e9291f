//! The decoded reference data and its look-ups.

use std::ops::Range;

use junheng_core::LonLat;

use crate::format::{self, Reader};
use crate::layout::{code_text, read_census_row, SEAT_SCALE};
use crate::{
    classify, BulletinRow, CensusCounty, CodeLevel, CountyRef, DivisionRef, PrefectureChanges,
    ReferenceError, Source, TownshipBulletin, TownshipKind, TownshipRef,
};

/// All national reference data, decoded from national.bin.
#[derive(Debug)]
pub struct National {
    sources: Vec<Source>,
    provinces: Vec<DivisionRef>,
    prefectures: Vec<DivisionRef>,
    counties: Vec<CountyRef>,
    townships: Vec<TownshipRef>,
    /// Per county (same index as `counties`), its townships in `townships`.
    township_ranges: Vec<Range<usize>>,
    census: Vec<CensusCounty>,
    census_divisions: Vec<CensusCounty>,
    seats: Vec<(u32, LonLat)>,
    /// Outline code and the byte range of its encoded geometry in `body`.
    outlines: Vec<(u32, Range<usize>)>,
    bulletins: Vec<TownshipBulletin>,
    body: Vec<u8>,
}

fn division_list(r: &mut Reader<'_>) -> Result<Vec<DivisionRef>, ReferenceError> {
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let code = code_text(r.u32()?, 6);
        out.push(DivisionRef {
            code,
            name: r.string()?,
        });
    }
    Ok(out)
}

fn by_code<'a, T>(items: &'a [T], code: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
    items
        .binary_search_by(|item| key(item).cmp(code))
        .ok()
        .map(|i| &items[i])
}

fn ensure_sorted<T>(
    items: &[T],
    key: impl Fn(&T) -> &str,
    what: &str,
) -> Result<(), ReferenceError> {
    if items.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
        Ok(())
    } else {
        Err(ReferenceError::corrupt(format!("{what} not in code order")))
    }
}

impl National {
    /// Decodes a national.bin image.
    pub fn decode(bytes: &[u8]) -> Result<National, ReferenceError> {
        let body = format::open(bytes)?;
        let mut r = Reader::new(&body);

        let n = r.count()?;
        let mut sources = Vec::with_capacity(n);
        for _ in 0..n {
            sources.push(Source {
                dataset: r.string()?,
                file: r.string()?,
                origin: r.string()?,
                licence: r.string()?,
                vintage: r.string()?,
                trust: r.string()?,
            });
        }
        let provinces = division_list(&mut r)?;
        let prefectures = division_list(&mut r)?;
        ensure_sorted(&provinces, |d| &d.code, "provinces")?;
        ensure_sorted(&prefectures, |d| &d.code, "prefectures")?;

        let n = r.count()?;
        let mut counties = Vec::with_capacity(n);
        for _ in 0..n {
            let code = code_text(r.u32()?, 6);
            let name = r.string()?;
            let prefecture_code = code_text(r.u32()?, 6);
            let initials = r.string()?;
            let prefecture = by_code(&prefectures, &prefecture_code, |d| &d.code)
                .ok_or_else(|| ReferenceError::corrupt(format!("{code}: unknown prefecture")))?
                .clone();
            let province_code = format!("{}0000", &code[..2]);
            let province = by_code(&provinces, &province_code, |d| &d.code)
                .ok_or_else(|| ReferenceError::corrupt(format!("{code}: unknown province")))?
                .clone();
            counties.push(CountyRef {
                code,
                name,
                prefecture,
                province,
                initials,
                has_census: false,
                has_outline: false,
                township_count: 0,
            });
        }
        ensure_sorted(&counties, |c| &c.code, "counties")?;

        let mut townships = Vec::with_capacity(48_000);
        let mut township_ranges = Vec::with_capacity(counties.len());
        for county in &mut counties {
            let n = r.count()?;
            let start = townships.len();
            for _ in 0..n {
                let suffix = r.u32()?;
                if suffix > 999 {
                    return Err(ReferenceError::corrupt("township suffix over 999"));
                }
                // Built by hand: 41,352 `format!` calls are a visible share of the open time.
                let mut code = String::with_capacity(9);
                code.push_str(&county.code);
                for digit in [suffix / 100, suffix / 10 % 10, suffix % 10] {
                    code.push(char::from(b'0' + digit as u8));
                }
                let kind = TownshipKind::from_suffix(suffix);
                townships.push(TownshipRef {
                    code,
                    name: r.string()?,
                    kind,
                });
            }
            county.township_count = n as u32;
            township_ranges.push(start..townships.len());
        }

        let mut census_sections = [Vec::new(), Vec::new()];
        for rows in &mut census_sections {
            let n = r.count()?;
            rows.reserve(n);
            for _ in 0..n {
                let mut row = read_census_row(&mut r)?;
                row.current = by_code(&counties, &row.code, |c| &c.code).is_some()
                    || by_code(&prefectures, &row.code, |d| &d.code).is_some()
                    || by_code(&provinces, &row.code, |d| &d.code).is_some();
                rows.push(row);
            }
            ensure_sorted(rows, |c| &c.code, "census rows")?;
        }
        let [census, census_divisions] = census_sections;

        let n = r.count()?;
        let mut seats = Vec::with_capacity(n);
        for _ in 0..n {
            let code = r.u32()?;
            let lon = r.i64()? as f64 / SEAT_SCALE;
            let lat = r.i64()? as f64 / SEAT_SCALE;
            seats.push((code, LonLat { lon, lat }));
        }

        let n = r.count()?;
        let mut outlines = Vec::with_capacity(n);
        for _ in 0..n {
            let code = r.u32()?;
            let block = r.block()?;
            let end = r.pos();
            outlines.push((code, end - block.len()..end));
        }
        if !seats.windows(2).all(|w| w[0].0 < w[1].0)
            || !outlines.windows(2).all(|w| w[0].0 < w[1].0)
        {
            return Err(ReferenceError::corrupt(
                "seats or outlines not in code order",
            ));
        }

        let n = r.count()?;
        let mut bulletins = Vec::with_capacity(n);
        for _ in 0..n {
            let county_code = code_text(r.u32()?, 6);
            let county_total = r.u64()?;
            let source_url = r.string()?;
            let source_kind = r.string()?;
            let rows_n = r.count()?;
            let mut rows = Vec::with_capacity(rows_n);
            for _ in 0..rows_n {
                let name_2020 = r.string()?;
                let code = r.u32()?;
                let name_2023 = r.string()?;
                rows.push(BulletinRow {
                    name_2020,
                    code_2023: (code != 0).then(|| code_text(code, 9)),
                    name_2023: (!name_2023.is_empty()).then_some(name_2023),
                    population_2020: r.u64()?,
                    note: r.string()?,
                });
            }
            bulletins.push(TownshipBulletin {
                county_code,
                county_total,
                source_url,
                source_kind,
                rows,
            });
        }
        ensure_sorted(&bulletins, |b| &b.county_code, "bulletins")?;
        if !r.at_end() {
            return Err(ReferenceError::corrupt(
                "trailing bytes after the last section",
            ));
        }

        let mut national = National {
            sources,
            provinces,
            prefectures,
            counties,
            townships,
            township_ranges,
            census,
            census_divisions,
            seats,
            outlines,
            bulletins,
            body,
        };
        let flags: Vec<(bool, bool)> = national
            .counties
            .iter()
            .map(|c| {
                (
                    national.census(&c.code).is_some(),
                    national.outline_range(&c.code).is_some(),
                )
            })
            .collect();
        for (county, (census, outline)) in national.counties.iter_mut().zip(flags) {
            county.has_census = census;
            county.has_outline = outline;
        }
        Ok(national)
    }

    /// The 2023 county-level list, code order.
    pub fn counties(&self) -> &[CountyRef] {
        &self.counties
    }

    pub fn county(&self, code: &str) -> Option<&CountyRef> {
        by_code(&self.counties, code, |c| &c.code)
    }

    fn county_index(&self, code: &str) -> Option<usize> {
        self.counties
            .binary_search_by(|c| c.code.as_str().cmp(code))
            .ok()
    }

    /// Census row by its 2020 code, including the codes gone since. A 2023 county-level unit
    /// that the yearbook prints as a prefecture row (东莞 441900, 中山 442000, 儋州 460400:
    /// cities without counties) gets that row, since it is the unit itself.
    pub fn census(&self, code: &str) -> Option<&CensusCounty> {
        by_code(&self.census, code, |c| &c.code).or_else(|| {
            self.county(code)?;
            self.census_division(code)
        })
    }

    /// The 2,943 county-level rows (six-digit codes other than `xx0000`/`xxxx00`), code order.
    pub fn census_rows(&self) -> &[CensusCounty] {
        &self.census
    }

    /// The yearbook's province (`xx0000`) or prefecture (`xxxx00`) row, summed over its units.
    pub fn census_division(&self, code: &str) -> Option<&CensusCounty> {
        by_code(&self.census_divisions, code, |c| &c.code)
    }

    /// Province and prefecture rows of the yearbook, code order.
    pub fn census_division_rows(&self) -> &[CensusCounty] {
        &self.census_divisions
    }

    /// 乡级单位 of a county in the 2023 list, code order (empty for an unknown code).
    pub fn townships(&self, county: &str) -> &[TownshipRef] {
        match self.county_index(county) {
            Some(i) => &self.townships[self.township_ranges[i].clone()],
            None => &[],
        }
    }

    /// All 乡级单位 of the 2023 list, code order.
    pub fn all_townships(&self) -> &[TownshipRef] {
        &self.townships
    }

    fn outline_range(&self, code: &str) -> Option<Range<usize>> {
        let code: u32 = code.parse().ok()?;
        let i = self.outlines.binary_search_by(|o| o.0.cmp(&code)).ok()?;
        Some(self.outlines[i].1.clone())
    }

    /// GeoJSON geometry (Polygon or MultiPolygon) of a county-level unit, GCJ-02 as published
    /// by DataV, keyed by its (≈2021) adcode.
    pub fn outline(&self, county: &str) -> Option<serde_json::Value> {
        let range = self.outline_range(county)?;
        // The rebuild test decodes every outline, so a failure here means a damaged install.
        crate::outline::decode(&self.body[range]).ok()
    }

    /// Codes that have an outline, ascending (2,748, some of them 2021 codes gone by 2023).
    pub fn outline_codes(&self) -> Vec<String> {
        self.outlines.iter().map(|o| code_text(o.0, 6)).collect()
    }

    /// 县城 location: the `center` of the DataV centroid file (GCJ-02).
    pub fn seat(&self, county: &str) -> Option<LonLat> {
        let code: u32 = county.parse().ok()?;
        let i = self.seats.binary_search_by(|s| s.0.cmp(&code)).ok()?;
        Some(self.seats[i].1)
    }

    pub fn bulletin(&self, county: &str) -> Option<&TownshipBulletin> {
        by_code(&self.bulletins, county, |b| &b.county_code)
    }

    pub fn bulletins(&self) -> &[TownshipBulletin] {
        &self.bulletins
    }

    /// The 31 provinces of the 2023 list.
    pub fn provinces(&self) -> Vec<DivisionRef> {
        self.provinces.clone()
    }

    /// 地级单位 of a province (`xx0000`) in the 2023 list, code order.
    pub fn prefectures(&self, province: &str) -> Vec<DivisionRef> {
        if classify(province) != CodeLevel::Province {
            return Vec::new();
        }
        self.prefectures
            .iter()
            .filter(|p| p.code[..2] == province[..2])
            .cloned()
            .collect()
    }

    /// County-level units of a prefecture (`xxxx00`) or a province (`xx0000`).
    pub fn counties_in(&self, division: &str) -> Vec<&CountyRef> {
        self.counties
            .iter()
            .filter(|c| c.prefecture.code == division || c.province.code == division)
            .collect()
    }

    /// Name of a province, prefecture or county: the 2023 name, else the census name of a
    /// code gone since 2020.
    pub fn division_name(&self, code: &str) -> Option<&str> {
        by_code(&self.provinces, code, |d| &d.code)
            .or_else(|| by_code(&self.prefectures, code, |d| &d.code))
            .map(|d| d.name.as_str())
            .or_else(|| self.county(code).map(|c| c.name.as_str()))
            .or_else(|| by_code(&self.census, code, |c| &c.code).map(|c| c.name.as_str()))
    }

    /// Counties by name substring (汉字), pinyin-initials prefix or code prefix; see
    /// [`crate::search`].
    pub fn search(&self, query: &str, limit: usize) -> Vec<&CountyRef> {
        crate::search::search(self, query, limit)
    }

    /// [`National::search`] with the counties of `near` (prefecture or province code) first
    /// within each tier.
    pub fn search_near(&self, query: &str, limit: usize, near: &str) -> Vec<&CountyRef> {
        crate::search::search_near(self, query, limit, near)
    }

    /// County-level codes of a prefecture that differ between the census and 2023.
    pub fn changes_in_prefecture(&self, prefecture: &str) -> PrefectureChanges {
        if classify(prefecture) != CodeLevel::Prefecture {
            return PrefectureChanges::default();
        }
        let prefix = &prefecture[..4];
        let vanished = self
            .census
            .iter()
            .filter(|c| c.code.starts_with(prefix) && !c.current)
            .map(|c| DivisionRef {
                code: c.code.clone(),
                name: c.name.clone(),
            })
            .collect();
        let added = self
            .counties
            .iter()
            .filter(|c| c.prefecture.code == prefecture && !c.has_census)
            .map(|c| DivisionRef {
                code: c.code.clone(),
                name: c.name.clone(),
            })
            .collect();
        PrefectureChanges { vanished, added }
    }

    /// The source files, as listed in data/reference/README.md.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
}
