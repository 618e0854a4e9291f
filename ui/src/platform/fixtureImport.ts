// Imports for `?fixture=demo`: files are parsed in the browser (CSV only; an XLSX gets a canned
// preview), a file whose name contains "bad" is rejected with two located errors, one whose name
// contains "slow" answers after 3 s, and nothing is ever stored except the 户籍 table (in memory, so
// the population page's 户籍 switch can be tried). The backend reads CSV (UTF-8/GBK) and XLSX itself.
import type {
  BoundariesReport, CellError, Dashboard, HukouStatus, ImportField, ImportKind, ImportPreview, ImportReport, ZonesReport,
} from '../bindings'
import type { ExportFile } from './exportFile'
import { ApiError } from './errors'

const F = (key: string, label_zh: string, label_en: string, required = false): ImportField => ({ key, label_zh, label_en, required })

// As crates/io: FACILITY_COLUMNS are required, the class, staff and bed columns optional.
const FIELDS: Record<ImportKind, ImportField[]> = {
  facilities: [
    F('id', '编号', 'ID', true), F('name', '名称', 'Name', true), F('kind', '类型', 'Kind', true),
    F('township_code', '乡镇（街道）代码', 'Township code', true), F('lon', '经度', 'Longitude', true),
    F('lat', '纬度', 'Latitude', true), F('ownership', '举办性质', 'Ownership', true), F('inclusive', '普惠', 'Inclusive', true),
    F('status', '状态', 'Status', true), F('opening_year', '开办年份', 'Opening year', true),
    F('service_mode', '服务模式', 'Service mode', true), F('registered_slots', '核定托位', 'Licensed slots'),
    F('infant_classes', '乳儿班', 'Infant classes'), F('toddler_small_classes', '托小班', 'Younger toddler classes'),
    F('toddler_large_classes', '托大班', 'Older toddler classes'), F('mixed_classes', '混合班', 'Mixed-age classes'),
    F('nursery_classes', '幼儿园托班', 'Nursery classes'), F('caregivers', '保育人员', 'Caregivers'),
    F('beds', '床位', 'Beds'), F('nursing_beds', '护理型床位', 'Nursing-care beds'), F('nursing_rooms', '护理型居室', 'Nursing rooms'),
    F('max_beds_per_room', '每间最多床位', 'Max beds per room'), F('room_usable_area_m2', '居室使用面积', 'Usable room area (m²)'),
  ],
  zones: [
    F('code', '乡镇（街道）代码', 'Township code', true), F('name', '名称', 'Name'),
    F('resident_population', '常住人口', 'Resident population', true),
  ],
  hukou: [F('age_band', '年龄组', 'Age band', true), F('male', '男', 'Male', true), F('female', '女', 'Female', true)],
}

/** The 19 census bands, as crates/core CENSUS_BANDS labels them. */
export const HUKOU_BANDS: readonly string[] = ['0', '1-4', ...Array.from({ length: 16 }, (_, i) => `${5 * i + 5}-${5 * i + 9}`), '85+']

const EXAMPLE: Record<ImportKind, string[]> = {
  facilities: [
    'CC99', '城北社区托育点', '社区嵌入式托育点', '331125001', '119.5713', '28.1127', '公办', '是', '现状', '2024', '全日托',
    '60', '0', '2', '1', '0', '0', '9', '', '', '', '', '',
  ],
  zones: ['331125001', '浮云街道', '45000'],
  hukou: ['0', '420', '395'],
}

const field = (p: unknown, k: string): unknown => (typeof p === 'object' && p !== null ? (p as Record<string, unknown>)[k] : undefined)
const kindOf = (p: unknown): ImportKind => {
  const k = field(p, 'kind')
  return k === 'zones' || k === 'hukou' ? k : 'facilities'
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}

