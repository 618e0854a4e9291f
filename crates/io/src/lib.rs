//! Junheng's file formats. Readers check every cell and report every bad one with its file, row
//! and column (rows count from 1 at the header line, as a spreadsheet shows them), up to
//! [`limits::MAX_ERRORS`]; every file is read within the size limits of [`limits`].

mod access;
mod actuals;
mod boundaries;
mod census;
mod csv_bytes;
mod demo;
mod engine;
mod error;
mod facilities;
mod files;
mod geojson;
mod hukou;
mod id_table;
pub mod limits;
mod places;
mod preview;
mod projection_inputs;
mod schools;
mod table;
mod template;
mod text;
mod xlsx;
mod zones;

pub use access::*;
pub use actuals::*;
pub use boundaries::*;
pub use census::*;
pub use demo::*;
pub use engine::*;
pub use error::*;
pub use facilities::*;
pub use files::*;
pub use geojson::*;
pub use hukou::*;
pub use id_table::*;
pub use places::*;
pub use preview::*;
pub use projection_inputs::*;
pub use schools::*;
pub use table::*;
pub use template::*;
pub use text::*;
pub use zones::*;
