//! The store contract: what every backend must do, checked by one suite that each backend's
//! tests run on fresh stores of their own (SQLite files, PostgreSQL databases). A check panics
//! with what went wrong.

use std::future::Future;
use std::sync::Arc;

use junheng_core::scenario::{Action, DemandAssumptions, Intervention, Scenario};
use junheng_core::standards::NormOverride;
use junheng_core::{CountyDataset, FacilityStatus, LonLat, Place, PopulationStatus};

use crate::{
    AuditEntry, AuthStore, Change, ChangeItem, ChangeState, CountyArchive, Role, SeqOutcome,
    Session, Store, StoreError, User, ZonePopulation,
};

const AUTHOR: &str = "张工";

fn facility_change(
    action: &str,
    before: Option<junheng_core::Facility>,
    after: Option<junheng_core::Facility>,
) -> Change {
    let id = after
        .as_ref()
        .or(before.as_ref())
        .map(|f| f.id.clone())
        .unwrap_or_default();
    Change {
        author: AUTHOR.into(),
        action: action.into(),
        summary: format!("{action} {id}"),
        items: vec![ChangeItem::Facility {
            id,
            before,
            after,
            position: None,
        }],
    }
}

async fn load<S: Store + ?Sized>(s: &S, code: &str) -> CountyDataset {
    s.load_dataset(code).await.unwrap().expect("county stored")
}

/// Panics naming the first part in which two datasets differ (the whole of them is too long
/// to read in a failure message).
#[track_caller]
fn same(got: &CountyDataset, want: &CountyDataset) {
    assert_eq!(got.county, want.county, "county row");
    assert_eq!(got.population, want.population, "county population");
    assert_eq!(got.unallocated, want.unallocated, "unallocated");
    assert_eq!(got.townships.len(), want.townships.len(), "township count");
    for (a, b) in got.townships.iter().zip(&want.townships) {
        assert_eq!(a, b, "township {}", b.code);
    }
    let ids = |d: &CountyDataset| {
        d.facilities
            .iter()
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(got), ids(want), "facility ids in order");
    for (a, b) in got.facilities.iter().zip(&want.facilities) {
        assert_eq!(a, b, "facility {}", b.id);
    }
    assert_eq!(got.outline, want.outline, "outline");
    assert_eq!(got.places, want.places, "places");
}

/// Runs every check, each on a fresh store from `fresh`. `demo` is a county with townships,
/// facilities (schools with sections) and populations summing to the county; `other` is a
/// second county (another code) used where two counties must stay apart.
pub async fn run_all<S, F, Fut>(fresh: F, demo: &CountyDataset, other: &CountyDataset)
where
    S: Store + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = S>,
{
    counties_round_trip_and_stay_apart(&fresh().await, demo, other).await;
    a_failed_change_writes_nothing(&fresh().await, demo).await;
    edits_are_logged_and_undo_redo_restore_each_state(&fresh().await, demo).await;
    a_stale_edit_is_refused_naming_what_changed(&fresh().await, demo).await;
    many_row_changes_undo_as_one(&fresh().await, demo).await;
    population_and_remainder_move_together(&fresh().await, demo).await;
    places_are_replaced_and_restored(&fresh().await, demo).await;
    scenarios_carry_a_version_and_survive_a_reset(&fresh().await, demo).await;
    overrides_and_hukou_belong_to_their_county(&fresh().await, demo, other).await;
    actuals_are_recorded_by_year_and_undone(&fresh().await, demo).await;
    concurrent_writers_lose_nothing(Arc::new(fresh().await), demo).await;
    accounts_sessions_and_audit_are_kept(&fresh().await).await;
    a_county_moves_whole(&fresh().await, &fresh().await, demo, other).await;
    every_write_moves_the_county_version(&fresh().await, demo, other).await;
}

