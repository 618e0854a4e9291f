import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import type { ChangeEntry, ChangeLog, Dashboard, EditStep, Facility } from '../src/bindings'
import facilitiesFixture from '../src/fixtures/facilities.demo.json'
import zhCN from '../src/locales/zh-CN'
import { fixtureRpc, resetFixture } from '../src/platform/fixture'
import { ApiError } from '../src/platform/errors'
import { errorText } from '../src/lib/errorText'
import {
  KINDS_BY_CATEGORY, categoryOf, facilityFromForm, formFromFacility, formProblems, newForm, suggestId,
} from '../src/features/editing/facilityForm'
import { changedFields, distanceM, editSummary } from '../src/features/editing/summary'
import { historyCommand, isTextEntry } from '../src/features/editing/shortcuts'
import { formatChangeTime, formatClock } from '../src/features/editing/time'
import { saveAuthor, savedAuthor } from '../src/features/editing/author'
import { applyEdit, editState, enterEditMode, loadChangeLog, rawFacility, undoEdit } from '../src/features/editing/store'
import { dashboardState, loadDashboard } from '../src/features/dashboard/store'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import { editDialogs, startAdd } from '../src/features/editing/dialogs'
import EditToolbar from '../src/features/editing/EditToolbar.vue'
import FacilityFormDialog from '../src/features/editing/FacilityFormDialog.vue'
import ChangeLogDrawer from '../src/features/editing/ChangeLogDrawer.vue'
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

describe('editing in the demo fixture', () => {
  beforeEach(() => resetFixture())
  const rejection = async (p: Promise<unknown>) => {
    try {
      await p
    } catch (e) {
      return e as ApiError
    }
    throw new Error('expected a rejection')
  }
  const edit = (payload: Record<string, unknown>) => fixtureRpc<ChangeEntry>('demo', 'edit_facility', { author: '张规划', summary: 's', ...payload })

  it('checks edits like the backend', async () => {
    const zh = makeI18n('zh-CN').global
    const list = await fixtureRpc<Facility[]>('demo', 'get_facilities')
    expect(list).toHaveLength(33)
    const cc = list[0]
    const stale = { ...cc, name: '旧名称' }
    expect((await rejection(edit({ action: 'edit', before: stale, after: cc }))).code).toBe('store.conflict')
    const far = await rejection(edit({ action: 'move', before: cc, after: { ...cc, location: { lon: 120.5, lat: 28.1 } } }))
    expect(far.code).toBe('edit.outside_county')
    expect(errorText(far, zh.t, zh.te)).toBe('该位置（120.5，28.1）不在本县范围内，请放在本县的乡镇（街道）内。')
    expect((await rejection(edit({ action: 'add', before: null, after: cc }))).code).toBe('edit.duplicate_id')
    expect((await rejection(edit({ author: ' ', action: 'close', before: cc, after: { ...cc, status: 'closed' } }))).code).toBe('edit.no_author')
  })

  it('logs, undoes and redoes, and the dashboard follows', async () => {
    const [cc] = await fixtureRpc<Facility[]>('demo', 'get_facilities')
    // Moved into 元和街道: the township follows the point.
    const moved = await edit({ action: 'move', before: cc, after: { ...cc, location: { lon: 119.6625, lat: 28.1237 } } })
    expect(moved.after!.township_code).toBe('331125002')
    const [now] = await fixtureRpc<Facility[]>('demo', 'get_facilities')
    await edit({ action: 'close', before: now, after: { ...now, status: 'closed' } })
    let d = await fixtureRpc<Dashboard>('demo', 'get_dashboard')
    expect(d.facilities.find((f) => f.id === 'CC01')).toMatchObject({ status: 'closed', in_service: false, lon: 119.6625, township_code: '331125002' })

    let step = await fixtureRpc<EditStep>('demo', 'undo_edit')
    expect(step).toMatchObject({ entry: { action: 'close', state: 'undone' }, can_undo: true, can_redo: true })
    d = await fixtureRpc<Dashboard>('demo', 'get_dashboard')
    expect(d.facilities.find((f) => f.id === 'CC01')!.status).toBe('existing')
    step = await fixtureRpc<EditStep>('demo', 'redo_edit')
    expect(step.entry!.state).toBe('done')
    await fixtureRpc('demo', 'undo_edit')
    // A new edit after an undo discards the undone one.
    const [again] = await fixtureRpc<Facility[]>('demo', 'get_facilities')
    await edit({ action: 'edit', before: again, after: { ...again, name: '新名称' } })
    const log = await fixtureRpc<ChangeLog>('demo', 'get_change_log')
    expect(log.entries.map((e) => [e.seq, e.action, e.state])).toEqual([
      [3, 'edit', 'done'],
      [2, 'close', 'discarded'],
      [1, 'move', 'done'],
    ])
    expect(log).toMatchObject({ can_undo: true, can_redo: false })
  })
})

