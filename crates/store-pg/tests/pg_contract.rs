//! The store contract run against PostgreSQL on a throw-away cluster the test starts itself
//! (one cluster for the suite, a fresh database per check), and what only PostgreSQL can get
//! wrong: a database of another program or of a newer build, and counties moving to and from
//! SQLite.

use junheng_store::{contract, SqliteStore, Store, StoreError};
use junheng_store_pg::test_cluster::TestCluster;
use junheng_store_pg::PgStore;

fn fixtures() -> (junheng_core::CountyDataset, junheng_core::CountyDataset) {
    let demo = junheng_io::demo_dataset().unwrap();
    let other = junheng_reference::county_setup("640522", None)
        .unwrap()
        .dataset;
    (demo, other)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_the_store_contract() {
    let Some(cluster) = TestCluster::start("postgres_keeps_the_store_contract") else {
        return;
    };
    let (demo, other) = fixtures();
    let started = std::time::Instant::now();
    contract::run_all(
        || async {
            let url = cluster.fresh_database().await;
            PgStore::open_with(&url, 4).await.unwrap()
        },
        &demo,
        &other,
    )
    .await;
    eprintln!(
        "contract on PostgreSQL: {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Counties move between the two backends both ways, whole.
    let dir = tempfile::tempdir().unwrap();
    let sqlite = SqliteStore::open(&dir.path().join("a.db")).await.unwrap();
    let pg = PgStore::open(&cluster.fresh_database().await)
        .await
        .unwrap();
    contract::a_county_moves_whole(&sqlite, &pg, &demo, &other).await;
    let pg2 = PgStore::open(&cluster.fresh_database().await)
        .await
        .unwrap();
    let back = SqliteStore::open(&dir.path().join("b.db")).await.unwrap();
    contract::a_county_moves_whole(&pg2, &back, &demo, &other).await;

    // A database holding another program's tables is refused untouched.
    let url = cluster.fresh_database().await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    sqlx::query("CREATE TABLE customers (id INTEGER)")
        .execute(&pool)
        .await
        .unwrap();
    match PgStore::open(&url).await {
        Err(StoreError::Open { message, .. }) => assert!(message.contains("another program")),
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("a foreign database must be refused"),
    }
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(tables, 1, "nothing was created in it");

    // A database written by a newer build is refused untouched.
    let url = cluster.fresh_database().await;
    let s = PgStore::open(&url).await.unwrap();
    s.create_county(&demo).await.unwrap();
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', TRUE, '\\x00', 0)")
        .execute(s.pool())
        .await
        .unwrap();
    s.close().await;
    match PgStore::open(&url).await {
        Err(StoreError::NewerSchema { found: 9999, .. }) => {}
        Err(e) => panic!("wrong error {e}"),
        Ok(_) => panic!("a newer schema must be refused"),
    }
    pool.close().await;
}