pub async fn actuals_are_recorded_by_year_and_undone<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
) {
    use junheng_core::{CountyActual, FacilityActual};
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let f = FacilityActual {
        facility_id: demo.facilities[0].id.clone(),
        year: 2025,
        enrolled: Some(31),
        ..Default::default()
    };
    let c = CountyActual {
        year: 2025,
        births: Some(580),
        deaths: Some(939),
        enrolled_under3: Some(402),
        ..Default::default()
    };
    s.apply(
        code,
        &Change {
            author: AUTHOR.into(),
            action: "import_actuals".into(),
            summary: "2025年实际数".into(),
            items: vec![
                ChangeItem::FacilityActual {
                    facility: f.facility_id.clone(),
                    year: 2025,
                    before: None,
                    after: Some(f.clone()),
                },
                ChangeItem::CountyActual {
                    year: 2025,
                    before: None,
                    after: Some(c.clone()),
                },
            ],
        },
    )
    .await
    .unwrap();
    let a = s.actuals(code).await.unwrap();
    assert_eq!(a.facilities, std::slice::from_ref(&f));
    assert_eq!(a.county, std::slice::from_ref(&c));
    // Entering the same year again from an empty read is stale.
    assert!(matches!(
        s.apply(
            code,
            &Change {
                author: AUTHOR.into(),
                action: "import_actuals".into(),
                summary: String::new(),
                items: vec![ChangeItem::CountyActual {
                    year: 2025,
                    before: None,
                    after: Some(c.clone()),
                }],
            },
        )
        .await,
        Err(StoreError::Conflict(_))
    ));
    // Actuals survive a reset of the base data and go with the county.
    s.replace_county(demo).await.unwrap();
    assert_eq!(s.actuals(code).await.unwrap().county.len(), 1);
    s.undo(code).await.unwrap().unwrap();
    assert_eq!(
        s.actuals(code).await.unwrap(),
        junheng_core::Actuals::default()
    );
    assert!(s.remove_county(code).await.unwrap());
    assert_eq!(
        s.actuals(code).await.unwrap(),
        junheng_core::Actuals::default()
    );
}

pub async fn counties_round_trip_and_stay_apart<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
    other: &CountyDataset,
) {
    assert!(s.county_codes().await.unwrap().is_empty());
    s.create_county(demo).await.unwrap();
    s.create_county(other).await.unwrap();
    assert!(matches!(
        s.create_county(demo).await,
        Err(StoreError::Conflict(_))
    ));
    let mut codes = vec![demo.county.code.clone(), other.county.code.clone()];
    codes.sort();
    assert_eq!(s.county_codes().await.unwrap(), codes);
    same(&load(s, &demo.county.code).await, demo);
    same(&load(s, &other.county.code).await, other);
    let summary = s.counties().await.unwrap();
    let d = summary.iter().find(|c| c.code == demo.county.code).unwrap();
    assert_eq!(d.townships as usize, demo.townships.len());
    assert_eq!(d.resident_population, demo.population.total());
    assert_eq!(
        (d.childcare_facilities + d.elderly_facilities + d.schools) as usize,
        demo.facilities.len()
    );
    let o = summary
        .iter()
        .find(|c| c.code == other.county.code)
        .unwrap();
    assert_eq!(o.unallocated_population, other.unallocated.total());
    assert_eq!(
        o.townships_with_population as usize,
        other
            .townships
            .iter()
            .filter(|t| t.population_status != PopulationStatus::Pending)
            .count()
    );
    assert!(s.remove_county(&other.county.code).await.unwrap());
    assert!(!s.remove_county(&other.county.code).await.unwrap());
    assert!(s.load_dataset(&other.county.code).await.unwrap().is_none());
    same(&load(s, &demo.county.code).await, demo);
}

pub async fn a_failed_change_writes_nothing<S: Store + ?Sized>(s: &S, demo: &CountyDataset) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let a = demo.facilities[0].clone();
    let mut renamed = a.clone();
    renamed.name = "改名".into();
    let mut lost = demo.facilities[1].clone();
    lost.id = "NEW-1".into();
    lost.township_code = "999999999".into();
    // The first row is fine, the second names a township that does not exist: nothing lands.
    let mut change = facility_change("edit", Some(a.clone()), Some(renamed));
    change.items.push(ChangeItem::Facility {
        id: lost.id.clone(),
        before: None,
        after: Some(lost),
        position: None,
    });
    assert!(matches!(
        s.apply(code, &change).await,
        Err(StoreError::Conflict(_))
    ));
    same(&load(s, code).await, demo);
    assert!(s.change_log(code, 10).await.unwrap().is_empty());
    // A county that is not stored takes no change.
    assert!(s.apply("110101", &change).await.is_err());
}

