//! Exact location models by mixed-integer programming (HiGHS): covering (MCLP, LSCP) and the
//! capacitated p-median, each run only where the engine's own bound leaves a gap.
//!
//! `junheng-core::locate::cover` answers MCLP and LSCP with a heuristic, a Lagrangian bound and a
//! node-limited branch and bound. Most answers are proven there in milliseconds; on dense
//! instances (large radius, p near the covering number) or large p with small radii the
//! Lagrangian bound stays a few units above the optimum and the branch and bound can run for
//! minutes. This crate closes those cases: it passes the same coverage relation to HiGHS as a
//! MILP, warm-started with the heuristic's sites, and keeps the smaller of the two bounds.
//!
//! It is a crate of its own, not part of `junheng-core`, because HiGHS is C++ built by CMake
//! (a few minutes on two cores): the engine's inner loop (`cargo test -p junheng-core`) stays
//! free of it, and only the hosts that solve siting problems (API, CLI) link it.

pub mod capacitated;
pub mod cover;

pub use cover::{lscp, lscp_milp, mclp, mclp_cancellable, mclp_milp, ExactOptions, Proof, Proven};
