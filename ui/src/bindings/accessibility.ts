// Hand-written mirror of the Rust accessibility types (`get_accessibility`); re-exported from ./index.
import type { FacilityCategory, OutlookVariant } from './index'

/** Omitted fields take the backend defaults (year 2025, cell 1000 m, medium variant). */
export interface AccessibilityRequest {
  category: FacilityCategory
  year?: number
  /** Farthest distance a site still serves (E2SFCA catchment), metres. */
  catchment_m?: number
  /** Coverage radius: a cell is `covered` when its nearest site is within this. */
  radius_m?: number
  cell_m?: number
  variant?: OutlookVariant
}

/** One grid cell; demand is residents of the demand group, spread evenly over the township's land. */
export interface AccessCell {
  lon: number
  lat: number
  township_code: string
  demand: number
  /** Supply units per 1 000 residents of the demand group; null = no site within the catchment. */
  access_per_1000: number | null
  /** Straight-line distance to the nearest site; null when none is within the catchment (not searched farther). */
  nearest_m: number | null
  /** Nearest site within `radius_m`. */
  covered: boolean
}

export interface TownshipAccess {
  code: string
  name: string
  demand: number
  /** Demand-weighted mean of the township's cells (cells out of reach count as 0). */
  access_per_1000: number
  /** Share of demand (0–1) within `radius_m` of a site. */
  coverage_share: number
  uncovered_demand: number
  /** Township access ÷ county access. */
  access_ratio: number
  /** access_ratio below `rule_access_ratio`: a 盲区. */
  underserved: boolean
}

export interface AccessibilityView {
  method: 'e2sfca' | (string & {})
  category: FacilityCategory
  year: number
  catchment_m: number
  radius_m: number
  cell_m: number
  /** Stepped distance decay: [upper distance in m, weight], ascending. */
  weights: [number, number][]
  /** Backend wording (zh), e.g. `3岁以下婴幼儿 (0–2岁)`. */
  demand_group: string
  /** Backend wording (zh): 托位 / 床位 / 学位. */
  supply_unit: string
  supply_total: number
  demand_total: number
  /** supply_total ÷ demand_total × 1000. */
  county_access_per_1000: number
  county_coverage_share: number
  /** Demand-weighted coefficient of variation of township access; lower = more even. */
  township_cv: number
  rule_access_ratio: number
  /** Township codes of 盲区, most uncovered demand first. */
  underserved: string[]
  townships: TownshipAccess[]
  cells: AccessCell[]
  /** Backend wording (zh) of how demand was placed on the grid. */
  demand_note: string
}
