import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import type { AssessResponse, ChangeEntry, ChangeLog, EditStep, Facility } from '../src/bindings/generated'
import facilitiesFixture from '../src/fixtures/facilities.demo.json'
import changeLogFixture from '../src/fixtures/change_log.demo.json'
import assessFixture from '../src/fixtures/assess.demo.json'
import zhCN from '../src/locales/zh-CN'
import { errorText } from '../src/lib/errorText'
import { changeSubject } from '../src/features/editing/changeSubject'
import {
  KINDS_BY_CATEGORY, categoryOf, facilityFromForm, formFromFacility, formProblems, newForm, suggestId,
} from '../src/features/editing/facilityForm'
import { changedFields, distanceM, editSummary } from '../src/features/editing/summary'
import { historyCommand, isTextEntry } from '../src/features/editing/shortcuts'
import { formatChangeTime, formatClock } from '../src/features/editing/time'
import { saveAuthor, savedAuthor } from '../src/features/editing/author'
import { applyEdit, editState, enterEditMode, loadChangeLog, rawFacility } from '../src/features/editing/store'
import { dashboardState, loadDashboard } from '../src/features/dashboard/store'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import { editDialogs, startAdd } from '../src/features/editing/dialogs'
import EditToolbar from '../src/features/editing/EditToolbar.vue'
import FacilityFormDialog from '../src/features/editing/FacilityFormDialog.vue'
import ChangeLogDrawer from '../src/features/editing/ChangeLogDrawer.vue'
import { apiError, recorded, useBackend } from './backend'
import { makeI18n } from './helpers'

const stored = facilitiesFixture as Facility[]
const ids = stored.map((f) => f.id)
const CC01 = () => structuredClone(stored.find((f) => f.id === 'CC01')!)

describe('facility form', () => {
  it('groups all 16 kinds by category, as the locale lists them', () => {
    const all = Object.values(KINDS_BY_CATEGORY).flat()
    expect(all).toHaveLength(16)
    expect([...all].sort()).toEqual(Object.keys(zhCN.kinds).sort())
    expect(categoryOf('kindergarten_nursery_class')).toBe('childcare')
    expect(categoryOf('community_elderly_station')).toBe('elderly')
    expect(categoryOf('teaching_point')).toBe('school')
  })

  it('suggests the next unused id of the category', () => {
    // The demo has CC01–CC10, EL01–EL08 and SC01–SC15.
    expect(suggestId('community_childcare', ids)).toBe('CC11')
    expect(suggestId('nursing_home', ids)).toBe('EL09')
    expect(suggestId('teaching_point', ids)).toBe('SC16')
    expect(suggestId('family_childcare', [])).toBe('CC01')
    expect(suggestId('family_childcare', ['CC01', 'CC03'])).toBe('CC04')
    // The widest number sets the padding; other prefixes and free-form ids are ignored.
    expect(suggestId('family_childcare', ['CC9', 'CC010', 'EL99', 'X-CC20'])).toBe('CC011')
  })

  it('rebuilds every stored facility exactly from an untouched form', () => {
    for (const f of stored) expect(facilityFromForm(formFromFacility(f), f)).toEqual(f)
  })

  it('builds a new facility with only its category’s inputs', () => {
    const form = newForm('nursing_home', 119.6, 28.1, ids)
    form.name = '  城东护理院 '
    form.elderly.beds = 120
    form.elderly.nursing_beds = 80.4
    form.childcare.caregivers = 9
    form.opening_year = 2027
    form.status = 'planned'
    expect(facilityFromForm(form, null)).toEqual({
      id: 'EL09',
      name: '城东护理院',
      kind: 'nursing_home',
      township_code: '',
      location: { lon: 119.6, lat: 28.1 },
      ownership: 'public',
      inclusive: true,
      status: 'planned',
      opening_year: 2027,
      sample: false,
      childcare: null,
      elderly: { beds: 120, nursing_beds: 80, nursing_rooms: null, max_beds_per_room: null, room_usable_area_m2: null },
      school_sections: [],
    })
  })

  it('keeps what the form does not show and drops the old category on a kind change', () => {
    const sc = stored.find((f) => f.id === 'SC05')!
    const form = formFromFacility(sc)
    form.name = '石塘镇中心小学（新校区）'
    const after = facilityFromForm(form, sc)
    expect(after.school_sections).toEqual(sc.school_sections)
    expect(after.sample).toBe(true)
    expect(after.township_code).toBe(sc.township_code)

    const cc = CC01()
    const asElderly = formFromFacility(cc)
    asElderly.kind = 'day_care_center'
    expect(facilityFromForm(asElderly, cc)).toMatchObject({ childcare: null, elderly: { beds: 0, nursing_beds: 0 } })
  })

  it('lists what must be fixed before saving', () => {
    const form = newForm('elderly_institution', null, 28.1, ids)
    form.id = 'EL01'
    form.elderly.beds = 10
    form.elderly.nursing_beds = 11
    expect(formProblems(form, ids, true).map((p) => [p.field, p.message])).toEqual([
      ['id', 'editing.form.idTaken'],
      ['name', 'editing.form.required'],
      ['lon', 'editing.form.required'],
      ['nursingBeds', 'editing.form.nursingOverBeds'],
    ])
    // An edit keeps its id, so a "taken" id is its own.
    const edit = formFromFacility(CC01())
    expect(formProblems(edit, ids, false)).toEqual([])
  })
})

