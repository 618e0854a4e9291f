import type { ImportField, TableKind } from '../../bindings/generated'

export type Mapping = Record<string, string | null>

/** The same header set in any column order is the same kind of file: `编号|名称|…`, sorted. */
export function mappingKey(headers: readonly string[]): string {
  return [...headers].sort().join('|')
}

const storageKey = (kind: TableKind) => `junheng.importMapping.${kind}`

type Store = Pick<Storage, 'getItem' | 'setItem'>

function readAll(kind: TableKind, storage: Store | undefined): Record<string, Mapping> {
  try {
    const v = JSON.parse(storage?.getItem(storageKey(kind)) ?? '{}')
    return v && typeof v === 'object' ? (v as Record<string, Mapping>) : {}
  } catch {
    return {}
  }
}

/** The mapping chosen last time for a file with these headers, if any. */
export function rememberedMapping(
  kind: TableKind, headers: readonly string[], storage: Store | undefined = globalThis.localStorage,
): Mapping | null {
  return readAll(kind, storage)[mappingKey(headers)] ?? null
}

export function rememberMapping(
  kind: TableKind, headers: readonly string[], mapping: Mapping, storage: Store | undefined = globalThis.localStorage,
): void {
  const all = readAll(kind, storage)
  all[mappingKey(headers)] = Object.fromEntries(headers.map((h) => [h, mapping[h] ?? null]))
  storage?.setItem(storageKey(kind), JSON.stringify(all))
}

/**
 * The mapping to start from: the remembered choice per header where it names a field that still
 * exists, else the backend's detection.
 */
export function initialMapping(headers: readonly string[], detected: Readonly<Record<string, string | null | undefined>>, remembered: Mapping | null, fields: readonly ImportField[]): Mapping {
  const keys = new Set(fields.map((f) => f.key))
  return Object.fromEntries(
    headers.map((h) => {
      const r = remembered?.[h]
      if (remembered && h in remembered && (r === null || (r != null && keys.has(r)))) return [h, r]
      return [h, detected[h] ?? null]
    }),
  )
}

/** Required fields no column maps to. */
export function missingRequired(fields: readonly ImportField[], mapping: Mapping): ImportField[] {
  const used = new Set(Object.values(mapping).filter(Boolean))
  return fields.filter((f) => f.required && !used.has(f.key))
}

/** Field keys that more than one column maps to (ambiguous: which column holds the value?). */
export function duplicateFields(mapping: Mapping): string[] {
  const seen = new Map<string, number>()
  for (const v of Object.values(mapping)) if (v) seen.set(v, (seen.get(v) ?? 0) + 1)
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k)
}

/** `column_map` for the backend: ignored columns are left out. */
export function columnMap(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter((e): e is [string, string] => !!e[1]))
}
