//! Applying a change row by row inside one write transaction: each row must still be what the
//! change found (its `before`), so a write based on a stale read fails loudly instead of undoing
//! someone else's work.

use sqlx::postgres::PgRow;
use sqlx::{PgConnection, PgPool, Row};

use crate::read::{
    read_county_actual, read_facility, read_facility_actual, read_places, read_township,
    read_unallocated, read_zone_geometry, read_zone_population,
};
use crate::write::{
    delete_township, insert_facility, insert_township, lock_county, next_position,
    write_county_actual, write_facility_actual, write_places, write_unallocated,
    write_zone_geometry, write_zone_population,
};
use junheng_core::Facility;
use junheng_store::rows::{changed_fields, now_millis, parse_json, reversed, stale};
use junheng_store::{Change, ChangeEntry, ChangeItem, ChangeState, LoggedChange, StoreError};

/// Replaces `before` by `after`; returns the list position the facility had (for a delete, so
/// that its undo can put it back in place).
async fn swap_facility(
    conn: &mut PgConnection,
    county: &str,
    id: &str,
    before: Option<&Facility>,
    after: Option<&Facility>,
    at: Option<i64>,
) -> Result<Option<i64>, StoreError> {
    let current = read_facility(&mut *conn, county, id).await?;
    let stored = current.as_ref().map(|(f, _)| f);
    if stored != before {
        let fields = match (stored, before) {
            (Some(s), Some(b)) => changed_fields(s, b),
            (Some(_), None) => "it now exists".into(),
            (None, _) => "it was deleted".into(),
        };
        return Err(stale(format!("facility {id}"), fields));
    }
    let old_position = current.as_ref().map(|(_, p)| *p);
    let position = match (current, at) {
        (Some((_, p)), _) => p,
        (None, Some(p)) => p,
        (None, None) => {
            let max: Option<i64> =
                sqlx::query_scalar("SELECT MAX(position) FROM facility WHERE county_code = $1")
                    .bind(county)
                    .fetch_one(&mut *conn)
                    .await?;
            max.map_or(0, |m| m + 1)
        }
    };
    let version: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(version), 0) FROM facility WHERE county_code = $1 AND id = $2",
    )
    .bind(county)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM facility WHERE county_code = $1 AND id = $2")
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
        if read_township(&mut *conn, county, &f.township_code)
            .await?
            .is_none()
        {
            return Err(StoreError::Conflict(format!(
                "facility {id}: township {} is not in county {county}",
                f.township_code
            )));
        }
        insert_facility(&mut *conn, county, f, position).await?;
        sqlx::query("UPDATE facility SET version = $1 WHERE county_code = $2 AND id = $3")
            .bind(version + 1)
            .bind(county)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(old_position)
}

/// Applies one row of a change forwards (`before` → `after`) and returns it as applied (a
/// deleted facility with the position it had).
async fn apply_item(
    conn: &mut PgConnection,
    county: &str,
    item: &ChangeItem,
) -> Result<ChangeItem, StoreError> {
    if let ChangeItem::Facility {
        id,
        before,
        after,
        position,
    } = item
    {
        let had =
            swap_facility(conn, county, id, before.as_ref(), after.as_ref(), *position).await?;
        return Ok(ChangeItem::Facility {
            id: id.clone(),
            before: before.clone(),
            after: after.clone(),
            position: if after.is_none() { had } else { *position },
        });
    }
    apply_row(conn, county, item).await?;
    Ok(item.clone())
}

