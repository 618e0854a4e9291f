//! Reading a county's rows back into the domain types, as the SQLite store does.

use std::collections::HashMap;

use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use junheng_core::{
    AgeSexBands, County, CountyDataset, Facility, FacilityCategory, FacilityKind, LonLat, Place,
    SchoolSection, Township,
};
use junheng_store::rows::{from_key, parse_json};
use junheng_store::{CountySummary, StoreError, ZoneGeometry, ZonePopulation};

fn point(r: &PgRow, lon: &str, lat: &str) -> Option<LonLat> {
    match (r.get::<Option<f64>, _>(lon), r.get::<Option<f64>, _>(lat)) {
        (Some(lon), Some(lat)) => Some(LonLat { lon, lat }),
        _ => None,
    }
}

/// A 0/1 INTEGER column as a flag.
pub fn flag(r: &PgRow, col: &str) -> bool {
    r.get::<i32, _>(col) != 0
}

fn bands_from_rows(rows: &[PgRow]) -> AgeSexBands {
    let mut p = AgeSexBands::default();
    for r in rows {
        let band = r.get::<i32, _>("band") as usize;
        let persons = r.get::<i64, _>("persons") as u64;
        if band >= p.male.len() {
            continue;
        }
        match r.get::<String, _>("sex").as_str() {
            "male" => p.male[band] = persons,
            _ => p.female[band] = persons,
        }
    }
    p
}

fn county_from_row(c: &PgRow) -> County {
    County {
        code: c.get("code"),
        name: c.get("name"),
        province: c.get("province"),
        prefecture: c.get("prefecture"),
        census_year: c.get("census_year"),
        sample_facilities: flag(c, "sample_facilities"),
        population_note_zh: c.get("population_note_zh"),
        population_note_en: c.get("population_note_en"),
        census_code: c.get("census_code"),
        population_source: from_key::<junheng_core::PopulationSource>(
            "population source",
            &c.get::<String, _>("population_source"),
        )
        .unwrap_or_default(),
        seat: point(c, "seat_lon", "seat_lat"),
    }
}

fn township_from_row(r: &PgRow, population: AgeSexBands) -> Result<Township, StoreError> {
    Ok(Township {
        population,
        name: r.get("name"),
        kind: r.get("kind"),
        area_km2: r.get("area_km2"),
        centroid: LonLat {
            lon: r.get("centroid_lon"),
            lat: r.get("centroid_lat"),
        },
        interior: LonLat {
            lon: r.get("interior_lon"),
            lat: r.get("interior_lat"),
        },
        boundary: parse_json("township boundary", &r.get::<String, _>("boundary_geojson"))?,
        population_status: from_key(
            "population status",
            &r.get::<String, _>("population_status"),
        )?,
        boundary_status: from_key("boundary status", &r.get::<String, _>("boundary_status"))?,
        seat: point(r, "seat_lon", "seat_lat"),
        user_defined: flag(r, "user_defined"),
        code: r.get("code"),
    })
}

