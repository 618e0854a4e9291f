import type { MigrationAssumption, MigrationProfile } from '../bindings/generated'

/** An assumption as it may be written by hand or stored by an older version: the backend fills absent fields with its defaults. */
export type MigrationInput = Pick<MigrationAssumption, 'annual_net'> & Partial<MigrationAssumption>
import { formatNumber } from './format'

type Translate = (key: string, params?: Record<string, unknown>) => string

export const MIGRATION_PROFILES: readonly MigrationProfile[] = ['rogers_castro', 'population']
/** The projection's first full year after the census; the backend starts migration there by default. */
export const MIGRATION_FIRST_YEAR = 2021
/** The plan's last year: a later end year would be cut off by the backend anyway. */
export const MIGRATION_LAST_YEAR = 2035

/** What the input group edits; the percentage is what planners type, the backend wants a fraction. */
export interface MigrationDraft {
  /** null = empty input. */
  annualNet: number | null
  from: number
  /** null = to the end of the projection. */
  to: number | null
  profile: MigrationProfile
  malePct: number
}

export const defaultMigrationDraft = (): MigrationDraft => ({
  annualNet: null,
  from: MIGRATION_FIRST_YEAR,
  to: null,
  profile: 'rogers_castro',
  malePct: 50,
})

export function draftFromMigration(m: MigrationInput | null | undefined): MigrationDraft {
  const d = defaultMigrationDraft()
  if (!m) return d
  return {
    annualNet: m.annual_net,
    from: m.from ?? d.from,
    to: m.to ?? null,
    profile: m.profile ?? d.profile,
    malePct: Math.round((m.male_share ?? 0.5) * 1000) / 10,
  }
}

export type MigrationProblem = 'years' | 'male_share'

/** Mirrors the backend's check so a bad entry is flagged at the field instead of failing the whole projection. */
export function migrationProblem(d: MigrationDraft): MigrationProblem | null {
  if (!(d.malePct >= 0 && d.malePct <= 100)) return 'male_share'
  if (d.to != null && d.to < d.from) return 'years'
  return null
}

/** Empty or 0 means "no migration": null keeps the request identical to one without migration. */
export function migrationFromDraft(d: MigrationDraft): MigrationAssumption | null {
  const n = d.annualNet
  if (n == null || !Number.isFinite(n) || Math.round(n) === 0) return null
  return {
    annual_net: Math.round(n),
    from: d.from,
    to: d.to,
    profile: d.profile,
    male_share: Math.round(d.malePct * 10) / 1000,
  }
}

/** Stable text for change detection (explicit defaults compare equal to absent fields). */
export function migrationKey(m: MigrationInput | null | undefined): string {
  const v = migrationFromDraft(draftFromMigration(m))
  return v ? JSON.stringify([v.annual_net, v.from, v.to, v.profile, v.male_share]) : ''
}

// `get_outlook` states the assumption in English: "-1000 net migrants a year from 2021 to 2035,
// RogersCastro age profile, 50% men" (Rust `{:+}` and `{:?}` formatting).
const MIGRATION_TEXT = /^([+-]?\d+(?:\.\d+)?) net migrants a year from (\d{4}) to (\d{4}), (\w+) age profile, (\d+(?:\.\d+)?)% men$/
const PROFILE_OF: Record<string, MigrationProfile> = { RogersCastro: 'rogers_castro', Population: 'population' }

/** The backend's migration text in the UI language; unknown wordings are shown as they come. */
export function migrationText(text: string, t: Translate, locale: string): string {
  if (/^none\b/i.test(text)) return t('population.assumptions.migrationNone')
  const m = MIGRATION_TEXT.exec(text.trim())
  const profile = m ? PROFILE_OF[m[4]] : undefined
  if (!m || !profile) return text
  const n = Number(m[1])
  return t(n < 0 ? 'population.migration.textOut' : 'population.migration.textIn', {
    n: formatNumber(Math.abs(n), locale),
    from: m[2],
    to: m[3],
    profile: t(`population.migration.profileShort.${profile}`),
    male: formatNumber(Number(m[5]), locale),
  })
}
