import { ref } from 'vue'

/** The 新建县区 wizard is opened from the header, the county switcher and the empty dashboard. */
export const wizardOpen = ref(false)
/** A county to preview at once (picked in the switcher's search), else none. */
export const wizardCode = ref<string | null>(null)

export function openWizard(code: string | null = null): void {
  wizardCode.value = code
  wizardOpen.value = true
}
