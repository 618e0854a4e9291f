//! Store contract, run against SQLite: the demo county round-trips exactly, its totals equal
//! the census file, writes are transactional, and a newer database is refused untouched.

use std::path::PathBuf;

use junheng_store::{SqliteStore, Store, StoreError};

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

#[tokio::test]
async fn demo_county_round_trips_and_matches_the_census() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("j.db")).await.unwrap();
    assert!(store.county_codes().await.unwrap().is_empty());
    let demo = junheng_io::demo_dataset().unwrap();
    store.save_dataset(&demo).await.unwrap();
    assert_eq!(store.county_codes().await.unwrap(), ["331125"]);
    let back = store.load_dataset("331125").await.unwrap().unwrap();
    assert_eq!(back, demo);
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
    // Saving again replaces rather than duplicates.
    store.save_dataset(&demo).await.unwrap();
    assert_eq!(store.load_dataset("331125").await.unwrap().unwrap(), demo);
}

#[tokio::test]
async fn a_failed_save_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.db");
    let store = SqliteStore::open(&path).await.unwrap();
    let demo = junheng_io::demo_dataset().unwrap();
    store.save_dataset(&demo).await.unwrap();
    let mut broken = demo.clone();
    broken.county.name = "改过的名字".into();
    // A facility in a township that does not exist violates a foreign key mid-transaction.
    broken.facilities[3].township_code = "999999999".into();
    assert!(store.save_dataset(&broken).await.is_err());
    assert_eq!(store.load_dataset("331125").await.unwrap().unwrap(), demo);
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
    let before = std::fs::read(&path).unwrap();
    match SqliteStore::open(&path).await {
        Err(StoreError::NewerSchema { found: 9999, .. }) => {}
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer database must be refused"),
    }
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the newer database file was modified"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "这不是数据库 — not a database, just text that is long enough to have a header",
    )
    .unwrap();
    let err = SqliteStore::open(&path).await.err().expect("must fail");
    assert_eq!(err.code(), "store.open");
}

#[tokio::test]
async fn norm_overrides_are_stored_per_county_and_survive_a_reload_of_its_data() {
    use junheng_core::standards::NormOverride;
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("j.db")).await.unwrap();
    let demo = junheng_io::demo_dataset().unwrap();
    store.save_dataset(&demo).await.unwrap();
    let o = NormOverride {
        id: "elderly.beds_per_1000_elderly".into(),
        value: 45.0,
        source: Some("浙江省规划".into()),
    };
    store.set_norm_override("331125", &o).await.unwrap();
    store
        .set_norm_override(
            "331125",
            &NormOverride {
                value: 50.0,
                ..o.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        store.norm_overrides("331125").await.unwrap(),
        [NormOverride {
            value: 50.0,
            ..o.clone()
        }]
    );
    store.save_dataset(&demo).await.unwrap();
    assert_eq!(store.norm_overrides("331125").await.unwrap().len(), 1);
    store.clear_norm_override("331125", &o.id).await.unwrap();
    assert!(store.norm_overrides("331125").await.unwrap().is_empty());
}
