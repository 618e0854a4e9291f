import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { BoundariesReport, Dashboard, ImportPreview, ImportReport, ZonesReport } from '../src/bindings'
import dashboardFixture from '../src/fixtures/dashboard.demo.json'
import { fixtureRpc, resetFixture } from '../src/platform/fixture'
import { parseCsv } from '../src/platform/fixtureImport'
import { ApiError } from '../src/platform/errors'
import {
  columnMap, duplicateFields, initialMapping, mappingKey, missingRequired, rememberMapping, rememberedMapping,
} from '../src/features/import/mapping'
import { cellErrors, errorRows } from '../src/features/import/cellErrors'
import { acceptsFile, kilobytes, readAsBase64 } from '../src/features/import/files'
import { summarizeBoundaries } from '../src/features/import/boundaries'
import TableImport from '../src/features/import/TableImport.vue'
import BoundaryImport from '../src/features/import/BoundaryImport.vue'
import { makeI18n } from './helpers'

const boundaries = (dashboardFixture as unknown as Dashboard).boundaries
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
const ZONES_CSV = '乡镇（街道）代码,名称,常住人口,备注\n331125001,浮云街道,45210,\n331125002,元和街道,30500,新城区\n331125105,崇头镇,8900,\n'

function memoryStorage() {
  const mem = new Map<string, string>()
  return { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v), mem }
}

const FIELDS = [
  { key: 'code', label_zh: '乡镇（街道）代码', label_en: 'Township code', required: true },
  { key: 'name', label_zh: '名称', label_en: 'Name', required: false },
  { key: 'resident_population', label_zh: '常住人口', label_en: 'Resident population', required: true },
]

describe('column mapping', () => {
  it('keys a header set by its sorted headers', () => {
    // Sorted by code point: 名 U+540D < 常 U+5E38 < 编 U+7F16.
    expect(mappingKey(['编号', '名称', '常住人口'])).toBe('名称|常住人口|编号')
    expect(mappingKey(['常住人口', '编号', '名称'])).toBe('名称|常住人口|编号')
    expect(mappingKey(['b', 'a'])).toBe('a|b')
  })

  it('remembers a mapping per kind and header set, whatever the column order', () => {
    const s = memoryStorage()
    rememberMapping('zones', ['代码', '人口', '备注'], { 代码: 'code', 人口: 'resident_population', 备注: null }, s)
    expect(s.mem.get('junheng.importMapping.zones')).toBe('{"人口|代码|备注":{"代码":"code","人口":"resident_population","备注":null}}')
    expect(rememberedMapping('zones', ['备注', '人口', '代码'], s)).toEqual({ 代码: 'code', 人口: 'resident_population', 备注: null })
    expect(rememberedMapping('facilities', ['代码', '人口', '备注'], s)).toBeNull()
    expect(rememberedMapping('zones', ['代码', '人口'], s)).toBeNull()
    s.setItem('junheng.importMapping.zones', 'not json')
    expect(rememberedMapping('zones', ['代码', '人口', '备注'], s)).toBeNull()
  })

  it('starts from the remembered choice where it is still a field, else from detection', () => {
    const headers = ['代码', '人口', '备注']
    const detected = { 代码: 'code', 人口: null, 备注: null }
    const remembered = { 代码: 'gone_field', 人口: 'resident_population', 备注: null }
    expect(initialMapping(headers, detected, remembered, FIELDS)).toEqual({ 代码: 'code', 人口: 'resident_population', 备注: null })
    expect(initialMapping(headers, detected, null, FIELDS)).toEqual(detected)
  })

  it('flags unmapped required fields and fields mapped twice; sends only mapped columns', () => {
    const m = { 代码: 'code', 名称: 'name', 名称2: 'name', 备注: null }
    expect(missingRequired(FIELDS, m).map((f) => f.key)).toEqual(['resident_population'])
    expect(duplicateFields(m)).toEqual(['name'])
    expect(columnMap(m)).toEqual({ 代码: 'code', 名称: 'name', 名称2: 'name' })
    expect(missingRequired(FIELDS, { a: 'code', b: 'resident_population' })).toEqual([])
  })
})