pub async fn edits_are_logged_and_undo_redo_restore_each_state<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let original = demo.facilities[0].clone();
    let mut moved = original.clone();
    moved.location = LonLat {
        lon: original.location.lon + 0.001,
        lat: original.location.lat,
    };
    let e1 = s
        .apply(
            code,
            &facility_change("move", Some(original.clone()), Some(moved.clone())),
        )
        .await
        .unwrap();
    assert_eq!((e1.author.as_str(), e1.state), (AUTHOR, ChangeState::Done));
    assert_eq!(e1.facility_id, original.id);
    let mut closed = moved.clone();
    closed.status = FacilityStatus::Closed;
    s.apply(
        code,
        &facility_change("close", Some(moved.clone()), Some(closed.clone())),
    )
    .await
    .unwrap();
    let now = |d: CountyDataset| d.facilities.into_iter().find(|f| f.id == original.id);
    assert_eq!(now(load(s, code).await), Some(closed.clone()));
    // Delete it, then undo the delete: back in its place in the list.
    s.apply(code, &facility_change("delete", Some(closed.clone()), None))
        .await
        .unwrap();
    assert_eq!(now(load(s, code).await), None);
    s.undo(code).await.unwrap().unwrap();
    assert_eq!(now(load(s, code).await), Some(closed.clone()));
    s.undo(code).await.unwrap().unwrap();
    assert_eq!(now(load(s, code).await), Some(moved.clone()));
    s.undo(code).await.unwrap().unwrap();
    same(&load(s, code).await, demo);
    assert!(s.undo(code).await.unwrap().is_none());
    // Redo the move; a new edit then discards the undone close and delete.
    s.redo(code).await.unwrap().unwrap();
    assert_eq!(now(load(s, code).await), Some(moved.clone()));
    let mut renamed = moved.clone();
    renamed.name = "改名后的设施".into();
    s.apply(
        code,
        &facility_change("edit", Some(moved.clone()), Some(renamed)),
    )
    .await
    .unwrap();
    assert!(s.redo(code).await.unwrap().is_none());
    let states: Vec<(String, ChangeState)> = s
        .change_log(code, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.state))
        .collect();
    assert_eq!(
        states,
        [
            ("edit".to_string(), ChangeState::Done),
            ("delete".to_string(), ChangeState::Discarded),
            ("close".to_string(), ChangeState::Discarded),
            ("move".to_string(), ChangeState::Done),
        ]
    );
}

pub async fn a_stale_edit_is_refused_naming_what_changed<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let original = demo.facilities[0].clone();
    let mut a = original.clone();
    a.name = "甲改".into();
    s.apply(
        code,
        &facility_change("edit", Some(original.clone()), Some(a.clone())),
    )
    .await
    .unwrap();
    // A second editor still holding the original.
    let mut b = original.clone();
    b.status = FacilityStatus::Closed;
    match s
        .apply(
            code,
            &facility_change("close", Some(original.clone()), Some(b)),
        )
        .await
    {
        Err(StoreError::Conflict(m)) => assert!(m.contains("name"), "{m}"),
        other => panic!("a stale edit must be a conflict, got {other:?}"),
    }
    let stored = load(s, code).await;
    assert_eq!(stored.facilities[0], a);
    assert_eq!(s.change_log(code, 10).await.unwrap().len(), 1);
    // Adding an id that exists is stale too.
    assert!(matches!(
        s.apply(code, &facility_change("add", None, Some(original.clone())))
            .await,
        Err(StoreError::Conflict(_))
    ));
}

pub async fn many_row_changes_undo_as_one<S: Store + ?Sized>(s: &S, demo: &CountyDataset) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let mut items = Vec::new();
    for f in demo.facilities.iter().filter(|f| f.sample).take(5) {
        items.push(ChangeItem::Facility {
            id: f.id.clone(),
            before: Some(f.clone()),
            after: None,
            position: None,
        });
    }
    let mut added = demo.facilities[0].clone();
    added.id = "IMPORTED-1".into();
    items.push(ChangeItem::Facility {
        id: added.id.clone(),
        before: None,
        after: Some(added.clone()),
        position: None,
    });
    let entry = s
        .apply(
            code,
            &Change {
                author: AUTHOR.into(),
                action: "import_facilities".into(),
                summary: "导入".into(),
                items,
            },
        )
        .await
        .unwrap();
    assert_eq!(entry.item_count, 6);
    assert_eq!(entry.facility_id, "");
    let after = load(s, code).await;
    assert_eq!(after.facilities.len(), demo.facilities.len() - 5 + 1);
    assert!(after.facilities.iter().any(|f| f == &added));
    s.undo(code).await.unwrap().unwrap();
    same(&load(s, code).await, demo);
    s.redo(code).await.unwrap().unwrap();
    same(&load(s, code).await, &after);
}

pub async fn population_and_remainder_move_together<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let t = &demo.townships[0];
    let mut fewer = t.population.clone();
    let moved = fewer.male[13] / 2;
    fewer.male[13] -= moved;
    let mut remainder = demo.unallocated.clone();
    remainder.male[13] += moved;
    let change = Change {
        author: AUTHOR.into(),
        action: "population".into(),
        summary: "人口".into(),
        items: vec![
            ChangeItem::Population {
                township: t.code.clone(),
                before: ZonePopulation {
                    bands: t.population.clone(),
                    status: t.population_status,
                },
                after: ZonePopulation {
                    bands: fewer.clone(),
                    status: PopulationStatus::Imported,
                },
            },
            ChangeItem::Unallocated {
                before: demo.unallocated.clone(),
                after: remainder.clone(),
            },
        ],
    };
    let e = s.apply(code, &change).await.unwrap();
    assert_eq!(e.before_population, Some(t.population.total()));
    assert_eq!(e.after_population, Some(fewer.total()));
    let d = load(s, code).await;
    assert_eq!(d.townships[0].population, fewer);
    assert_eq!(d.townships[0].population_status, PopulationStatus::Imported);
    assert_eq!(d.unallocated, remainder);
    // The county keeps its total: townships plus remainder.
    assert_eq!(d.population, demo.population);
    // The same change again is stale.
    assert!(matches!(
        s.apply(code, &change).await,
        Err(StoreError::Conflict(_))
    ));
    s.undo(code).await.unwrap().unwrap();
    same(&load(s, code).await, demo);
}