describe('change summaries', () => {
  const t = makeI18n('zh-CN').global.t
  const en = makeI18n('en').global.t

  it('measures a move in metres', () => {
    // 0.01° of longitude at 28.1127° N: 111,195 m × cos(28.1127°) / 100 ≈ 980.8 m.
    expect(distanceM({ lon: 119.5713, lat: 28.1127 }, { lon: 119.5813, lat: 28.1127 })).toBeCloseTo(980.77, 1)
    const before = CC01()
    const after = { ...before, location: { lon: 119.5813, lat: 28.1127 } }
    expect(editSummary('move', before, after, t)).toBe('移动 云和县托育综合服务中心（约 981 米）')
    expect(editSummary('move', before, after, en)).toBe('Moved 云和县托育综合服务中心 (about 981 m)')
  })

  it('names the changed fields of an edit, in form order', () => {
    const before = CC01()
    const after = { ...before, name: '云和县托育中心', childcare: { ...before.childcare!, caregivers: 30, registered_slots: null } }
    expect(changedFields(before, after)).toEqual(['name', 'registeredSlots', 'caregivers'])
    expect(editSummary('edit', before, after, t)).toBe('修改 云和县托育中心：名称、核定托位、保育人员')
    expect(editSummary('edit', before, after, en)).toBe('Changed 云和县托育中心: Name, Licensed slots, Caregivers')
    expect(editSummary('edit', before, before, t)).toBe('修改 云和县托育综合服务中心')
    expect(editSummary('close', before, { ...before, status: 'closed' }, t)).toBe('关停 云和县托育综合服务中心')
    expect(editSummary('add', null, before, t)).toBe('新增 云和县托育综合服务中心')
  })
})

describe('undo / redo keys', () => {
  const key = (over: Partial<KeyboardEvent>) =>
    ({ key: 'z', code: 'KeyZ', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: document.body, ...over }) as KeyboardEvent
  const input = (type: string) => Object.assign(document.createElement('input'), { type })

  it('maps Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y (⌘ too)', () => {
    expect(historyCommand(key({ ctrlKey: true }))).toBe('undo')
    expect(historyCommand(key({ metaKey: true }))).toBe('undo')
    expect(historyCommand(key({ ctrlKey: true, shiftKey: true, key: 'Z' }))).toBe('redo')
    expect(historyCommand(key({ ctrlKey: true, key: 'y', code: 'KeyY' }))).toBe('redo')
    // An IME reports "Process"; the physical key decides.
    expect(historyCommand(key({ ctrlKey: true, key: 'Process', code: 'KeyZ' }))).toBe('undo')
  })

  it('ignores other keys and keys meant for text fields', () => {
    expect(historyCommand(key({}))).toBeNull()
    expect(historyCommand(key({ ctrlKey: true, altKey: true }))).toBeNull()
    expect(historyCommand(key({ ctrlKey: true, shiftKey: true, key: 'Y', code: 'KeyY' }))).toBeNull()
    expect(historyCommand(key({ ctrlKey: true, key: 'x', code: 'KeyX' }))).toBeNull()
    expect(historyCommand(key({ ctrlKey: true, target: input('text') }))).toBeNull()
    expect(historyCommand(key({ ctrlKey: true, target: document.createElement('textarea') }))).toBeNull()
    // A focused switch or checkbox takes no text: undo still means the edit.
    expect(historyCommand(key({ ctrlKey: true, target: input('checkbox') }))).toBe('undo')
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    // jsdom does not compute isContentEditable; the real browser does.
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    expect(isTextEntry(editable)).toBe(true)
    expect(isTextEntry(null)).toBe(false)
  })
})

