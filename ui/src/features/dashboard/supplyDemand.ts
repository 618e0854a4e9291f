import type { ZoneAssessment } from '../../bindings/generated'
import { formatNumber } from '../../lib/format'
import { escapeHtml } from '../../lib/html'

export type SupplyDemandMode = 'childcare' | 'elderly'

type Translate = (key: string, params?: Record<string, unknown>) => string

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

/**
 * The ECharts option of the supply/need bars per township. The tooltip is HTML: township names
 * come from imported files, so they are escaped there (the axis labels are SVG text).
 */
export function supplyDemandOption(townships: readonly ZoneAssessment[], mode: SupplyDemandMode, t: Translate, locale: string) {
  // Reversed so the first township appears at the top of the horizontal bars.
  const rows = [...townships].reverse()
  const supply = rows.map((z) => (mode === 'childcare' ? z.childcare_slots : z.institution_beds))
  // Childcare need is what the 每千人口托位数 target in force asks for: none in a year without one.
  const demand = rows.map((z) => (mode === 'childcare' ? z.childcare_slots_needed : z.beds_needed))
  const unit = mode === 'childcare' ? t('chart.slotsUnit') : t('chart.bedsUnit')
  return {
    textStyle: { fontFamily: FONT },
    color: ['#1d5fbf', '#c9d3e0'],
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 10, data: [t('chart.supply'), t('chart.demand')] },
    grid: { left: 8, right: 24, top: 28, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => tooltipHtml(rows[params[0].dataIndex], supply[params[0].dataIndex], demand[params[0].dataIndex], t, locale),
    },
    xAxis: {
      type: 'value',
      name: unit,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { fontSize: 11, color: '#606266' },
      // Whole slots and beds: no repeated "0 0 1 1" ticks on a near-empty county.
      minInterval: 1,
      axisLabel: { fontSize: 11, formatter: (v: number) => formatNumber(v, locale) },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((z) => z.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 12, color: '#303133' },
    },
    series: [
      { name: t('chart.supply'), type: 'bar', data: supply, barGap: '10%', barCategoryGap: '30%' },
      { name: t('chart.demand'), type: 'bar', data: demand },
    ],
  }
}

/** One township's line of the tooltip; every text in it is escaped. */
export function tooltipHtml(z: ZoneAssessment, supply: number, demand: number | null, t: Translate, locale: string): string {
  const gap = demand == null ? null : demand - supply
  const e = escapeHtml
  return [
    `<b>${e(z.name)}</b>`,
    e(`${t('chart.supply')}：${formatNumber(supply, locale)}`),
    e(`${t('chart.demand')}：${demand == null ? t('chart.noTarget') : formatNumber(demand, locale)}`),
    gap != null && gap > 0 ? `<span style="color:#d03050">${e(`${t('chart.gap')}：${formatNumber(gap, locale)}`)}</span>` : '',
  ]
    .filter(Boolean)
    .join('<br/>')
}
