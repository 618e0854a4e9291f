use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::{CountySummary, StoreError, ZoneGeometry, ZonePopulation};
use junheng_core::{
    AgeSexBands, County, CountyDataset, Facility, FacilityCategory, FacilityKind, LonLat, Place,
    SchoolSection, Township,
};

pub use crate::rows::{from_key, key, parse_json};

fn point(r: &SqliteRow, lon: &str, lat: &str) -> Option<LonLat> {
    match (r.get::<Option<f64>, _>(lon), r.get::<Option<f64>, _>(lat)) {
        (Some(lon), Some(lat)) => Some(LonLat { lon, lat }),
        _ => None,
    }
}

fn bands_from_rows(rows: &[SqliteRow]) -> AgeSexBands {
    let mut p = AgeSexBands::default();
    for r in rows {
        let band = r.get::<i64, _>("band") as usize;
        let persons = r.get::<i64, _>("persons") as u64;
        match r.get::<String, _>("sex").as_str() {
            "male" => p.male[band] = persons,
            _ => p.female[band] = persons,
        }
    }
    p
}

/// The county row as the domain type.
fn county_from_row(c: &SqliteRow) -> County {
    County {
        code: c.get("code"),
        name: c.get("name"),
        province: c.get("province"),
        prefecture: c.get("prefecture"),
        census_year: c.get("census_year"),
        sample_facilities: c.get("sample_facilities"),
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

fn township_from_row(r: &SqliteRow, population: AgeSexBands) -> Result<Township, StoreError> {
    let code: String = r.get("code");
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
        user_defined: r.get("user_defined"),
        code,
    })
}

pub async fn load_dataset(
    conn: &mut SqliteConnection,
    code: &str,
) -> Result<Option<CountyDataset>, StoreError> {
    let Some(c) = sqlx::query("SELECT * FROM county WHERE code = ?")
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

    let mut by_zone: HashMap<String, Vec<SqliteRow>> = HashMap::new();
    for r in sqlx::query(
        "SELECT zone_code, sex, band, persons FROM population_band WHERE county_code = ?",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?
    {
        by_zone.entry(r.get("zone_code")).or_default().push(r);
    }

    let mut townships = Vec::new();
    for r in sqlx::query("SELECT * FROM township WHERE county_code = ? ORDER BY position")
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
    for r in sqlx::query("SELECT facility_id, section_json FROM school_section WHERE county_code = ? ORDER BY facility_id, level DESC")
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
    for r in sqlx::query("SELECT * FROM facility WHERE county_code = ? ORDER BY position")
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

/// A facility from its `facility` row and its school sections.
pub fn facility_from_row(
    r: &SqliteRow,
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
        inclusive: r.get("inclusive"),
        status: from_key("status", &r.get::<String, _>("status"))?,
        opening_year: r.get("opening_year"),
        sample: r.get("sample"),
        childcare: childcare
            .map(|j| parse_json("childcare inputs", &j))
            .transpose()?,
        elderly: elderly
            .map(|j| parse_json("elderly inputs", &j))
            .transpose()?,
        id,
    })
}

