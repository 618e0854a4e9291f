use sqlx::{Row, SqliteConnection, SqlitePool};

use super::read::{parse_json, read_facility};
use super::write::insert_facility;
use crate::{ChangeEntry, ChangeState, FacilityChange, PopulationChange, StoreError};
use junheng_core::{AgeSexBands, Facility, BAND_COUNT};

/// Replaces `before` by `after` in the facility table, after checking that what is stored is
/// still `before` (someone else may have changed it since the editor read it).
async fn swap_facility(
    conn: &mut SqliteConnection,
    county: &str,
    id: &str,
    before: Option<&Facility>,
    after: Option<&Facility>,
) -> Result<(), StoreError> {
    let current = read_facility(&mut *conn, county, id).await?;
    if current.as_ref().map(|(f, _)| f) != before {
        return Err(StoreError::Conflict(format!(
            "facility {id} was changed since it was read; reload and try again"
        )));
    }
    let position = match current {
        Some((_, p)) => p,
        None => {
            let max: Option<i64> =
                sqlx::query_scalar("SELECT MAX(position) FROM facility WHERE county_code = ?")
                    .bind(county)
                    .fetch_one(&mut *conn)
                    .await?;
            max.map_or(0, |m| m + 1)
        }
    };
    sqlx::query("DELETE FROM facility WHERE county_code = ? AND id = ?")
        .bind(county)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Some(f) = after {
        if f.id != id {
            return Err(StoreError::Conflict(format!(
                "a change cannot rename facility {id} to {}",
                f.id
            )));
        }
        let township: Option<String> =
            sqlx::query_scalar("SELECT code FROM township WHERE county_code = ? AND code = ?")
                .bind(county)
                .bind(&f.township_code)
                .fetch_optional(&mut *conn)
                .await?;
        if township.is_none() {
            return Err(StoreError::Conflict(format!(
                "facility {id}: township {} is not in county {county}",
                f.township_code
            )));
        }
        insert_facility(&mut *conn, county, f, position).await?;
    }
    Ok(())
}

fn json(f: &Option<Facility>) -> Option<String> {
    f.as_ref()
        .map(|f| serde_json::to_string(f).expect("serialisable"))
}

fn population(r: &sqlx::sqlite::SqliteRow, col: &str) -> Result<Option<AgeSexBands>, StoreError> {
    r.get::<Option<String>, _>(col)
        .map(|t| parse_json("change log population", &t))
        .transpose()
}

async fn read_bands(
    conn: &mut SqliteConnection,
    zone: &str,
) -> Result<Option<AgeSexBands>, StoreError> {
    let rows = sqlx::query("SELECT sex, band, persons FROM population_band WHERE zone_code = ?")
        .bind(zone)
        .fetch_all(&mut *conn)
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut p = AgeSexBands::default();
    for r in rows {
        let band = r.get::<i64, _>("band") as usize;
        let persons = r.get::<i64, _>("persons") as u64;
        match r.get::<String, _>("sex").as_str() {
            "male" => p.male[band] = persons,
            _ => p.female[band] = persons,
        }
    }
    Ok(Some(p))
}

/// Replaces a township's bands after checking they are still `before`, and makes the county the
/// sum of its townships again.
async fn swap_population(
    conn: &mut SqliteConnection,
    county: &str,
    township: &str,
    before: &AgeSexBands,
    after: &AgeSexBands,
) -> Result<(), StoreError> {
    let is_township: Option<String> =
        sqlx::query_scalar("SELECT code FROM township WHERE county_code = ? AND code = ?")
            .bind(county)
            .bind(township)
            .fetch_optional(&mut *conn)
            .await?;
    if is_township.is_none() {
        return Err(StoreError::Conflict(format!(
            "township {township} is not in county {county}"
        )));
    }
    if read_bands(&mut *conn, township).await?.as_ref() != Some(before) {
        return Err(StoreError::Conflict(format!(
            "the population of township {township} was changed since it was read; reload and try again"
        )));
    }
    for band in 0..BAND_COUNT {
        for (sex, persons) in [("male", after.male[band]), ("female", after.female[band])] {
            sqlx::query("UPDATE population_band SET persons = ? WHERE zone_code = ? AND sex = ? AND band = ?")
                .bind(persons as i64)
                .bind(township)
                .bind(sex)
                .bind(band as i64)
                .execute(&mut *conn)
                .await?;
        }
    }
    sqlx::query(
        "UPDATE population_band AS c SET persons = (SELECT COALESCE(SUM(t.persons), 0) FROM population_band t \
         JOIN township tw ON tw.code = t.zone_code AND tw.county_code = ? WHERE t.sex = c.sex AND t.band = c.band) \
         WHERE c.zone_code = ?",
    )
    .bind(county)
    .bind(county)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Applies one population edit and logs it, in one transaction.
pub async fn apply_population_change(
    pool: &SqlitePool,
    county: &str,
    c: &PopulationChange,
) -> Result<ChangeEntry, StoreError> {
    let mut tx = pool.begin().await?;
    swap_population(&mut tx, county, &c.township_code, &c.before, &c.after).await?;
    sqlx::query(
        "UPDATE change_log SET state = 'discarded' WHERE county_code = ? AND state = 'undone'",
    )
    .bind(county)
    .execute(&mut *tx)
    .await?;
    let json = |p: &AgeSexBands| serde_json::to_string(p).expect("serialisable");
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO change_log (county_code, author, action, facility_id, summary, state, kind, before_population_json, after_population_json) \
         VALUES (?, ?, 'population', ?, ?, 'done', 'population', ?, ?) RETURNING seq",
    )
    .bind(county)
    .bind(&c.author)
    .bind(&c.township_code)
    .bind(&c.summary)
    .bind(json(&c.before))
    .bind(json(&c.after))
    .fetch_one(&mut *tx)
    .await?;
    let e = entry_by_seq(&mut tx, seq).await?;
    tx.commit().await?;
    Ok(e)
}

