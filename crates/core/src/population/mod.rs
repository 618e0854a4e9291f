//! 人口 — allocating county census counts to smaller units (largest-remainder rounding, so
//! the parts always sum to the whole).

mod allocate;

pub use allocate::*;
