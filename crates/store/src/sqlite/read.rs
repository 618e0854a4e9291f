use std::collections::HashMap;

use sqlx::{Row, SqlitePool};

use crate::StoreError;
use junheng_core::{
    AgeSexBands, County, CountyDataset, Facility, FacilityKind, LonLat, SchoolSection, Township,
};

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn from_key<T: serde::de::DeserializeOwned>(what: &str, key: &str) -> Result<T, StoreError> {
    parse(
        what,
        &serde_json::Value::String(key.to_string()).to_string(),
    )
}

pub async fn load_dataset(
    pool: &SqlitePool,
    code: &str,
) -> Result<Option<CountyDataset>, StoreError> {
    let Some(c) = sqlx::query("SELECT * FROM county WHERE code = ?")
        .bind(code)
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let county = County {
        code: c.get("code"),
        name: c.get("name"),
        province: c.get("province"),
        prefecture: c.get("prefecture"),
        census_year: c.get("census_year"),
        sample_facilities: c.get("sample_facilities"),
        population_note_zh: c.get("population_note_zh"),
        population_note_en: c.get("population_note_en"),
    };

    let mut populations: HashMap<String, AgeSexBands> = HashMap::new();
    for r in sqlx::query(
        "SELECT zone_code, sex, band, persons FROM population_band WHERE county_code = ?",
    )
    .bind(code)
    .fetch_all(pool)
    .await?
    {
        let p = populations.entry(r.get("zone_code")).or_default();
        let band = r.get::<i64, _>("band") as usize;
        let persons = r.get::<i64, _>("persons") as u64;
        match r.get::<String, _>("sex").as_str() {
            "male" => p.male[band] = persons,
            _ => p.female[band] = persons,
        }
    }

    let mut townships = Vec::new();
    for r in sqlx::query("SELECT * FROM township WHERE county_code = ? ORDER BY position")
        .bind(code)
        .fetch_all(pool)
        .await?
    {
        let tcode: String = r.get("code");
        townships.push(Township {
            population: populations.remove(&tcode).unwrap_or_default(),
            code: tcode,
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
            boundary: parse("township boundary", &r.get::<String, _>("boundary_geojson"))?,
        });
    }

    let mut sections: HashMap<String, Vec<SchoolSection>> = HashMap::new();
    for r in sqlx::query("SELECT facility_id, section_json FROM school_section WHERE county_code = ? ORDER BY facility_id, level DESC")
        .bind(code)
        .fetch_all(pool)
        .await?
    {
        sections
            .entry(r.get("facility_id"))
            .or_default()
            .push(parse("school section", &r.get::<String, _>("section_json"))?);
    }

    let mut facilities = Vec::new();
    for r in sqlx::query("SELECT * FROM facility WHERE county_code = ? ORDER BY position")
        .bind(code)
        .fetch_all(pool)
        .await?
    {
        let id: String = r.get("id");
        let own = sections.remove(&id).unwrap_or_default();
        facilities.push(facility_from_row(&r, own)?);
    }

    Ok(Some(CountyDataset {
        population: populations.remove(&county.code).unwrap_or_default(),
        county,
        townships,
        facilities,
    }))
}

/// A facility from its `facility` row and its school sections.
pub fn facility_from_row(
    r: &sqlx::sqlite::SqliteRow,
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
            .map(|j| parse("childcare inputs", &j))
            .transpose()?,
        elderly: elderly.map(|j| parse("elderly inputs", &j)).transpose()?,
        id,
    })
}

/// One facility of a county with its school sections, read inside a transaction.
pub async fn read_facility(
    conn: &mut sqlx::SqliteConnection,
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
        sections.push(parse("school section", &s.get::<String, _>("section_json"))?);
    }
    let position: i64 = r.get("position");
    Ok(Some((facility_from_row(&r, sections)?, position)))
}

pub fn parse_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    parse(what, text)
}
