/**
 * Who the caller is to a request, read once per call: the settings in force where it is, the caller as the machine's
 * Actor (core/requests/machine.ts), and whether they may see it at all. The machine decides every move; this module
 * only gathers what it reads.
 */
import type { RequestDoc } from '../../core/model'
import { LEADER_ROLES } from '../../core/roles'
import { requestFollowerId } from '../../core/ids'
import type { Actor } from '../../core/requests/machine'
import type { RequestSettings } from '../../core/requests/settings'
import { isWithin } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { requestSettingsOf } from '../../server/request-create'

/** Settings looked up once per community within one call or one timer firing. */
export function settingsCache(
  data: Data,
): (r: Pick<RequestDoc, 'communityId' | 'streetId'>) => Promise<RequestSettings> {
  const known = new Map<string, Promise<RequestSettings>>()
  return (r) => {
    const key = `${r.communityId}|${r.streetId}`
    let s = known.get(key)
    if (!s) known.set(key, (s = requestSettingsOf(data, r.communityId, r.streetId)))
    return s
  }
}

const gridPath = (r: Pick<RequestDoc, 'path' | 'gridId'>): string => {
  const at = r.path.indexOf(`/${r.gridId}/`)
  return at < 0 ? r.path : r.path.slice(0, at + r.gridId.length + 2)
}

/** A leader grant over the request's place (any level above it), or a department grant of its street. */
export function handlesIt(caller: Caller, r: RequestDoc): boolean {
  return caller.grants.some(
    (g) =>
      ((LEADER_ROLES as readonly string[]).includes(g.role) && isWithin(r.path, g.path)) ||
      (g.role === 'department' && g.unitId === r.streetId),
  )
}

/** A department grant of the request's street for the department it is (or was last) with. */
const departmentSeesIt = (caller: Caller, r: RequestDoc, departmentIds: readonly string[]): boolean =>
  caller.grants.some(
    (g) =>
      g.role === 'department' &&
      g.unitId === r.streetId &&
      g.departmentId !== undefined &&
      (r.departmentId === g.departmentId || departmentIds.includes(g.departmentId)),
  )

/** A leader over the request's place (never a department: they see only what was sent to them). */
export const leadsOver = (caller: Caller, r: Pick<RequestDoc, 'path'>): boolean =>
  caller.grants.some((g) => (LEADER_ROLES as readonly string[]).includes(g.role) && isWithin(r.path, g.path))

/** Lives in the request's grid (any household of it). */
export const livesInGrid = (caller: Caller, r: Pick<RequestDoc, 'path' | 'gridId'>): boolean =>
  !!caller.person?.homePath && isWithin(caller.person.homePath, gridPath(r))

export interface Relation {
  isReporter: boolean
  isFollower: boolean
  isErrandTaker: boolean
}

/** How the caller is attached to the request (reporter, follower, the errand's taker). */
export async function relationOf(data: Data, caller: Caller, r: RequestDoc): Promise<Relation> {
  const me = caller.person?._id
  if (!me) return { isReporter: false, isFollower: false, isErrandTaker: false }
  const isReporter = r.reporterId === me
  const follows = isReporter ? null : await data.requestFollowers.get(requestFollowerId(r._id, me))
  return { isReporter, isFollower: isReporter || !!follows, isErrandTaker: r.errandTakerId === me }
}

/**
 * Whether the caller may see the request: its reporter and followers, residents of its grid, leaders over its
 * place, and the department it is (or was) sent to (`departmentIds`: the departments its timeline names). Anyone
 * else learns nothing, not even that it exists.
 */
export function maySee(caller: Caller, r: RequestDoc, rel: Relation, departmentIds: readonly string[] = []): boolean {
  return (
    rel.isReporter ||
    rel.isFollower ||
    rel.isErrandTaker ||
    livesInGrid(caller, r) ||
    leadsOver(caller, r) ||
    departmentSeesIt(caller, r, departmentIds)
  )
}

/** The caller as the machine sees them. */
export function actorOf(caller: Caller, rel: Relation): Actor {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  return {
    personId: person._id,
    name: person.name,
    roles: caller.grants,
    ...rel,
    ...(person.volunteer ? { volunteer: true } : {}),
  }
}
