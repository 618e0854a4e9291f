//! 规划方案 and 标准调整 rows: one versioned JSON document per scenario, one value per override.

use sqlx::{PgConnection, PgPool, Row};

use crate::write::lock_county;
use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_store::rows::{json, now_seconds, parse_json};
use junheng_store::StoreError;

pub async fn scenarios(pool: &PgPool, county: &str) -> Result<Vec<Scenario>, StoreError> {
    let rows = sqlx::query(
        "SELECT body_json, version FROM scenario WHERE county_code = $1 ORDER BY created_at, id",
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

/// Saves a scenario read at `s.version` with its row locked; the stored copy gets the next
/// version. One saved by someone else since is a conflict, and so is a new one created by two
/// planners at once (the second insert meets the first's key).
pub async fn save_scenario(
    conn: &mut PgConnection,
    county: &str,
    s: &Scenario,
) -> Result<Scenario, StoreError> {
    let stored: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM scenario WHERE county_code = $1 AND id = $2 FOR UPDATE",
    )
    .bind(county)
    .bind(&s.id)
    .fetch_optional(&mut *conn)
    .await?;
    let conflict = |v: i64| {
        StoreError::Conflict(format!(
            "scenario {} was saved elsewhere since it was read (version {v}, read at {}); reload it and try again",
            s.id, s.version
        ))
    };
    if let Some(v) = stored {
        if v != i64::from(s.version) {
            return Err(conflict(v));
        }
    }
    let mut saved = s.clone();
    saved.version = stored.map_or(1, |v| v as u32 + 1);
    let now = now_seconds();
    if stored.is_some() {
        sqlx::query(
            "UPDATE scenario SET name = $1, body_json = $2, version = $3, updated_at = $4 WHERE county_code = $5 AND id = $6",
        )
        .bind(&saved.name)
        .bind(json(&saved))
        .bind(i64::from(saved.version))
        .bind(&now)
        .bind(county)
        .bind(&saved.id)
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO scenario (county_code, id, name, body_json, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(county)
        .bind(&saved.id)
        .bind(&saved.name)
        .bind(json(&saved))
        .bind(i64::from(saved.version))
        .bind(&now)
        .execute(&mut *conn)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => conflict(1),
            other => other,
        })?;
    }
    Ok(saved)
}

pub async fn delete_scenario(
    conn: &mut PgConnection,
    county: &str,
    id: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM scenario WHERE county_code = $1 AND id = $2")
        .bind(county)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn norm_overrides(pool: &PgPool, county: &str) -> Result<Vec<NormOverride>, StoreError> {
    let rows = sqlx::query(
        "SELECT norm_id, value, source FROM norm_override WHERE county_code = $1 ORDER BY norm_id",
    )
    .bind(county)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| NormOverride {
            id: r.get("norm_id"),
            value: r.get("value"),
            source: r.get("source"),
        })
        .collect())
}

/// Sets one override under the county's lock: an update, else an insert (no upsert syntax, so
/// that every compatible database runs it).
pub async fn set_norm_override(
    conn: &mut PgConnection,
    county: &str,
    o: &NormOverride,
) -> Result<(), StoreError> {
    if lock_county(&mut *conn, county).await?.is_none() {
        return Err(StoreError::Conflict(format!(
            "county {county} is not stored"
        )));
    }
    let now = now_seconds();
    let done = sqlx::query(
        "UPDATE norm_override SET value = $1, source = $2, updated_at = $3 WHERE county_code = $4 AND norm_id = $5",
    )
    .bind(o.value)
    .bind(&o.source)
    .bind(&now)
    .bind(county)
    .bind(&o.id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(county)
        .bind(&o.id)
        .bind(o.value)
        .bind(&o.source)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
