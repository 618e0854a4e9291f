//! Facility edits with the change log, undo/redo, conflicts; scenarios stored per county and kept
//! when the county's base data are replaced.

use junheng_core::scenario::{Action, DemandAssumptions, Intervention, Scenario};
use junheng_core::{FacilityStatus, LonLat};
use junheng_store::{ChangeState, FacilityChange, SqliteStore, Store, StoreError};

async fn demo_store(dir: &tempfile::TempDir) -> SqliteStore {
    let store = SqliteStore::open(&dir.path().join("j.db")).await.unwrap();
    store
        .save_dataset(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    store
}

#[tokio::test]
async fn edits_are_logged_and_undo_redo_restore_each_state() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir).await;
    let base = store.load_dataset("331125").await.unwrap().unwrap();
    let original = base.facilities[0].clone();

    // Move it, then close it.
    let mut moved = original.clone();
    moved.location = LonLat {
        lon: original.location.lon + 0.001,
        lat: original.location.lat,
    };
    let e1 = store
        .apply_change(
            "331125",
            &FacilityChange {
                author: "张工".into(),
                action: "move".into(),
                summary: "移动".into(),
                before: Some(original.clone()),
                after: Some(moved.clone()),
            },
        )
        .await
        .unwrap();
    assert_eq!((e1.author.as_str(), e1.state), ("张工", ChangeState::Done));
    let mut closed = moved.clone();
    closed.status = FacilityStatus::Closed;
    store
        .apply_change(
            "331125",
            &FacilityChange {
                author: "张工".into(),
                action: "close".into(),
                summary: "关停".into(),
                before: Some(moved.clone()),
                after: Some(closed.clone()),
            },
        )
        .await
        .unwrap();
    let now = |s: &SqliteStore| {
        let s = s.clone();
        let id = original.id.clone();
        async move {
            s.load_dataset("331125")
                .await
                .unwrap()
                .unwrap()
                .facilities
                .into_iter()
                .find(|f| f.id == id)
        }
    };
    assert_eq!(now(&store).await.unwrap(), closed);

    // A stale edit (made against the original) is refused and changes nothing.
    let stale = store
        .apply_change(
            "331125",
            &FacilityChange {
                author: "李工".into(),
                action: "edit".into(),
                summary: "过期修改".into(),
                before: Some(original.clone()),
                after: Some(original.clone()),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::Conflict(_)));
    assert_eq!(now(&store).await.unwrap(), closed);

    // Undo twice walks back to the original, in the same position in the list.
    store.undo("331125").await.unwrap().unwrap();
    assert_eq!(now(&store).await.unwrap(), moved);
    store.undo("331125").await.unwrap().unwrap();
    assert_eq!(store.load_dataset("331125").await.unwrap().unwrap(), base);
    assert!(store.undo("331125").await.unwrap().is_none());
    // Redo the move; then a new edit discards the redo of the close.
    store.redo("331125").await.unwrap().unwrap();
    assert_eq!(now(&store).await.unwrap(), moved);
    let mut renamed = moved.clone();
    renamed.name = "改名后的设施".into();
    store
        .apply_change(
            "331125",
            &FacilityChange {
                author: "张工".into(),
                action: "edit".into(),
                summary: "改名".into(),
                before: Some(moved.clone()),
                after: Some(renamed.clone()),
            },
        )
        .await
        .unwrap();
    assert!(store.redo("331125").await.unwrap().is_none());
    let log = store.change_log("331125", 10).await.unwrap();
    let states: Vec<(&str, ChangeState)> =
        log.iter().map(|e| (e.action.as_str(), e.state)).collect();
    assert_eq!(
        states,
        [
            ("edit", ChangeState::Done),
            ("close", ChangeState::Discarded),
            ("move", ChangeState::Done),
        ]
    );
}

#[tokio::test]
async fn adding_a_facility_in_an_unknown_township_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir).await;
    let mut f = store
        .load_dataset("331125")
        .await
        .unwrap()
        .unwrap()
        .facilities[0]
        .clone();
    f.id = "NEW-1".into();
    f.township_code = "999999999".into();
    let e = store
        .apply_change(
            "331125",
            &FacilityChange {
                author: "张工".into(),
                action: "add".into(),
                summary: "新建".into(),
                before: None,
                after: Some(f),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)), "{e}");
    assert!(store.change_log("331125", 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn scenarios_round_trip_and_survive_a_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(&dir).await;
    let s = Scenario {
        id: "s-1".into(),
        name: "方案一".into(),
        description: "新建托育点".into(),
        interventions: vec![Intervention {
            id: "i-1".into(),
            year: 2027,
            action: Action::MakeInclusive {
                facility_id: "CC01".into(),
            },
            note: String::new(),
        }],
        norm_overrides: vec![],
        assumptions: DemandAssumptions::default(),
    };
    store.save_scenario("331125", &s).await.unwrap();
    let renamed = Scenario {
        name: "方案一（修订）".into(),
        ..s.clone()
    };
    store.save_scenario("331125", &renamed).await.unwrap();
    store
        .save_dataset(&junheng_io::demo_dataset().unwrap())
        .await
        .unwrap();
    assert_eq!(store.scenarios("331125").await.unwrap(), [renamed]);
    assert!(store.scenarios("110101").await.unwrap().is_empty());
    assert!(store.delete_scenario("331125", "s-1").await.unwrap());
    assert!(!store.delete_scenario("331125", "s-1").await.unwrap());
}