describe('error table rows', () => {
  const err = new ApiError('input.invalid', '2 error(s)', {
    errors: [
      { file: 'f.csv', row: 5, column: '经度', value: '200', message_zh: '应在 73–136 之间', message_en: 'expected 73–136' },
      { file: 'f.csv', row: 3, column: '类型', value: '托儿所', message_zh: '不是已知的设施类型', message_en: '' },
    ],
  })

  it('lists every located cell in the UI language', () => {
    const cells = cellErrors(err)!
    expect(errorRows(cells, 'zh-CN')).toEqual([
      { n: 0, file: 'f.csv', row: 5, column: '经度', value: '200', message: '应在 73–136 之间' },
      { n: 1, file: 'f.csv', row: 3, column: '类型', value: '托儿所', message: '不是已知的设施类型' },
    ])
    // A missing English message falls back to the Chinese one.
    expect(errorRows(cells, 'en').map((r) => r.message)).toEqual(['expected 73–136', '不是已知的设施类型'])
  })

  it('is not a cell list for other errors', () => {
    expect(cellErrors(new ApiError('network', 'down'))).toBeNull()
    expect(cellErrors(new ApiError('input.invalid', 'x', {}))).toBeNull()
  })
})

describe('files', () => {
  it('accepts the extensions of each kind', () => {
    expect(acceptsFile('乡镇人口.CSV', 'zones')).toBe(true)
    expect(acceptsFile('设施.xlsx', 'facilities')).toBe(true)
    expect(acceptsFile('设施.xls', 'facilities')).toBe(false)
    expect(acceptsFile('边界.geojson', 'boundaries')).toBe(true)
    expect(acceptsFile('边界.json', 'boundaries')).toBe(true)
    expect(acceptsFile('边界.csv', 'boundaries')).toBe(false)
    expect(kilobytes(147)).toBe('0.1')
    expect(kilobytes(24727)).toBe('24.1')
  })

  it('reads a file as base64', async () => {
    expect(await readAsBase64(new Blob(['编号,名称\n']))).toBe(b64('编号,名称\n'))
  })

  it('summarises a boundary file before validation', () => {
    const s = summarizeBoundaries(JSON.stringify(boundaries))
    expect(s.features).toBe(10)
    expect(s.codes.slice(0, 2)).toEqual(['331125001', '331125002'])
    expect(s.missingCode).toBe(0)
    const noCode = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x' }, geometry: null }] }
    expect(summarizeBoundaries(JSON.stringify(noCode))).toEqual({ features: 1, codes: [], missingCode: 1 })
    expect(() => summarizeBoundaries('{"type":"Feature"}')).toThrow()
    expect(() => summarizeBoundaries('not json')).toThrow()
  })
})

describe('imports in the demo fixture', () => {
  beforeEach(() => resetFixture())

  it('parses CSV with quotes, commas and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, ""y""","line\nbreak"\n\n1,2')).toEqual([['a', 'b'], ['x, "y"', 'line\nbreak'], ['1', '2']])
  })

  it('previews a CSV with the detected mapping', async () => {
    const p = await fixtureRpc<ImportPreview>('demo', 'preview_import', { kind: 'zones', file_name: 'z.csv', base64: b64('\uFEFF' + ZONES_CSV) })
    expect(p.encoding).toBe('utf-8')
    expect(p.headers).toEqual(['乡镇（街道）代码', '名称', '常住人口', '备注'])
    expect(p.total_rows).toBe(3)
    expect(p.rows[1]).toEqual(['331125002', '元和街道', '30500', '新城区'])
    expect(p.mapping).toEqual({ '乡镇（街道）代码': 'code', 名称: 'name', 常住人口: 'resident_population', 备注: null })
  })

  it('validates zones: the county becomes the sum of its townships', async () => {
    const r = await fixtureRpc<ZonesReport>('demo', 'import_zones', { file_name: 'z.csv', base64: b64(ZONES_CSV), dry_run: true })
    // 129,216 − (15,277 + 47,995 + 10,747) + (45,210 + 30,500 + 8,900) = 139,807.
    expect(r).toEqual({ rows: 3, updated: ['331125001', '331125002', '331125105'], county_population: 139807, dry_run: true })
  })

  it('tells added from updated facilities by id', async () => {
    const csv = '编号,名称\nCC01,a\nCC99,b\n'
    const r = await fixtureRpc<ImportReport>('demo', 'import_facilities', { file_name: 'f.csv', base64: b64(csv), dry_run: false })
    expect(r).toEqual({ rows: 2, added: ['CC99'], updated: ['CC01'], dry_run: false })
  })

  it('rejects a "bad" file with two located errors and counts boundary features', async () => {
    let err: ApiError | null = null
    try {
      await fixtureRpc('demo', 'import_facilities', { file_name: '设施_bad.csv', base64: b64('编号\n'), dry_run: true })
    } catch (e) {
      err = e as ApiError
    }
    expect(cellErrors(err!)!.map((c) => [c.row, c.column])).toEqual([[3, '类型'], [5, '经度']])
    const r = await fixtureRpc<BoundariesReport>('demo', 'import_boundaries', {
      file_name: 'b.geojson', base64: b64(JSON.stringify(boundaries)), crs: 'gcj02', dry_run: true,
    })
    expect(r).toMatchObject({ features: 10, dry_run: true })
    expect(r.updated).toHaveLength(10)
  })
})

