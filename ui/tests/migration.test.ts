import { describe, expect, it } from 'vitest'
import {
  defaultMigrationDraft, draftFromMigration, migrationFromDraft, migrationKey, migrationProblem, migrationText,
} from '../src/lib/migration'
import { makeI18n } from './helpers'

const draft = (over: Partial<ReturnType<typeof defaultMigrationDraft>> = {}) => ({ ...defaultMigrationDraft(), ...over })

describe('building the MigrationAssumption from the fields', () => {
  it('sends null for an empty field or 0, so the request equals one without migration', () => {
    expect(migrationFromDraft(draft())).toBeNull()
    expect(migrationFromDraft(draft({ annualNet: 0 }))).toBeNull()
    expect(migrationFromDraft(draft({ annualNet: 0.4 }))).toBeNull()
    expect(migrationFromDraft(draft({ annualNet: Number.NaN }))).toBeNull()
  })

  it('turns the percentage into a share and keeps negative (out-migration) numbers', () => {
    expect(migrationFromDraft(draft({ annualNet: -1200, from: 2023, to: 2030, profile: 'population', malePct: 55 }))).toEqual({
      annual_net: -1200, from: 2023, to: 2030, profile: 'population', male_share: 0.55,
    })
    // Defaults: from 2021, to the end of the projection (null), Rogers–Castro, half men.
    expect(migrationFromDraft(draft({ annualNet: 300 }))).toEqual({
      annual_net: 300, from: 2021, to: null, profile: 'rogers_castro', male_share: 0.5,
    })
  })

  it('round-trips a saved assumption, filling the backend defaults', () => {
    const d = draftFromMigration({ annual_net: -1000 })
    expect(d).toEqual({ annualNet: -1000, from: 2021, to: null, profile: 'rogers_castro', malePct: 50 })
    expect(draftFromMigration(null)).toEqual(defaultMigrationDraft())
    expect(draftFromMigration({ annual_net: 10, male_share: 0.523 }).malePct).toBe(52.3)
  })

  it('treats explicit defaults and absent fields as the same assumption', () => {
    expect(migrationKey({ annual_net: -1000 })).toBe(migrationKey({ annual_net: -1000, from: 2021, to: null, profile: 'rogers_castro', male_share: 0.5 }))
    expect(migrationKey({ annual_net: -1000 })).not.toBe(migrationKey({ annual_net: -1000, to: 2030 }))
    expect(migrationKey(null)).toBe('')
    expect(migrationKey({ annual_net: 0 })).toBe('')
  })

  it('flags what the backend would reject', () => {
    expect(migrationProblem(draft({ annualNet: 100, from: 2030, to: 2025 }))).toBe('years')
    expect(migrationProblem(draft({ annualNet: 100, from: 2030, to: 2030 }))).toBeNull()
    expect(migrationProblem(draft({ annualNet: 100, malePct: 120 }))).toBe('male_share')
    expect(migrationProblem(draft({ annualNet: 100, to: null }))).toBeNull()
  })
})

describe('the backend migration text', () => {
  const zh = makeI18n('zh-CN').global
  const en = makeI18n('en').global
  const text = '-1000 net migrants a year from 2021 to 2035, RogersCastro age profile, 50% men'

  it('is translated when it has the known wording', () => {
    expect(migrationText(text, zh.t, 'zh-CN')).toBe('每年净流出 1,000 人（2021–2035年），按Rogers–Castro 年龄模型分布，男性占 50%；常住口径。')
    expect(migrationText('+250 net migrants a year from 2024 to 2030, Population age profile, 48% men', en.t, 'en')).toBe(
      'Net in-migration of 250 a year (2024–2030), spread by the current population structure, 48% men; resident basis.',
    )
    expect(migrationText('none (常住 view, net migration 0 unless entered)', zh.t, 'zh-CN')).toContain('不计净迁移')
  })

  it('is shown as it comes otherwise', () => {
    expect(migrationText('something new', zh.t, 'zh-CN')).toBe('something new')
    expect(migrationText(text.replace('RogersCastro', 'Gravity'), zh.t, 'zh-CN')).toContain('Gravity')
  })
})