pub async fn places_are_replaced_and_restored<S: Store + ?Sized>(s: &S, demo: &CountyDataset) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let t = &demo.townships[0];
    let places = vec![
        Place {
            code: format!("{}001", t.code),
            name: "甲村".into(),
            township_code: Some(t.code.clone()),
            location: t.interior,
            population: 1200,
        },
        Place {
            code: format!("{}002", t.code),
            name: "乙社区".into(),
            township_code: None,
            location: t.centroid,
            population: 3400,
        },
    ];
    s.apply(
        code,
        &Change {
            author: AUTHOR.into(),
            action: "import_places".into(),
            summary: "村/社区".into(),
            items: vec![ChangeItem::Places {
                before: demo.places.clone(),
                after: places.clone(),
            }],
        },
    )
    .await
    .unwrap();
    assert_eq!(load(s, code).await.places, places);
    assert_eq!(s.counties().await.unwrap()[0].places as usize, places.len());
    s.undo(code).await.unwrap().unwrap();
    assert_eq!(load(s, code).await.places, demo.places);
}

pub async fn scenarios_carry_a_version_and_survive_a_reset<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
) {
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let sc = Scenario {
        id: "s-1".into(),
        name: "方案一".into(),
        description: "新建托育点".into(),
        interventions: vec![Intervention {
            id: "i-1".into(),
            year: 2027,
            action: Action::MakeInclusive {
                facility_id: demo.facilities[0].id.clone(),
            },
            note: String::new(),
        }],
        norm_overrides: vec![],
        assumptions: DemandAssumptions::default(),
        version: 0,
    };
    let v1 = s.save_scenario(code, &sc).await.unwrap();
    assert_eq!(v1.version, 1);
    let renamed = Scenario {
        name: "方案一（修订）".into(),
        ..v1.clone()
    };
    let v2 = s.save_scenario(code, &renamed).await.unwrap();
    assert_eq!(v2.version, 2);
    // Another planner still at version 1 cannot overwrite version 2.
    let stale = Scenario {
        name: "别人的修改".into(),
        ..v1.clone()
    };
    assert!(matches!(
        s.save_scenario(code, &stale).await,
        Err(StoreError::Conflict(_))
    ));
    s.replace_county(demo).await.unwrap();
    assert_eq!(s.scenarios(code).await.unwrap(), std::slice::from_ref(&v2));
    assert!(s.scenarios("110101").await.unwrap().is_empty());
    assert!(s.delete_scenario(code, "s-1").await.unwrap());
    assert!(!s.delete_scenario(code, "s-1").await.unwrap());
}

