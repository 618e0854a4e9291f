use sqlx::SqliteConnection;

use super::read::key;
use crate::{StoreError, ZoneGeometry, ZonePopulation};
use junheng_core::{AgeSexBands, CountyDataset, Facility, Place, Township, BAND_COUNT};

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

use crate::rows::json;

/// Writes a county's base data. `replace` first deletes what is stored of it (keeping its
/// overrides, scenarios, 户籍 table and change log); without it an existing county is a
/// conflict.
pub async fn insert_county(
    conn: &mut SqliteConnection,
    data: &CountyDataset,
    replace: bool,
) -> Result<(), StoreError> {
    let c = &data.county;
    let exists: Option<String> = sqlx::query_scalar("SELECT code FROM county WHERE code = ?")
        .bind(&c.code)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_some() {
        if !replace {
            return Err(StoreError::Conflict(format!(
                "county {} is already stored",
                c.code
            )));
        }
        for table in BASE_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE county_code = ?"))
                .bind(&c.code)
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query(
            "UPDATE county SET name = ?, province = ?, prefecture = ?, census_year = ?, sample_facilities = ?, \
             population_note_zh = ?, population_note_en = ?, census_code = ?, outline_geojson = ?, seat_lon = ?, seat_lat = ?, \
             population_source = ? WHERE code = ?",
        )
        .bind(&c.name)
        .bind(&c.province)
        .bind(&c.prefecture)
        .bind(c.census_year)
        .bind(c.sample_facilities)
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        )
        .bind(&c.code)
        .bind(&c.name)
        .bind(&c.province)
        .bind(&c.prefecture)
        .bind(c.census_year)
        .bind(c.sample_facilities)
        .bind(&c.population_note_zh)
        .bind(&c.population_note_en)
        .bind(&c.census_code)
        .bind(data.outline.as_ref().map(json))
        .bind(c.seat.map(|p| p.lon))
        .bind(c.seat.map(|p| p.lat))
        .bind(key(&c.population_source))
        .execute(&mut *conn)
        .await?;
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

/// Removes a county and everything stored for it.
pub async fn remove_county(conn: &mut SqliteConnection, code: &str) -> Result<bool, StoreError> {
    let exists: Option<String> = sqlx::query_scalar("SELECT code FROM county WHERE code = ?")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Ok(false);
    }
    for table in BASE_TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE county_code = ?"))
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
        sqlx::query(&format!("DELETE FROM {table} WHERE {col} = ?"))
            .bind(code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

async fn write_bands(
    conn: &mut SqliteConnection,
    table: &str,
    county: &str,
    zone: Option<&str>,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    match zone {
        Some(z) => {
            sqlx::query(&format!(
                "DELETE FROM {table} WHERE county_code = ? AND zone_code = ?"
            ))
            .bind(county)
            .bind(z)
            .execute(&mut *conn)
            .await?
        }
        None => {
            sqlx::query(&format!("DELETE FROM {table} WHERE county_code = ?"))
                .bind(county)
                .execute(&mut *conn)
                .await?
        }
    };
    for band in 0..BAND_COUNT {
        for (sex, persons) in [("male", p.male[band]), ("female", p.female[band])] {
            let persons = i64::try_from(persons)
                .map_err(|_| StoreError::Conflict(format!("{persons} persons is out of range")))?;
            match zone {
                Some(z) => sqlx::query(&format!(
                    "INSERT INTO {table} (county_code, zone_code, sex, band, persons) VALUES (?, ?, ?, ?, ?)"
                ))
                .bind(county)
                .bind(z)
                .bind(sex)
                .bind(band as i64)
                .bind(persons)
                .execute(&mut *conn)
                .await?,
                None => sqlx::query(&format!(
                    "INSERT INTO {table} (county_code, sex, band, persons) VALUES (?, ?, ?, ?)"
                ))
                .bind(county)
                .bind(sex)
                .bind(band as i64)
                .bind(persons)
                .execute(&mut *conn)
                .await?,
            };
        }
    }
    Ok(())
}

pub async fn write_unallocated(
    conn: &mut SqliteConnection,
    county: &str,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    write_bands(conn, "unallocated_population", county, None, p).await
}

pub async fn write_zone_population(
    conn: &mut SqliteConnection,
    county: &str,
    township: &str,
    p: &ZonePopulation,
) -> Result<(), StoreError> {
    write_bands(conn, "population_band", county, Some(township), &p.bands).await?;
    sqlx::query("UPDATE township SET population_status = ?, version = version + 1 WHERE county_code = ? AND code = ?")
        .bind(key(&p.status))
        .bind(county)
        .bind(township)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn write_zone_geometry(
    conn: &mut SqliteConnection,
    county: &str,
    township: &str,
    g: &ZoneGeometry,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE township SET boundary_geojson = ?, boundary_status = ?, area_km2 = ?, centroid_lon = ?, centroid_lat = ?, \
         interior_lon = ?, interior_lat = ?, seat_lon = ?, seat_lat = ?, version = version + 1 \
         WHERE county_code = ? AND code = ?",
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

/// Inserts a township row with its population bands.
pub async fn insert_township(
    conn: &mut SqliteConnection,
    county: &str,
    t: &Township,
    position: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO township (code, county_code, name, kind, area_km2, centroid_lon, centroid_lat, interior_lon, interior_lat, \
         boundary_geojson, position, population_status, boundary_status, seat_lon, seat_lat, user_defined) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .bind(t.user_defined)
    .execute(&mut *conn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Sql(e) if e.to_string().contains("UNIQUE") => StoreError::Conflict(format!(
            "township code {} is already used (in this or another county)",
            t.code
        )),
        other => other,
    })?;
    write_bands(
        conn,
        "population_band",
        county,
        Some(&t.code),
        &t.population,
    )
    .await
}

pub async fn delete_township(
    conn: &mut SqliteConnection,
    county: &str,
    code: &str,
) -> Result<(), StoreError> {
    let used: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM facility WHERE county_code = ? AND township_code = ?",
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
    for table in ["population_band"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE county_code = ? AND zone_code = ?"
        ))
        .bind(county)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM township WHERE county_code = ? AND code = ?")
        .bind(county)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn next_township_position(
    conn: &mut SqliteConnection,
    county: &str,
) -> Result<i64, StoreError> {
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(position) FROM township WHERE county_code = ?")
            .bind(county)
            .fetch_one(&mut *conn)
            .await?;
    Ok(max.map_or(0, |m| m + 1))
}

pub async fn write_places(
    conn: &mut SqliteConnection,
    county: &str,
    places: &[Place],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM place WHERE county_code = ?")
        .bind(county)
        .execute(&mut *conn)
        .await?;
    for (i, p) in places.iter().enumerate() {
        sqlx::query(
            "INSERT INTO place (county_code, code, name, township_code, lon, lat, population, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(county)
        .bind(&p.code)
        .bind(&p.name)
        .bind(&p.township_code)
        .bind(p.location.lon)
        .bind(p.location.lat)
        .bind(p.population as i64)
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Inserts one facility row with its school sections.
pub async fn insert_facility(
    conn: &mut SqliteConnection,
    county: &str,
    f: &Facility,
    position: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO facility (id, county_code, township_code, name, kind, lon, lat, ownership, inclusive, status, opening_year, sample, childcare_json, elderly_json, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&f.id)
    .bind(county)
    .bind(&f.township_code)
    .bind(&f.name)
    .bind(f.kind.key())
    .bind(f.location.lon)
    .bind(f.location.lat)
    .bind(key(&f.ownership))
    .bind(f.inclusive)
    .bind(key(&f.status))
    .bind(f.opening_year)
    .bind(f.sample)
    .bind(f.childcare.as_ref().map(json))
    .bind(f.elderly.as_ref().map(json))
    .bind(position)
    .execute(&mut *conn)
    .await?;
    for s in &f.school_sections {
        sqlx::query(
            "INSERT INTO school_section (county_code, facility_id, level, section_json) VALUES (?, ?, ?, ?)",
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
    conn: &mut SqliteConnection,
    county: &str,
    facility: &str,
    year: i32,
    a: Option<&junheng_core::FacilityActual>,
) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM actual_facility WHERE county_code = ? AND facility_id = ? AND year = ?",
    )
    .bind(county)
    .bind(facility)
    .bind(year)
    .execute(&mut *conn)
    .await?;
    if let Some(a) = a {
        sqlx::query(
            "INSERT INTO actual_facility (county_code, facility_id, year, body_json) VALUES (?, ?, ?, ?)",
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
    conn: &mut SqliteConnection,
    county: &str,
    year: i32,
    a: Option<&junheng_core::CountyActual>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM actual_county WHERE county_code = ? AND year = ?")
        .bind(county)
        .bind(year)
        .execute(&mut *conn)
        .await?;
    if let Some(a) = a {
        sqlx::query("INSERT INTO actual_county (county_code, year, body_json) VALUES (?, ?, ?)")
            .bind(county)
            .bind(year)
            .bind(json(a))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
