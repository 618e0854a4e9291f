//! 覆盖与可达 per plan year: the share of each service's demand within its life-circle radius
//! of a facility in service, and the inter-township CV of E2SFCA accessibility (均衡), on the
//! same demand grid as the accessibility page.

use serde::{Deserialize, Serialize};

use super::CapacityMeasures;
use crate::access::{
    access_equity, accessibility, demand_grid, nearest_open, CostMatrix, GridPoint, Metric, Stage,
    Weight,
};
use crate::geo::Area;
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

/// How a county's residents were placed on the demand grid, shown next to its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DemandPlacement {
    /// At the 村/社区 points the planner imported, by their populations.
    Places,
    /// Spread evenly over each township's land (no village data).
    Area,
    /// Partly at places, partly spread over land (places cover some townships).
    Mixed,
    /// Townships without boundaries at their seats, the rest over the county outline: a coarse
    /// placement until boundaries or villages are imported.
    Coarse,
}

/// The demand grid of a county (1 km cells), built once per evaluation. Zones are the
/// townships in order and then the 未分配 remainder (index = number of townships).
pub struct CountyGrid {
    pub cells: Vec<GridPoint>,
    /// Zones whose demand has no points of their own and goes to the remainder's points (a
    /// township with neither boundary, seat nor places).
    pub folded: Vec<usize>,
    pub placement: DemandPlacement,
    /// Number of zones: the townships and the remainder.
    pub zones: usize,
}

fn weighted(points: &[([f64; 2], f64)], zone: usize) -> Vec<GridPoint> {
    let total: f64 = points.iter().map(|p| p.1).sum();
    points
        .iter()
        .map(|(xy, w)| GridPoint {
            lon: xy[0],
            lat: xy[1],
            zone,
            share: if total > 0.0 {
                w / total
            } else {
                1.0 / points.len() as f64
            },
        })
        .collect()
}

impl CountyGrid {
    /// Demand points of every zone: a township's 村/社区 places where it has any, else cells of
    /// about `cell_m` over its boundary, else its seat; the remainder (and townships with no
    /// location at all) at the places in no township, else over the part of the county outline
    /// no township boundary covers, else at the county seat.
    pub fn new(data: &CountyDataset, cell_m: f64) -> CountyGrid {
        let n = data.townships.len();
        // Each boundary read once: its own cells, then the remainder's test against all of them.
        let areas: Vec<Option<Area>> = data
            .townships
            .iter()
            .map(|t| t.has_boundary().then(|| Area::of_stored(&t.boundary)))
            .collect();
        let mut cells = Vec::new();
        let mut folded = Vec::new();
        let (mut by_place, mut by_area, mut coarse) = (0, 0, 0);
        for (zone, t) in data.townships.iter().enumerate() {
            let here: Vec<([f64; 2], f64)> = data
                .places
                .iter()
                .filter(|p| p.township_code.as_deref() == Some(t.code.as_str()))
                .map(|p| ([p.location.lon, p.location.lat], p.population as f64))
                .collect();
            if !here.is_empty() {
                cells.extend(weighted(&here, zone));
                by_place += 1;
            } else if let Some(area) = &areas[zone] {
                let fallback = [[t.interior.lon, t.interior.lat]];
                cells.extend(
                    demand_grid(&[area], &fallback, cell_m)
                        .into_iter()
                        .map(|c| GridPoint { zone, ..c }),
                );
                by_area += 1;
            } else if let Some(seat) = t.seat {
                cells.push(GridPoint {
                    lon: seat.lon,
                    lat: seat.lat,
                    zone,
                    share: 1.0,
                });
                coarse += 1;
            } else {
                folded.push(zone);
                coarse += 1;
            }
        }
        let loose: Vec<([f64; 2], f64)> = data
            .places
            .iter()
            .filter(|p| p.township_code.is_none())
            .map(|p| ([p.location.lon, p.location.lat], p.population as f64))
            .collect();
        let remainder_has_people = data.unallocated.total() > 0
            || folded
                .iter()
                .any(|&z| data.townships[z].population.total() > 0);
        if !remainder_has_people {
            // Nobody to place outside the townships.
        } else if !loose.is_empty() {
            cells.extend(weighted(&loose, n));
        } else if let Some(outline) = &data.outline {
            let outline = Area::of_stored(outline);
            let seat = data.county.seat.unwrap_or(
                data.townships
                    .first()
                    .map_or(crate::LonLat { lon: 0.0, lat: 0.0 }, |t| t.interior),
            );
            let all = demand_grid(&[&outline], &[[seat.lon, seat.lat]], cell_m);
            let open: Vec<&GridPoint> = all
                .iter()
                .filter(|c| !areas.iter().flatten().any(|b| b.contains(c.lon, c.lat)))
                .collect();
            let keep: Vec<([f64; 2], f64)> = if open.is_empty() {
                all.iter().map(|c| ([c.lon, c.lat], 1.0)).collect()
            } else {
                open.iter().map(|c| ([c.lon, c.lat], 1.0)).collect()
            };
            cells.extend(weighted(&keep, n));
        } else if let Some(seat) = data.county.seat {
            cells.push(GridPoint {
                lon: seat.lon,
                lat: seat.lat,
                zone: n,
                share: 1.0,
            });
        }
        let placement = match (by_place, by_area, coarse) {
            (p, 0, 0) if p > 0 => DemandPlacement::Places,
            (0, _, 0) => DemandPlacement::Area,
            (_, _, 0) => DemandPlacement::Mixed,
            _ => DemandPlacement::Coarse,
        };
        CountyGrid {
            cells,
            folded,
            placement,
            zones: n + 1,
        }
    }

