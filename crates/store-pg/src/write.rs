//! Writing a county's rows, as the SQLite store does, inside the caller's transaction.

use sqlx::PgConnection;

use junheng_core::{AgeSexBands, CountyDataset, Facility, Place, Township, BAND_COUNT};
use junheng_store::rows::{json, key, now_seconds};
use junheng_store::{StoreError, ZoneGeometry, ZonePopulation};

/// Tables holding a county's base data, children first (facility rows reference townships).
const BASE_TABLES: [&str; 6] = [
    "school_section",
    "facility",
    "population_band",
    "unallocated_population",
    "place",
    "township",
];

/// Everything else stored for a county, removed with it.
const COUNTY_TABLES: [&str; 8] = [
    "actual_facility",
    "actual_county",
    "norm_override",
    "scenario",
    "change_log",
    "hukou_population",
    "hukou_source",
    "county",
];

fn int(b: bool) -> i32 {
    i32::from(b)
}

/// Takes the county's row lock: every write to a county holds it, so writes to one county
/// run one after another (as SQLite's write lock makes them) while counties stay independent.
/// `None` when the county is not stored.
pub async fn lock_county(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT code FROM county WHERE code = $1 FOR UPDATE")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn insert_county(
    conn: &mut PgConnection,
    data: &CountyDataset,
    replace: bool,
) -> Result<(), StoreError> {
    let c = &data.county;
    let exists = lock_county(&mut *conn, &c.code).await?;
    if exists.is_some() {
        if !replace {
            return Err(StoreError::Conflict(format!(
                "county {} is already stored",
                c.code
            )));
        }
        for table in BASE_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE county_code = $1"))
                .bind(&c.code)
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query(
            "UPDATE county SET name = $1, province = $2, prefecture = $3, census_year = $4, sample_facilities = $5, \
             population_note_zh = $6, population_note_en = $7, census_code = $8, outline_geojson = $9, seat_lon = $10, \
             seat_lat = $11, population_source = $12 WHERE code = $13",
        )
        .bind(&c.name)
        .bind(&c.province)
        .bind(&c.prefecture)
        .bind(c.census_year)
        .bind(int(c.sample_facilities))
        .bind(&c.population_note_zh)
        .bind(&c.population_note_en)
        .bind(&c.census_code)
        .bind(data.outline.as_ref().map(json))
        .bind(c.seat.map(|p| p.lon))
        .bind(c.seat.map(|p| p.lat))
        .bind(key(&c.population_source))
        .bind(&c.code)
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO county (code, name, province, prefecture, census_year, sample_facilities, population_note_zh, \
             population_note_en, census_code, outline_geojson, seat_lon, seat_lat, population_source, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&c.code)
        .bind(&c.name)
        .bind(&c.province)
        .bind(&c.prefecture)
        .bind(c.census_year)
        .bind(int(c.sample_facilities))
        .bind(&c.population_note_zh)
        .bind(&c.population_note_en)
        .bind(&c.census_code)
        .bind(data.outline.as_ref().map(json))
        .bind(c.seat.map(|p| p.lon))
        .bind(c.seat.map(|p| p.lat))
        .bind(key(&c.population_source))
        .bind(now_seconds())
        .execute(&mut *conn)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("county {} is already stored", c.code))
            }
            other => other,
        })?;
    }
    for (i, t) in data.townships.iter().enumerate() {
        insert_township(&mut *conn, &c.code, t, i as i64).await?;
    }
    write_unallocated(&mut *conn, &c.code, &data.unallocated).await?;
    for (i, f) in data.facilities.iter().enumerate() {
        insert_facility(&mut *conn, &c.code, f, i as i64).await?;
    }
    write_places(&mut *conn, &c.code, &data.places).await?;
    Ok(())
}

