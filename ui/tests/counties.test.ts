import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { CountyPreview, CountySummary, Dashboard, DivisionItem, SetupReport } from '../src/bindings/generated'
import haiyuan from '../src/fixtures/dashboard.640522.json'
import counties from '../src/fixtures/counties.json'
import provinces from '../src/fixtures/divisions.provinces.json'
import zhejiang from '../src/fixtures/divisions.330000.json'
import hangzhou from '../src/fixtures/divisions.330100.json'
import searchTl from '../src/fixtures/divisions.search_tl.json'
import tongluPreview from '../src/fixtures/county_preview.330122.json'
import notCountyLevel from '../src/fixtures/create_county.330100.error.json'
import created640522 from '../src/fixtures/create_county.640522.json'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import CompletenessPanel from '../src/features/dashboard/CompletenessPanel.vue'
import AsOfBar from '../src/features/dashboard/AsOfBar.vue'
import CountyWizard from '../src/features/county/CountyWizard.vue'
import CountySwitcher from '../src/features/county/CountySwitcher.vue'
import { asOfYear, dashboardState, loadDashboard, thisYear } from '../src/features/dashboard/store'
import { countyState } from '../src/features/county/store'
import { openWizard, wizardOpen } from '../src/features/county/wizard'
import { editState } from '../src/features/editing/store'
import { currentView, importTab } from '../src/lib/route'
import { apiError, useBackend } from './backend'
import { makeI18n } from './helpers'