function decode(b64: string): { text: string; encoding: 'utf-8' | 'gbk' } {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' }
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(cell), (cell = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell || row.length) row.push(cell), rows.push(row)
  return rows.filter((r) => r.some((x) => x.trim() !== ''))
}

function table(payload: unknown): { headers: string[]; rows: string[][]; encoding: ImportPreview['encoding'] } {
  const kind = kindOf(payload)
  const name = String(field(payload, 'file_name') ?? '')
  if (!/\.csv$/i.test(name)) return { headers: FIELDS[kind].map((f) => f.label_zh), rows: [EXAMPLE[kind]], encoding: 'xlsx' }
  const { text, encoding } = decode(String(field(payload, 'base64') ?? ''))
  const [headers = [], ...rows] = parseCsv(text)
  return { headers: headers.map((h) => h.trim()), rows, encoding }
}

function autoMapping(headers: string[], fields: ImportField[]): Record<string, string | null> {
  const norm = (s: string) => s.trim().toLowerCase()
  return Object.fromEntries(
    headers.map((h) => [h, fields.find((f) => [f.key, f.label_zh, f.label_en].some((l) => norm(l) === norm(h)))?.key ?? null]),
  )
}

function preview(payload: unknown): ImportPreview {
  const kind = kindOf(payload)
  const { headers, rows, encoding } = table(payload)
  return { encoding, headers, rows: rows.slice(0, 20), total_rows: rows.length, fields: FIELDS[kind], mapping: autoMapping(headers, FIELDS[kind]) }
}

function badFile(name: string, kind: ImportKind | 'boundaries'): ApiError {
  const E = (row: number, column: string, value: string, message_zh: string, message_en: string): CellError => ({ file: name, row, column, value, message_zh, message_en })
  const errors: CellError[] = {
    facilities: [
      E(3, '类型', '托儿所', '不是已知的设施类型', 'not a known facility kind'),
      E(5, '经度', '200', '应为 73 到 136 之间的数值', 'expected a number between 73 and 136'),
    ],
    zones: [
      E(2, '乡镇（街道）代码', '331125999', '不是本县的乡镇（街道）代码', 'not a township code of this county'),
      E(4, '常住人口', '-120', '应为不小于 0 的整数', 'expected a whole number of 0 or more'),
    ],
    hukou: [
      E(4, '年龄组', '5-10', '应为普查年龄组：0、1-4、5-9 … 80-84、85+', 'expected a census age band: 0, 1-4, 5-9 … 80-84, 85+'),
      E(7, '女', 'x', '应为非负整数', 'expected a non-negative whole number'),
    ],
    boundaries: [
      E(2, 'code', '', '缺少乡镇（街道）代码', 'missing township code'),
      E(5, 'geometry', 'LineString', '应为 Polygon 或 MultiPolygon', 'expected a Polygon or MultiPolygon'),
    ],
  }[kind]
  return new ApiError('input.invalid', `${errors.length} error(s) in input`, { errors })
}

/** Column of a field: the mapped header if a mapping was sent, else the auto-detected one. */
function columnOf(payload: unknown, headers: string[], key: string): number {
  const map = (field(payload, 'column_map') ?? autoMapping(headers, FIELDS[kindOf(payload)])) as Record<string, string | null>
  return headers.findIndex((h) => map[h] === key)
}