pub async fn load_dataset(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Option<CountyDataset>, StoreError> {
    let Some(c) = sqlx::query("SELECT * FROM county WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let county = county_from_row(&c);
    let outline: Option<String> = c.get("outline_geojson");
    let outline = outline
        .map(|t| parse_json::<serde_json::Value>("county outline", &t))
        .transpose()?;

    let mut by_zone: HashMap<String, Vec<PgRow>> = HashMap::new();
    for r in sqlx::query(
        "SELECT zone_code, sex, band, persons FROM population_band WHERE county_code = $1",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?
    {
        by_zone.entry(r.get("zone_code")).or_default().push(r);
    }

    let mut townships = Vec::new();
    for r in sqlx::query("SELECT * FROM township WHERE county_code = $1 ORDER BY position")
        .bind(code)
        .fetch_all(&mut *conn)
        .await?
    {
        let tcode: String = r.get("code");
        let bands = by_zone
            .remove(&tcode)
            .map(|rows| bands_from_rows(&rows))
            .unwrap_or_default();
        townships.push(township_from_row(&r, bands)?);
    }
    let unallocated = read_unallocated(&mut *conn, code).await?;

    let mut sections: HashMap<String, Vec<SchoolSection>> = HashMap::new();
    for r in sqlx::query(
        "SELECT facility_id, section_json FROM school_section WHERE county_code = $1 ORDER BY facility_id, level DESC",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?
    {
        sections
            .entry(r.get("facility_id"))
            .or_default()
            .push(parse_json("school section", &r.get::<String, _>("section_json"))?);
    }

    let mut facilities = Vec::new();
    for r in sqlx::query("SELECT * FROM facility WHERE county_code = $1 ORDER BY position")
        .bind(code)
        .fetch_all(&mut *conn)
        .await?
    {
        let id: String = r.get("id");
        let own = sections.remove(&id).unwrap_or_default();
        facilities.push(facility_from_row(&r, own)?);
    }
    let places = read_places(&mut *conn, code).await?;

    let mut data = CountyDataset {
        population: AgeSexBands::default(),
        unallocated,
        county,
        townships,
        facilities,
        outline,
        places,
    };
    data.recompute_population();
    Ok(Some(data))
}

pub fn facility_from_row(
    r: &PgRow,
    school_sections: Vec<SchoolSection>,
) -> Result<Facility, StoreError> {
    let id: String = r.get("id");
    let kind_key: String = r.get("kind");
    let kind = FacilityKind::from_key(&kind_key)
        .ok_or_else(|| StoreError::Corrupt(format!("facility {id}: unknown kind {kind_key}")))?;
    let childcare: Option<String> = r.get("childcare_json");
    let elderly: Option<String> = r.get("elderly_json");
    Ok(Facility {
        school_sections,
        name: r.get("name"),
        kind,
        township_code: r.get("township_code"),
        location: LonLat {
            lon: r.get("lon"),
            lat: r.get("lat"),
        },
        ownership: from_key("ownership", &r.get::<String, _>("ownership"))?,
        inclusive: flag(r, "inclusive"),
        status: from_key("status", &r.get::<String, _>("status"))?,
        opening_year: r.get("opening_year"),
        sample: flag(r, "sample"),
        childcare: childcare
            .map(|j| parse_json("childcare inputs", &j))
            .transpose()?,
        elderly: elderly
            .map(|j| parse_json("elderly inputs", &j))
            .transpose()?,
        id,
    })
}

/// One facility of a county with its school sections and list position, its row locked
/// until the transaction ends.
pub async fn read_facility(
    conn: &mut PgConnection,
    county: &str,
    id: &str,
) -> Result<Option<(Facility, i64)>, StoreError> {
    let Some(r) =
        sqlx::query("SELECT * FROM facility WHERE county_code = $1 AND id = $2 FOR UPDATE")
            .bind(county)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let mut sections = Vec::new();
    for s in sqlx::query(
        "SELECT section_json FROM school_section WHERE county_code = $1 AND facility_id = $2 ORDER BY level DESC",
    )
    .bind(county)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    {
        sections.push(parse_json("school section", &s.get::<String, _>("section_json"))?);
    }
    let position: i64 = r.get("position");
    Ok(Some((facility_from_row(&r, sections)?, position)))
}

pub async fn read_township(
    conn: &mut PgConnection,
    county: &str,
    code: &str,
) -> Result<Option<Township>, StoreError> {
    let Some(r) =
        sqlx::query("SELECT * FROM township WHERE county_code = $1 AND code = $2 FOR UPDATE")
            .bind(county)
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT sex, band, persons FROM population_band WHERE county_code = $1 AND zone_code = $2",
    )
    .bind(county)
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(township_from_row(&r, bands_from_rows(&rows))?))
}

pub async fn read_zone_population(
    conn: &mut PgConnection,
    county: &str,
    code: &str,
) -> Result<Option<ZonePopulation>, StoreError> {
    Ok(read_township(conn, county, code)
        .await?
        .map(|t| ZonePopulation {
            bands: t.population,
            status: t.population_status,
        }))
}

pub async fn read_zone_geometry(
    conn: &mut PgConnection,
    county: &str,
    code: &str,
) -> Result<Option<ZoneGeometry>, StoreError> {
    Ok(read_township(conn, county, code)
        .await?
        .map(|t| ZoneGeometry::of(&t)))
}

pub async fn read_unallocated(
    conn: &mut PgConnection,
    county: &str,
) -> Result<AgeSexBands, StoreError> {
    let rows =
        sqlx::query("SELECT sex, band, persons FROM unallocated_population WHERE county_code = $1")
            .bind(county)
            .fetch_all(&mut *conn)
            .await?;
    Ok(bands_from_rows(&rows))
}

pub async fn read_places(conn: &mut PgConnection, county: &str) -> Result<Vec<Place>, StoreError> {
    let rows = sqlx::query("SELECT * FROM place WHERE county_code = $1 ORDER BY position")
        .bind(county)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(|r| Place {
            code: r.get("code"),
            name: r.get("name"),
            township_code: r.get("township_code"),
            location: LonLat {
                lon: r.get("lon"),
                lat: r.get("lat"),
            },
            population: r.get::<i64, _>("population") as u64,
        })
        .collect())
}

/// Every stored county with its data-completeness counts: one grouped query per table rather
/// than one per county, so the list of thousands of counties stays quick.
pub async fn counties(conn: &mut PgConnection) -> Result<Vec<CountySummary>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, name, province, prefecture, outline_geojson IS NOT NULL AS has_outline FROM county ORDER BY code",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut towns: HashMap<String, PgRow> = HashMap::new();
    for r in sqlx::query(
        "SELECT county_code, count(*) AS n, \
         sum(CASE WHEN population_status <> 'pending' THEN 1 ELSE 0 END) AS with_pop, \
         sum(CASE WHEN boundary_status <> 'none' THEN 1 ELSE 0 END) AS with_boundary, \
         sum(CASE WHEN boundary_status = 'estimated' THEN 1 ELSE 0 END) AS estimated, \
         sum(CASE WHEN seat_lon IS NOT NULL THEN 1 ELSE 0 END) AS with_seat \
         FROM township GROUP BY county_code",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        towns.insert(r.get("county_code"), r);
    }
    let mut kinds: HashMap<String, HashMap<FacilityCategory, u32>> = HashMap::new();
    let mut samples: HashMap<String, u32> = HashMap::new();
    for r in sqlx::query(
        "SELECT county_code, kind, sum(sample) AS samples, count(*) AS n FROM facility GROUP BY county_code, kind",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let code: String = r.get("county_code");
        let n = r.get::<i64, _>("n") as u32;
        if let Some(k) = FacilityKind::from_key(&r.get::<String, _>("kind")) {
            *kinds
                .entry(code.clone())
                .or_default()
                .entry(k.category())
                .or_default() += n;
        }
        *samples.entry(code).or_default() += r.get::<Option<i64>, _>("samples").unwrap_or(0) as u32;
    }
    let sections = grouped(
        &mut *conn,
        "SELECT county_code, count(*) FROM school_section GROUP BY county_code",
    )
    .await?;
    let places = grouped(
        &mut *conn,
        "SELECT county_code, count(*) FROM place GROUP BY county_code",
    )
    .await?;
    let hukou = grouped(
        &mut *conn,
        "SELECT county_code, count(*) FROM hukou_source GROUP BY county_code",
    )
    .await?;
    let people = grouped(
        &mut *conn,
        "SELECT county_code, CAST(sum(persons) AS BIGINT) FROM population_band GROUP BY county_code",
    )
    .await?;
    let unallocated = grouped(
        &mut *conn,
        "SELECT county_code, CAST(sum(persons) AS BIGINT) FROM unallocated_population GROUP BY county_code",
    )
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let code: String = c.get("code");
        let t = towns.get(&code);
        let get = |col: &str| {
            t.map(|t| t.get::<Option<i64>, _>(col).unwrap_or(0) as u32)
                .unwrap_or(0)
        };
        let k = kinds.get(&code);
        let kind = |cat: FacilityCategory| k.and_then(|k| k.get(&cat)).copied().unwrap_or(0);
        let n = |m: &HashMap<String, i64>| m.get(&code).copied().unwrap_or(0);
        out.push(CountySummary {
            name: c.get("name"),
            province: c.get("province"),
            prefecture: c.get("prefecture"),
            townships: get("n"),
            townships_with_population: get("with_pop"),
            townships_with_boundary: get("with_boundary"),
            townships_estimated_boundary: get("estimated"),
            townships_with_seat: get("with_seat"),
            places: n(&places) as u32,
            childcare_facilities: kind(FacilityCategory::Childcare),
            elderly_facilities: kind(FacilityCategory::Elderly),
            schools: kind(FacilityCategory::School),
            school_sections: n(&sections) as u32,
            sample_facilities: samples.get(&code).copied().unwrap_or(0),
            has_hukou: n(&hukou) > 0,
            has_outline: c.get("has_outline"),
            resident_population: (n(&people) + n(&unallocated)) as u64,
            unallocated_population: n(&unallocated) as u64,
            code,
        });
    }
    Ok(out)
}

