//! Every reader of junheng-io behind one signature, for the mutation tests (tests/fuzz.rs) and
//! the replay of files that once broke a reader (tests/regressions.rs).

#![allow(dead_code)]

use std::cell::Cell;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Once;

use junheng_core::standards::Catalogue;
use junheng_io::limits::MAX_ERRORS;
use junheng_io::{ColumnMap, InputErrors, TableKind};

/// A reader: the file name it is given (its extension picks CSV or XLSX) and the call.
pub struct Reader {
    pub name: &'static str,
    pub read: fn(&str, &[u8]) -> Result<(), InputErrors>,
}

/// The demo county's township codes.
pub fn towns() -> HashSet<String> {
    include_str!("../../../../data/demo/townships.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

fn ok<T>(r: Result<T, InputErrors>) -> Result<(), InputErrors> {
    r.map(|_| ())
}

fn text(file: &str, bytes: &[u8]) -> Result<String, InputErrors> {
    junheng_io::decode_text(file, bytes).map(|(t, _)| t)
}

/// Every reader. Whatever a reader accepts must also pass the value domains and be computable:
/// accepted facilities are assessed (capacity arithmetic included).
pub const READERS: &[Reader] = &[
    Reader {
        name: "table",
        read: |f, b| ok(junheng_io::Table::read(f, b)),
    },
    Reader {
        name: "facilities",
        read: |f, b| {
            let got = junheng_io::read_facilities(f, b, &towns(), false)?;
            let norms = Catalogue::national();
            for fac in &got {
                assert_eq!(
                    fac.check_ranges(),
                    [],
                    "an accepted facility is out of range"
                );
                junheng_core::assess::assess_facility(fac, &norms);
            }
            Ok(())
        },
    },
    Reader {
        name: "zones",
        read: |f, b| ok(junheng_io::read_zone_populations(f, b, &towns())),
    },
    Reader {
        name: "schools",
        read: |f, b| {
            for s in junheng_io::read_school_sections(f, b)? {
                assert_eq!(s.check_ranges(), [], "an accepted school is out of range");
            }
            Ok(())
        },
    },
    Reader {
        name: "hukou",
        read: |f, b| ok(junheng_io::read_hukou_bands(f, b, &ColumnMap::new())),
    },
    Reader {
        name: "census",
        read: |f, b| ok(junheng_io::read_census(f, b)),
    },
    Reader {
        name: "births",
        read: |f, b| ok(junheng_io::read_births(f, b)),
    },
    Reader {
        name: "migration",
        read: |f, b| ok(junheng_io::read_migration(f, b)),
    },
    Reader {
        name: "cover_points",
        read: |f, b| ok(junheng_io::read_cover_points(f, b, false)),
    },
    Reader {
        name: "preview",
        read: |f, b| {
            for kind in [TableKind::Facilities, TableKind::Zones, TableKind::Hukou] {
                junheng_io::preview_table(kind, f, b)?;
            }
            Ok(())
        },
    },
    Reader {
        name: "boundaries",
        read: |f, b| {
            let t = text(f, b)?;
            ok(junheng_io::read_boundaries(
                f,
                &t,
                junheng_core::geo::Crs::Wgs84,
                &towns(),
            ))
        },
    },
    Reader {
        name: "township_features",
        read: |f, b| ok(junheng_io::read_township_features(f, &text(f, b)?)),
    },
    Reader {
        name: "orlib",
        read: |f, b| ok(junheng_io::read_orlib(f, b)),
    },
    Reader {
        name: "lorena",
        read: |f, b| ok(junheng_io::read_lorena(f, b)),
    },
    Reader {
        name: "beasley_cap",
        read: |f, b| ok(junheng_io::read_beasley_cap(f, b)),
    },
    Reader {
        name: "sjc",
        read: |f, b| ok(junheng_io::read_sjc_points(f, b)),
    },
    Reader {
        name: "swain",
        read: |f, b| ok(junheng_io::read_swain(f, b)),
    },
];

pub fn reader(name: &str) -> &'static Reader {
    READERS
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no reader {name}"))
}

/// What every refusal must be: located in the file it was given, in both languages, at most
/// [`MAX_ERRORS`] errors and a closing count line.
pub fn check_refusal(file: &str, e: &InputErrors) {
    assert!(!e.0.is_empty(), "a refusal without an error");
    assert!(e.0.len() <= MAX_ERRORS + 1, "{} errors listed", e.0.len());
    for (i, c) in e.0.iter().enumerate() {
        assert_eq!(c.file, file);
        assert!(
            !c.message_zh.is_empty() && !c.message_en.is_empty(),
            "{c:?}"
        );
        assert!(c.value.chars().count() <= 101, "an unclipped value");
        assert!(
            !c.is_summary() || i == e.0.len() - 1,
            "the count line is last"
        );
    }
}

thread_local! {
    /// Set by the panic hook: a panic happened on this thread, even one a reader caught.
    static PANICKED: Cell<bool> = const { Cell::new(false) };
}

/// Notes every panic on its thread (after the usual report), so a panic a reader turns into a
/// refusal (the XLSX reader's last defence) still fails the test.
fn watch_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.with(|p| p.set(true));
            previous(info);
        }));
    });
}

/// Runs `reader` on `bytes`; on a panic (caught inside the reader or not) with
/// `FUZZ_SAVE_DIR` set, the input is saved there (named by reader and content hash) to become
/// a regression file, and the test fails.
pub fn run(reader: &Reader, file: &str, bytes: &[u8]) -> Result<(), InputErrors> {
    watch_panics();
    PANICKED.with(|p| p.set(false));
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (reader.read)(file, bytes)));
    let caught_inside = PANICKED.with(|p| p.replace(false)) && result.is_ok();
    if caught_inside {
        save(reader, file, bytes);
        panic!(
            "{} panicked inside on {file} (the panic was caught and turned into a refusal)",
            reader.name
        );
    }
    match result {
        Ok(r) => {
            if let Err(e) = &r {
                check_refusal(file, e);
            }
            r
        }
        Err(panic) => {
            save(reader, file, bytes);
            std::panic::resume_unwind(panic)
        }
    }
}

fn save(reader: &Reader, file: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("FUZZ_SAVE_DIR") {
        let ext = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin");
        let name = format!("{}-{:016x}.{ext}", reader.name, fnv1a(bytes));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(Path::new(&dir).join(name), bytes);
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    })
}