async function importTable(payload: unknown, kind: 'facilities' | 'zones'): Promise<ImportReport | ZonesReport> {
  const name = String(field(payload, 'file_name') ?? '')
  if (/bad/i.test(name)) throw badFile(name, kind)
  const dry_run = field(payload, 'dry_run') !== false
  const { headers, rows } = table({ ...(payload as object), kind })
  const mod = await import('../fixtures/dashboard.demo.json')
  const d = mod.default as unknown as Dashboard
  if (kind === 'facilities') {
    const col = columnOf({ ...(payload as object), kind }, headers, 'id')
    const known = new Set(d.facilities.map((f) => f.id))
    const ids = rows.map((r) => (col >= 0 ? r[col]?.trim() : '') || '')
    return { rows: rows.length, added: ids.filter((i) => !known.has(i)), updated: ids.filter((i) => known.has(i)), dry_run }
  }
  const code = columnOf({ ...(payload as object), kind }, headers, 'code')
  const pop = columnOf({ ...(payload as object), kind }, headers, 'resident_population')
  const given = new Map(rows.map((r) => [r[code]?.trim() ?? '', Number(r[pop] ?? 0)]))
  const county_population = d.townships.reduce((s, z) => s + (given.get(z.code) ?? z.resident_population), 0)
  return { rows: rows.length, updated: [...given.keys()], county_population, dry_run }
}

async function importBoundaries(payload: unknown): Promise<BoundariesReport> {
  const name = String(field(payload, 'file_name') ?? '')
  if (/bad/i.test(name)) throw badFile(name, 'boundaries')
  const { text } = decode(String(field(payload, 'base64') ?? ''))
  let fc: { type?: string; features?: { properties?: { code?: unknown } }[] }
  try {
    fc = JSON.parse(text)
  } catch (e) {
    throw new ApiError('input.invalid', 'not JSON', {
      errors: [{ file: name, row: 1, column: '', value: '', message_zh: `不是有效的 JSON：${String(e)}`, message_en: `not valid JSON: ${String(e)}` }],
    })
  }
  const mod = await import('../fixtures/dashboard.demo.json')
  const codes = new Set((mod.default as unknown as Dashboard).townships.map((z) => z.code))
  const features = fc.features ?? []
  return {
    features: features.length,
    updated: features.map((f) => String(f.properties?.code ?? '')).filter((c) => codes.has(c)),
    dry_run: field(payload, 'dry_run') !== false,
  }
}

function template(payload: unknown): ExportFile {
  const kind = kindOf(payload)
  const en = field(payload, 'lang') === 'en'
  const head = FIELDS[kind].map((f) => (en ? f.key : f.label_zh))
  // As the backend's: the 户籍 template lists every band with zeros to fill in.
  const body = kind === 'hukou' ? HUKOU_BANDS.map((b) => [b, '0', '0']) : [EXAMPLE[kind]]
  const csv = '\uFEFF' + [head, ...body].map((r) => r.join(',')).join('\r\n') + '\r\n'
  // The backend sends an XLSX; the demo has no workbook writer, so it hands out the same table as CSV.
  const file_name = {
    zones: en ? 'zones-template-demo.csv' : '乡镇人口导入模板（演示）.csv',
    facilities: en ? 'facilities-template-demo.csv' : '设施导入模板（演示）.csv',
    hukou: en ? 'registered-population-template-demo.csv' : '户籍人口导入模板（演示）.csv',
  }[kind]
  return { file_name, mime: 'text/csv', base64: toBase64(csv) }
}

let hukouState: HukouStatus | null = null

/** Forget the imported 户籍 table (tests). */
export function resetImportFixture(): void {
  hukouState = null
}

/** The stored 户籍 table; the outlook fixture checks it as the backend does. */
export const fixtureHukou = (): HukouStatus | null => hukouState

/** A band label in the spellings crates/io accepts (`5-9`, `5～9岁`, `0岁`, `85+`, `85岁及以上`); -1 if none. */
export function hukouBand(label: string): number {
  const t = label.trim().replace(/岁及以上$|岁以上$|岁$/, '').replace(/[～~—–到]/g, '-').replace(/ /g, '')
  const norm = t.endsWith('+') || /以上/.test(label) ? `${t.replace(/\+$/, '')}+` : t
  return HUKOU_BANDS.indexOf(norm)
}

const countyResident = async (): Promise<number> => {
  const mod = await import('../fixtures/dashboard.demo.json')
  return (mod.default as unknown as Dashboard).townships.reduce((s, z) => s + z.resident_population, 0)
}

