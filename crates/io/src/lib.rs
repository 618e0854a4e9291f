//! Junheng's file formats. Readers check every cell and report every bad one with its file, row
//! and column (rows count from 1 at the header line, as a spreadsheet shows them).

mod access;
mod boundaries;
mod census;
mod csv_bytes;
mod demo;
mod error;
mod facilities;
mod geojson;
mod hukou;
mod id_table;
mod preview;
mod schools;
mod table;
mod template;
mod text;
mod zones;

pub use access::*;
pub use boundaries::*;
pub use census::*;
pub use demo::*;
pub use error::*;
pub use facilities::*;
pub use geojson::*;
pub use hukou::*;
pub use id_table::*;
pub use preview::*;
pub use schools::*;
pub use table::*;
pub use template::*;
pub use text::*;
pub use zones::*;
