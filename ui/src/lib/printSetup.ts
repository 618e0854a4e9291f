// Before printing: the page footer goes into the @page margin boxes (county, data year, date,
// page number) and every chart resizes to the paper's width; after printing, back to the screen.
import { i18n } from '../i18n'

const STYLE_ID = 'jh-print-footer'

/** A CSS string literal (quotes and backslashes escaped; newlines dropped). */
export const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`

/** The @page rule carrying the footer; `left` and `right` are plain text. */
export function footerCss(left: string, right: string, pageWord: { before: string; after: string }): string {
  return `@page { @bottom-left { content: ${cssString(left)}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${cssString(right)} ${cssString(pageWord.before)} counter(page) ${cssString(pageWord.after)}; font-size: 8pt; color: #555; } }`
}

/** What the footer says, read from the page's own footer element (it knows county and year). */
function footerText(): { left: string; right: string } {
  const el = document.querySelector<HTMLElement>('[data-testid="print-footer"]')
  const parts = el ? [...el.children].map((c) => c.textContent?.trim() ?? '').filter(Boolean) : []
  return { left: parts.slice(0, 2).join(' · '), right: parts.slice(2, 3).join('') }
}

export function installPrintSetup(win: Window = window): void {
  win.addEventListener('beforeprint', () => {
    const { left, right } = footerText()
    const t = i18n.global.t
    let style = win.document.getElementById(STYLE_ID)
    if (!style) {
      style = win.document.createElement('style')
      style.id = STYLE_ID
      win.document.head.appendChild(style)
    }
    // The page number is CSS's counter: the message is split where its {n} goes.
    const [before, after = ''] = t('print.page', { n: '\u0000' }).split('\u0000')
    style.textContent = footerCss(left, right, { before: `  ${before}`, after })
  })
}
