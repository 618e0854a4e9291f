//! Junheng's planning engine: domain types (county, townships, facilities, population) and the
//! computations on them. Plain data in, plain data out: no files, no database, no async.

pub mod access;
pub mod assess;
pub mod balance;
pub mod capacity;
pub mod demand;
pub mod domain;
pub mod geo;
pub mod locate;
pub mod monitoring;
pub mod overview;
pub mod plausibility;
pub mod population;
pub mod projection;
pub mod scenario;
pub mod siting;
pub mod standards;
pub mod subsidy;

pub use domain::*;
