// Hand-written mirror of the Rust import types (crates/api import.rs); re-exported from ./index.

/** Tables with a column mapping; boundaries are GeoJSON and have none. */
export type ImportKind = 'facilities' | 'zones' | 'hukou'

export interface ImportField {
  key: string
  label_zh: string
  label_en: string
  required: boolean
}

export interface ImportPreview {
  encoding: 'utf-8' | 'gbk' | 'xlsx'
  headers: string[]
  /** The first 20 data rows. */
  rows: string[][]
  total_rows: number
  fields: ImportField[]
  /** File header → field key, auto-detected; null = ignored. */
  mapping: Record<string, string | null>
}

export interface ImportFileRequest {
  file_name: string
  base64: string
  dry_run: boolean
  /** File header → field key; unlisted headers are ignored. */
  column_map?: Record<string, string>
}

export interface ImportReport {
  rows: number
  added: string[]
  updated: string[]
  dry_run: boolean
}

export interface ZonesReport {
  rows: number
  updated: string[]
  county_population: number
  dry_run: boolean
}

/** Coordinates of the file; the app stores GCJ-02 and converts the others. */
export type BoundaryCrs = 'wgs84' | 'cgcs2000' | 'gcj02'

export interface BoundariesReport {
  features: number
  updated: string[]
  dry_run: boolean
}

/** One bad cell of a rejected file (`input.invalid` → `params.errors`); row 1 is the header. */
export interface CellError {
  file: string
  row: number
  column: string
  value: string
  message_zh: string
  message_en: string
}

/** `get_hukou` / `import_hukou`: the county's 户籍 table (null = none stored). */
export interface HukouStatus {
  total: number
  /** 户籍 − census 常住: positive = more registered than resident. */
  minus_resident: number
  /** File name it was imported from. */
  source: string
  /** Empty on a dry run. */
  updated_at: string
  /** The 19 census bands 0, 1-4, 5-9 … 80-84, 85+. */
  bands: { male: number[]; female: number[] }
}