pub async fn overrides_and_hukou_belong_to_their_county<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
    other: &CountyDataset,
) {
    let (a, b) = (&demo.county.code, &other.county.code);
    s.create_county(demo).await.unwrap();
    s.create_county(other).await.unwrap();
    let o = NormOverride {
        id: "elderly.beds_per_1000_elderly".into(),
        value: 45.0,
        source: Some("浙江省规划".into()),
    };
    s.set_norm_override(a, &o).await.unwrap();
    s.set_norm_override(
        a,
        &NormOverride {
            value: 50.0,
            ..o.clone()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        s.norm_overrides(a).await.unwrap(),
        [NormOverride {
            value: 50.0,
            ..o.clone()
        }]
    );
    assert!(s.norm_overrides(b).await.unwrap().is_empty());
    s.replace_county(demo).await.unwrap();
    assert_eq!(s.norm_overrides(a).await.unwrap().len(), 1);
    s.clear_norm_override(a, &o.id).await.unwrap();
    assert!(s.norm_overrides(a).await.unwrap().is_empty());

    let mut h = demo.population.clone();
    h.male[5] += 2000;
    s.set_hukou_population(a, Some((&h, "户籍.csv")))
        .await
        .unwrap();
    let got = s.hukou_population(a).await.unwrap().unwrap();
    assert_eq!((got.bands, got.source.as_str()), (h, "户籍.csv"));
    assert!(s.hukou_population(b).await.unwrap().is_none());
    s.set_hukou_population(a, None).await.unwrap();
    assert!(s.hukou_population(a).await.unwrap().is_none());
}

/// Two writers at once on different rows both land; two on the same row from the same read:
/// exactly one lands and the other is told (conflict), never both "done" with one gone.
pub async fn concurrent_writers_lose_nothing<S: Store + 'static>(s: Arc<S>, demo: &CountyDataset) {
    let code = demo.county.code.clone();
    s.create_county(demo).await.unwrap();
    let rounds = 10;
    for round in 0..rounds {
        let current = load(&*s, &code).await;
        let (f0, f1) = (current.facilities[0].clone(), current.facilities[1].clone());
        let edit = |f: &junheng_core::Facility, tag: &str| {
            let mut g = f.clone();
            g.name = format!("{}-{tag}{round}", f.name.split('-').next().unwrap_or(""));
            facility_change("edit", Some(f.clone()), Some(g))
        };
        // Different rows.
        let (s1, s2) = (s.clone(), s.clone());
        let (c1, c2) = (edit(&f0, "a"), edit(&f1, "b"));
        let (k1, k2) = (code.clone(), code.clone());
        let (r1, r2) = tokio::join!(
            tokio::spawn(async move { s1.apply(&k1, &c1).await }),
            tokio::spawn(async move { s2.apply(&k2, &c2).await })
        );
        r1.unwrap().expect("first writer lands");
        r2.unwrap().expect("second writer lands");
        let now = load(&*s, &code).await;
        assert!(now.facilities[0].name.ends_with(&format!("a{round}")));
        assert!(now.facilities[1].name.ends_with(&format!("b{round}")));
        // The same row from the same read.
        let (s1, s2) = (s.clone(), s.clone());
        let base = now.facilities[0].clone();
        let (c1, c2) = (edit(&base, "x"), edit(&base, "y"));
        let (k1, k2) = (code.clone(), code.clone());
        let (r1, r2) = tokio::join!(
            tokio::spawn(async move { s1.apply(&k1, &c1).await }),
            tokio::spawn(async move { s2.apply(&k2, &c2).await })
        );
        let (r1, r2) = (r1.unwrap(), r2.unwrap());
        let landed = [&r1, &r2].iter().filter(|r| r.is_ok()).count();
        assert_eq!(
            landed, 1,
            "exactly one of two same-row writers lands: {r1:?} {r2:?}"
        );
        for r in [&r1, &r2] {
            if let Err(e) = r {
                assert!(matches!(e, StoreError::Conflict(_)), "{e}");
            }
        }
        let winner = if r1.is_ok() { "x" } else { "y" };
        let stored = load(&*s, &code).await;
        assert!(stored.facilities[0]
            .name
            .ends_with(&format!("{winner}{round}")));
    }
    // Every landed write is in the log: 3 per round.
    assert_eq!(s.change_log(&code, 1000).await.unwrap().len(), 3 * rounds);
}

/// Accounts: names are unique, failures are counted and lock at the threshold, a new password
/// ends sessions and lifts the lock, sessions expire, removing a user ends their sessions, and
/// the audit log keeps every row newest first.
/// The session of a token hash alone, as [`AuthStore::signed_in`] reads it.
async fn session_of(a: &dyn AuthStore, token_hash: &str, now: &str) -> Option<Session> {
    a.signed_in(token_hash, now)
        .await
        .unwrap()
        .map(|(session, _)| session)
}

