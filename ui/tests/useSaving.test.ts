import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useSaving } from '../src/lib/useSaving'
import { ApiError } from '../src/platform/errors'
import { makeI18n } from './helpers'

function harness() {
  let api!: ReturnType<typeof useSaving>
  const C = defineComponent({
    setup() {
      api = useSaving()
      return () => h('div')
    },
  })
  const w = mount(C, { global: { plugins: [makeI18n('zh-CN')] } })
  return { w, api: () => api }
}

describe('useSaving (the save of the scenario and siting dialogs)', () => {
  it('shows the translated error and clears it on the next save', async () => {
    const { w, api } = harness()
    const { saving, error, save } = api()
    let during = false
    await save(async () => {
      during = saving.value
      throw new ApiError('store.conflict', 'stale', { detail: '设施 CC01 已被修改' })
    })
    expect(during).toBe(true)
    expect(saving.value).toBe(false)
    // The code is worded from the contract with its params, not the backend's English message.
    expect(error.value).toBe('数据已在别处被修改，请重新加载后再操作（设施 CC01 已被修改）。')
    let ran = false
    await save(async () => {
      ran = true
    })
    expect(ran).toBe(true)
    expect(error.value).toBeNull()
    w.unmount()
  })
})
