import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([SVGRenderer])

export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

/**
 * Mounts an SVG ECharts instance on `el` whenever the element exists (it may appear after data loads),
 * follows `option` and the element's size, and disposes it.
 */
export function useChart(el: Ref<HTMLElement | null>, option: Ref<unknown>) {
  const chart = shallowRef<echarts.EChartsType | null>(null)
  let ro: ResizeObserver | null = null
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
  onBeforeUnmount(teardown)
  return chart
}