const hy = haiyuan as unknown as Dashboard
const both = counties as CountySummary[]
const tonglu = tongluPreview as unknown as CountyPreview

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('a county set up from national data (海原县, recorded)', () => {
  it('keeps the census total: the 19 bulletin townships, 2 pending, and 82,417 unallocated', () => {
    const pending = hy.township_info.filter((i) => i.population_status === 'pending').map((i) => i.code)
    expect(pending).toEqual(['640522402', '640522406'])
    expect(hy.township_info.filter((i) => i.population_status === 'census')).toHaveLength(19)
    // Townships and the remainder add up to the county, as projected to 2026.
    const sum = hy.townships.reduce((s, z) => s + z.resident_population, 0) + hy.unallocated!.resident_population
    expect(sum).toBeCloseTo(hy.county_assessment.resident_population, 6)
    expect(hy.outline).not.toBeNull()
    // What create_county said: the bulletin's 海城街道办 (82,417) has no 2023 code, and the two
    // units of the 2023 list the bulletin lacks are pending.
    const report = created640522 as unknown as SetupReport
    expect(report.unallocated_population).toBe(82417)
    expect(report.resident_population).toBe(333518)
    expect(report.missing.filter((n) => n.key === 'township_not_in_bulletin')).toHaveLength(2)
    expect((hy.boundaries as { features: unknown[] }).features).toHaveLength(0)
  })

  it('shows 待导入 for pending townships (never a 0), and a 未分配 row last whatever the order', async () => {
    useBackend({ list_counties: both }, '640522')
    const w = mount(TownshipTable, { props: { dashboard: hy }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    const rows = () => w.findAll('.el-table__body-wrapper tbody tr')
    const row = (name: string) => rows().find((r) => r.text().includes(name))!
    const cells = (name: string) => row(name).findAll('td').map((c) => c.text())
    // 海兴开发区: population, 0–2, 60+, slots per 1,000 and beds per 1,000 are unknown.
    const hx = cells('海兴开发区')
    expect(hx.filter((c) => c === '待导入')).toHaveLength(5)
    expect(hx.slice(1, 4)).toEqual(['待导入', '待导入', '待导入'])
    expect(rows().at(-1)!.text()).toContain('未分配')
    // 82,417 at the census, 83,103 projected to the end of 2026.
    expect(cells('未分配')[1]).toBe('83,103')
    // Sorted by population ascending, the remainder stays last.
    await w.findAll('.el-table__header th')[1].find('.caret-wrapper .ascending').trigger('click')
    await flushPromises()
    expect(rows().at(-1)!.text()).toContain('未分配')
    expect(rows()[0].text()).toMatch(/海兴开发区|老城管理办公室/)
    w.unmount()
  })

  it('hands the remainder to a township, or adds a township taking part of it, for the county', async () => {
    const b = useBackend({
      list_counties: both,
      get_dashboard: hy,
      get_change_log: { entries: [], can_undo: false, can_redo: false },
      assign_unallocated: () => apiError('store.conflict', { detail: 'x' }),
    }, '640522')
    await loadDashboard()
    editState.author = '王规划'
    const w = mount(TownshipTable, { props: { dashboard: hy }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid="unallocated-assign"]').trigger('click')
    await flushPromises()
    const dialog = () => document.querySelector('[data-testid="unallocated-dialog"]')!
    // The base remainder from the stored county (82,417) next to its 2026 projection.
    expect(dialog().textContent).toContain('83,103')
    expect(dialog().textContent).toContain('普查基数 82,417 人')
    // A pending township is offered first.
    b.answer('assign_unallocated', (p) => ({ ...hyEntry, summary: `未分配人口 82417 人划入 ${p.township_code}` }))
    ;(document.querySelector('[data-testid="unallocated-save"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(b.sent('assign_unallocated')).toHaveLength(1))
    expect(b.sent('assign_unallocated')[0]).toEqual({ county: '640522', author: '王规划', township_code: '640522402' })

    await w.get('[data-testid="unallocated-add"]').trigger('click')
    await flushPromises()
    b.answer('add_township', hyEntry)
    const input = (id: string) => document.querySelector<HTMLInputElement>(`input[data-testid="${id}"], [data-testid="${id}"] input`)!
    const type = async (id: string, v: string) => {
      input(id).value = v
      input(id).dispatchEvent(new Event('input'))
      await flushPromises()
    }
    await type('unallocated-code', '640522407')
    await type('unallocated-name', '海城街道')
    const pop = input('unallocated-population')
    pop.value = '82417'
    pop.dispatchEvent(new Event('input'))
    pop.dispatchEvent(new Event('change'))
    await flushPromises()
    ;(document.querySelector('[data-testid="unallocated-save"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(b.sent('add_township')).toHaveLength(1))
    expect(b.sent('add_township')[0]).toEqual({
      county: '640522', author: '王规划', code: '640522407', name: '海城街道', kind: '其他', resident_population: 82417,
    })
    w.unmount()
  })
})

const hyEntry = {
  seq: 1, at: '2026-03-02T08:30:00Z', author: '王规划', action: 'assign_unallocated', facility_id: '640522402', summary: '',
  before: null, after: null, before_population: null, after_population: null, item_count: 2, state: 'done' as const,
}

describe('数据完整度', () => {
  it('lists each item with its state and counts, a link to its import tab and what its absence limits', async () => {
    const w = mount(CompletenessPanel, { props: { items: hy.completeness }, global: { plugins: [makeI18n('zh-CN')] } })
    // Township population and boundaries incomplete: open at once.
    const items = w.findAll('[data-testid="completeness-item"]')
    expect(items).toHaveLength(9)
    const pop = items.find((i) => i.attributes('data-key') === 'township_population')!
    expect(pop.text()).toContain('19 / 21')
    expect(pop.text()).toContain('待导入')
    expect(w.get('[data-testid="completeness-summary"]').text()).toBe('0/9 项齐全')
    await w.get('[data-testid="completeness-import-boundaries"]').trigger('click')
    expect(currentView.value).toBe('import')
    expect(importTab.value).toBe('boundaries')
    expect(window.location.hash).toBe('#/import/boundaries')
    // Actuals now have their tab (年度实际数): the link opens it.
    await w.get('[data-testid="completeness-import-actuals"]').trigger('click')
    expect(importTab.value).toBe('actuals')
    expect(window.location.hash).toBe('#/import/actuals')
    const en = mount(CompletenessPanel, { props: { items: hy.completeness }, global: { plugins: [makeI18n('en')] } })
    expect(en.text()).toContain('Township population')
    window.location.hash = ''
  })
})

describe('the as-of year', () => {
  it('defaults to this year, reloads the dashboard for the year chosen, and states the population basis', async () => {
    expect(thisYear(new Date(2026, 11, 4))).toBe(2026)
    expect(thisYear(new Date(2040, 0, 1))).toBe(2035)
    const b = useBackend()
    asOfYear.value = thisYear()
    await loadDashboard()
    const w = mount(AsOfBar, { props: { basis: dashboardState.data!.basis }, global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.get('[data-testid="figure-basis"]').text()).toContain('以第七次全国人口普查（2020-11-01）为基数')
    // Picking 2030: the store follows and the next load asks for it.
    asOfYear.value = 2030
    await loadDashboard()
    expect(b.sent('get_dashboard').map((p) => p.as_of)).toEqual([thisYear(), 2030])
    asOfYear.value = thisYear()
    w.unmount()
  })
})

describe('新建县区 wizard', () => {
  it('finds a county by pinyin initials, previews what the national data give, creates it and switches to it', async () => {
    const list: CountySummary[] = [both[0]]
    const b = useBackend({
      list_counties: () => list,
      search_divisions: (p): DivisionItem[] => (p.query === 'tl' ? (searchTl as DivisionItem[]) : (provinces as DivisionItem[])),
      preview_county: tonglu,
      create_county: (p) => {
        list.push({ ...both[1], code: p.code, name: '桐庐县', province: '浙江省', prefecture: '杭州市', townships: 14, townships_with_population: 0 })
        return tonglu.report as SetupReport
      },
    })
    const w = mount(CountyWizard, { global: { plugins: [makeI18n('zh-CN')], stubs: { OutlineMap: true } }, attachTo: document.body })
    openWizard()
    await flushPromises()
    const search = document.querySelector<HTMLInputElement>('input[data-testid="wizard-search"]')!
    search.value = 'tl'
    search.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(document.querySelector('[data-testid="wizard-found"]')?.textContent).toContain('桐庐县'))
    expect(b.sent('search_divisions').at(-1)).toEqual({ query: 'tl', within: '', near: '331125' })
    document.querySelector<HTMLButtonElement>('[data-testid="wizard-found"] button[data-code="330122"]')!.click()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="wizard-report"]')).not.toBeNull())
    const report = document.querySelector('[data-testid="wizard-report"]')!.textContent ?? ''
    expect(document.querySelector('[data-testid="wizard-population"]')!.textContent).toBe('453,106')
    expect(report).toContain('14 个，其中 0 个有公报人口')
    expect(report).toContain('第七次全国人口普查常住人口 453106 人')
    // 杭州 changed its districts after the census: the preview says what to check.
    expect(report).toContain('330103 下城区')
    expect(document.querySelectorAll('[data-testid="wizard-townships"] tbody tr')).toHaveLength(14)
    ;(document.querySelector('[data-testid="wizard-create"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(wizardOpen.value).toBe(false))
    expect(b.sent('create_county')).toEqual([{ code: '330122' }])
    expect(countyState.code).toBe('330122')
    expect(localStorage.getItem('junheng.county')).toBe('330122')
    expect(currentView.value).toBe('dashboard')
    w.unmount()
  })

  it('browses province → prefecture → county, and words a refusal from the contract', async () => {
    const b = useBackend({
      search_divisions: (p): DivisionItem[] =>
        (p.within === '330000' ? zhejiang : p.within === '330100' ? hangzhou : provinces) as DivisionItem[],
      preview_county: () => apiError(notCountyLevel.code, notCountyLevel.params),
    })
    const w = mount(CountyWizard, { global: { plugins: [makeI18n('zh-CN')], stubs: { OutlineMap: true } }, attachTo: document.body })
    openWizard()
    await flushPromises()
    const vm = w.vm as unknown as { province: string; prefecture: string; county: string }
    vm.province = '330000'
    await vi.waitFor(() => expect(b.sent('search_divisions').some((p) => p.within === '330000')).toBe(true))
    vm.prefecture = '330100'
    await vi.waitFor(() => expect(b.sent('search_divisions').some((p) => p.within === '330100')).toBe(true))
    vm.county = '330122'
    await flushPromises()
    ;(document.querySelector('[data-testid="wizard-preview"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="wizard-error"]')).not.toBeNull())
    expect(document.querySelector('[data-testid="wizard-error"]')!.textContent).toContain('代码 330100（杭州市）是地级行政区，请选择其下的县（区、市）。')
    wizardOpen.value = false
    w.unmount()
  })
})

describe('county switcher', () => {
  it('lists the stored counties, switches, and removes one after a confirmation', async () => {
    const b = useBackend({ list_counties: both, remove_county: () => [both[0]] })
    const w = mount(CountySwitcher, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.get('[data-testid="county-name"]').text()).toBe('云和县（331125）')
    await w.get('[data-testid="county-switcher"]').trigger('click')
    await flushPromises()
    const items = [...document.querySelectorAll('[data-testid="county-item"]')]
    expect(items.map((i) => i.getAttribute('data-code'))).toEqual(['331125', '640522'])
    expect(items[1].textContent).toContain('19/21 个乡镇有人口')
    ;(items[1] as HTMLButtonElement).click()
    await flushPromises()
    expect(countyState.code).toBe('640522')

    ;(document.querySelector('[data-testid="county-remove-640522"]') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    expect(document.querySelector('.el-message-box')!.textContent).toContain('删除 海原县（640522）及其全部数据')
    ;(document.querySelector('.el-message-box .el-button--danger') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(b.sent('remove_county')).toEqual([{ code: '640522' }]))
    await vi.waitFor(() => expect(countyState.code).toBe('331125'))
    w.unmount()
  })
})
