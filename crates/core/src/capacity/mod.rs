//! 承载能力 — what a facility can serve, computed from its inputs and the norms, with the
//! binding constraint named so the planner knows what to change.

mod childcare;
mod elderly;
mod school;

pub use childcare::*;
pub use elderly::*;
pub use school::*;
