//! The store contract run against SQLite, and what only a database file can get wrong: a newer,
//! foreign, empty, damaged or read-only file, a missing folder, and a WAL left behind.

use std::path::{Path, PathBuf};

use junheng_store::{contract, OpenMode, SqliteStore, Store, StoreError};

fn census_total_from_file(code: &str) -> u64 {
    // Read the census table independently of junheng-io, as a second method.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/census/china_census2020_county_yearbook.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let code_col = header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == "区划代码")
        .unwrap();
    let total_col = header.iter().position(|h| *h == "人口数_合计").unwrap();
    let row: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[code_col] == code)
        .unwrap();
    row[total_col].trim().parse().unwrap()
}

fn fixtures() -> (junheng_core::CountyDataset, junheng_core::CountyDataset) {
    let demo = junheng_io::demo_dataset().unwrap();
    let other = junheng_reference::county_setup("640522", None)
        .unwrap()
        .dataset;
    (demo, other)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_the_store_contract() {
    let (demo, other) = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let n = std::sync::atomic::AtomicUsize::new(0);
    contract::run_all(
        || {
            let path = dir.path().join(format!(
                "c{}.db",
                n.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            ));
            async move { SqliteStore::open(&path).await.unwrap() }
        },
        &demo,
        &other,
    )
    .await;
}

#[tokio::test]
async fn the_demo_county_equals_the_census_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("j.db")).await.unwrap();
    store
        .create_county(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    let back = store.load_dataset("331125").await.unwrap().unwrap();
    let census = census_total_from_file("331125");
    assert_eq!(census, 129_216);
    assert_eq!(back.population.total(), census);
    assert_eq!(
        back.townships
            .iter()
            .map(|t| t.population.total())
            .sum::<u64>(),
        census
    );
    // 海原县 from the national data: the county keeps its census total, the bulletin's
    // unmatched 海城街道办 stays unallocated.
    let haiyuan = junheng_reference::county_setup("640522", None)
        .unwrap()
        .dataset;
    store.create_county(&haiyuan).await.unwrap();
    let back = store.load_dataset("640522").await.unwrap().unwrap();
    assert_eq!(back.population.total(), census_total_from_file("640522"));
    assert_eq!(back.unallocated.total(), 82_417);
}

async fn refused_untouched(path: &Path, mode: OpenMode) -> StoreError {
    let before = std::fs::read(path).ok();
    let err = SqliteStore::open_with(path, mode)
        .await
        .err()
        .expect("must be refused");
    assert_eq!(std::fs::read(path).ok(), before, "the file was modified");
    err
}

#[tokio::test]
async fn newer_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    match refused_untouched(&path, OpenMode::Existing).await {
        StoreError::NewerSchema { found: 9999, .. } => {}
        e => panic!("wrong error: {e}"),
    }
}

#[tokio::test]
async fn files_that_are_not_junheng_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "这不是数据库 — not a database, just text long enough for a header",
    )
    .unwrap();
    assert_eq!(
        refused_untouched(&text, OpenMode::CreateIfMissing)
            .await
            .code(),
        "store.open"
    );
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let e = refused_untouched(&empty, OpenMode::CreateIfMissing).await;
    assert!(e.to_string().contains("0 bytes"), "{e}");
    // A SQLite database of another program.
    let foreign = dir.path().join("foreign.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=rwc", foreign.display()))
        .await
        .unwrap();
    sqlx::query("CREATE TABLE customers (id INTEGER)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let e = refused_untouched(&foreign, OpenMode::CreateIfMissing).await;
    assert!(e.to_string().contains("another program"), "{e}");
    // A missing folder is not created, and a missing file is an error when it must exist.
    let typo = dir.path().join("typo/dir/x.db");
    let e = SqliteStore::open(&typo).await.err().unwrap();
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!dir.path().join("typo").exists());
    let e = SqliteStore::open_with(&dir.path().join("absent.db"), OpenMode::Existing)
        .await
        .err()
        .unwrap();
    assert_eq!(e.code(), "store.open");
    assert!(!dir.path().join("absent.db").exists());
}

#[tokio::test]
async fn a_damaged_database_is_refused_with_its_last_backup_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    store
        .create_county(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    let backup = store.backup("before_import").await.unwrap().unwrap();
    store.close().await;
    // Scribble over a page in the middle of the file (not the header).
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    for b in &mut bytes[3 * page..3 * page + 2000] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    match refused_untouched(&path, OpenMode::Existing).await {
        StoreError::Corrupt(m) => assert!(m.contains(&backup), "{m}"),
        e => panic!("wrong error: {e}"),
    }
    // The backup restores a whole database.
    junheng_store::restore_backup(&path, Path::new(&backup))
        .await
        .unwrap();
    let store = SqliteStore::open_with(&path, OpenMode::Existing)
        .await
        .unwrap();
    assert_eq!(
        store.load_dataset("331125").await.unwrap().unwrap(),
        junheng_io::demo_dataset().unwrap()
    );
}

#[tokio::test]
async fn a_read_only_file_is_read_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    store
        .create_county(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    store.close().await;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let ro = SqliteStore::open_with(&path, OpenMode::Existing)
        .await
        .unwrap();
    assert!(ro.is_read_only());
    assert!(ro.load_dataset("331125").await.unwrap().is_some());
    let e = ro
        .set_norm_override(
            "331125",
            &junheng_core::standards::NormOverride {
                id: "elderly.beds_per_1000_elderly".into(),
                value: 45.0,
                source: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "store.read_only");
}

#[tokio::test]
async fn a_closed_store_leaves_every_write_in_the_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    store
        .create_county(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    store.close().await;
    // Copy only the main file, as a backup tool or an e-mail would.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    let again = SqliteStore::open_with(&copy, OpenMode::Existing)
        .await
        .unwrap();
    assert!(again.load_dataset("331125").await.unwrap().is_some());
}

#[tokio::test]
async fn backups_rotate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    for i in 0..junheng_store::BACKUPS_KEPT + 3 {
        store.backup(&format!("n{i}")).await.unwrap();
    }
    let list = junheng_store::list_backups(&path);
    assert_eq!(list.len(), junheng_store::BACKUPS_KEPT);
    assert!(list[0]
        .display()
        .to_string()
        .contains(&format!("n{}", junheng_store::BACKUPS_KEPT + 2)));
}