async fn apply_row(
    conn: &mut PgConnection,
    county: &str,
    item: &ChangeItem,
) -> Result<(), StoreError> {
    match item {
        ChangeItem::Facility { .. } => unreachable!("facility rows are applied by apply_item"),
        ChangeItem::Population {
            township,
            before,
            after,
        } => {
            let stored = read_zone_population(&mut *conn, county, township)
                .await?
                .ok_or_else(|| {
                    StoreError::Conflict(format!("township {township} is not in county {county}"))
                })?;
            if &stored != before {
                return Err(stale(
                    format!("the population of township {township}"),
                    changed_fields(&stored, before),
                ));
            }
            write_zone_population(conn, county, township, after).await
        }
        ChangeItem::Unallocated { before, after } => {
            let stored = read_unallocated(&mut *conn, county).await?;
            if &stored != before {
                return Err(stale(
                    format!("the unallocated population of county {county}"),
                    format!("{} → {} persons", before.total(), stored.total()),
                ));
            }
            write_unallocated(conn, county, after).await
        }
        ChangeItem::Geometry {
            township,
            before,
            after,
        } => {
            let stored = read_zone_geometry(&mut *conn, county, township)
                .await?
                .ok_or_else(|| {
                    StoreError::Conflict(format!("township {township} is not in county {county}"))
                })?;
            if &stored != before {
                return Err(stale(
                    format!("the boundary or seat of township {township}"),
                    changed_fields(&stored, before),
                ));
            }
            write_zone_geometry(conn, county, township, after).await
        }
        ChangeItem::Township {
            code,
            before,
            after,
        } => {
            let stored = read_township(&mut *conn, county, code).await?;
            if stored.as_ref() != before.as_ref() {
                return Err(stale(
                    format!("township {code}"),
                    match (&stored, before) {
                        (Some(s), Some(b)) => changed_fields(s, b),
                        (Some(_), None) => "it now exists".into(),
                        (None, _) => "it was removed".into(),
                    },
                ));
            }
            if stored.is_some() {
                delete_township(&mut *conn, county, code).await?;
            }
            if let Some(t) = after {
                let position = next_position(&mut *conn, "township", county).await?;
                insert_township(conn, county, t, position).await?;
            }
            Ok(())
        }
        ChangeItem::FacilityActual {
            facility,
            year,
            before,
            after,
        } => {
            let stored = read_facility_actual(&mut *conn, county, facility, *year).await?;
            if &stored != before {
                return Err(stale(
                    format!("the {year} actuals of facility {facility}"),
                    "they were entered or changed meanwhile".into(),
                ));
            }
            write_facility_actual(conn, county, facility, *year, after.as_ref()).await
        }
        ChangeItem::CountyActual {
            year,
            before,
            after,
        } => {
            let stored = read_county_actual(&mut *conn, county, *year).await?;
            if &stored != before {
                return Err(stale(
                    format!("the {year} county actuals"),
                    "they were entered or changed meanwhile".into(),
                ));
            }
            write_county_actual(conn, county, *year, after.as_ref()).await
        }
        ChangeItem::Places { before, after } => {
            let stored = read_places(&mut *conn, county).await?;
            if &stored != before {
                return Err(stale(
                    format!("the village/community points of county {county}"),
                    format!("{} → {} points", before.len(), stored.len()),
                ));
            }
            write_places(conn, county, after).await
        }
    }
}

async fn sample_flag(conn: &mut PgConnection, county: &str) -> Result<(), StoreError> {
    // The county is 示例数据 while any of its facilities is.
    sqlx::query(
        "UPDATE county SET sample_facilities = CASE WHEN EXISTS (SELECT 1 FROM facility WHERE county_code = $1 AND sample <> 0) \
         THEN 1 ELSE 0 END WHERE code = $2",
    )
    .bind(county)
    .bind(county)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Applies a change and logs it, holding the county's row lock. Any row found changed since
/// it was read aborts the whole change (the caller's transaction is dropped, so nothing is
/// written).
pub async fn apply(
    conn: &mut PgConnection,
    county: &str,
    change: &Change,
) -> Result<ChangeEntry, StoreError> {
    if lock_county(&mut *conn, county).await?.is_none() {
        return Err(StoreError::Conflict(format!(
            "county {county} is not stored"
        )));
    }
    if change.items.is_empty() {
        return Err(StoreError::Conflict(
            "a change needs at least one row".into(),
        ));
    }
    let mut applied = Vec::with_capacity(change.items.len());
    for item in &change.items {
        applied.push(apply_item(&mut *conn, county, item).await?);
    }
    sample_flag(&mut *conn, county).await?;
    sqlx::query(
        "UPDATE change_log SET state = 'discarded' WHERE county_code = $1 AND state = 'undone'",
    )
    .bind(county)
    .execute(&mut *conn)
    .await?;
    let entry = ChangeEntry::describe(0, String::new(), change, ChangeState::Done);
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO change_log (county_code, at, author, action, facility_id, summary, state, items_json) \
         VALUES ($1, $2, $3, $4, $5, $6, 'done', $7) RETURNING seq",
    )
    .bind(county)
    .bind(now_millis())
    .bind(&change.author)
    .bind(&change.action)
    .bind(&entry.facility_id)
    .bind(&change.summary)
    .bind(serde_json::to_string(&applied).expect("serialisable"))
    .fetch_one(&mut *conn)
    .await?;
    entry_by_seq(conn, seq).await
}

