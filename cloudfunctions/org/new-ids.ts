/** Ids of the units and people the org function creates: opaque, unique, chosen before the write because a
 * unit's path contains its id (and an import links people to households it creates in the same run). */
import { randomBytes } from 'node:crypto'

export const newUnitId = (): string => `u${randomBytes(8).toString('hex')}`
export const newPersonId = (): string => `p${randomBytes(8).toString('hex')}`
