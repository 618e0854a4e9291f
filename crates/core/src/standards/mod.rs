//! 标准库 — the norms catalogue. Norms are data (`national.toml`), each with its value, unit,
//! effective years, source and confidence; code looks them up by id and never hard-codes them.

mod catalogue;
mod ids;
mod targets;

pub use catalogue::*;
pub use ids::*;
pub use targets::*;
