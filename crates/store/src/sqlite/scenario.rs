use sqlx::{Row, SqlitePool};

use super::read::parse_json;
use crate::StoreError;
use junheng_core::scenario::Scenario;

pub async fn scenarios(pool: &SqlitePool, county: &str) -> Result<Vec<Scenario>, StoreError> {
    let rows =
        sqlx::query("SELECT body_json FROM scenario WHERE county_code = ? ORDER BY created_at, id")
            .bind(county)
            .fetch_all(pool)
            .await?;
    rows.iter()
        .map(|r| parse_json("scenario", &r.get::<String, _>("body_json")))
        .collect()
}

pub async fn save_scenario(
    pool: &SqlitePool,
    county: &str,
    s: &Scenario,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO scenario (county_code, id, name, body_json) VALUES (?, ?, ?, ?) \
         ON CONFLICT (county_code, id) DO UPDATE SET name = excluded.name, body_json = excluded.body_json, \
         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .bind(county)
    .bind(&s.id)
    .bind(&s.name)
    .bind(serde_json::to_string(s).expect("serialisable"))
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn delete_scenario(
    pool: &SqlitePool,
    county: &str,
    id: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM scenario WHERE county_code = ? AND id = ?")
        .bind(county)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}
