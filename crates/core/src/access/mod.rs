//! Spatial accessibility: travel costs, floating-catchment and gravity measures, coverage shares
//! within life-circle radii, and the inter-zone equity of the result.
//!
//! * [`csr`] — the sparse (CSR) origin → destination cost matrix [`CostMatrix`].
//! * [`distance`] — haversine / Euclidean distances, the cost matrix built with a cutoff through
//!   a uniform grid index, and road-network costs by Dijkstra.
//! * [`fca`] — 2SFCA (Luo & Wang 2002), E2SFCA (Luo & Qi 2009), Gaussian 2SFCA, 3SFCA
//!   (Wan, Zou & Sternberg 2012) and the gravity / Hansen potential, exactly as PySAL `access`
//!   computes them (catchment `cost ≤ max_cost`).
//! * [`coverage`] — share of residents within a radius of an open facility, per zone and county.
//! * [`equity`] — the population-weighted coefficient of variation of zone accessibility.
//! * [`grid`] — demand points on a regular grid clipped to each township.

pub mod coverage;
pub mod csr;
pub mod distance;
pub mod equity;
pub mod fca;
pub mod grid;

pub use coverage::*;
pub use csr::*;
pub use distance::*;
pub use equity::*;
pub use fca::*;
pub use grid::*;
