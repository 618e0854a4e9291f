//! 覆盖与可达 per plan year: the share of each service's demand within its life-circle radius
//! of a facility in service, and the inter-township CV of E2SFCA accessibility (均衡), on the
//! same demand grid as the accessibility page.

use serde::{Deserialize, Serialize};

use super::CapacityMeasures;
use crate::access::{
    access_equity, accessibility, demand_grid, nearest_open, CostMatrix, GridPoint, Metric, Stage,
    Weight,
};
use crate::projection::SingleAges;
use crate::{CountyDataset, Facility, FacilityCategory};

/// Coverage radius and E2SFCA catchment (m) of a service: the 15-minute walk (GB 50180-2018) for
/// childcare and elderly care, 2 km for schools; catchments a short drive.
pub fn service_distances(c: FacilityCategory) -> (f64, f64) {
    match c {
        FacilityCategory::Childcare => (1000.0, 3000.0),
        FacilityCategory::Elderly => (1000.0, 5000.0),
        FacilityCategory::School => (2000.0, 5000.0),
    }
}

/// The residents a service is for: 0–2, 60+, 6–14.
pub fn service_demand(c: FacilityCategory, p: &SingleAges) -> f64 {
    match c {
        FacilityCategory::Childcare => p.ages(0, 2),
        FacilityCategory::Elderly => p.at_least(60),
        FacilityCategory::School => p.ages(6, 14),
    }
}

pub fn service_supply(c: FacilityCategory, m: &CapacityMeasures) -> f64 {
    match c {
        FacilityCategory::Childcare => m.childcare_slots,
        FacilityCategory::Elderly => m.beds,
        FacilityCategory::School => m.school_places,
    }
}

/// One service's reach in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ServiceReach {
    pub category: FacilityCategory,
    pub radius_m: f64,
    pub catchment_m: f64,
    /// Share of the group's residents within the radius of a facility in service.
    pub coverage_share: Option<f64>,
    /// Inter-township CV of E2SFCA accessibility; lower is more even.
    pub access_cv: Option<f64>,
}

/// The demand grid of a county (1 km cells), built once per evaluation.
pub struct CountyGrid {
    pub cells: Vec<GridPoint>,
}

impl CountyGrid {
    pub fn new(data: &CountyDataset, cell_m: f64) -> CountyGrid {
        let boundaries: Vec<&serde_json::Value> =
            data.townships.iter().map(|t| &t.boundary).collect();
        let fallback: Vec<[f64; 2]> = data
            .townships
            .iter()
            .map(|t| [t.interior.lon, t.interior.lat])
            .collect();
        CountyGrid {
            cells: demand_grid(&boundaries, &fallback, cell_m),
        }
    }

    /// The cell centres (lon, lat).
    pub fn points(&self) -> Vec<[f64; 2]> {
        self.cells.iter().map(|c| [c.lon, c.lat]).collect()
    }

    /// Each cell's share of its township's demand (`township_demand` by zone index).
    pub fn demand(&self, township_demand: &[f64]) -> Vec<f64> {
        self.cells
            .iter()
            .map(|c| township_demand[c.zone] * c.share)
            .collect()
    }

    /// Reach of a service with `sites` (location, supply) and township demand by zone index.
    pub fn reach(
        &self,
        category: FacilityCategory,
        township_demand: &[f64],
        sites: &[(&Facility, f64)],
    ) -> ServiceReach {
        let (radius, catchment) = service_distances(category);
        let points = self.points();
        let demand = self.demand(township_demand);
        let xy: Vec<[f64; 2]> = sites
            .iter()
            .map(|(f, _)| [f.location.lon, f.location.lat])
            .collect();
        let supply: Vec<f64> = sites.iter().map(|s| s.1).collect();
        let costs = CostMatrix::within(&points, &xy, Metric::Haversine, catchment.max(radius));
        let nearest = nearest_open(&costs, None);
        let total: f64 = demand.iter().sum();
        let covered: f64 = demand
            .iter()
            .zip(&nearest)
            .filter(|(_, d)| d.is_some_and(|d| d <= radius))
            .map(|(w, _)| w)
            .sum();
        let weight = Weight::e2sfca_over(catchment);
        let access = accessibility(Stage::TwoStep, &weight, &demand, &supply, &costs, catchment);
        let zones = crate::access::zone_access(
            &demand,
            &self.cells.iter().map(|c| c.zone).collect::<Vec<_>>(),
            township_demand.len(),
            &access,
        );
        ServiceReach {
            category,
            radius_m: radius,
            catchment_m: catchment,
            coverage_share: (total > 0.0).then(|| covered / total),
            access_cv: access_equity(&zones).map(|e| e.cv),
        }
    }
}
