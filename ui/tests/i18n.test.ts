import { describe, expect, it } from 'vitest'
import zhCN from '../src/locales/zh-CN'
import en from '../src/locales/en'
import { savedLocale } from '../src/i18n'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every source file of the app outside the locales. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    if (statSync(p).isDirectory()) return p.endsWith('locales') ? [] : sources(p)
    return /\.(ts|vue)$/.test(n) ? [p] : []
  })
}

function leaves(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') for (const [p, x] of leaves(v, path)) out.set(p, x)
    else out.set(path, v)
  }
  return out
}

describe('locales', () => {
  const zh = leaves(zhCN)
  const enL = leaves(en)

  it('en has every zh-CN key and no extra ones', () => {
    expect([...zh.keys()].filter((k) => !enL.has(k))).toEqual([])
    expect([...enL.keys()].filter((k) => !zh.has(k))).toEqual([])
  })

  it('no message is empty or non-string', () => {
    for (const [name, m] of [['zh-CN', zh], ['en', enL]] as const) {
      const bad = [...m].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => `${name}:${k}`)
      expect(bad).toEqual([])
    }
  })

  it('has every key the code asks for by name', () => {
    const missing: string[] = []
    for (const f of sources(join(__dirname, '../src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!zh.has(m[1]) && ![...zh.keys()].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${m[1]} (${f.split('/src/')[1]})`)
      }
    }
    expect([...new Set(missing)]).toEqual([])
  })

  it('has a title and formula for each KPI and a label for every facility kind', () => {
    for (const k of ['slots_per_1000', 'enrolment_rate', 'nursing_bed_share', 'beds_per_1000_elderly', 'schools_meeting_standard']) {
      expect(zh.get(`kpis.${k}.title`)).toBeTruthy()
      expect(zh.get(`kpis.${k}.formula`)).toBeTruthy()
    }
    expect(Object.keys(zhCN.kinds)).toHaveLength(16)
  })

  it('defaults to zh-CN and restores a saved language', () => {
    expect(savedLocale({ getItem: () => null })).toBe('zh-CN')
    expect(savedLocale({ getItem: () => 'en' })).toBe('en')
    expect(savedLocale({ getItem: () => 'fr' })).toBe('zh-CN')
  })
})
