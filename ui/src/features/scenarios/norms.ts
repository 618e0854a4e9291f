import type { NormLookup } from '../../lib/scenarios'
import { normsState } from '../standards/store'

/** Norm values in force for the county (reactive: reads the loaded standards library). */
export const countyNorm: NormLookup = (id) => normsState.byId.get(id)?.value
