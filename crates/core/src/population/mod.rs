//! 人口 — allocating county census counts to smaller units (largest-remainder rounding, so
//! the parts always sum to the whole).

mod allocate;
mod reallocate;

pub use allocate::*;
pub use reallocate::*;