pub async fn accounts_sessions_and_audit_are_kept<S: Store + ?Sized>(s: &S) {
    let a = s.auth();
    assert_eq!(a.user_count().await.unwrap(), 0);
    let planner = User {
        name: "wang".into(),
        role: Role::Planner,
        scope: vec!["331125".into(), "331100".into()],
        created_at: "2026-01-05T08:00:00Z".into(),
    };
    let viewer = User {
        name: "li".into(),
        role: Role::Viewer,
        scope: vec!["330000".into()],
        created_at: "2026-01-05T09:00:00Z".into(),
    };
    a.add_user(&planner, "$argon2id$hash-1").await.unwrap();
    a.add_user(&viewer, "$argon2id$hash-2").await.unwrap();
    assert!(matches!(
        a.add_user(&planner, "x").await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(a.user_count().await.unwrap(), 2);
    assert_eq!(a.users().await.unwrap(), [viewer.clone(), planner.clone()]);
    let rec = a.user("wang").await.unwrap().unwrap();
    assert_eq!(
        (
            rec.user,
            rec.password_hash.as_str(),
            rec.failed_logins,
            rec.locked_until
        ),
        (planner.clone(), "$argon2id$hash-1", 0, None)
    );
    assert!(a.user("nobody").await.unwrap().is_none());
    // Failures count up; the third locks.
    for want in 1..=3u32 {
        let n = a
            .login_failed("wang", 3, "2026-01-05T10:15:00Z")
            .await
            .unwrap();
        assert_eq!(n, want);
    }
    let rec = a.user("wang").await.unwrap().unwrap();
    assert_eq!(rec.failed_logins, 3);
    assert_eq!(rec.locked_until.as_deref(), Some("2026-01-05T10:15:00Z"));
    assert_eq!(a.login_failed("nobody", 3, "x").await.unwrap(), 0);
    a.login_succeeded("wang").await.unwrap();
    let rec = a.user("wang").await.unwrap().unwrap();
    assert_eq!((rec.failed_logins, rec.locked_until), (0, None));
    // Sessions: found until they expire.
    let session = |token: &str, user: &str, expires: &str| Session {
        token_hash: token.into(),
        user: user.into(),
        csrf: format!("csrf-{token}"),
        created_at: "2026-01-05T08:00:00Z".into(),
        expires_at: expires.into(),
    };
    a.create_session(&session("t1", "wang", "2026-01-05T20:00:00Z"))
        .await
        .unwrap();
    a.create_session(&session("t2", "wang", "2026-01-05T12:00:00Z"))
        .await
        .unwrap();
    a.create_session(&session("t3", "li", "2026-01-05T20:00:00Z"))
        .await
        .unwrap();
    let now = "2026-01-05T13:00:00Z";
    assert_eq!(
        session_of(a, "t1", now).await,
        Some(session("t1", "wang", "2026-01-05T20:00:00Z"))
    );
    assert_eq!(session_of(a, "t2", now).await, None);
    // The session with its user in one read: the user as stored, not the session's copy.
    let (s1, wang) = a.signed_in("t1", now).await.unwrap().unwrap();
    assert_eq!(s1, session("t1", "wang", "2026-01-05T20:00:00Z"));
    assert_eq!(
        Some(&wang),
        a.users().await.unwrap().iter().find(|u| u.name == "wang")
    );
    assert_eq!(a.signed_in("t2", now).await.unwrap(), None, "expired");
    assert_eq!(a.signed_in("nope", now).await.unwrap(), None);
    assert_eq!(a.purge_sessions(now).await.unwrap(), 1);
    a.delete_session("t3").await.unwrap();
    assert_eq!(session_of(a, "t3", now).await, None);
    // A new password ends the user's sessions and lifts a lock.
    a.login_failed("wang", 1, "2026-01-05T10:15:00Z")
        .await
        .unwrap();
    assert!(a.set_password("wang", "$argon2id$hash-3").await.unwrap());
    assert!(!a.set_password("nobody", "x").await.unwrap());
    assert_eq!(session_of(a, "t1", now).await, None);
    let rec = a.user("wang").await.unwrap().unwrap();
    assert_eq!(
        (
            rec.password_hash.as_str(),
            rec.failed_logins,
            rec.locked_until
        ),
        ("$argon2id$hash-3", 0, None)
    );
    // Removing a user ends their sessions.
    a.create_session(&session("t4", "li", "2026-01-05T20:00:00Z"))
        .await
        .unwrap();
    assert!(a.remove_user("li").await.unwrap());
    assert!(!a.remove_user("li").await.unwrap());
    assert_eq!(session_of(a, "t4", now).await, None);
    assert_eq!(a.signed_in("t4", now).await.unwrap(), None);
    assert_eq!(a.user_count().await.unwrap(), 1);
    // The audit log, newest first, with increasing numbers.
    for (i, cmd) in ["edit_facility", "import_zones", "save_scenario"]
        .iter()
        .enumerate()
    {
        a.append_audit(&AuditEntry {
            seq: 0,
            at: format!("2026-01-05T08:0{i}:00Z"),
            user: "wang".into(),
            command: cmd.to_string(),
            county: "331125".into(),
            outcome: if i == 1 { "store.conflict" } else { "ok" }.into(),
        })
        .await
        .unwrap();
    }
    let log = a.audit_log(2).await.unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].command.as_str(), log[1].command.as_str()),
        ("save_scenario", "import_zones")
    );
    assert_eq!(log[1].outcome, "store.conflict");
    assert_eq!(log[1].at, "2026-01-05T08:01:00Z");
    assert!(log[0].seq > log[1].seq);
}

