//! 县域义务教育优质均衡 — the school resource indicators, the per-school pass test and the
//! student-weighted 差异系数 (CV), exactly as 教督〔2017〕6号 and the MOE worked example define them.

mod basic;
mod cv;
mod improve;
mod indicators;
mod verdict;

pub use basic::*;
pub use cv::*;
pub use improve::*;
pub use indicators::*;
pub use verdict::*;
