//! 需求测算 — what the resident population of a year needs (托位, 养老床位, school places), what
//! the facilities in service that year provide, and the gap between them.

mod capacity;
mod need;
mod outlook;

pub use capacity::*;
pub use need::*;
pub use outlook::*;
