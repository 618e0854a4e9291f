use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::StoreError;
use junheng_core::{AgeSexBands, CountyDataset, Facility, BAND_COUNT};

fn key<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("enum key expected, got {other:?}"),
    }
}

async fn insert_population(
    tx: &mut Transaction<'_, Sqlite>,
    county: &str,
    zone: &str,
    p: &AgeSexBands,
) -> Result<(), StoreError> {
    for band in 0..BAND_COUNT {
        for (sex, persons) in [("male", p.male[band]), ("female", p.female[band])] {
            sqlx::query(
                "INSERT INTO population_band (county_code, zone_code, sex, band, persons) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(county)
            .bind(zone)
            .bind(sex)
            .bind(band as i64)
            .bind(persons as i64)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Replaces the county in one transaction; on any error nothing is changed.
pub async fn save_dataset(pool: &SqlitePool, data: &CountyDataset) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    let c = &data.county;
    // Children first, because township rows are referenced by facilities without cascade.
    for table in ["school_section", "facility", "population_band", "township"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE county_code = ?"))
            .bind(&c.code)
            .execute(&mut *tx)
            .await?;
    }
    // Replacing the county's data keeps the planner's norm overrides.
    let kept: Vec<(String, f64, Option<String>)> =
        sqlx::query_as("SELECT norm_id, value, source FROM norm_override WHERE county_code = ?")
            .bind(&c.code)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM county WHERE code = ?")
        .bind(&c.code)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO county (code, name, province, prefecture, census_year, sample_facilities, population_note_zh, population_note_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&c.code)
    .bind(&c.name)
    .bind(&c.province)
    .bind(&c.prefecture)
    .bind(c.census_year)
    .bind(c.sample_facilities)
    .bind(&c.population_note_zh)
    .bind(&c.population_note_en)
    .execute(&mut *tx)
    .await?;
    insert_population(&mut tx, &c.code, &c.code, &data.population).await?;
    for (i, t) in data.townships.iter().enumerate() {
        sqlx::query(
            "INSERT INTO township (code, county_code, name, kind, area_km2, centroid_lon, centroid_lat, interior_lon, interior_lat, boundary_geojson, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&t.code)
        .bind(&c.code)
        .bind(&t.name)
        .bind(&t.kind)
        .bind(t.area_km2)
        .bind(t.centroid.lon)
        .bind(t.centroid.lat)
        .bind(t.interior.lon)
        .bind(t.interior.lat)
        .bind(t.boundary.to_string())
        .bind(i as i64)
        .execute(&mut *tx)
        .await?;
        insert_population(&mut tx, &c.code, &t.code, &t.population).await?;
    }
    for (i, f) in data.facilities.iter().enumerate() {
        insert_facility(&mut tx, &c.code, f, i as i64).await?;
    }
    for (id, value, source) in kept {
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source) VALUES (?, ?, ?, ?)",
        )
        .bind(&c.code)
        .bind(id)
        .bind(value)
        .bind(source)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Inserts one facility row with its school sections.
pub async fn insert_facility(
    conn: &mut sqlx::SqliteConnection,
    county: &str,
    f: &Facility,
    position: i64,
) -> Result<(), StoreError> {
    let json = |v: Option<String>| v;
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
    .bind(json(f.childcare.as_ref().map(|v| serde_json::to_string(v).expect("serialisable"))))
    .bind(json(f.elderly.as_ref().map(|v| serde_json::to_string(v).expect("serialisable"))))
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
        .bind(serde_json::to_string(s).expect("serialisable"))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
