//! A county read out whole and written back whole (`junheng db copy`), in PostgreSQL.

use sqlx::{PgConnection, Row};

use crate::apply::logged_change;
use crate::read::{load_dataset, read_actuals};
use crate::write::{insert_county, set_hukou, write_county_actual, write_facility_actual};
use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::AgeSexBands;
use junheng_store::rows::{json, now_seconds, parse_json};
use junheng_store::{CountyArchive, HukouTable, SeqOutcome, StoreError, StoredScenario};

async fn positions(
    conn: &mut PgConnection,
    table: &str,
    county: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT position FROM {table} WHERE county_code = $1 ORDER BY position"
    ))
    .bind(county)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn export(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Option<CountyArchive>, StoreError> {
    let Some(dataset) = load_dataset(&mut *conn, code).await? else {
        return Ok(None);
    };
    let created_at: String = sqlx::query_scalar("SELECT created_at FROM county WHERE code = $1")
        .bind(code)
        .fetch_one(&mut *conn)
        .await?;
    let township_positions = positions(&mut *conn, "township", code).await?;
    let facility_positions = positions(&mut *conn, "facility", code).await?;
    let overrides = sqlx::query(
        "SELECT norm_id, value, source FROM norm_override WHERE county_code = $1 ORDER BY norm_id",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| NormOverride {
        id: r.get("norm_id"),
        value: r.get("value"),
        source: r.get("source"),
    })
    .collect();
    let mut scenarios = Vec::new();
    for r in sqlx::query(
        "SELECT body_json, version, created_at, updated_at FROM scenario WHERE county_code = $1 ORDER BY created_at, id",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?
    {
        let mut s: Scenario = parse_json("scenario", &r.get::<String, _>("body_json"))?;
        s.version = r.get::<i64, _>("version") as u32;
        scenarios.push(StoredScenario {
            scenario: s,
            created_at: r.get("created_at"),
            updated_at: r.get("updated_at"),
        });
    }
    let hukou = hukou(&mut *conn, code).await?;
    let actuals = read_actuals(&mut *conn, code).await?;
    let changes = sqlx::query("SELECT * FROM change_log WHERE county_code = $1 ORDER BY seq")
        .bind(code)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(logged_change)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(CountyArchive {
        dataset,
        township_positions,
        facility_positions,
        created_at,
        overrides,
        scenarios,
        hukou,
        actuals,
        changes,
    }))
}

pub async fn hukou(
    conn: &mut PgConnection,
    county: &str,
) -> Result<Option<HukouTable>, StoreError> {
    let Some(src) =
        sqlx::query("SELECT source, updated_at FROM hukou_source WHERE county_code = $1")
            .bind(county)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let mut bands = AgeSexBands::default();
    for r in sqlx::query("SELECT sex, band, persons FROM hukou_population WHERE county_code = $1")
        .bind(county)
        .fetch_all(&mut *conn)
        .await?
    {
        let b = r.get::<i32, _>("band") as usize;
        let p = r.get::<i64, _>("persons") as u64;
        if b >= bands.male.len() {
            continue;
        }
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

pub async fn import(conn: &mut PgConnection, a: &CountyArchive) -> Result<SeqOutcome, StoreError> {
    let code = &a.dataset.county.code;
    insert_county(&mut *conn, &a.dataset, false).await?;
    sqlx::query("UPDATE county SET created_at = $1 WHERE code = $2")
        .bind(&a.created_at)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    for (t, p) in a.dataset.townships.iter().zip(&a.township_positions) {
        sqlx::query("UPDATE township SET position = $1 WHERE county_code = $2 AND code = $3")
            .bind(p)
            .bind(code)
            .bind(&t.code)
            .execute(&mut *conn)
            .await?;
    }
    for (f, p) in a.dataset.facilities.iter().zip(&a.facility_positions) {
        sqlx::query("UPDATE facility SET position = $1 WHERE county_code = $2 AND id = $3")
            .bind(p)
            .bind(code)
            .bind(&f.id)
            .execute(&mut *conn)
            .await?;
    }
    let now = now_seconds();
    for o in &a.overrides {
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(code)
        .bind(&o.id)
        .bind(o.value)
        .bind(&o.source)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    for s in &a.scenarios {
        sqlx::query(
            "INSERT INTO scenario (county_code, id, name, body_json, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(code)
        .bind(&s.scenario.id)
        .bind(&s.scenario.name)
        .bind(json(&s.scenario))
        .bind(i64::from(s.scenario.version))
        .bind(&s.created_at)
        .bind(&s.updated_at)
        .execute(&mut *conn)
        .await?;
    }
    if let Some(h) = &a.hukou {
        set_hukou(&mut *conn, code, Some((&h.bands, &h.source)), &h.updated_at).await?;
    }
    for f in &a.actuals.facilities {
        write_facility_actual(&mut *conn, code, &f.facility_id, f.year, Some(f)).await?;
    }
    for c in &a.actuals.county {
        write_county_actual(&mut *conn, code, c.year, Some(c)).await?;
    }
    // Other writers take numbers from the sequence while this one may write its own: the table
    // lock keeps them out until the sequence is moved past what was written.
    sqlx::query("LOCK TABLE change_log IN EXCLUSIVE MODE")
        .execute(&mut *conn)
        .await?;
    let (lo, hi) = (
        a.changes.iter().map(|c| c.seq).min().unwrap_or(0),
        a.changes.iter().map(|c| c.seq).max().unwrap_or(0),
    );
    let taken: i64 =
        sqlx::query_scalar("SELECT count(*) FROM change_log WHERE seq >= $1 AND seq <= $2")
            .bind(lo)
            .bind(hi)
            .fetch_one(&mut *conn)
            .await?;
    let outcome = if taken == 0 {
        SeqOutcome::Kept
    } else {
        SeqOutcome::Renumbered
    };
    for c in &a.changes {
        let sql = match outcome {
            SeqOutcome::Kept => {
                "INSERT INTO change_log (seq, county_code, at, author, action, facility_id, summary, state, items_json) \
                 VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8)"
            }
            SeqOutcome::Renumbered => {
                "INSERT INTO change_log (county_code, at, author, action, facility_id, summary, state, items_json) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            }
        };
        let mut q = sqlx::query(sql)
            .bind(code)
            .bind(&c.at)
            .bind(&c.author)
            .bind(&c.action)
            .bind(&c.facility_id)
            .bind(&c.summary)
            .bind(c.state.key())
            .bind(json(&c.items));
        if outcome == SeqOutcome::Kept {
            q = q.bind(c.seq);
        }
        q.execute(&mut *conn).await?;
    }
    if outcome == SeqOutcome::Kept && !a.changes.is_empty() {
        let max: i64 = sqlx::query_scalar("SELECT MAX(seq) FROM change_log")
            .fetch_one(&mut *conn)
            .await?;
        let _: i64 = sqlx::query_scalar("SELECT setval('change_log_seq_seq', $1)")
            .bind(max)
            .fetch_one(&mut *conn)
            .await?;
    }
    Ok(outcome)
}