describe('import page (fixture mode)', () => {
  beforeEach(() => {
    resetFixture()
    localStorage.clear()
    window.history.replaceState(null, '', '/?fixture=demo')
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function choose(w: ReturnType<typeof mount>, name: string, text: string) {
    const input = w.get('[data-testid="import-file-input"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true })
    await w.get('[data-testid="import-file-input"]').trigger('change')
  }

  it('previews, validates, then imports a zones file', async () => {
    const w = mount(TableImport, { props: { kind: 'zones' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.get('[data-testid="import-empty"]').text()).toContain('先下载模板')
    expect(w.find('[data-testid="import-validate"]').exists()).toBe(false)
    await choose(w, '乡镇人口.csv', ZONES_CSV)
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    expect(w.findAll('[data-testid="import-preview"] tbody tr')).toHaveLength(3)
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-valid"]').text()).toContain('共 3 行，可导入：更新 3 个乡镇（街道），导入后全县常住人口 139,807 人')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeUndefined()

    await w.get('[data-testid="import-run"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-success"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-success"]').text()).toContain('已导入乡镇人口：更新 3 个乡镇（街道），全县常住人口 139,807 人')
    w.unmount()
  })

  it('a changed mapping needs a new validation and is remembered; 取消 clears the file', async () => {
    const w = mount(TableImport, { props: { kind: 'zones' }, global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    await choose(w, 'zones.csv', ZONES_CSV)
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))

    // Unmapping the population column: flagged, validation void, import disabled.
    ;(w.vm as unknown as { setMapping: (h: string, k: string | null) => void }).setMapping('常住人口', null)
    await flushPromises()
    expect(w.get('[data-testid="import-missing"]').text()).toContain('Resident population')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="import-validate"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="import-stale"]').exists()).toBe(true)
    expect(rememberedMapping('zones', ['备注', '常住人口', '名称', '乡镇（街道）代码'])).toMatchObject({ 常住人口: null })

    await w.get('[data-testid="import-cancel"]').trigger('click')
    expect(w.find('[data-testid="import-file"]').exists()).toBe(false)
    expect(w.find('[data-testid="import-drop"]').exists()).toBe(true)
    w.unmount()
  })

  it('shows every error of a rejected file, with the count', async () => {
    const w = mount(TableImport, { props: { kind: 'facilities' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await choose(w, '设施_bad.csv', '编号,名称,类型\nCC01,a,托儿所\n')
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    // Required columns are missing from this small file: fill them in by hand to reach validation.
    const vm = w.vm as unknown as { setMapping: (h: string, k: string | null) => void; mapping: Record<string, string | null> }
    expect(w.get('[data-testid="import-missing"]').text()).toContain('乡镇（街道）代码')
    vm.mapping = { 编号: 'id', 名称: 'name', 类型: 'kind', ...Object.fromEntries(['township_code', 'lon', 'lat', 'ownership', 'inclusive', 'status', 'opening_year', 'service_mode'].map((k) => [k, k])) }
    await flushPromises()
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-errors"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-error-count"]').text()).toBe('共 2 处错误')
    expect(w.findAll('[data-testid="import-errors"] tbody tr')).toHaveLength(2)
    expect(w.get('[data-testid="import-errors"]').text()).toContain('不是已知的设施类型')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })

  it('boundaries: counts features, validates with the chosen CRS', async () => {
    const w = mount(BoundaryImport, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    expect(w.text()).toContain('GCJ-02')
    await choose(w, 'townships.geojson', JSON.stringify(boundaries))
    await vi.waitFor(() => expect(w.find('[data-testid="import-features"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-features"]').text()).toContain('10 features')
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-valid"]').text()).toContain('10 features, ready to import: boundaries of 10 townships updated')
    w.unmount()
  })
})
