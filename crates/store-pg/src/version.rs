//! 数据版本 — the county's data version, bumped in the transaction of every write to it.

use sqlx::{PgConnection, PgPool, Row};

use junheng_store::StoreError;

/// Moves the county's version past its last value and past the current time (µs), so that a
/// number once seen is never seen again with other data (see migration 0002). `GREATEST` and
/// `clock_timestamp()` are in openGauss and KingbaseES too.
pub async fn bump(conn: &mut PgConnection, code: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE county SET data_version = GREATEST(data_version + 1, \
         CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)) WHERE code = $1",
    )
    .bind(code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn version(pool: &PgPool, code: &str) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT data_version FROM county WHERE code = $1")
            .bind(code)
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn versions_between(
    pool: &PgPool,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, data_version FROM county WHERE code >= $1 AND code < $2 ORDER BY code",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

pub async fn versions(pool: &PgPool) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("SELECT code, data_version FROM county ORDER BY code")
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}