/// A county with edits (one undone, one discarded), a deleted facility's gap, overrides,
/// scenarios, a 户籍 table and actuals, written into another store, reads back identical;
/// into a store whose change log has those numbers, it is renumbered in order and undo still
/// walks it back.
pub async fn a_county_moves_whole<A: Store + ?Sized, B: Store + ?Sized>(
    from: &A,
    to: &B,
    demo: &CountyDataset,
    other: &CountyDataset,
) {
    let archive = rich_county(from, demo).await;
    assert_eq!(to.import_county(&archive).await.unwrap(), SeqOutcome::Kept);
    let back = to.export_county(&demo.county.code).await.unwrap().unwrap();
    assert_eq!(back, archive);
    assert!(matches!(
        to.import_county(&archive).await,
        Err(StoreError::Conflict(_))
    ));
    // The other county, copied after the target logged a change of its own under the number
    // the source gives the other county's change.
    let copied = load(to, &demo.county.code).await;
    let g = copied.facilities[1].clone();
    let mut moved_g = g.clone();
    moved_g.location.lon += 0.001;
    to.apply(
        &demo.county.code,
        &facility_change("move", Some(g), Some(moved_g)),
    )
    .await
    .unwrap();
    from.create_county(other).await.unwrap();
    let f = &other.townships[0];
    let mut renamed = f.clone();
    renamed.name = format!("{}（改）", f.name);
    let township_change = Change {
        author: AUTHOR.into(),
        action: "add_township".into(),
        summary: "乡镇".into(),
        items: vec![ChangeItem::Township {
            code: f.code.clone(),
            before: Some(f.clone()),
            after: Some(renamed.clone()),
        }],
    };
    from.apply(&other.county.code, &township_change)
        .await
        .unwrap();
    let moved = from
        .export_county(&other.county.code)
        .await
        .unwrap()
        .unwrap();
    let outcome = to.import_county(&moved).await.unwrap();
    assert_eq!(outcome, SeqOutcome::Renumbered);
    let log = to.change_log(&other.county.code, 10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0].seq > archive.changes.iter().map(|c| c.seq).max().unwrap());
    to.undo(&other.county.code).await.unwrap().unwrap();
    let back = load(to, &other.county.code).await;
    let t = back.townships.iter().find(|t| t.code == f.code).unwrap();
    assert_eq!(t.name, f.name);
}

/// Builds a county with everything a store keeps for it and returns its archive.
async fn rich_county<S: Store + ?Sized>(s: &S, demo: &CountyDataset) -> CountyArchive {
    use junheng_core::CountyActual;
    let code = &demo.county.code;
    s.create_county(demo).await.unwrap();
    let f0 = demo.facilities[0].clone();
    let mut renamed = f0.clone();
    renamed.name = "迁移测试".into();
    s.apply(code, &facility_change("edit", Some(f0), Some(renamed)))
        .await
        .unwrap();
    // A deleted facility in the middle of the list leaves a gap in the positions.
    let f2 = demo.facilities[2].clone();
    s.apply(code, &facility_change("delete", Some(f2.clone()), None))
        .await
        .unwrap();
    let f3 = demo.facilities[3].clone();
    let mut closed = f3.clone();
    closed.status = FacilityStatus::Closed;
    s.apply(code, &facility_change("close", Some(f3), Some(closed)))
        .await
        .unwrap();
    s.undo(code).await.unwrap().unwrap();
    s.apply(
        code,
        &Change {
            author: AUTHOR.into(),
            action: "import_actuals".into(),
            summary: "2024年实际数".into(),
            items: vec![ChangeItem::CountyActual {
                year: 2024,
                before: None,
                after: Some(CountyActual {
                    year: 2024,
                    births: Some(611),
                    ..Default::default()
                }),
            }],
        },
    )
    .await
    .unwrap();
    s.set_norm_override(
        code,
        &NormOverride {
            id: "elderly.beds_per_1000_elderly".into(),
            value: 45.0,
            source: Some("浙江省规划".into()),
        },
    )
    .await
    .unwrap();
    for id in ["s-b", "s-a"] {
        let sc = Scenario {
            id: id.into(),
            name: format!("方案 {id}"),
            description: String::new(),
            interventions: vec![],
            norm_overrides: vec![],
            assumptions: DemandAssumptions::default(),
            version: 0,
        };
        let v1 = s.save_scenario(code, &sc).await.unwrap();
        s.save_scenario(code, &v1).await.unwrap();
    }
    let mut h = demo.population.clone();
    h.female[7] += 321;
    s.set_hukou_population(code, Some((&h, "户籍人口.xlsx")))
        .await
        .unwrap();
    let a = s.export_county(code).await.unwrap().unwrap();
    assert_eq!(a.changes.len(), 4);
    assert_eq!(
        a.changes.iter().map(|c| c.state).collect::<Vec<_>>(),
        [
            ChangeState::Done,
            ChangeState::Done,
            ChangeState::Discarded,
            ChangeState::Done
        ]
    );
    assert_eq!(a.facility_positions.len(), demo.facilities.len() - 1);
    assert_eq!(a.facility_positions[2], 3, "the deleted facility's gap");
    assert_eq!(
        a.scenarios
            .iter()
            .map(|s| s.scenario.clone())
            .collect::<Vec<_>>(),
        s.scenarios(code).await.unwrap()
    );
    assert!(a.scenarios.iter().all(|s| s.scenario.version == 2));
    assert_eq!(a.actuals.county.len(), 1);
    assert_eq!(a.hukou.as_ref().unwrap().bands, h);
    a
}

