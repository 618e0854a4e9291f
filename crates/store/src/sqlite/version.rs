//! 数据版本 — the county's data version, bumped in the transaction of every write to it.

use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::StoreError;

/// Moves the county's version past its last value and past the current time (µs), so that a
/// number once seen is never seen again with other data (see migration 0010).
pub async fn bump(conn: &mut SqliteConnection, code: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE county SET data_version = max(data_version + 1, \
         CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) WHERE code = ?",
    )
    .bind(code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn version(pool: &SqlitePool, code: &str) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT data_version FROM county WHERE code = ?")
            .bind(code)
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn versions_between(
    pool: &SqlitePool,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, data_version FROM county WHERE code >= ? AND code < ? ORDER BY code",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

pub async fn versions(pool: &SqlitePool) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT code, data_version FROM county ORDER BY code")
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}
