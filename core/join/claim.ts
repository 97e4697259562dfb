/**
 * What a claim names: the room, matched however residents type its door, and the imported member of that
 * household the claimant may turn out to be (their twin: same name and phone, no WeChat identity yet).
 */
import type { ClaimDoc, PersonDoc } from '../model'
import type { Unit } from '../units'

/**
 * Doors as residents type them and as rosters store them agree after this: `2`, `2单元`, ` 2 单元 ` → `2`;
 * `0502`/`502室`/`502` → `502`. Used only to compare, never to store.
 */
export const sameEntrance = (a: string, b: string): boolean => entranceKey(a) === entranceKey(b)
export const sameRoom = (a: string, b: string): boolean => roomKey(a) === roomKey(b)

const entranceKey = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/单元$/, '')
    .replace(/^0+(?=\d)/, '')
const roomKey = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/[室号]$/, '')
    .replace(/^0+(?=\d)/, '')

/** The household of a building at the entrance and room the claimant typed, if there is one. */
export const roomIn = (households: readonly Unit[], entrance: string, room: string): Unit | undefined =>
  households.find((h) => sameEntrance(h.entrance ?? '', entrance) && sameRoom(h.room ?? '', room))

/** The imported member of the household the claim names: same name and phone, no openid yet. */
export const twinOf = (members: readonly PersonDoc[], claim: Pick<ClaimDoc, 'name' | 'phone'>): PersonDoc | null =>
  members.find((m) => !m.openid && m.name === claim.name && m.phone === claim.phone) ?? null