/// 数据版本: every kind of write to a county moves its version forward (and no other county's);
/// a county removed and stored again never shows a version it had before.
pub async fn every_write_moves_the_county_version<S: Store + ?Sized>(
    s: &S,
    demo: &CountyDataset,
    other: &CountyDataset,
) {
    let (code, b) = (&demo.county.code, &other.county.code);
    assert_eq!(s.county_version(code).await.unwrap(), None, "not stored");
    s.create_county(demo).await.unwrap();
    s.create_county(other).await.unwrap();
    let other_v = s.county_version(b).await.unwrap().expect("stored");
    let mut seen = vec![s.county_version(code).await.unwrap().expect("stored")];
    let mut moved = |label: &str, v: Option<i64>| {
        let v = v.unwrap_or_else(|| panic!("{label}: county gone"));
        assert!(
            v > *seen.last().unwrap(),
            "{label}: version {v} after {:?}",
            seen
        );
        seen.push(v);
    };
    let f0 = demo.facilities[0].clone();
    let mut renamed = f0.clone();
    renamed.name = "版本测试".into();
    s.apply(code, &facility_change("edit", Some(f0), Some(renamed)))
        .await
        .unwrap();
    moved("apply", s.county_version(code).await.unwrap());
    s.undo(code).await.unwrap().unwrap();
    moved("undo", s.county_version(code).await.unwrap());
    s.redo(code).await.unwrap().unwrap();
    moved("redo", s.county_version(code).await.unwrap());
    let o = NormOverride {
        id: "elderly.beds_per_1000_elderly".into(),
        value: 45.0,
        source: None,
    };
    s.set_norm_override(code, &o).await.unwrap();
    moved("set_norm_override", s.county_version(code).await.unwrap());
    s.clear_norm_override(code, &o.id).await.unwrap();
    moved("clear_norm_override", s.county_version(code).await.unwrap());
    let sc = Scenario {
        id: "s-v".into(),
        name: "方案".into(),
        description: String::new(),
        interventions: vec![],
        norm_overrides: vec![],
        assumptions: DemandAssumptions::default(),
        version: 0,
    };
    s.save_scenario(code, &sc).await.unwrap();
    moved("save_scenario", s.county_version(code).await.unwrap());
    assert!(s.delete_scenario(code, "s-v").await.unwrap());
    moved("delete_scenario", s.county_version(code).await.unwrap());
    s.set_hukou_population(code, Some((&demo.population, "户籍.csv")))
        .await
        .unwrap();
    moved(
        "set_hukou_population",
        s.county_version(code).await.unwrap(),
    );
    s.replace_county(demo).await.unwrap();
    moved("replace_county", s.county_version(code).await.unwrap());
    assert_eq!(
        s.county_version(b).await.unwrap(),
        Some(other_v),
        "the other county's version stays"
    );
    let now = s.county_version(code).await.unwrap().unwrap();
    let mut want = vec![(code.clone(), now), (b.clone(), other_v)];
    want.sort();
    assert_eq!(
        s.county_versions().await.unwrap(),
        want,
        "county_versions in code order"
    );
    // A province's range: the counties whose codes lie in it, and only those.
    let province: u32 = code[..2].parse().unwrap();
    let (from, to) = (
        format!("{province:02}0000"),
        format!("{:02}0000", province + 1),
    );
    let in_range: Vec<(String, i64)> = want
        .iter()
        .filter(|(c, _)| *c >= from && *c < to)
        .cloned()
        .collect();
    assert!(in_range.iter().any(|(c, _)| c == code));
    assert_eq!(
        s.county_versions_between(&from, &to).await.unwrap(),
        in_range
    );
    assert_eq!(
        s.county_versions_between("000000", "100000").await.unwrap(),
        vec![],
        "no county code starts with 0"
    );
    let archive = s.export_county(code).await.unwrap().unwrap();
    assert!(s.remove_county(code).await.unwrap());
    assert_eq!(s.county_version(code).await.unwrap(), None, "removed");
    s.import_county(&archive).await.unwrap();
    moved("import_county", s.county_version(code).await.unwrap());
    assert!(s.remove_county(code).await.unwrap());
    s.create_county(demo).await.unwrap();
    moved("create_county again", s.county_version(code).await.unwrap());
}