describe('editing components (fixture mode)', () => {
  beforeEach(async () => {
    resetFixture()
    window.history.replaceState(null, '', '/?fixture=demo')
    Object.assign(editState, { enabled: false, author: '', facilities: [], canUndo: false, canRedo: false, busy: false, savedAt: null, log: [] })
    Object.assign(editDialogs, { form: null, editingId: null, formOpen: false, logOpen: false })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('toolbar: edit mode shows author, undo / redo follow the log, Ctrl+Z undoes', async () => {
    const w = mount(EditToolbar, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    expect(w.find('[data-testid="edit-author"]').exists()).toBe(false)
    await w.get('[data-testid="edit-mode"]').trigger('click')
    expect(editState.enabled).toBe(true)
    await vi.waitFor(() => expect(editState.facilities).toHaveLength(33))
    const undo = () => w.get('[data-testid="edit-undo"]')
    expect(undo().attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="edit-redo"]').attributes('disabled')).toBeDefined()

    await w.get('input[data-testid="edit-author"], [data-testid="edit-author"] input').setValue('张规划')
    expect(localStorage.getItem('junheng.editAuthor')).toBe('张规划')
    const before = rawFacility('CC01')!
    await applyEdit('close', before, { ...before, status: 'closed' }, '关停 云和县托育综合服务中心')
    await flushPromises()
    expect(undo().attributes('disabled')).toBeUndefined()
    expect(editState.savedAt).not.toBeNull()

    // Typing in the author field keeps Ctrl+Z for the text.
    const author = w.get('input[data-testid="edit-author"], [data-testid="edit-author"] input').element
    author.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(rawFacility('CC01')!.status).toBe('closed')

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true }))
    await flushPromises()
    expect(rawFacility('CC01')!.status).toBe('existing')
    expect(editState.canRedo).toBe(true)
    // Enabled once the dashboard has reloaded after the undo.
    await vi.waitFor(() => expect(w.get('[data-testid="edit-redo"]').attributes('disabled')).toBeUndefined())
    expect(document.body.textContent).toContain('已撤销：关停 云和县托育综合服务中心')
    w.unmount()
  })

  it('add dialog: fills a clicked point, suggests an id and saves a new facility', async () => {
    editState.author = '张规划'
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

    editDialogs.form!.name = '浮云街道社区托育点'
    editDialogs.form!.childcare.toddler_small_classes = 2
    editDialogs.form!.childcare.caregivers = 6
    document.querySelector<HTMLButtonElement>('[data-testid="ff-save"]')!.click()
    // The dialog closes once the edit is saved and the dashboard reloaded.
    await vi.waitFor(() => expect(editDialogs.formOpen).toBe(false))
    const added = rawFacility('CC11')!
    expect(added).toMatchObject({ name: '浮云街道社区托育点', township_code: '331125001', status: 'existing', sample: false })
    expect(added.childcare).toMatchObject({ toddler_small_classes: 2, caregivers: 6, service_mode: 'full_day' })
    await loadChangeLog()
    expect(editState.log[0]).toMatchObject({ action: 'add', author: '张规划', facility_id: 'CC11', summary: '新增 浮云街道社区托育点' })
    w.unmount()
  })

  it('change log lists entries with translated action and state, or tells a new user what to do', async () => {
    const w = mount(ChangeLogDrawer, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    editDialogs.logOpen = true
    await flushPromises()
    await nextTick()
    expect(document.querySelector('[data-testid="change-log"]')!.textContent).toContain('No changes yet')

    editState.author = 'Zhang'
    await enterEditMode()
    const before = rawFacility('EL01')!
    await applyEdit('close', before, { ...before, status: 'closed' }, 'Closed 云和县社会福利中心')
    await undoEdit()
    await loadChangeLog()
    await nextTick()
    const text = document.querySelector('[data-testid="change-log"]')!.textContent ?? ''
    expect(text).toContain('Zhang')
    expect(text).toContain('Close down')
    expect(text).toContain('云和县社会福利中心')
    expect(document.querySelector('[data-testid="change-state"]')!.textContent!.trim()).toBe('Undone')
    w.unmount()
  })

  it('township table: edits a 常住人口, the row and county total follow, the log records it and undo restores it', async () => {
    await loadDashboard()
    await enterEditMode()
    // As on the dashboard, the table is fed from the shared state, so the reload after saving reaches it.
    const Host = defineComponent(() => () => {
      const d = dashboardState.data!
      return h(TownshipTable, { townships: d.townships, county: d.county_assessment, kpis: d.kpis })
    })
    const w = mount(Host, { global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
    await flushPromises()
    const row = () => w.findAll('.el-table__body tr').find((r) => r.text().includes('浮云街道'))!
    expect(row().text()).toContain('15,277')

    await row().get('[data-testid="township-edit-pop"]').trigger('click')
    await flushPromises()
    const dialog = () => document.querySelector<HTMLElement>('[data-testid="pop-dialog"]')!
    expect(dialog().textContent).toContain('浮云街道')
    expect(dialog().textContent).toContain('年龄性别结构按原比例保持')
    const input = document.querySelector<HTMLInputElement>('[data-testid="pop-input"] input')!
    expect(input.value).toBe('15277')

    // Without an editor the edit is refused before anything is sent.
    input.value = '16000'
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid="pop-save"]')!.click()
    await flushPromises()
    expect(document.body.textContent).toContain('请先填写编辑人')
    expect(editState.canUndo).toBe(false)

    editState.author = '张规划'
    document.querySelector<HTMLButtonElement>('[data-testid="pop-save"]')!.click()
    await vi.waitFor(() => expect(row().text()).toContain('16,000'))
    // 129,216 + 723: the county is the sum of its townships.
    expect(w.find('.el-table__footer-wrapper').text()).toContain('129,939')
    await loadChangeLog()
    expect(editState.log[0]).toMatchObject({
      action: 'population', author: '张规划', facility_id: '331125001', summary: '浮云街道 常住人口 15277 → 16000',
      before_population: 15277, after_population: 16000, before: null, after: null, state: 'done',
    })

    const log = mount(ChangeLogDrawer, { global: { plugins: [makeI18n('en')] }, attachTo: document.body })
    editDialogs.logOpen = true
    await flushPromises()
    const logText = document.querySelector('[data-testid="change-log"]')!.textContent ?? ''
    expect(logText).toContain('Population')
    expect(logText).toContain('浮云街道')

    await undoEdit()
    await vi.waitFor(() => expect(row().text()).toContain('15,277'))
    log.unmount()
    w.unmount()
  })

  it('edit_population in the demo refuses bad numbers and unknown townships with translated errors', async () => {
    const zh = makeI18n('zh-CN').global
    const fail = (p: Record<string, unknown>) =>
      fixtureRpc('demo', 'edit_population', { author: '张规划', township_code: '331125001', resident_population: 1, ...p }).then(
        () => { throw new Error('accepted') },
        (e: ApiError) => e,
      )
    const bad = await fail({ resident_population: 1.5 })
    expect(bad.code).toBe('edit.bad_population')
    expect(errorText(bad, zh.t, zh.te)).toBe('常住人口须为不小于 0 的整数（收到 1.5）。')
    expect((await fail({ resident_population: -1 })).code).toBe('edit.bad_population')
    expect((await fail({ township_code: '999' })).code).toBe('edit.unknown_township')
    expect((await fail({ author: '' })).code).toBe('edit.no_author')
  })
})