describe('change log time and author', () => {
  it('shows UTC times in local time', () => {
    expect(formatChangeTime('2025-05-01T10:30:05Z', 'zh-CN', 'Asia/Shanghai')).toBe('2025/05/01 18:30:05')
    expect(formatChangeTime('2025-05-01T10:30:05Z', 'en', 'Asia/Shanghai')).toBe('2025-05-01 18:30:05')
    expect(formatChangeTime('not a time', 'en')).toBe('not a time')
    expect(formatClock(new Date('2025-05-01T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00:00')
  })

  it('remembers the author, trimmed', () => {
    const mem = new Map<string, string>()
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) }
    expect(savedAuthor(storage)).toBe('')
    saveAuthor('  张规划 ', storage)
    expect(savedAuthor(storage)).toBe('张规划')
  })
})

/**
 * The recorded change log of the demo after: 浮云街道 15,277 → 40,000; a zones file of two
 * townships (2 rows and the 未分配 remainder: 3 items); CC01 deleted; 清除示例设施 (32 left
 * after the delete) and its undo. Newest first.
 */
const log = changeLogFixture as unknown as ChangeLog
const [cleared, deleted, zonesImport, population] = log.entries
const EMPTY_LOG: ChangeLog = { entries: [], can_undo: false, can_redo: false }

describe('the recorded change log', () => {
  it('describes one-row changes by their row and many-row changes by their count', () => {
    expect(cleared).toMatchObject({ action: 'clear_samples', state: 'undone', item_count: 32, facility_id: '', before: null, after: null })
    expect(deleted).toMatchObject({ action: 'delete', facility_id: 'CC01', item_count: 1, after: null })
    expect(zonesImport).toMatchObject({ action: 'import_zones', item_count: 3, facility_id: '' })
    expect(population).toMatchObject({ action: 'population', before_population: 15277, after_population: 40000 })
    const names = (code: string) => ({ '331125001': '浮云街道' })[code]
    expect(changeSubject(deleted, names)).toEqual({ name: deleted.before!.name, id: 'CC01', rows: null })
    expect(changeSubject(population, names)).toEqual({ name: '浮云街道', id: '331125001', rows: null })
    expect(changeSubject(zonesImport, names)).toEqual({ name: '', id: '', rows: 3 })
    expect(changeSubject(cleared, names)).toEqual({ name: '', id: '', rows: 32 })
  })
})

