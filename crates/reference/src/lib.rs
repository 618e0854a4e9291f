//! National reference data (全国基础数据) shipped inside Junheng, so that any of China's
//! 2,978 county-level units can be set up without a network: the NBS 2023 统计用区划代码 at
//! county and township level, the 7th-census county yearbook (常住人口 by age and sex), county
//! outlines and seats (DataV, GCJ-02) and the township populations of eight county bulletins.
//!
//! The data are embedded as one compact binary, `data/reference/national.bin`, built
//! deterministically from the committed source files by `build-reference` (feature `build`).
//! A binary and not the CSV/GeoJSON sources because of start-up: the sources are 10 MB of
//! text with 380,913 outline points, which the builder needs about 0.45 s to read and check in
//! a release build (2.7 s in debug), while national.bin is 1.8 MB and decodes in 20–45 ms
//! (`bench/reference.sh`). [`national`] decodes it once, on first use; outlines stay encoded
//! until asked for. The builder, the CSV reader and the pinyin tables it needs are not linked
//! into the app.
//!
//! ```
//! let n = junheng_reference::national();
//! let yunhe = n.county("331125").unwrap();
//! assert_eq!(yunhe.name, "云和县");
//! assert_eq!(n.census("331125").unwrap().total, 129_216);
//! ```

mod code;
mod error;
mod format;
mod layout;
mod model;
mod national;
mod outline;
pub mod search;
mod setup;

#[cfg(feature = "build")]
pub mod build;

use std::sync::OnceLock;

pub use code::{classify, CodeLevel, TownshipKind};
pub use error::ReferenceError;
pub use format::FORMAT_VERSION;
pub use model::{
    BulletinRow, CensusCounty, CountyRef, DivisionRef, PrefectureChanges, Source, TownshipBulletin,
    TownshipRef,
};
pub use national::National;
pub use setup::{county_setup, CountySetup, DivisionRefView, SetupError, SetupNote, SetupReport};

static EMBEDDED: &[u8] = include_bytes!("../../../data/reference/national.bin");

/// The national.bin image compiled into this binary.
pub fn embedded() -> &'static [u8] {
    EMBEDDED
}

/// The embedded reference data, decoded on first use and kept for the life of the process.
///
/// # Panics
/// If the embedded image does not decode — impossible for a build whose tests passed, since
/// the rebuild test decodes the very same file.
pub fn national() -> &'static National {
    static NATIONAL: OnceLock<National> = OnceLock::new();
    NATIONAL.get_or_init(|| {
        National::decode(EMBEDDED).expect("embedded data/reference/national.bin decodes")
    })
}