async fn grouped(conn: &mut PgConnection, sql: &str) -> Result<HashMap<String, i64>, StoreError> {
    let mut out = HashMap::new();
    for r in sqlx::query(sql).fetch_all(&mut *conn).await? {
        out.insert(r.get(0), r.get::<Option<i64>, _>(1).unwrap_or(0));
    }
    Ok(out)
}

pub async fn read_actuals(
    conn: &mut PgConnection,
    county: &str,
) -> Result<junheng_core::Actuals, StoreError> {
    let mut a = junheng_core::Actuals::default();
    for r in sqlx::query(
        "SELECT body_json FROM actual_facility WHERE county_code = $1 ORDER BY year, facility_id",
    )
    .bind(county)
    .fetch_all(&mut *conn)
    .await?
    {
        a.facilities.push(parse_json(
            "facility actual",
            &r.get::<String, _>("body_json"),
        )?);
    }
    for r in sqlx::query("SELECT body_json FROM actual_county WHERE county_code = $1 ORDER BY year")
        .bind(county)
        .fetch_all(&mut *conn)
        .await?
    {
        a.county.push(parse_json(
            "county actual",
            &r.get::<String, _>("body_json"),
        )?);
    }
    Ok(a)
}

pub async fn read_facility_actual(
    conn: &mut PgConnection,
    county: &str,
    facility: &str,
    year: i32,
) -> Result<Option<junheng_core::FacilityActual>, StoreError> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body_json FROM actual_facility WHERE county_code = $1 AND facility_id = $2 AND year = $3",
    )
    .bind(county)
    .bind(facility)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    body.map(|b| parse_json("facility actual", &b)).transpose()
}

pub async fn read_county_actual(
    conn: &mut PgConnection,
    county: &str,
    year: i32,
) -> Result<Option<junheng_core::CountyActual>, StoreError> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body_json FROM actual_county WHERE county_code = $1 AND year = $2",
    )
    .bind(county)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    body.map(|b| parse_json("county actual", &b)).transpose()
}
