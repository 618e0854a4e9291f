//! 几何 — small planar and spherical geometry on lon/lat degrees: a boundary (区域边界) is read
//! once from GeoJSON into an [`Area`], and everything else works on that.

mod area;
mod crs;
mod measure;
mod voronoi;

pub use area::*;
pub use crs::*;
pub use voronoi::*;

#[cfg(test)]
mod tests;
