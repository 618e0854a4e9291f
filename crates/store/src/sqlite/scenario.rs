use sqlx::{Row, SqliteConnection, SqlitePool};

use super::read::parse_json;
use crate::StoreError;
use junheng_core::scenario::Scenario;

pub async fn scenarios(pool: &SqlitePool, county: &str) -> Result<Vec<Scenario>, StoreError> {
    let rows = sqlx::query(
        "SELECT body_json, version FROM scenario WHERE county_code = ? ORDER BY created_at, id",
    )
    .bind(county)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let mut s: Scenario = parse_json("scenario", &r.get::<String, _>("body_json"))?;
            s.version = r.get::<i64, _>("version") as u32;
            Ok(s)
        })
        .collect()
}

/// Saves a scenario read at `s.version`; the stored copy gets the next version. A scenario
/// saved by someone else since (its stored version differs) is a conflict.
pub async fn save_scenario(
    conn: &mut SqliteConnection,
    county: &str,
    s: &Scenario,
) -> Result<Scenario, StoreError> {
    let stored: Option<i64> =
        sqlx::query_scalar("SELECT version FROM scenario WHERE county_code = ? AND id = ?")
            .bind(county)
            .bind(&s.id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(v) = stored {
        if v != i64::from(s.version) {
            return Err(StoreError::Conflict(format!(
                "scenario {} was saved elsewhere since it was read (version {v}, read at {}); reload it and try again",
                s.id, s.version
            )));
        }
    }
    let mut saved = s.clone();
    saved.version = stored.map_or(1, |v| v as u32 + 1);
    sqlx::query(
        "INSERT INTO scenario (county_code, id, name, body_json, version) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (county_code, id) DO UPDATE SET name = excluded.name, body_json = excluded.body_json, \
         version = excluded.version, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .bind(county)
    .bind(&saved.id)
    .bind(&saved.name)
    .bind(serde_json::to_string(&saved).expect("serialisable"))
    .bind(i64::from(saved.version))
    .execute(&mut *conn)
    .await?;
    Ok(saved)
}

pub async fn delete_scenario(
    conn: &mut SqliteConnection,
    county: &str,
    id: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM scenario WHERE county_code = ? AND id = ?")
        .bind(county)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