pub async fn remove_county(conn: &mut PgConnection, code: &str) -> Result<bool, StoreError> {
    if lock_county(&mut *conn, code).await?.is_none() {
        return Ok(false);
    }
    for table in BASE_TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE county_code = $1"))
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    for table in COUNTY_TABLES {
        let col = if table == "county" {
            "code"
        } else {
            "county_code"
        };
        sqlx::query(&format!("DELETE FROM {table} WHERE {col} = $1"))
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

fn persons(p: u64) -> Result<i64, StoreError> {
    i64::try_from(p).map_err(|_| StoreError::Conflict(format!("{p} persons is out of range")))
}

/// Inserts the 38 rows of a band table (19 bands × 2 sexes) in one multi-row INSERT.
async fn insert_bands(
    conn: &mut PgConnection,
    table: &str,
    county: &str,
    zone: Option<&str>,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(2 * BAND_COUNT);
    for band in 0..BAND_COUNT {
        for (sex, n) in [("male", p.male[band]), ("female", p.female[band])] {
            rows.push((sex, band as i32, persons(n)?));
        }
    }
    let mut q = sqlx::QueryBuilder::<sqlx::Postgres>::new(format!(
        "INSERT INTO {table} (county_code, {}sex, band, persons) ",
        if zone.is_some() { "zone_code, " } else { "" }
    ));
    q.push_values(rows, |mut b, (sex, band, n)| {
        b.push_bind(county);
        if let Some(z) = zone {
            b.push_bind(z);
        }
        b.push_bind(sex).push_bind(band).push_bind(n);
    });
    q.build().execute(&mut *conn).await?;
    Ok(())
}

pub async fn write_unallocated(
    conn: &mut PgConnection,
    county: &str,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM unallocated_population WHERE county_code = $1")
        .bind(county)
        .execute(&mut *conn)
        .await?;
    insert_bands(conn, "unallocated_population", county, None, p).await
}

async fn write_bands(
    conn: &mut PgConnection,
    county: &str,
    zone: &str,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM population_band WHERE county_code = $1 AND zone_code = $2")
        .bind(county)
        .bind(zone)
        .execute(&mut *conn)
        .await?;
    insert_bands(conn, "population_band", county, Some(zone), p).await
}

pub async fn write_zone_population(
    conn: &mut PgConnection,
    county: &str,
    township: &str,
    p: &ZonePopulation,
) -> Result<(), StoreError> {
    write_bands(conn, county, township, &p.bands).await?;
    sqlx::query(
        "UPDATE township SET population_status = $1, version = version + 1 WHERE county_code = $2 AND code = $3",
    )
    .bind(key(&p.status))
    .bind(county)
    .bind(township)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn write_zone_geometry(
    conn: &mut PgConnection,
    county: &str,
    township: &str,
    g: &ZoneGeometry,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE township SET boundary_geojson = $1, boundary_status = $2, area_km2 = $3, centroid_lon = $4, \
         centroid_lat = $5, interior_lon = $6, interior_lat = $7, seat_lon = $8, seat_lat = $9, version = version + 1 \
         WHERE county_code = $10 AND code = $11",
    )
    .bind(g.boundary.to_string())
    .bind(key(&g.status))
    .bind(g.area_km2)
    .bind(g.centroid.lon)
    .bind(g.centroid.lat)
    .bind(g.interior.lon)
    .bind(g.interior.lat)
    .bind(g.seat.map(|p| p.lon))
    .bind(g.seat.map(|p| p.lat))
    .bind(county)
    .bind(township)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn insert_township(
    conn: &mut PgConnection,
    county: &str,
    t: &Township,
    position: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO township (code, county_code, name, kind, area_km2, centroid_lon, centroid_lat, interior_lon, \
         interior_lat, boundary_geojson, position, population_status, boundary_status, seat_lon, seat_lat, user_defined) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(&t.code)
    .bind(county)
    .bind(&t.name)
    .bind(&t.kind)
    .bind(t.area_km2)
    .bind(t.centroid.lon)
    .bind(t.centroid.lat)
    .bind(t.interior.lon)
    .bind(t.interior.lat)
    .bind(t.boundary.to_string())
    .bind(position)
    .bind(key(&t.population_status))
    .bind(key(&t.boundary_status))
    .bind(t.seat.map(|p| p.lon))
    .bind(t.seat.map(|p| p.lat))
    .bind(int(t.user_defined))
    .execute(&mut *conn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict(format!(
            "township code {} is already used (in this or another county)",
            t.code
        )),
        other => other,
    })?;
    write_bands(conn, county, &t.code, &t.population).await
}

pub async fn delete_township(
    conn: &mut PgConnection,
    county: &str,
    code: &str,
) -> Result<(), StoreError> {
    let used: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM facility WHERE county_code = $1 AND township_code = $2",
    )
    .bind(county)
    .bind(code)
    .fetch_one(&mut *conn)
    .await?;
    if used > 0 {
        return Err(StoreError::Conflict(format!(
            "township {code} still has {used} facilities; move or delete them first"
        )));
    }
    sqlx::query("DELETE FROM population_band WHERE county_code = $1 AND zone_code = $2")
        .bind(county)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM township WHERE county_code = $1 AND code = $2")
        .bind(county)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn next_position(
    conn: &mut PgConnection,
    table: &str,
    county: &str,
) -> Result<i64, StoreError> {
    let max: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT MAX(position) FROM {table} WHERE county_code = $1"
    ))
    .bind(county)
    .fetch_one(&mut *conn)
    .await?;
    Ok(max.map_or(0, |m| m + 1))
}

