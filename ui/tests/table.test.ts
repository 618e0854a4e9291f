import { describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import TownshipTable from '../src/features/dashboard/TownshipTable.vue'
import fixture from '../src/fixtures/dashboard.demo.json'
import type { Dashboard } from '../src/bindings'
import { makeI18n } from './helpers'

const demo = fixture as unknown as Dashboard

describe('TownshipTable', () => {
  it('shows the county assessment as the totals row and marks values below target', async () => {
    const w = mount(TownshipTable, {
      props: { townships: demo.townships, county: demo.county_assessment, kpis: demo.kpis },
      global: { plugins: [makeI18n('zh-CN')] },
      attachTo: document.body,
    })
    await flushPromises()
    const footer = w.find('.el-table__footer-wrapper').text()
    expect(footer).toContain('合计（云和县）')
    expect(footer).toContain('129,216')
    expect(footer).toContain('3.50')
    expect(footer).toContain('60.2%')
    expect(footer).toContain('10 / 13')
    expect(w.findAll('td.below-target').length).toBeGreaterThan(0)
    w.unmount()
  })
})

describe('demo fixture', () => {
  it('has townships that add up to the county assessment', () => {
    const additive = ['resident_population', 'population_0_2', 'population_60_plus', 'childcare_slots',
      'institution_beds', 'nursing_beds', 'schools_total', 'schools_meeting_standard'] as const
    for (const k of additive) {
      expect(demo.townships.reduce((s, z) => s + z[k], 0), k).toBe(demo.county_assessment[k])
    }
    expect(demo.townships.map((z) => z.code).sort()).toEqual(
      demo.boundaries.features.map((f) => String(f.properties?.code)).sort(),
    )
  })
})
