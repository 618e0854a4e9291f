import { describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import fixture from '../src/fixtures/dashboard.demo.json'
import type { FeatureCollection } from 'geojson'
import type { Dashboard } from '../src/bindings/generated'
import { makeI18n } from './helpers'

const demo = fixture as unknown as Dashboard

describe('TownshipTable', () => {
  it('shows the county assessment as the totals row and marks values below target', async () => {
    const w = mount(TownshipTable, {
      props: { dashboard: demo },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await flushPromises()
    const footer = w.find('.el-table__footer-wrapper').text()
    expect(footer).toContain('合计（云和县）')
    // The 2026 year-end residents (projected from the census's 129,216) and 452 托位 over them.
    expect(footer).toContain('126,337')
    expect(footer).toContain('3.58')
    expect(footer).toContain('60.2%')
    expect(footer).toContain('10 / 13')
    expect(w.findAll('td.below-target').length).toBeGreaterThan(0)
    w.unmount()
  })
})

describe('recorded demo dashboard', () => {
  it('has townships that add up to the county assessment', () => {
    const counts = ['childcare_slots', 'institution_beds', 'nursing_beds', 'schools_total', 'schools_meeting_standard'] as const
    for (const k of counts) expect(demo.townships.reduce((s, z) => s + z[k], 0), k).toBe(demo.county_assessment[k])
    // Projected people are fractional: equal up to the float sum's rounding.
    for (const k of ['resident_population', 'population_0_2', 'population_60_plus'] as const) {
      expect(demo.townships.reduce((s, z) => s + z[k], 0), k).toBeCloseTo(demo.county_assessment[k], 6)
    }
    expect(demo.townships.map((z) => z.code).sort()).toEqual(
      (demo.boundaries as FeatureCollection).features.map((f) => String(f.properties?.code)).sort(),
    )
  })
})