pub async fn write_places(
    conn: &mut PgConnection,
    county: &str,
    places: &[Place],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM place WHERE county_code = $1")
        .bind(county)
        .execute(&mut *conn)
        .await?;
    for (i, p) in places.iter().enumerate() {
        sqlx::query(
            "INSERT INTO place (county_code, code, name, township_code, lon, lat, population, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(county)
        .bind(&p.code)
        .bind(&p.name)
        .bind(&p.township_code)
        .bind(p.location.lon)
        .bind(p.location.lat)
        .bind(persons(p.population)?)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_facility(
    conn: &mut PgConnection,
    county: &str,
    f: &Facility,
    position: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO facility (id, county_code, township_code, name, kind, lon, lat, ownership, inclusive, status, \
         opening_year, sample, childcare_json, elderly_json, position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&f.id)
    .bind(county)
    .bind(&f.township_code)
    .bind(&f.name)
    .bind(f.kind.key())
    .bind(f.location.lon)
    .bind(f.location.lat)
    .bind(key(&f.ownership))
    .bind(int(f.inclusive))
    .bind(key(&f.status))
    .bind(f.opening_year)
    .bind(int(f.sample))
    .bind(f.childcare.as_ref().map(json))
    .bind(f.elderly.as_ref().map(json))
    .bind(position)
    .execute(&mut *conn)
    .await?;
    for s in &f.school_sections {
        sqlx::query(
            "INSERT INTO school_section (county_code, facility_id, level, section_json) VALUES ($1, $2, $3, $4)",
        )
        .bind(county)
        .bind(&f.id)
        .bind(key(&s.level))
        .bind(json(s))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn write_facility_actual(
    conn: &mut PgConnection,
    county: &str,
    facility: &str,
    year: i32,
    a: Option<&junheng_core::FacilityActual>,
) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM actual_facility WHERE county_code = $1 AND facility_id = $2 AND year = $3",
    )
    .bind(county)
    .bind(facility)
    .bind(year)
    .execute(&mut *conn)
    .await?;
    if let Some(a) = a {
        sqlx::query(
            "INSERT INTO actual_facility (county_code, facility_id, year, body_json) VALUES ($1, $2, $3, $4)",
        )
        .bind(county)
        .bind(facility)
        .bind(year)
        .bind(json(a))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn write_county_actual(
    conn: &mut PgConnection,
    county: &str,
    year: i32,
    a: Option<&junheng_core::CountyActual>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM actual_county WHERE county_code = $1 AND year = $2")
        .bind(county)
        .bind(year)
        .execute(&mut *conn)
        .await?;
    if let Some(a) = a {
        sqlx::query("INSERT INTO actual_county (county_code, year, body_json) VALUES ($1, $2, $3)")
            .bind(county)
            .bind(year)
            .bind(json(a))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces the county's 户籍 table (`None` removes it).
pub async fn set_hukou(
    conn: &mut PgConnection,
    county: &str,
    table: Option<(&AgeSexBands, &str)>,
    updated_at: &str,
) -> Result<(), StoreError> {
    for t in ["hukou_population", "hukou_source"] {
        sqlx::query(&format!("DELETE FROM {t} WHERE county_code = $1"))
            .bind(county)
            .execute(&mut *conn)
            .await?;
    }
    if let Some((bands, source)) = table {
        insert_bands(&mut *conn, "hukou_population", county, None, bands).await?;
        sqlx::query(
            "INSERT INTO hukou_source (county_code, source, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(county)
        .bind(source)
        .bind(updated_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
