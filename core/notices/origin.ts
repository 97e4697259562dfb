/**
 * Who a notice speaks for, as residents see it: 和平里社区 · 许玉兰 — the unit the publisher speaks for, then their
 * name. A publisher who asks to be deleted loses their name from it; the unit that spoke stays.
 */
import type { ScopedGrant } from '../permissions'
import type { Unit } from '../units'
import { publishGrants } from './scope'

const SIGNATURE = ' · '

/** The grant a publisher speaks with to `unit`: the widest of those that may publish there (the first, on a tie). */
export const speakingGrant = (
  grants: readonly ScopedGrant[],
  unit: Pick<Unit, 'level' | 'path'>,
): ScopedGrant | undefined => publishGrants(grants, unit).sort((a, b) => a.path.length - b.path.length)[0]

/** The origin line: the unit spoken for, signed with the publisher's name. */
export const originLine = (unitName: string, personName: string): string => `${unitName}${SIGNATURE}${personName}`

/** The origin with the publisher's name taken off; null when it is not signed with that name. */
export function unsigned(origin: string, personName: string): string | null {
  const signature = `${SIGNATURE}${personName}`
  return origin.endsWith(signature) ? origin.slice(0, -signature.length) : null
}
