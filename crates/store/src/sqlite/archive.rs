//! A county read out whole and written back whole (`junheng db copy`), in SQLite.

use sqlx::{Row, SqliteConnection};

use super::apply::logged_change;
use super::read::{load_dataset, parse_json, read_actuals};
use super::write::{insert_county, write_county_actual, write_facility_actual};
use crate::{CountyArchive, HukouTable, LoggedChange, SeqOutcome, StoreError, StoredScenario};
use junheng_core::scenario::Scenario;
use junheng_core::standards::NormOverride;
use junheng_core::{AgeSexBands, BAND_COUNT};

async fn positions(
    conn: &mut SqliteConnection,
    table: &str,
    county: &str,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT position FROM {table} WHERE county_code = ? ORDER BY position"
    ))
    .bind(county)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn export(
    conn: &mut SqliteConnection,
    code: &str,
) -> Result<Option<CountyArchive>, StoreError> {
    let Some(dataset) = load_dataset(&mut *conn, code).await? else {
        return Ok(None);
    };
    let created_at: String = sqlx::query_scalar("SELECT created_at FROM county WHERE code = ?")
        .bind(code)
        .fetch_one(&mut *conn)
        .await?;
    let township_positions = positions(&mut *conn, "township", code).await?;
    let facility_positions = positions(&mut *conn, "facility", code).await?;
    let overrides = sqlx::query(
        "SELECT norm_id, value, source FROM norm_override WHERE county_code = ? ORDER BY norm_id",
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
        "SELECT body_json, version, created_at, updated_at FROM scenario WHERE county_code = ? ORDER BY created_at, id",
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
    let hukou =
        match sqlx::query("SELECT source, updated_at FROM hukou_source WHERE county_code = ?")
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?
        {
            None => None,
            Some(src) => {
                let mut bands = AgeSexBands::default();
                for r in sqlx::query(
                    "SELECT sex, band, persons FROM hukou_population WHERE county_code = ?",
                )
                .bind(code)
                .fetch_all(&mut *conn)
                .await?
                {
                    let b = r.get::<i64, _>("band") as usize;
                    let p = r.get::<i64, _>("persons") as u64;
                    match r.get::<String, _>("sex").as_str() {
                        "male" => bands.male[b] = p,
                        _ => bands.female[b] = p,
                    }
                }
                Some(HukouTable {
                    bands,
                    source: src.get("source"),
                    updated_at: src.get("updated_at"),
                })
            }
        };
    let actuals = read_actuals(&mut *conn, code).await?;
    let mut changes = Vec::new();
    for r in sqlx::query("SELECT * FROM change_log WHERE county_code = ? ORDER BY seq")
        .bind(code)
        .fetch_all(&mut *conn)
        .await?
    {
        let (change, state, seq, at) = logged_change(&r)?;
        changes.push(LoggedChange {
            seq,
            at,
            author: change.author,
            action: change.action,
            facility_id: r.get("facility_id"),
            summary: change.summary,
            state,
            items: change.items,
        });
    }
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

pub async fn import(
    conn: &mut SqliteConnection,
    a: &CountyArchive,
) -> Result<SeqOutcome, StoreError> {
    let code = &a.dataset.county.code;
    insert_county(&mut *conn, &a.dataset, false).await?;
    sqlx::query("UPDATE county SET created_at = ? WHERE code = ?")
        .bind(&a.created_at)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    for (t, p) in a.dataset.townships.iter().zip(&a.township_positions) {
        sqlx::query("UPDATE township SET position = ? WHERE county_code = ? AND code = ?")
            .bind(p)
            .bind(code)
            .bind(&t.code)
            .execute(&mut *conn)
            .await?;
    }
    for (f, p) in a.dataset.facilities.iter().zip(&a.facility_positions) {
        sqlx::query("UPDATE facility SET position = ? WHERE county_code = ? AND id = ?")
            .bind(p)
            .bind(code)
            .bind(&f.id)
            .execute(&mut *conn)
            .await?;
    }
    for o in &a.overrides {
        sqlx::query(
            "INSERT INTO norm_override (county_code, norm_id, value, source) VALUES (?, ?, ?, ?)",
        )
        .bind(code)
        .bind(&o.id)
        .bind(o.value)
        .bind(&o.source)
        .execute(&mut *conn)
        .await?;
    }
    for s in &a.scenarios {
        sqlx::query(
            "INSERT INTO scenario (county_code, id, name, body_json, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(code)
        .bind(&s.scenario.id)
        .bind(&s.scenario.name)
        .bind(crate::rows::json(&s.scenario))
        .bind(i64::from(s.scenario.version))
        .bind(&s.created_at)
        .bind(&s.updated_at)
        .execute(&mut *conn)
        .await?;
    }
    if let Some(h) = &a.hukou {
        for b in 0..BAND_COUNT {
            for (sex, p) in [("male", h.bands.male[b]), ("female", h.bands.female[b])] {
                sqlx::query("INSERT INTO hukou_population (county_code, sex, band, persons) VALUES (?, ?, ?, ?)")
                    .bind(code)
                    .bind(sex)
                    .bind(b as i64)
                    .bind(p as i64)
                    .execute(&mut *conn)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO hukou_source (county_code, source, updated_at) VALUES (?, ?, ?)")
            .bind(code)
            .bind(&h.source)
            .bind(&h.updated_at)
            .execute(&mut *conn)
            .await?;
    }
    for f in &a.actuals.facilities {
        write_facility_actual(&mut *conn, code, &f.facility_id, f.year, Some(f)).await?;
    }
    for c in &a.actuals.county {
        write_county_actual(&mut *conn, code, c.year, Some(c)).await?;
    }
    let (lo, hi) = (
        a.changes.iter().map(|c| c.seq).min().unwrap_or(0),
        a.changes.iter().map(|c| c.seq).max().unwrap_or(0),
    );
    let taken: i64 =
        sqlx::query_scalar("SELECT count(*) FROM change_log WHERE seq >= ? AND seq <= ?")
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
        let seq: Option<i64> = match outcome {
            SeqOutcome::Kept => Some(c.seq),
            SeqOutcome::Renumbered => None,
        };
        sqlx::query(
            "INSERT INTO change_log (seq, county_code, at, author, action, facility_id, summary, state, kind, items_json) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'items', ?)",
        )
        .bind(seq)
        .bind(code)
        .bind(&c.at)
        .bind(&c.author)
        .bind(&c.action)
        .bind(&c.facility_id)
        .bind(&c.summary)
        .bind(c.state.key())
        .bind(crate::rows::json(&c.items))
        .execute(&mut *conn)
        .await?;
    }
    Ok(outcome)
}
