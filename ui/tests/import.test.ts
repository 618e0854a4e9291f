import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { FeatureCollection } from 'geojson'
import type { BoundariesReport, Dashboard, ImportPreview, PlacesReport, ZonesReport } from '../src/bindings/generated'
import dashboardFixture from '../src/fixtures/dashboard.demo.json'
import zonesPreview from '../src/fixtures/preview_import.zones.json'
import zonesDryRun from '../src/fixtures/import_zones.dry_run.json'
import boundariesDryRun from '../src/fixtures/import_boundaries.dry_run.json'
import placesPreview from '../src/fixtures/preview_import.places.json'
import placesDryRun from '../src/fixtures/import_places.dry_run.json'
import importErrors from '../src/fixtures/import_errors.demo.json'
import { ApiError, toApiError } from '../src/platform/errors'
import { apiError, useBackend } from './backend'
import {
  columnMap, duplicateFields, initialMapping, mappingKey, missingRequired, rememberMapping, rememberedMapping,
} from '../src/features/import/mapping'
import { cellErrors, closingLine, errorRows, errorTotal } from '../src/features/import/cellErrors'
import { acceptsFile, kilobytes, readAsBase64 } from '../src/features/import/files'
import { summarizeBoundaries } from '../src/features/import/boundaries'
import TableImport from '../src/features/import/TableImport.vue'
import BoundaryImport from '../src/features/import/BoundaryImport.vue'
import { makeI18n } from './helpers'

const boundaries = (dashboardFixture as unknown as Dashboard).boundaries as FeatureCollection
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

  it('keeps the closing line of a long list out of the rows and counts what it stands for', () => {
    // The recorded refusal of 205 bad rows: 200 listed, then "另有 5 处错误未列出".
    const cells = cellErrors(toApiError(importErrors))!
    expect(cells).toHaveLength(201)
    expect(errorRows(cells, 'zh-CN')).toHaveLength(200)
    expect(errorRows(cells, 'zh-CN').every((r) => r.row > 0)).toBe(true)
    expect(errorTotal(cells)).toBe(205)
    expect(closingLine(cells, 'zh-CN')).toBe('另有 5 处错误未列出（只列出前 200 处）')
    expect(closingLine(cells, 'en')).toBe('5 more error(s) not listed (only the first 200 are shown)')
    expect(closingLine(cellErrors(new ApiError('input.invalid', 'x', { errors: [] }))!, 'en')).toBeNull()
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

describe('import page (recorded backend)', () => {
  beforeEach(() => {
    localStorage.clear()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function choose(w: ReturnType<typeof mount>, name: string, text: string) {
    const input = w.get('[data-testid="import-file-input"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true })
    await w.get('[data-testid="import-file-input"]').trigger('change')
  }

  it('previews, validates, then imports a zones file, for the county', async () => {
    const b = useBackend({
      preview_import: zonesPreview as ImportPreview,
      import_zones: (p) => ({ ...(zonesDryRun as ZonesReport), dry_run: !!p.dry_run }),
    })
    const w = mount(TableImport, { props: { kind: 'zones' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.get('[data-testid="import-empty"]').text()).toContain('先下载模板')
    expect(w.find('[data-testid="import-validate"]').exists()).toBe(false)
    await choose(w, '乡镇人口.csv', ZONES_CSV)
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    expect(w.findAll('[data-testid="import-preview"] tbody tr')).toHaveLength(3)
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))
    // 浮云 15,277 → 45,210 takes 29,933 more than the county had: it grows to 159,149; what 元和
    // (47,995 → 30,500) and 崇头 (10,747 → 8,900) give up, 19,342, stays 未分配.
    expect(w.get('[data-testid="import-valid"]').text()).toContain('共 3 行，可导入：更新 3 个乡镇（街道），导入后全县常住人口 159,149 人；仍有 19,342 人未分配到乡镇')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeUndefined()

    await w.get('[data-testid="import-run"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-success"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-success"]').text()).toContain('已导入乡镇人口：更新 3 个乡镇（街道），全县常住人口 159,149 人')
    const sent = b.sent('import_zones')
    expect(sent.map((p) => p.dry_run)).toEqual([true, false])
    expect(sent[0]).toMatchObject({ county: '331125', file_name: '乡镇人口.csv', column_map: { '乡镇（街道）代码': 'code', 名称: 'name', 常住人口: 'resident_population' } })
    expect(b.sent('preview_import')[0]).toMatchObject({ kind: 'zones', file_name: '乡镇人口.csv' })
    w.unmount()
  })

  it('a changed mapping needs a new validation and is remembered; 取消 clears the file', async () => {
    useBackend({ preview_import: zonesPreview as ImportPreview, import_zones: zonesDryRun as ZonesReport })
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

  it('shows every error of a rejected file, the count, and the closing line as a footer', async () => {
    // The recorded refusal of a 205-row file whose rows all name an unknown township.
    useBackend({ preview_import: zonesPreview as ImportPreview, import_zones: () => apiError('input.invalid', importErrors.params) })
    const w = mount(TableImport, { props: { kind: 'zones' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await choose(w, '乡镇人口.csv', ZONES_CSV)
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-errors"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-error-count"]').text()).toBe('共 205 处错误')
    const rows = w.findAll('[data-testid="import-errors"] tbody tr')
    expect(rows.length).toBeGreaterThan(0)
    expect(w.get('[data-testid="import-errors"]').text()).not.toContain('另有')
    expect(w.get('[data-testid="import-errors-more"]').text()).toBe('另有 5 处错误未列出（只列出前 200 处）')
    expect(w.get('[data-testid="import-errors"]').text()).toContain('331125999')
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })

  it('村/社区 points: asks the frame, sends it, and says where the points fall', async () => {
    const b = useBackend({ preview_import: placesPreview as ImportPreview, import_places: placesDryRun as PlacesReport })
    const w = mount(TableImport, { props: { kind: 'places' }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.find('[data-testid="import-crs"]').exists()).toBe(true)
    await w.get('[data-testid="import-crs-gcj02"] input').setValue(true)
    await choose(w, '村社区.csv', '村/社区代码,名称,经度,纬度,常住人口\n')
    await vi.waitFor(() => expect(w.find('[data-testid="import-preview"]').exists()).toBe(true))
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))
    // 3,200 + 2,100 residents at two points, one in 浮云街道 and one in 元和街道.
    expect(w.get('[data-testid="import-valid"]').text()).toContain('共 2 个村（社区）点，可导入：常住人口合计 5,300 人，分布在 2 个乡镇（街道）')
    expect(b.sent('import_places')[0]).toMatchObject({ county: '331125', crs: 'gcj02', dry_run: true })
    w.unmount()
  })

  it('boundaries: counts features, validates with the chosen CRS', async () => {
    const b = useBackend({ import_boundaries: boundariesDryRun as BoundariesReport })
    const w = mount(BoundaryImport, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    expect(w.text()).toContain('GCJ-02')
    await choose(w, 'townships.geojson', JSON.stringify(boundaries))
    await vi.waitFor(() => expect(w.find('[data-testid="import-features"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-features"]').text()).toContain('10 features')
    await w.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-testid="import-valid"]').exists()).toBe(true))
    expect(w.get('[data-testid="import-valid"]').text()).toContain('10 features, ready to import: boundaries of 10 townships updated')
    expect(b.sent('import_boundaries')[0]).toMatchObject({ county: '331125', crs: 'cgcs2000', dry_run: true })
    w.unmount()
  })
})