/// One facility of a county with its school sections and list position.
pub async fn read_facility(
    conn: &mut SqliteConnection,
    county: &str,
    id: &str,
) -> Result<Option<(Facility, i64)>, StoreError> {
    let Some(r) = sqlx::query("SELECT * FROM facility WHERE county_code = ? AND id = ?")
        .bind(county)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut sections = Vec::new();
    for s in sqlx::query(
        "SELECT section_json FROM school_section WHERE county_code = ? AND facility_id = ? ORDER BY level DESC",
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

/// A township of the county, `None` when it is not one.
pub async fn read_township(
    conn: &mut SqliteConnection,
    county: &str,
    code: &str,
) -> Result<Option<Township>, StoreError> {
    let Some(r) = sqlx::query("SELECT * FROM township WHERE county_code = ? AND code = ?")
        .bind(county)
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let rows = sqlx::query(
        "SELECT sex, band, persons FROM population_band WHERE county_code = ? AND zone_code = ?",
    )
    .bind(county)
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(township_from_row(&r, bands_from_rows(&rows))?))
}

pub async fn read_zone_population(
    conn: &mut SqliteConnection,
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
    conn: &mut SqliteConnection,
    county: &str,
    code: &str,
) -> Result<Option<ZoneGeometry>, StoreError> {
    Ok(read_township(conn, county, code)
        .await?
        .map(|t| ZoneGeometry::of(&t)))
}

pub async fn read_unallocated(
    conn: &mut SqliteConnection,
    county: &str,
) -> Result<AgeSexBands, StoreError> {
    let rows =
        sqlx::query("SELECT sex, band, persons FROM unallocated_population WHERE county_code = ?")
            .bind(county)
            .fetch_all(&mut *conn)
            .await?;
    Ok(bands_from_rows(&rows))
}

pub async fn read_places(
    conn: &mut SqliteConnection,
    county: &str,
) -> Result<Vec<Place>, StoreError> {
    let rows = sqlx::query("SELECT * FROM place WHERE county_code = ? ORDER BY position")
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

/// Every stored county with the counts its data-completeness list is made of.
pub async fn counties(pool: &SqlitePool) -> Result<Vec<CountySummary>, StoreError> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query("SELECT code, name, province, prefecture, outline_geojson IS NOT NULL AS has_outline FROM county ORDER BY code")
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let code: String = c.get("code");
        let t = sqlx::query(
            "SELECT count(*) AS n, \
             sum(population_status <> 'pending') AS with_pop, \
             sum(boundary_status <> 'none') AS with_boundary, \
             sum(boundary_status = 'estimated') AS estimated, \
             sum(seat_lon IS NOT NULL) AS with_seat \
             FROM township WHERE county_code = ?",
        )
        .bind(&code)
        .fetch_one(&mut *conn)
        .await?;
        let mut kinds: HashMap<FacilityCategory, u32> = HashMap::new();
        let mut sample = 0u32;
        for r in sqlx::query("SELECT kind, sample FROM facility WHERE county_code = ?")
            .bind(&code)
            .fetch_all(&mut *conn)
            .await?
        {
            if let Some(k) = FacilityKind::from_key(&r.get::<String, _>("kind")) {
                *kinds.entry(k.category()).or_default() += 1;
            }
            if r.get::<bool, _>("sample") {
                sample += 1;
            }
        }
        let sections: i64 =
            sqlx::query_scalar("SELECT count(*) FROM school_section WHERE county_code = ?")
                .bind(&code)
                .fetch_one(&mut *conn)
                .await?;
        let places: i64 = sqlx::query_scalar("SELECT count(*) FROM place WHERE county_code = ?")
            .bind(&code)
            .fetch_one(&mut *conn)
            .await?;
        let hukou: i64 =
            sqlx::query_scalar("SELECT count(*) FROM hukou_source WHERE county_code = ?")
                .bind(&code)
                .fetch_one(&mut *conn)
                .await?;
        let towns: i64 = sqlx::query_scalar(
            "SELECT coalesce(sum(persons), 0) FROM population_band WHERE county_code = ?",
        )
        .bind(&code)
        .fetch_one(&mut *conn)
        .await?;
        let unallocated: i64 = sqlx::query_scalar(
            "SELECT coalesce(sum(persons), 0) FROM unallocated_population WHERE county_code = ?",
        )
        .bind(&code)
        .fetch_one(&mut *conn)
        .await?;
        let get = |col: &str| t.get::<Option<i64>, _>(col).unwrap_or(0) as u32;
        out.push(CountySummary {
            name: c.get("name"),
            province: c.get("province"),
            prefecture: c.get("prefecture"),
            townships: get("n"),
            townships_with_population: get("with_pop"),
            townships_with_boundary: get("with_boundary"),
            townships_estimated_boundary: get("estimated"),
            townships_with_seat: get("with_seat"),
            places: places as u32,
            childcare_facilities: kinds
                .get(&FacilityCategory::Childcare)
                .copied()
                .unwrap_or(0),
            elderly_facilities: kinds.get(&FacilityCategory::Elderly).copied().unwrap_or(0),
            schools: kinds.get(&FacilityCategory::School).copied().unwrap_or(0),
            school_sections: sections as u32,
            sample_facilities: sample,
            has_hukou: hukou > 0,
            has_outline: c.get("has_outline"),
            resident_population: (towns + unallocated) as u64,
            unallocated_population: unallocated as u64,
            code,
        });
    }
    Ok(out)
}

/// The county's actuals, facilities and county years in year order.
pub async fn read_actuals(
    conn: &mut SqliteConnection,
    county: &str,
) -> Result<junheng_core::Actuals, StoreError> {
    let mut a = junheng_core::Actuals::default();
    for r in sqlx::query(
        "SELECT body_json FROM actual_facility WHERE county_code = ? ORDER BY year, facility_id",
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
    for r in sqlx::query("SELECT body_json FROM actual_county WHERE county_code = ? ORDER BY year")
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
    conn: &mut SqliteConnection,
    county: &str,
    facility: &str,
    year: i32,
) -> Result<Option<junheng_core::FacilityActual>, StoreError> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body_json FROM actual_facility WHERE county_code = ? AND facility_id = ? AND year = ?",
    )
    .bind(county)
    .bind(facility)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    body.map(|b| parse_json("facility actual", &b)).transpose()
}

pub async fn read_county_actual(
    conn: &mut SqliteConnection,
    county: &str,
    year: i32,
) -> Result<Option<junheng_core::CountyActual>, StoreError> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body_json FROM actual_county WHERE county_code = ? AND year = ?",
    )
    .bind(county)
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    body.map(|b| parse_json("county actual", &b)).transpose()
}