/** Sums the uploaded CSV's bands with the backend's checks (an XLSX gets a canned table). */
async function importHukou(payload: unknown): Promise<HukouStatus> {
  const name = String(field(payload, 'file_name') ?? '')
  if (/bad/i.test(name)) throw badFile(name, 'hukou')
  const p = { ...(payload as object), kind: 'hukou' }
  const bands = { male: HUKOU_BANDS.map(() => 0), female: HUKOU_BANDS.map(() => 0) }
  if (/\.csv$/i.test(name)) {
    const { headers, rows } = table(p)
    const [bc, mc, fc] = ['age_band', 'male', 'female'].map((k) => columnOf(p, headers, k))
    const errors: CellError[] = []
    const E = (row: number, col: number, message_zh: string, message_en: string) =>
      errors.push({ file: name, row, column: headers[col] ?? '', value: rows[row - 2]?.[col] ?? '', message_zh, message_en })
    const seen = new Set<number>()
    rows.forEach((r, i) => {
      const b = hukouBand(r[bc] ?? '')
      if (b < 0) E(i + 2, bc, '应为普查年龄组：0、1-4、5-9 … 80-84、85+', 'expected a census age band: 0, 1-4, 5-9 … 80-84, 85+')
      else if (seen.has(b)) E(i + 2, bc, '年龄组重复', 'age band repeated')
      const counts = [mc, fc].map((c) => {
        const v = (r[c] ?? '').trim()
        if (!/^\d+$/.test(v)) E(i + 2, c, '应为非负整数', 'expected a non-negative whole number')
        return Number(v) || 0
      })
      if (b >= 0 && !seen.has(b)) {
        seen.add(b)
        bands.male[b] = counts[0]
        bands.female[b] = counts[1]
      }
    })
    const missing = HUKOU_BANDS.filter((_, b) => !seen.has(b))
    if (!errors.length && missing.length)
      errors.push({ file: name, row: 1, column: 'age_band', value: '', message_zh: `缺少年龄组：${missing.join('、')}`, message_en: `missing age bands: ${missing.join(', ')}` })
    if (errors.length) throw new ApiError('input.invalid', `${errors.length} error(s) in input`, { errors })
  } else {
    // No workbook reader in the demo: a canned table, 1,884 more registered than resident.
    HUKOU_BANDS.forEach((_, b) => {
      bands.male[b] = 3300 + 20 * b
      bands.female[b] = 3240 + 20 * b
    })
  }
  const total = [...bands.male, ...bands.female].reduce((s, v) => s + v, 0)
  const status: HukouStatus = {
    total, minus_resident: total - (await countyResident()), source: name, updated_at: '', bands,
  }
  if (field(payload, 'dry_run') !== false) return status
  hukouState = { ...status, updated_at: new Date().toISOString().slice(0, 19).replace('T', ' ') }
  return structuredClone(hukouState)
}

/** A file whose name contains "slow" takes 3 s at every step, to show (and test) progress and 取消. */
export const SLOW_FILE_MS = 3000

export async function importRpc(cmd: string, payload: unknown): Promise<unknown> {
  if (/slow/i.test(String(field(payload, 'file_name') ?? ''))) await new Promise((r) => setTimeout(r, SLOW_FILE_MS))
  switch (cmd) {
    case 'get_import_template':
      return template(payload)
    case 'preview_import':
      return preview(payload)
    case 'import_facilities':
      return importTable(payload, 'facilities')
    case 'import_zones':
      return importTable(payload, 'zones')
    case 'import_boundaries':
      return importBoundaries(payload)
    case 'import_hukou':
      return importHukou(payload)
    case 'get_hukou':
      return structuredClone(hukouState)
    case 'clear_hukou':
      hukouState = null
      return null
  }
  throw new ApiError('api.unknown_command', `Fixture has no data for ${cmd}`, { cmd })
}
