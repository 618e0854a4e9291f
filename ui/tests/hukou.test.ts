import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { HukouStatus } from '../src/bindings'
import { HUKOU_BANDS, hukouBand } from '../src/platform/fixtureImport'
import { ApiError } from '../src/platform/errors'
import { cellErrors } from '../src/features/import/cellErrors'
import ImportView from '../src/features/import/ImportView.vue'
import PopulationView from '../src/features/population/PopulationView.vue'
import { hukouState, loadHukou, migrationDraft, outlookBasis, outlookMigration, outlookState } from '../src/features/population/store'
import { defaultMigrationDraft } from '../src/lib/migration'
import { makeI18n } from './helpers'

// Every backend call, to check what the population page asks for.
const calls: { cmd: string; payload: Record<string, unknown> }[] = []
vi.mock('../src/platform/fixture', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/platform/fixture')>()
  return {
    ...real,
    fixtureRpc: (name: string, cmd: string, payload: Record<string, unknown> = {}) => {
      calls.push({ cmd, payload })
      return real.fixtureRpc(name, cmd, payload)
    },
  }
})
const { fixtureRpc, resetFixture } = await import('../src/platform/fixture')

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
// 19 bands of 3,000 + 3,500 = 123,500: 5,716 fewer than the demo county's 129,216 residents.
const HUKOU_CSV = '年龄组,男,女\n' + HUKOU_BANDS.map((b, i) => `${i === 18 ? '85岁及以上' : b},3000,3500`).join('\n') + '\n'

async function importHukou(): Promise<HukouStatus> {
  return fixtureRpc<HukouStatus>('demo', 'import_hukou', { file_name: 'hukou.csv', base64: b64(HUKOU_CSV), dry_run: false })
}