    /// Zone demands with the demand of locationless townships moved to the remainder (the last
    /// zone); a slice of the townships only is taken as having no remainder.
    fn zone_demand(&self, zone_demand: &[f64]) -> Vec<f64> {
        let mut d = zone_demand.to_vec();
        d.resize(self.zones, 0.0);
        let rem = self.zones - 1;
        for &z in &self.folded {
            d[rem] += d[z];
            d[z] = 0.0;
        }
        d
    }

    /// The cell centres (lon, lat).
    pub fn points(&self) -> Vec<[f64; 2]> {
        self.cells.iter().map(|c| [c.lon, c.lat]).collect()
    }

    /// Each cell's share of its zone's demand (`zone_demand` by zone index: the townships,
    /// then the remainder).
    pub fn demand(&self, zone_demand: &[f64]) -> Vec<f64> {
        let d = self.zone_demand(zone_demand);
        self.cells
            .iter()
            .map(|c| d.get(c.zone).copied().unwrap_or(0.0) * c.share)
            .collect()
    }

    /// A service on the grid: every cell's demand, E2SFCA accessibility (per person) and distance
    /// to the nearest site, and per zone its demand, demand × access and demand covered within
    /// `radius_m`. `sites` are (lon/lat, supply); `zone_demand` by zone (townships, remainder).
    pub fn evaluate(
        &self,
        zone_demand: &[f64],
        sites: &[([f64; 2], f64)],
        radius_m: f64,
        catchment_m: f64,
    ) -> GridReach {
        let points = self.points();
        let demand = self.demand(zone_demand);
        let xy: Vec<[f64; 2]> = sites.iter().map(|s| s.0).collect();
        let supply: Vec<f64> = sites.iter().map(|s| s.1).collect();
        let costs = CostMatrix::within(&points, &xy, Metric::Haversine, catchment_m.max(radius_m));
        let nearest = nearest_open(&costs, None);
        let weight = Weight::e2sfca_over(catchment_m);
        let access = accessibility(
            Stage::TwoStep,
            &weight,
            &demand,
            &supply,
            &costs,
            catchment_m,
        );
        let mut zones = vec![ZoneReach::default(); self.zones];
        for (i, c) in self.cells.iter().enumerate() {
            let z = &mut zones[c.zone];
            z.demand += demand[i];
            z.demand_access += demand[i] * access[i].unwrap_or(0.0);
            if nearest[i].is_some_and(|d| d <= radius_m) {
                z.covered += demand[i];
            }
        }
        GridReach {
            radius_m,
            catchment_m,
            weight,
            supply_total: supply.iter().sum(),
            demand,
            access,
            nearest,
            zones,
        }
    }

    /// Reach of a service with `sites` (facility, supply) and demand by zone index.
    pub fn reach(
        &self,
        category: FacilityCategory,
        township_demand: &[f64],
        sites: &[(&Facility, f64)],
    ) -> ServiceReach {
        let (radius, catchment) = service_distances(category);
        let sites: Vec<([f64; 2], f64)> = sites
            .iter()
            .map(|(f, s)| ([f.location.lon, f.location.lat], *s))
            .collect();
        let r = self.evaluate(township_demand, &sites, radius, catchment);
        let zones: Vec<(f64, f64)> = r.zones.iter().map(ZoneReach::pair).collect();
        ServiceReach {
            category,
            radius_m: radius,
            catchment_m: catchment,
            coverage_share: r.coverage_share(),
            access_cv: access_equity(&zones).map(|e| e.cv),
        }
    }
}

/// One zone's part of a service's reach.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ZoneReach {
    pub demand: f64,
    /// Σ demand × accessibility (per person).
    pub demand_access: f64,
    /// Demand within the life-circle radius of a site.
    pub covered: f64,
}

impl ZoneReach {
    /// Demand-weighted accessibility (per person); 0 without demand.
    pub fn access(&self) -> f64 {
        if self.demand > 0.0 {
            self.demand_access / self.demand
        } else {
            0.0
        }
    }

    /// Share of the demand covered; `None` without demand.
    pub fn coverage(&self) -> Option<f64> {
        (self.demand > 0.0).then(|| self.covered / self.demand)
    }

    /// (demand, access) for the inter-zone CV.
    pub fn pair(&self) -> (f64, f64) {
        (self.demand, self.access())
    }
}

/// A service evaluated on the county grid.
pub struct GridReach {
    pub radius_m: f64,
    pub catchment_m: f64,
    pub weight: Weight,
    pub supply_total: f64,
    /// Per cell.
    pub demand: Vec<f64>,
    pub access: Vec<Option<f64>>,
    pub nearest: Vec<Option<f64>>,
    /// Per zone: the townships, then the remainder.
    pub zones: Vec<ZoneReach>,
}

impl GridReach {
    pub fn demand_total(&self) -> f64 {
        self.zones.iter().map(|z| z.demand).sum()
    }

    /// Demand-weighted accessibility over the county (per person).
    pub fn county_access(&self) -> f64 {
        let d = self.demand_total();
        if d > 0.0 {
            self.zones.iter().map(|z| z.demand_access).sum::<f64>() / d
        } else {
            0.0
        }
    }

    /// Share of the county's demand within the radius of a site.
    pub fn coverage_share(&self) -> Option<f64> {
        let d = self.demand_total();
        (d > 0.0).then(|| self.zones.iter().map(|z| z.covered).sum::<f64>() / d)
    }
}