fn entry(r: &sqlx::sqlite::SqliteRow) -> Result<ChangeEntry, StoreError> {
    let facility = |col: &str| -> Result<Option<Facility>, StoreError> {
        r.get::<Option<String>, _>(col)
            .map(|t| parse_json("change log facility", &t))
            .transpose()
    };
    let state = match r.get::<String, _>("state").as_str() {
        "done" => ChangeState::Done,
        "undone" => ChangeState::Undone,
        _ => ChangeState::Discarded,
    };
    Ok(ChangeEntry {
        seq: r.get("seq"),
        at: r.get("at"),
        author: r.get("author"),
        action: r.get("action"),
        facility_id: r.get("facility_id"),
        summary: r.get("summary"),
        before: facility("before_json")?,
        after: facility("after_json")?,
        before_population: population(r, "before_population_json")?.map(|p| p.total()),
        after_population: population(r, "after_population_json")?.map(|p| p.total()),
        state,
    })
}

async fn entry_by_seq(conn: &mut SqliteConnection, seq: i64) -> Result<ChangeEntry, StoreError> {
    let r = sqlx::query("SELECT * FROM change_log WHERE seq = ?")
        .bind(seq)
        .fetch_one(&mut *conn)
        .await?;
    entry(&r)
}

/// Applies one edit and logs it, in one transaction. Edits undone earlier stop being redoable.
pub async fn apply_change(
    pool: &SqlitePool,
    county: &str,
    c: &FacilityChange,
) -> Result<ChangeEntry, StoreError> {
    let id = c.facility_id().to_string();
    if id.is_empty() {
        return Err(StoreError::Conflict("a change needs a facility".into()));
    }
    let mut tx = pool.begin().await?;
    swap_facility(&mut tx, county, &id, c.before.as_ref(), c.after.as_ref()).await?;
    sqlx::query(
        "UPDATE change_log SET state = 'discarded' WHERE county_code = ? AND state = 'undone'",
    )
    .bind(county)
    .execute(&mut *tx)
    .await?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO change_log (county_code, author, action, facility_id, summary, before_json, after_json, state) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'done') RETURNING seq",
    )
    .bind(county)
    .bind(&c.author)
    .bind(&c.action)
    .bind(&id)
    .bind(&c.summary)
    .bind(json(&c.before))
    .bind(json(&c.after))
    .fetch_one(&mut *tx)
    .await?;
    let e = entry_by_seq(&mut tx, seq).await?;
    tx.commit().await?;
    Ok(e)
}

/// Undoes the latest edit in effect (`undo`) or redoes the earliest undone one (`redo`).
/// `None` when there is nothing to undo or redo.
pub async fn step(
    pool: &SqlitePool,
    county: &str,
    undo: bool,
) -> Result<Option<ChangeEntry>, StoreError> {
    let mut tx = pool.begin().await?;
    let query = if undo {
        "SELECT seq FROM change_log WHERE county_code = ? AND state = 'done' ORDER BY seq DESC LIMIT 1"
    } else {
        "SELECT seq FROM change_log WHERE county_code = ? AND state = 'undone' ORDER BY seq ASC LIMIT 1"
    };
    let Some(seq): Option<i64> = sqlx::query_scalar(query)
        .bind(county)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let e = entry_by_seq(&mut tx, seq).await?;
    let row = sqlx::query("SELECT * FROM change_log WHERE seq = ?")
        .bind(seq)
        .fetch_one(&mut *tx)
        .await?;
    if row.get::<String, _>("kind") == "population" {
        let (Some(before), Some(after)) = (
            population(&row, "before_population_json")?,
            population(&row, "after_population_json")?,
        ) else {
            return Err(StoreError::Corrupt(format!(
                "change {seq}: population missing"
            )));
        };
        let (from, to) = if undo {
            (after, before)
        } else {
            (before, after)
        };
        swap_population(&mut tx, county, &e.facility_id, &from, &to).await?;
    } else {
        let (from, to) = if undo {
            (e.after.as_ref(), e.before.as_ref())
        } else {
            (e.before.as_ref(), e.after.as_ref())
        };
        swap_facility(&mut tx, county, &e.facility_id, from, to).await?;
    }
    let state = if undo {
        ChangeState::Undone
    } else {
        ChangeState::Done
    };
    sqlx::query("UPDATE change_log SET state = ? WHERE seq = ?")
        .bind(state.key())
        .bind(seq)
        .execute(&mut *tx)
        .await?;
    let e = entry_by_seq(&mut tx, seq).await?;
    tx.commit().await?;
    Ok(Some(e))
}

/// The county's change log, newest first.
pub async fn change_log(
    pool: &SqlitePool,
    county: &str,
    limit: u32,
) -> Result<Vec<ChangeEntry>, StoreError> {
    let rows =
        sqlx::query("SELECT * FROM change_log WHERE county_code = ? ORDER BY seq DESC LIMIT ?")
            .bind(county)
            .bind(limit as i64)
            .fetch_all(pool)
            .await?;
    rows.iter().map(entry).collect()
}
