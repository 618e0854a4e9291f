import type { FacilityAssessment } from '../../bindings/generated'
import { COMPULSORY_SCHOOL_KINDS, formatNumber, formatPercent } from '../../lib/format'
import { CATEGORY_COLORS } from './metrics'
import { escapeHtml } from '../../lib/html'

type Translate = (key: string, params?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/** Translated label for a `binding_constraint` value, falling back to the raw code. */
export function constraintLabel(code: string, t: Translate, te: Exists): string {
  return te(`constraints.${code}`) ? t(`constraints.${code}`) : code
}

/** ✓ / ✗ / "no data" for a facility check. */
export function checkMark(ok: boolean | null | undefined, t: Translate): string {
  return ok == null ? t('common.noData') : ok ? '✓' : '✗'
}

/** True for a compulsory-school kind that the backend did not assess (teaching point under 50 pupils). */
export function schoolNotAssessed(f: Pick<FacilityAssessment, 'kind' | 'meets_standard'>): boolean {
  return f.meets_standard == null && COMPULSORY_SCHOOL_KINDS.has(f.kind)
}

/** HTML for the facility popup on the map; every value is escaped. */
export function facilityPopupHtml(f: FacilityAssessment, t: Translate, te: Exists, locale: string): string {
  const n = (v: number | null | undefined) => formatNumber(v, locale)
  const esc = escapeHtml
  const rows: string[] = []
  const row = (k: string, v: string, cls = '') => rows.push(`<tr${cls ? ` class="${cls}"` : ''}><td>${esc(k)}</td><td>${v}</td></tr>`)

  row(
    t('map.status'),
    esc(`${t(`map.${f.status}`)}${f.opening_year ? ` (${f.opening_year})` : ''}`) +
      (f.in_service ? '' : ` <span class="jh-bad">${esc(t('map.outOfService'))}</span>`),
  )
  row(t('map.ownership'), esc(`${t(`ownership.${f.ownership}`)}${f.inclusive ? ` · ${t('map.inclusive')}` : ''}`))

  if (f.category === 'childcare') {
    const cap = f.childcare_capacity
    row(t('map.capacity'), esc(t('map.slots', { n: n(cap?.slots ?? f.childcare_slots) })))
    const binding = cap?.binding ?? f.binding_constraint
    if (cap && cap.constraints.length) {
      for (const c of cap.constraints) {
        const on = c.constraint === binding
        row(
          constraintLabel(c.constraint, t, te),
          `${esc(n(c.slots))}${on ? ` <span class="jh-binding">◀ ${esc(t('map.binding'))}</span>` : ''}`,
          on ? 'jh-on' : '',
        )
      }
    } else if (binding) {
      row(t('map.constraint'), esc(constraintLabel(binding, t, te)))
    }
  } else if (f.category === 'elderly') {
    const e = f.elderly_capacity
    row(t('map.capacity'), esc(t('map.beds', { n: n(e?.beds ?? f.beds), m: n(e?.nursing_beds ?? f.nursing_beds) })))
    if (e) {
      row(t('map.nursingShare'), esc(formatPercent(e.nursing_bed_share, locale, 1)))
      row(t('map.roomArea'), esc(checkMark(e.room_area_ok, t)))
      row(t('map.bedsPerRoom'), esc(checkMark(e.beds_per_room_ok, t)))
    }
  } else {
    if (f.students != null) row(t('map.capacity'), esc(t('map.students', { n: n(f.students) })))
    for (const s of f.school_sections) {
      const level = te(`levels.${s.level}`) ? t(`levels.${s.level}`) : s.level
      const line = t('map.sectionLine', { students: n(s.students), met: s.met })
      row(
        level,
        `${esc(line)} · <span class="${s.passes ? 'jh-good' : 'jh-bad'}">${esc(s.passes ? t('map.pass') : t('map.fail'))}</span>`,
      )
    }
    if (schoolNotAssessed(f)) row(t('map.meetsStandard'), esc(t('map.notAssessed')))
    else if (f.meets_standard != null)
      row(
        t('map.meetsStandard'),
        `<span class="${f.meets_standard ? 'jh-good' : 'jh-bad'}">${esc(f.meets_standard ? t('common.meets') : t('common.fails'))}</span>`,
      )
  }

  return `<div class="jh-popup" data-facility="${esc(f.id)}">
    <div class="jh-popup-title">${esc(f.name)}${f.sample ? `<span class="jh-sample">${esc(t('app.sampleData'))}</span>` : ''}</div>
    <div class="jh-popup-kind" style="color:${CATEGORY_COLORS[f.category]}">● ${esc(t(`kinds.${f.kind}`))}</div>
    <table>${rows.join('')}</table>
    <button type="button" class="jh-detail-btn" data-detail="${esc(f.id)}">${esc(t('facility.detail'))} ›</button>
  </div>`
}
