use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::{HukouTable, StoreError};
use junheng_core::{AgeSexBands, BAND_COUNT};

pub async fn hukou(pool: &SqlitePool, county: &str) -> Result<Option<HukouTable>, StoreError> {
    let Some(src) =
        sqlx::query("SELECT source, updated_at FROM hukou_source WHERE county_code = ?")
            .bind(county)
            .fetch_optional(pool)
            .await?
    else {
        return Ok(None);
    };
    let mut bands = AgeSexBands::default();
    for r in sqlx::query("SELECT sex, band, persons FROM hukou_population WHERE county_code = ?")
        .bind(county)
        .fetch_all(pool)
        .await?
    {
        let b = r.get::<i64, _>("band") as usize;
        let p = r.get::<i64, _>("persons") as u64;
        match r.get::<String, _>("sex").as_str() {
            "male" => bands.male[b] = p,
            _ => bands.female[b] = p,
        }
    }
    Ok(Some(HukouTable {
        bands,
        source: src.get("source"),
        updated_at: src.get("updated_at"),
    }))
}

/// Replaces the county's 户籍 table in one transaction (`None` removes it).
pub async fn set_hukou(
    tx: &mut SqliteConnection,
    county: &str,
    table: Option<(&AgeSexBands, &str)>,
) -> Result<(), StoreError> {
    for t in ["hukou_population", "hukou_source"] {
        sqlx::query(&format!("DELETE FROM {t} WHERE county_code = ?"))
            .bind(county)
            .execute(&mut *tx)
            .await?;
    }
    if let Some((bands, source)) = table {
        for b in 0..BAND_COUNT {
            for (sex, p) in [("male", bands.male[b]), ("female", bands.female[b])] {
                sqlx::query("INSERT INTO hukou_population (county_code, sex, band, persons) VALUES (?, ?, ?, ?)")
                    .bind(county)
                    .bind(sex)
                    .bind(b as i64)
                    .bind(p as i64)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO hukou_source (county_code, source) VALUES (?, ?)")
            .bind(county)
            .bind(source)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
