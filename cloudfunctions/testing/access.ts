/**
 * Who the caller is to a round, checked on every call: the round itself (NOT_FOUND), a unit asked about lying in the
 * round's scope, the caller being a worker of a site, the workers staff name being people of the scope.
 */
import type { TestingRoundDoc } from '../../core/model'
import { isWithin, type Unit } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'

export async function roundOf(data: Data, roundId: string): Promise<TestingRoundDoc> {
  const round = await data.testingRounds.get(roundId)
  if (!round) throw new AppError('NOT_FOUND')
  return round
}

/** The router's target for actions on a round: its scope (the caller must lead it). */
export const roundScope = async (p: { roundId: string }, data: Data): Promise<string | null> =>
  (await data.testingRounds.get(p.roundId))?.scopeUnitId ?? null

/** A unit asked about must lie in the round's scope (a leader of another grid learns nothing of this one). */
export function withinRound(round: TestingRoundDoc, unit: Unit | null): Unit {
  if (!unit || !isWithin(unit.path, round.scopePath)) throw new AppError('NOT_FOUND')
  return unit
}

/** The site the caller works in this round, or TESTING_NOT_WORKER (a worker of another site too). */
export function workerSite(caller: Caller, round: TestingRoundDoc, siteIndex: number) {
  const site = round.sites[siteIndex]
  const me = caller.person?._id
  if (!site) throw new AppError('TESTING_SITE_INVALID')
  if (!me || !site.workerIds.includes(me)) throw new AppError('TESTING_NOT_WORKER')
  return site
}

/**
 * The workers named for the sites, as people of the scope: living in it, or holding a role over a unit in it or
 * above it (the community's staff may work a grid's site). Their names, in the order given.
 */
export async function workersOfScope(
  data: Data,
  scopePath: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const people = await data.people.byIds([...new Set(ids)])
  const grantUnits = new Map(
    (await data.units.byIds(people.flatMap((p) => p.roles.map((g) => g.unitId)))).map((u) => [u._id, u]),
  )
  const ofScope = (p: (typeof people)[number]) =>
    !p.deletedAt &&
    ((!!p.homePath && isWithin(p.homePath, scopePath)) ||
      p.roles.some((g) => {
        const u = grantUnits.get(g.unitId)
        return !!u && !u.retired && (isWithin(u.path, scopePath) || isWithin(scopePath, u.path))
      }))
  const found = new Map(people.filter(ofScope).map((p) => [p._id, p.name]))
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) throw new AppError('TESTING_WORKER_INVALID')
  return found
}
