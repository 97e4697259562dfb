/**
 * The `points` function, a community's own rules: staff read and change the volunteering rules their community
 * lives by (cancel-free hours, no-shows and the bar, the check-in window, night hours, star levels, the team limit,
 * expiry, each role's monthly adjustment limits). The bounds and the schema are core/points/settings.ts; the
 * defaults core/points/rules.ts.
 */
import { z } from 'zod'
import type { ExpiryRule } from '../../points/expiry'
import type { VolunteerRules } from '../../points/rules'
import { volunteerRulesSchema } from '../../points/settings'
import { unitId } from '../fields'

export type { VolunteerRules } from '../../points/rules'

export const rulesPayloads = {
  /** The rules of the community of `unitId` (the community itself, or a grid or building under it). */
  rules: z.object({ unitId }).strict(),
  /** Staff replace their community's rules; `version` is the one they read (an edit on a stale read is refused). */
  updateRules: z
    .object({
      communityId: unitId,
      version: z.number().int().min(0).max(1_000_000),
      rules: volunteerRulesSchema,
    })
    .strict(),
}

export interface RulesView {
  community: { id: string; name: string }
  rules: VolunteerRules
  /** The product's defaults, beside what the community set. */
  defaults: VolunteerRules
  /** The rules that differ from the defaults. */
  changed: (keyof VolunteerRules)[]
  /** What `expiry: null` means here: the environment's rule. */
  defaultExpiry: ExpiryRule
  /** 0 while the community lives by the defaults; send it back with updateRules. */
  version: number
  updatedAt: string | null
  updatedBy: string | null
  /** Whether the caller may change them (community or street staff over the community). */
  canEdit: boolean
}

export interface RulesApi {
  rules: { payload: z.input<typeof rulesPayloads.rules>; result: RulesView }
  updateRules: { payload: z.input<typeof rulesPayloads.updateRules>; result: RulesView }
}
