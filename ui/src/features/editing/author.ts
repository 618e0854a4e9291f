// The editor's name is asked once per computer, not per session: it is who the change log credits.
const KEY = 'junheng.editAuthor'

export function savedAuthor(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string {
  return storage?.getItem(KEY) ?? ''
}

export function saveAuthor(name: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(KEY, name.trim())
}
