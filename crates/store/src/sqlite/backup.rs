//! 自动备份 — rotating copies of the desktop database: one before every import, one a day, the
//! newest [`BACKUPS_KEPT`] kept, in a `backups` folder beside the database.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::SqliteStore;
use crate::StoreError;

/// Backups kept per database; older ones are deleted when a new one is made.
pub const BACKUPS_KEPT: usize = 20;
/// A backup is made at open when the newest is older than this.
const DAILY: Duration = Duration::from_secs(24 * 3600);

fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "junheng".into())
}

/// The backups of the database at `db`, newest first.
pub fn list_backups(db: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return vec![];
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
        })
        .collect();
    // Names carry the local time as YYYYMMDD-HHMMSS, so they sort by age.
    found.sort();
    found.reverse();
    found
}

fn reason_slug(reason: &str) -> String {
    reason
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(32)
        .collect()
}

/// Writes a consistent copy of the database (`VACUUM INTO`, safe while others read) and
/// deletes the oldest beyond [`BACKUPS_KEPT`].
pub async fn backup(store: &SqliteStore, reason: &str) -> Result<PathBuf, StoreError> {
    let dir = backup_dir(store.path());
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Open {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    let now = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let target = dir.join(format!(
        "{}-{now}-{}.db",
        stem(store.path()),
        reason_slug(reason)
    ));
    sqlx::query("VACUUM INTO ?")
        .bind(target.display().to_string())
        .execute(store.pool())
        .await?;
    for old in list_backups(store.path()).into_iter().skip(BACKUPS_KEPT) {
        let _ = std::fs::remove_file(old);
    }
    Ok(target)
}

/// The daily backup at open: made when there is none younger than a day. A failure to back
/// up is not a reason to refuse the database, so it is only reported on stderr.
pub async fn daily(store: &SqliteStore) {
    let newest = list_backups(store.path())
        .into_iter()
        .next()
        .and_then(|p| std::fs::metadata(p).ok())
        .and_then(|m| m.modified().ok());
    let due = newest
        .map(|t| SystemTime::now().duration_since(t).unwrap_or_default() > DAILY)
        .unwrap_or(true);
    if due {
        if let Err(e) = backup(store, "daily").await {
            eprintln!(
                "junheng: daily backup of {} failed: {e}",
                store.path().display()
            );
        }
    }
}

/// Replaces the database at `db` by the backup `from`, after checking that the backup is a
/// whole Junheng database and keeping a backup of what it replaces. Nothing may have the
/// database open.
pub async fn restore_backup(db: &Path, from: &Path) -> Result<PathBuf, StoreError> {
    // The backup is checked read-only (a whole SQLite file, quick_check, a Junheng schema no
    // newer than this build) without changing it.
    let head = std::fs::read(from)
        .map(|b| b.get(..16) == Some(b"SQLite format 3\0".as_slice()))
        .unwrap_or(false);
    if !head {
        return Err(StoreError::Open {
            path: from.display().to_string(),
            message: "the backup is missing or not a SQLite database".into(),
        });
    }
    super::probe(from).await?;
    let kept = if db.exists() {
        let current = super::SqliteStore::open_with(db, super::OpenMode::Existing).await;
        match current {
            Ok(s) => {
                let p = backup(&s, "before_restore").await?;
                crate::Store::close(&s).await;
                Some(p)
            }
            // A damaged database is what restores are for: keep its file as it is.
            Err(_) => {
                let aside = db.with_extension("damaged.db");
                std::fs::rename(db, &aside).map_err(|e| StoreError::Open {
                    path: db.display().to_string(),
                    message: e.to_string(),
                })?;
                Some(aside)
            }
        }
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        let _ = std::fs::remove_file(side);
    }
    std::fs::copy(from, db).map_err(|e| StoreError::Open {
        path: db.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(kept.unwrap_or_else(|| from.to_path_buf()))
}
