import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { HukouStatus, ImportPreview } from '../src/bindings/generated'
import hukouDryRun from '../src/fixtures/import_hukou.dry_run.json'
import hukouPreview from '../src/fixtures/preview_import.hukou.json'
import ImportView from '../src/features/import/ImportView.vue'
import PopulationView from '../src/features/population/PopulationView.vue'
import { hukouState, migrationDraft, outlookBasis, outlookMigration, outlookState } from '../src/features/population/store'
import { defaultMigrationDraft } from '../src/lib/migration'
import { apiError, useBackend } from './backend'
import { makeI18n } from './helpers'

// The 19 census age bands, 3,000 men and 3,500 women each: 123,500, which is 5,716 fewer than
// the demo county's 129,216 census residents (the recorded dry run says the same).
const BANDS = ['0', '1-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85岁及以上']
const HUKOU_CSV = '年龄组,男,女\n' + BANDS.map((b) => `${b},3000,3500`).join('\n') + '\n'
const dryRun = hukouDryRun as HukouStatus
const stored: HukouStatus = { ...dryRun, updated_at: '2026-03-02 16:30' }

beforeEach(() => {
  localStorage.clear()
  Object.assign(hukouState, { status: null, loaded: false })
  Object.assign(outlookState, { data: null, variant: null, migration: null, basis: null, error: null })
  outlookBasis.value = 'resident'
  migrationDraft.value = defaultMigrationDraft()
  outlookMigration.value = null
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('the recorded 户籍 table', () => {
  it('sums to 123,500, 5,716 fewer than the census residents', () => {
    expect(dryRun.total).toBe(BANDS.length * (3000 + 3500))
    expect(dryRun.minus_resident).toBe(123500 - 129216)
    expect(dryRun.bands.female[18]).toBe(3500)
  })
})

describe('户籍人口 tab', () => {
  it('exists and validates, imports and clears a CSV', async () => {
    let table: HukouStatus | null = null
    const b = useBackend({
      preview_import: hukouPreview as ImportPreview,
      get_hukou: () => table,
      import_hukou: (p) => (p.dry_run ? dryRun : (table = stored)),
      clear_hukou: () => (table = null),
      get_dashboard: () => apiError('data.no_county'),
    })
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
    expect(b.sent('clear_hukou')).toEqual([{ county: '331125' }])
    expect(b.sent('import_hukou').map((p) => p.dry_run)).toEqual([true, false])
    w.unmount()
  })

  it('shows the stored table with its difference when the page opens', async () => {
    useBackend({ get_hukou: stored })
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

  it('is disabled without a 户籍 table and enabled when one is stored', async () => {
    useBackend({ get_hukou: null })
    const w = mountPage()
    await vi.waitFor(() => expect(hukouState.loaded).toBe(true))
    await flushPromises()
    expect(w.find('[data-testid="basis-switch"]').exists()).toBe(true)
    expect(hukouInput(w).disabled).toBe(true)
    w.unmount()
    useBackend({ get_hukou: stored })
    const w2 = mountPage()
    await vi.waitFor(() => expect(hukouInput(w2).disabled).toBe(false))
    w2.unmount()
  })

  it('sends basis hukou and no migration, and locks the migration fields', async () => {
    const b = useBackend({ get_hukou: stored })
    // As left by an earlier visit: a migration typed and applied on the 常住 basis.
    migrationDraft.value = { ...defaultMigrationDraft(), annualNet: -800 }
    outlookMigration.value = { annual_net: -800, from: 2021, to: null, profile: 'rogers_castro', male_share: 0.5 }
    const w = mountPage()
    await vi.waitFor(() => expect(w.find('[data-testid="assumptions"]').exists()).toBe(true))
    await vi.waitFor(() => expect(hukouInput(w).disabled).toBe(false))
    await vi.waitFor(() => expect(b.sent('get_outlook').at(-1)?.migration).toMatchObject({ annual_net: -800 }))
    expect(w.get('[data-testid="assume-hukou-diff"]').text()).toBe('户籍人口 123,500 人（比普查常住人口少 5,716 人）')

    await w.get('[data-testid="basis-hukou"] input').setValue(true)
    await vi.waitFor(() => expect(outlookState.basis).toBe('hukou'))
    const req = b.sent('get_outlook').at(-1)!
    expect(req.basis).toBe('hukou')
    expect(req.county).toBe('331125')
    expect(req).not.toHaveProperty('migration')
    await flushPromises()
    expect(w.get('[data-testid="migration-locked"]').text()).toContain('不计迁移')
    expect((w.get('[data-testid="migration-net"] input').element as HTMLInputElement).disabled).toBe(true)
    w.unmount()
  })
})
