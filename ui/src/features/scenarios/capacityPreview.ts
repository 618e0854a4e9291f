import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ChildcareInputs, ElderlyInputs, Facility, FacilityAssessment, FacilityKind } from '../../bindings/generated'
import { rpc } from '../../platform/rpc'
import { ApiError, toApiError } from '../../platform/errors'
import { currentCounty, onCountySwitch } from '../county/store'
import { normsRevision } from '../standards/store'
import { categoryOf } from '../../lib/kinds'

/**
 * What core makes of a facility being typed into a form (托位 with its binding constraint, beds
 * and nursing share), from `preview_facility` with the county's norms: the UI computes no
 * capacity of its own.
 */
export interface CapacityInputsOf {
  kind: FacilityKind
  childcare: ChildcareInputs | null
  elderly: ElderlyInputs | null
}

/** A facility carrying only what capacity depends on; the rest are placeholders. */
export function previewFacility(f: CapacityInputsOf): Facility {
  const cat = categoryOf(f.kind)
  return {
    id: 'preview',
    name: 'preview',
    kind: f.kind,
    township_code: '',
    location: { lon: 0, lat: 0 },
    ownership: 'public',
    inclusive: false,
    status: 'planned',
    opening_year: null,
    sample: false,
    childcare: cat === 'childcare' ? f.childcare : null,
    elderly: cat === 'elderly' ? f.elderly : null,
    school_sections: [],
  }
}

// Answers per county, norms and inputs: the same facility is asked once (tables list many).
const cache = new Map<string, Promise<FacilityAssessment>>()
onCountySwitch(() => cache.clear())

export function previewCapacity(f: CapacityInputsOf): Promise<FacilityAssessment> {
  const county = currentCounty()
  const facility = previewFacility(f)
  const key = JSON.stringify([county, normsRevision.value, facility.kind, facility.childcare, facility.elderly])
  let hit = cache.get(key)
  if (!hit) {
    if (cache.size > 200) cache.clear()
    hit = rpc('preview_facility', { county, facility })
    // A refusal is not kept: the next keystroke may fix it.
    hit.catch(() => cache.delete(key))
    cache.set(key, hit)
  }
  return hit
}

/** The preview of a form's inputs, kept current as they change (a short pause first while typing). */
export function useCapacityPreview(inputs: () => CapacityInputsOf | null, delayMs = 200) {
  const result = ref<FacilityAssessment | null>(null) as Ref<FacilityAssessment | null>
  const error = ref<ApiError | null>(null) as Ref<ApiError | null>
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0
  function refresh(f: CapacityInputsOf | null) {
    if (timer) clearTimeout(timer)
    const mine = ++seq
    if (!f) {
      result.value = null
      return
    }
    timer = setTimeout(() => {
      previewCapacity(f)
        .then((a) => {
          if (mine !== seq) return
          result.value = a
          error.value = null
        })
        .catch((e: unknown) => {
          if (mine !== seq) return
          result.value = null
          error.value = toApiError(e)
        })
    }, delayMs)
  }
  watch(() => [inputs(), normsRevision.value] as const, ([f]) => refresh(f), { deep: true, immediate: true })
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
    seq++
  })
  return { result, error }
}
