/** A join poster (扫码入格): which of a unit's posters is still live, and the place it prints under the name. */
import type { InviteDoc } from '../model'
import { ancestorAt, type Unit } from '../units'
import { opens } from './invite'

/** The posters that still open at `now`, in the order given (the newest first is the one handed back). */
export const livePosters = (posters: readonly InviteDoc[], now: Date): InviteDoc[] =>
  posters.filter((p) => opens(p, 'join', now))

/** The community and grid a poster names under the unit (a grid's poster names its community only). */
export const placeIds = (unit: Pick<Unit, '_id' | 'path'>): string[] =>
  (['community', 'grid'] as const)
    .flatMap((level) => ancestorAt(unit.path, level) ?? [])
    .filter((id) => id !== unit._id)

/** 和平里社区 · 第一网格: the names of those places, any missing one left out. */
export const placeLine = (ids: readonly string[], names: ReadonlyMap<string, string>): string =>
  ids
    .map((id) => names.get(id) ?? '')
    .filter(Boolean)
    .join(' · ')
