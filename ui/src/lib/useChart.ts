import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([SVGRenderer])

/** The printable width of A4 landscape with 10 mm margins, in CSS pixels. */
export const PRINT_WIDTH_PX = (277 / 25.4) * 96

/**
 * A chart's width on paper: its share of the page's main column, applied to the paper's width
 * (the print stylesheet keeps the screen's columns). SVG charts have a fixed size, so without
 * this a chart wider than the paper is cut.
 */
export function printWidth(chartWidth: number, mainWidth: number): number {
  return mainWidth > 0 ? Math.floor((chartWidth * PRINT_WIDTH_PX) / mainWidth) : chartWidth
}

export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

/**
 * Mounts an SVG ECharts instance on `el` whenever the element exists (it may appear after data loads),
 * follows `option` and the element's size, and disposes it.
 */
export function useChart(el: Ref<HTMLElement | null>, option: Ref<unknown>) {
  const chart = shallowRef<echarts.EChartsType | null>(null)
  let ro: ResizeObserver | null = null
  const beforePrint = () => {
    const node = el.value
    if (!node || !chart.value) return
    const main = node.closest('.app-main') ?? document.body
    chart.value.resize({ width: printWidth(node.clientWidth, main.clientWidth) })
  }
  const afterPrint = () => chart.value?.resize()
  if (typeof window !== 'undefined') {
    window.addEventListener('beforeprint', beforePrint)
    window.addEventListener('afterprint', afterPrint)
  }
  const teardown = () => {
    ro?.disconnect()
    ro = null
    chart.value?.dispose()
    chart.value = null
  }
  watch(
    el,
    (node) => {
      teardown()
      if (!node) return
      chart.value = echarts.init(node, undefined, { renderer: 'svg' })
      chart.value.setOption(option.value as echarts.EChartsCoreOption)
      if (typeof ResizeObserver !== 'undefined') {
        ro = new ResizeObserver(() => chart.value?.resize())
        ro.observe(node)
      }
    },
    { flush: 'post', immediate: true },
  )
  watch(option, (o) => chart.value?.setOption(o as echarts.EChartsCoreOption, { notMerge: true }))
  onBeforeUnmount(() => {
    teardown()
    window.removeEventListener('beforeprint', beforePrint)
    window.removeEventListener('afterprint', afterPrint)
  })
  return chart
}