beforeEach(() => {
  resetFixture()
  localStorage.clear()
  calls.length = 0
  window.history.replaceState(null, '', '/?fixture=demo')
  Object.assign(hukouState, { status: null, loaded: false })
  Object.assign(outlookState, { data: null, variant: null, migration: null, basis: null, error: null })
  outlookBasis.value = 'resident'
  migrationDraft.value = defaultMigrationDraft()
  outlookMigration.value = null
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('户籍 table in the demo fixture', () => {
  it('reads band labels in the spellings the backend accepts', () => {
    expect(HUKOU_BANDS).toHaveLength(19)
    expect(['0', '0岁', '1-4岁', '5～9岁', '85+', '85岁及以上', '85岁以上'].map(hukouBand)).toEqual([0, 0, 1, 2, 18, 18, 18])
    expect(hukouBand('5-10')).toBe(-1)
  })

  it('sums the CSV, stores it only on a real import, and clears it', async () => {
    expect(await fixtureRpc('demo', 'get_hukou', {})).toBeNull()
    const dry = await fixtureRpc<HukouStatus>('demo', 'import_hukou', { file_name: 'h.csv', base64: b64(HUKOU_CSV), dry_run: true })
    expect(dry).toMatchObject({ total: 123500, minus_resident: -5716, source: 'h.csv', updated_at: '' })
    expect(dry.bands.female[18]).toBe(3500)
    expect(await fixtureRpc('demo', 'get_hukou', {})).toBeNull()
    await importHukou()
    expect(await fixtureRpc<HukouStatus>('demo', 'get_hukou', {})).toMatchObject({ total: 123500, source: 'hukou.csv' })
    expect(await fixtureRpc('demo', 'clear_hukou', {})).toBeNull()
    expect(await fixtureRpc('demo', 'get_hukou', {})).toBeNull()
  })

  it('reports bad bands, counts and missing bands by cell', async () => {
    const bad = '年龄组,男,女\n0,10,x\n0,5,5\n5-10,1,1\n'
    const err = await fixtureRpc('demo', 'import_hukou', { file_name: 'h.csv', base64: b64(bad), dry_run: true }).catch((e: ApiError) => e)
    expect(cellErrors(err as ApiError)!.map((c) => [c.row, c.column])).toEqual([[2, '女'], [3, '年龄组'], [4, '年龄组']])
    const short = await fixtureRpc('demo', 'import_hukou', { file_name: 'h.csv', base64: b64('年龄组,男,女\n0,1,1\n'), dry_run: true }).catch((e: ApiError) => e)
    expect(cellErrors(short as ApiError)![0].message_en).toContain('missing age bands: 1-4, 5-9')
  })

  it('refuses a 户籍 outlook without a table or with migration, as the backend does', async () => {
    const noTable = await fixtureRpc('demo', 'get_outlook', { basis: 'hukou' }).catch((e: ApiError) => e)
    expect((noTable as ApiError).code).toBe('projection.no_hukou')
    await importHukou()
    const mig = await fixtureRpc('demo', 'get_outlook', { basis: 'hukou', migration: { annual_net: 100 } }).catch((e: ApiError) => e)
    expect((mig as ApiError).code).toBe('projection.hukou_migration')
  })
})

describe('户籍人口 tab', () => {
  it('exists and validates, imports and clears a CSV in fixture mode', async () => {
    const w = mount(ImportView, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.get('[data-testid="import-kind-hukou"]').text()).toBe('户籍人口')
    const tab = w.get('.ti[data-kind="hukou"]')
    expect(tab.text()).toContain('规划测算默认用常住人口')
    const input = tab.get('[data-testid="import-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File([HUKOU_CSV], '户籍.csv')], configurable: true })
    await input.trigger('change')
    await vi.waitFor(() => expect(tab.find('[data-testid="import-preview"]').exists()).toBe(true))
    expect(tab.findAll('[data-testid="import-preview"] tbody tr')).toHaveLength(19)

    await tab.get('[data-testid="import-validate"]').trigger('click')
    await vi.waitFor(() => expect(tab.find('[data-testid="import-valid"]').exists()).toBe(true))
    expect(tab.get('[data-testid="import-valid"]').text()).toContain('户籍人口 123,500 人（比普查常住人口少 5,716 人）')

    await tab.get('[data-testid="import-run"]').trigger('click')
    await vi.waitFor(() => expect(tab.find('[data-testid="import-success"]').exists()).toBe(true))
    expect(tab.get('[data-testid="import-success"]').text()).toContain('户籍人口 123,500 人（比普查常住人口少 5,716 人）')
    expect(hukouState.status?.total).toBe(123500)
    expect(w.find('[data-testid="hukou-status"]').exists()).toBe(false)

    await w.get('[data-testid="hukou-clear"]').trigger('click')
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    ;(document.querySelector('.el-message-box .el-button--primary') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(hukouState.status).toBeNull())
    expect(calls.some((c) => c.cmd === 'clear_hukou')).toBe(true)
    w.unmount()
  })

  it('shows the stored table with its difference when the page opens', async () => {
    await importHukou()
    const w = mount(ImportView, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    await vi.waitFor(() => expect(w.find('[data-testid="hukou-status"]').exists()).toBe(true))
    expect(w.get('[data-testid="hukou-status"]').text()).toContain('Registered population 123,500 (5,716 fewer than the census resident population)')
    w.unmount()
  })
})

describe('population basis switch', () => {
  const stubs = { PopulationPyramid: true, AgeTrends: true, PeakTable: true, DemandNorms: true }
  const mountPage = () => mount(PopulationView, { global: { plugins: [makeI18n('zh-CN')], stubs }, attachTo: document.body })
  const hukouInput = (w: ReturnType<typeof mountPage>) => w.get('[data-testid="basis-hukou"] input').element as HTMLInputElement

  it('is disabled without a 户籍 table and enabled after an import', async () => {
    const w = mountPage()
    await vi.waitFor(() => expect(hukouState.loaded).toBe(true))
    await flushPromises()
    expect(w.find('[data-testid="basis-switch"]').exists()).toBe(true)
    expect(hukouInput(w).disabled).toBe(true)
    await importHukou()
    await loadHukou()
    await flushPromises()
    expect(hukouInput(w).disabled).toBe(false)
    w.unmount()
  })

  it('sends basis hukou and no migration, locks the migration fields and says the fixture is 常住', async () => {
    await importHukou()
    // As left by an earlier visit: a migration typed and applied on the 常住 basis.
    migrationDraft.value = { ...defaultMigrationDraft(), annualNet: -800 }
    outlookMigration.value = { annual_net: -800, from: 2021, to: null, profile: 'rogers_castro', male_share: 0.5 }
    const w = mountPage()
    await vi.waitFor(() => expect(w.find('[data-testid="assumptions"]').exists()).toBe(true))
    await vi.waitFor(() => expect(hukouInput(w).disabled).toBe(false))
    await vi.waitFor(() => expect(calls.filter((c) => c.cmd === 'get_outlook').at(-1)?.payload.migration).toMatchObject({ annual_net: -800 }))
    expect(w.get('[data-testid="assume-hukou-diff"]').text()).toBe('户籍人口 123,500 人（比普查常住人口少 5,716 人）')

    await w.get('[data-testid="basis-hukou"] input').setValue(true)
    await vi.waitFor(() => expect(outlookState.basis).toBe('hukou'))
    const req = calls.filter((c) => c.cmd === 'get_outlook').at(-1)!.payload
    expect(req.basis).toBe('hukou')
    expect(req).not.toHaveProperty('migration')
    await flushPromises()
    expect(w.get('[data-testid="migration-locked"]').text()).toContain('不计迁移')
    expect((w.get('[data-testid="migration-net"] input').element as HTMLInputElement).disabled).toBe(true)
    expect(w.get('[data-testid="fixture-variant"]').text()).toBe('示例数据仅含中方案、常住口径')
    expect(w.get('[data-testid="assume-basis"]').text()).toContain('常住人口（第七次全国人口普查）')
    w.unmount()
  })
})
