import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './locales/zh-CN'
import en from './locales/en'

export type AppLocale = 'zh-CN' | 'en'
export const LOCALES: AppLocale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'junheng.locale'

export function savedLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): AppLocale {
  const v = storage?.getItem(STORAGE_KEY)
  return v === 'en' || v === 'zh-CN' ? v : 'zh-CN'
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