describe('editing components (recorded backend)', () => {
  beforeEach(() => {
    localStorage.clear()
    Object.assign(editState, { enabled: false, author: '', facilities: [], canUndo: false, canRedo: false, busy: false, savedAt: null, log: [] })
    Object.assign(editDialogs, { form: null, editingId: null, formOpen: false, logOpen: false })
  })
  afterEach(() => {
    document.body.innerHTML = ''
    vi.unstubAllGlobals()
  })

  it('toolbar: edit mode shows author, undo / redo follow the backend, Ctrl+Z undoes', async () => {
    // The log as the backend keeps it: the close once saved, then undone.
    const closed: ChangeEntry = { ...deleted, action: 'close', summary: '关停 云和县托育综合服务中心' }
    let stored = EMPTY_LOG
    const b = useBackend({
      get_change_log: () => stored,
      edit_facility: () => {
        stored = { entries: [closed], can_undo: true, can_redo: false }
        return closed
      },
      undo_edit: (): EditStep => {
        stored = { entries: [{ ...closed, state: 'undone' }], can_undo: false, can_redo: true }
        return { entry: stored.entries[0], can_undo: false, can_redo: true }
      },
    })
    const w = mount(EditToolbar, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.find('[data-testid="edit-author"]').exists()).toBe(false)
    await w.get('[data-testid="edit-mode"]').trigger('click')
    expect(editState.enabled).toBe(true)
    await vi.waitFor(() => expect(editState.facilities).toHaveLength(recorded.get_facilities.length))
    expect(b.sent('get_facilities')).toEqual([{ county: '331125' }])
    const undo = () => w.get('[data-testid="edit-undo"]')
    expect(undo().attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="edit-redo"]').attributes('disabled')).toBeDefined()

    await w.get('input[data-testid="edit-author"], [data-testid="edit-author"] input').setValue('张规划')
    expect(localStorage.getItem('junheng.editAuthor')).toBe('张规划')
    const before = rawFacility('CC01')!
    await applyEdit('close', before, { ...before, status: 'closed' }, '关停 云和县托育综合服务中心')
    await flushPromises()
    expect(b.sent('edit_facility')[0]).toMatchObject({
      county: '331125', author: '张规划', action: 'close', before: { id: 'CC01', status: 'existing' }, after: { id: 'CC01', status: 'closed' },
    })
    expect(undo().attributes('disabled')).toBeUndefined()
    expect(editState.savedAt).not.toBeNull()

    // Typing in the author field keeps Ctrl+Z for the text.
    const author = w.get('input[data-testid="edit-author"], [data-testid="edit-author"] input').element
    author.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(b.sent('undo_edit')).toEqual([])

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true }))
    await vi.waitFor(() => expect(b.sent('undo_edit')).toEqual([{ county: '331125' }]))
    await vi.waitFor(() => expect(editState.canRedo).toBe(true))
    await vi.waitFor(() => expect(w.get('[data-testid="edit-redo"]').attributes('disabled')).toBeUndefined())
    expect(document.body.textContent).toContain('已撤销：关停 云和县托育综合服务中心')
    w.unmount()
  })

  it('add dialog: fills a clicked point, suggests an id and sends the new facility', async () => {
    const b = useBackend({ get_change_log: EMPTY_LOG, edit_facility: (p) => ({ ...deleted, action: 'add', facility_id: p.after!.id, before: null, after: p.after ?? null, summary: p.summary }) })
    editState.author = '张规划'
    await enterEditMode()
    const w = mount(FacilityFormDialog, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await startAdd(119.57261234567, 28.1131)
    await flushPromises()
    await nextTick()
    const q = <T extends Element = HTMLInputElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"] input, input[data-testid="${id}"]`)!
    expect(document.querySelector('[data-testid="facility-form"]')).not.toBeNull()
    expect(q('ff-id').value).toBe('CC11')
    expect(q('ff-lon').value).toBe('119.572612')

    // Saving without a name is refused in the dialog.
    document.querySelector<HTMLButtonElement>('[data-testid="ff-save"]')!.click()
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="facility-form"]')!.textContent).toContain('请填写名称'))
    expect(b.sent('edit_facility')).toEqual([])

    editDialogs.form!.name = '浮云街道社区托育点'
    editDialogs.form!.childcare.toddler_small_classes = 2
    editDialogs.form!.childcare.caregivers = 6
    document.querySelector<HTMLButtonElement>('[data-testid="ff-save"]')!.click()
    // The dialog closes once the edit is saved and the dashboard reloaded.
    await vi.waitFor(() => expect(editDialogs.formOpen).toBe(false))
    const [sent] = b.sent('edit_facility')
    expect(sent).toMatchObject({ county: '331125', author: '张规划', action: 'add', before: null, summary: '新增 浮云街道社区托育点' })
    expect(sent.after).toMatchObject({ id: 'CC11', name: '浮云街道社区托育点', status: 'existing', sample: false, location: { lon: 119.572612, lat: 28.1131 } })
    expect(sent.after!.childcare).toMatchObject({ toddler_small_classes: 2, caregivers: 6, service_mode: 'full_day' })
    w.unmount()
  })

  it('a refused edit shows the contract’s wording', async () => {
    useBackend({
      get_change_log: EMPTY_LOG,
      edit_facility: () => apiError('edit.outside_county', { lon: 120.5, lat: 28.1 }),
    })
    editState.author = '张规划'
    await enterEditMode()
    const before = rawFacility('CC01')!
    const err = await applyEdit('move', before, { ...before, location: { lon: 120.5, lat: 28.1 } }, 'move').catch((e: unknown) => e)
    const zh = makeI18n('zh-CN').global
    expect(errorText(err as never, zh.t, zh.te)).toBe('该位置（120.5，28.1）不在本县范围内，请放在本县的乡镇（街道）内。')
  })

  it('change log lists imports by their rows, facilities and townships by name, with the state', async () => {
    const b = useBackend({ get_change_log: EMPTY_LOG })
    await loadDashboardForNames()
    const w = mount(ChangeLogDrawer, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    editDialogs.logOpen = true
    await flushPromises()
    await nextTick()
    expect(document.querySelector('[data-testid="change-log"]')!.textContent).toContain('No changes yet')

    b.answer('get_change_log', log)
    await loadChangeLog()
    await nextTick()
    const rows = [...document.querySelectorAll('[data-testid="change-log-table"] .el-table__body tr')].map((r) => r.textContent ?? '')
    expect(rows).toHaveLength(4)
    expect(rows[0]).toContain('Clear samples')
    expect(rows[0]).toContain('32 rows')
    expect(rows[0]).toContain('Undone')
    expect(rows[1]).toContain('Delete')
    expect(rows[1]).toContain('CC01')
    expect(rows[2]).toContain('Import population')
    expect(rows[2]).toContain('3 rows')
    expect(rows[3]).toContain('Population')
    expect(rows[3]).toContain('浮云街道')
    expect(rows[3]).toContain('王规划')
    w.unmount()
  })

  it('township table: edits a 常住人口 for the county and reloads what the backend recomputed', async () => {
    const b = useBackend({ get_change_log: EMPTY_LOG, edit_population: population as ChangeEntry, assess: assessFixture as AssessResponse })
    await loadDashboard()
    await enterEditMode()
    // As on the dashboard, the table is fed from the shared state, so the reload after saving reaches it.
    const Host = defineComponent(() => () => {
      const d = dashboardState.data!
      return h(TownshipTable, { dashboard: d })
    })
    const w = mount(Host, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    const row = () => w.findAll('.el-table__body tr').find((r) => r.text().includes('浮云街道'))!
    // The 2026 projection of 浮云街道 (15,277 at the census): 14,936.7.
    expect(row().text()).toContain('14,937')

    await row().get('[data-testid="township-edit-pop"]').trigger('click')
    await flushPromises()
    const dialog = () => document.querySelector<HTMLElement>('[data-testid="pop-dialog"]')!
    expect(dialog().textContent).toContain('浮云街道')
    // The stored (census-base) number, which the edit replaces, next to the projection shown.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="pop-base"]')!.textContent).toContain('15,277'))
    expect(b.sent('assess')).toEqual([{ county: '331125' }])
    const input = document.querySelector<HTMLInputElement>('[data-testid="pop-input"] input')!

    // Without an editor the edit is refused before anything is sent.
    input.value = '40000'
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid="pop-save"]')!.click()
    await flushPromises()
    expect(document.body.textContent).toContain('请先填写编辑人')
    expect(b.sent('edit_population')).toEqual([])

    editState.author = '王规划'
    document.querySelector<HTMLButtonElement>('[data-testid="pop-save"]')!.click()
    await vi.waitFor(() => expect(b.sent('edit_population')).toHaveLength(1))
    expect(b.sent('edit_population')[0]).toEqual({ county: '331125', author: '王规划', township_code: '331125001', resident_population: 40000 })
    // After the change the dashboard is read again.
    await vi.waitFor(() => expect(b.sent('get_dashboard')).toHaveLength(2))
    w.unmount()
  })
})

async function loadDashboardForNames() {
  await loadDashboard()
}