fn state_of(key: &str) -> ChangeState {
    match key {
        "done" => ChangeState::Done,
        "undone" => ChangeState::Undone,
        _ => ChangeState::Discarded,
    }
}

/// A logged change read back with its rows.
pub fn logged_change(r: &PgRow) -> Result<LoggedChange, StoreError> {
    Ok(LoggedChange {
        seq: r.get("seq"),
        at: r.get("at"),
        author: r.get("author"),
        action: r.get("action"),
        facility_id: r.get("facility_id"),
        summary: r.get("summary"),
        state: state_of(&r.get::<String, _>("state")),
        items: parse_json("change log rows", &r.get::<String, _>("items_json"))?,
    })
}

fn describe(l: LoggedChange) -> ChangeEntry {
    let change = Change {
        author: l.author,
        action: l.action,
        summary: l.summary,
        items: l.items,
    };
    ChangeEntry::describe(l.seq, l.at, &change, l.state)
}

async fn entry_by_seq(conn: &mut PgConnection, seq: i64) -> Result<ChangeEntry, StoreError> {
    let r = sqlx::query("SELECT * FROM change_log WHERE seq = $1")
        .bind(seq)
        .fetch_one(&mut *conn)
        .await?;
    Ok(describe(logged_change(&r)?))
}

/// Undoes the latest change in effect (`undo`) or redoes the earliest undone one (`redo`),
/// holding the county's row lock. `None` when there is nothing to undo or redo.
pub async fn step(
    conn: &mut PgConnection,
    county: &str,
    undo: bool,
) -> Result<Option<ChangeEntry>, StoreError> {
    if lock_county(&mut *conn, county).await?.is_none() {
        return Ok(None);
    }
    let query = if undo {
        "SELECT * FROM change_log WHERE county_code = $1 AND state = 'done' ORDER BY seq DESC LIMIT 1"
    } else {
        "SELECT * FROM change_log WHERE county_code = $1 AND state = 'undone' ORDER BY seq ASC LIMIT 1"
    };
    let Some(row) = sqlx::query(query)
        .bind(county)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let logged = logged_change(&row)?;
    let seq = logged.seq;
    if undo {
        for item in logged.items.iter().rev() {
            apply_item(&mut *conn, county, &reversed(item)).await?;
        }
    } else {
        for item in &logged.items {
            apply_item(&mut *conn, county, item).await?;
        }
    }
    sample_flag(&mut *conn, county).await?;
    let state = if undo {
        ChangeState::Undone
    } else {
        ChangeState::Done
    };
    sqlx::query("UPDATE change_log SET state = $1 WHERE seq = $2")
        .bind(state.key())
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    Ok(Some(entry_by_seq(conn, seq).await?))
}

/// The county's change log, newest first.
pub async fn change_log(
    pool: &PgPool,
    county: &str,
    limit: u32,
) -> Result<Vec<ChangeEntry>, StoreError> {
    let rows =
        sqlx::query("SELECT * FROM change_log WHERE county_code = $1 ORDER BY seq DESC LIMIT $2")
            .bind(county)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?;
    rows.iter()
        .map(|r| logged_change(r).map(describe))
        .collect()
}
