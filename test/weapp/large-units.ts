/**
 * The rest of the large grid's street and community, for 数据看板's children list (weight.ts): the large grid (g1) is
 * the only grid of its community (c1) and c1 the only community of its street (s1); a real street has many
 * communities and a community tens of grids. This adds OUTLYING_GRIDS more grids to c1 and OUTLYING_COMMUNITIES more
 * communities to s1 as units (with sibling keys, so they page as the functions page them) and, for each, the counters
 * the dashboard reads of a unit (unitCounters; unitStats of this week and month, the reach in its shard; the month's
 * requestCounters) with figures of a grid of the large grid's size, drawn from a seeded PRNG. Their parents' counters
 * carry the sums, as the functions would have left them (the functions' later moves add on top). The outlying units
 * hold no buildings or people: only their counters are read (a drill into one shows its figures and no children).
 */
import { figuresOf } from '../../core/grid/counters'
import { withSiblingKey } from '../../core/grid/siblings'
import { monthKey, periodOf, type StatFigures } from '../../core/dashboard/stats'
import { REQUEST_FIGURES, type RequestFigures } from '../../core/contract/requests'
import { requestCounterId, unitStatsId, unitStatsShardId } from '../../core/ids'
import type { RequestCounterDoc, UnitCounterDoc, UnitStatsDoc } from '../../core/model'
import { childPath, type Unit } from '../../core/units'
import { createRandom } from '../../emulator/seed/random'

/** Grids added to the large grid's community (with g1: 35, two pages of 20 on its dashboard). */
export const OUTLYING_GRIDS = 34
/** Communities added to the large grid's street (with c1: 25, two pages). */
export const OUTLYING_COMMUNITIES = 24
const SEED = 20261203

type Counters = Omit<UnitCounterDoc, '_id' | 'path' | 'updatedAt'>
interface Figures {
  counters: Counters
  week: Partial<StatFigures>
  month: Partial<StatFigures>
  requests: Partial<RequestFigures>
}

export interface OutlyingUnits {
  units: Unit[]
  unitCounters: UnitCounterDoc[]
  unitStats: UnitStatsDoc[]
  requestCounters: RequestCounterDoc[]
}

/**
 * The outlying grids and communities, and the counters of every unit on the way up (`counters`: the large grid's
 * unitCounters, whose c1 and s1 entries are returned with the sums added). `now` fixes the period documents.
 */
export function outlyingUnits(units: readonly Unit[], counters: readonly UnitCounterDoc[], now: Date): OutlyingUnits {
  const rnd = createRandom(SEED)
  const community = units.find((u) => u.level === 'community') as Unit
  const street = units.find((u) => u.level === 'street') as Unit
  const week = periodOf('week', now)
  const month = periodOf('month', now)
  const requestMonth = monthKey(now)
  const updatedAt = now

  /** A grid's figures of the large grid's size: ~270 households, half of them on WeChat. */
  const gridFigures = (): Figures => {
    const households = rnd.int(230, 300)
    const residents = Math.round(households * (1.9 + rnd.next() * 0.3))
    const joined = Math.round(residents * (0.4 + rnd.next() * 0.2))
    const reachable = Math.min(households, Math.round(households * (0.45 + rnd.next() * 0.25)))
    const reachedWeek = rnd.int(0, reachable)
    const reachedMonth = Math.min(reachable, reachedWeek + rnd.int(0, reachable - reachedWeek))
    const noticesWeek = rnd.int(0, 6)
    // an urgent notice to the grid this week in about one grid of three, reaching most of its reachable households
    const urgentWeek = rnd.chance(0.35) ? 1 : 0
    const urgentReached = urgentWeek ? Math.round(reachedWeek * (0.7 + rnd.next() * 0.3)) : 0
    const patrolsWeek = rnd.int(0, 10)
    const volunteersWeek = rnd.int(0, 25)
    const reported = rnd.int(0, 30)
    const resolved = rnd.int(0, reported)
    const ended = Math.min(reported, resolved + rnd.int(0, reported - resolved))
    const rated = rnd.int(0, resolved)
    return {
      counters: {
        households,
        residents,
        joined,
        reachable,
        pendingClaims: rnd.int(0, 3),
        care: Math.round(residents * 0.05),
      },
      week: {
        notices: noticesWeek + urgentWeek,
        urgentNotices: urgentWeek,
        urgentHere: urgentWeek,
        reached: reachedWeek,
        urgentReached,
        volunteerMinutes: volunteersWeek * rnd.int(60, 180),
        activeVolunteers: volunteersWeek,
        pointsEarned: volunteersWeek * rnd.int(10, 40),
        pointsRedeemed: rnd.int(0, 300),
        patrols: patrolsWeek,
        careMissed: rnd.int(0, 4),
      },
      month: {
        notices: noticesWeek + urgentWeek + rnd.int(0, 15),
        urgentNotices: urgentWeek + rnd.int(0, 2),
        urgentHere: urgentWeek,
        reached: reachedMonth,
        urgentReached,
        volunteerMinutes: volunteersWeek * rnd.int(200, 600),
        activeVolunteers: volunteersWeek + rnd.int(0, 30),
        pointsEarned: volunteersWeek * rnd.int(40, 120),
        pointsRedeemed: rnd.int(0, 1_200),
        patrols: patrolsWeek + rnd.int(0, 30),
        careMissed: rnd.int(0, 12),
      },
      requests: {
        reported,
        responseDue: reported,
        respondedOnTime: rnd.int(Math.floor(reported * 0.7), reported),
        resolved,
        resolvedOnTime: rnd.int(Math.floor(resolved * 0.7), resolved),
        ended,
        openOverdue: rnd.int(0, Math.min(3, reported - ended)),
        rated,
        satisfied: rnd.int(Math.floor(rated * 0.6), rated),
      },
    }
  }
  /** The sum of figures (a community's of its grids); urgentHere is of the unit itself (notices sent to it), never
   * summed up. */
  const sum = (all: readonly Figures[]): Figures => {
    const add = <T extends object>(parts: readonly T[]): T => {
      const out: Record<string, number> = {}
      for (const p of parts)
        for (const [k, v] of Object.entries(p)) if (k !== 'urgentHere') out[k] = (out[k] ?? 0) + (v as number)
      return out as T
    }
    return {
      counters: add(all.map((f) => f.counters)),
      week: add(all.map((f) => f.week)),
      month: add(all.map((f) => f.month)),
      requests: add(all.map((f) => f.requests)),
    }
  }

  const added: Unit[] = []
  const figures = new Map<string, Figures>()
  const child = (id: string, name: string, level: Unit['level'], parent: Unit) => {
    const u = withSiblingKey({ _id: id, name, level, parentId: parent._id, path: childPath(parent.path, id) })
    added.push(u)
    return u
  }
  const gridsOfCommunity: Figures[] = []
  for (let i = 0; i < OUTLYING_GRIDS; i++) {
    const g = child(`g${i + 2}`, `第${i + 2}网格`, 'grid', community)
    const f = gridFigures()
    figures.set(g._id, f)
    gridsOfCommunity.push(f)
  }
  const communitiesOfStreet: Figures[] = []
  for (let i = 0; i < OUTLYING_COMMUNITIES; i++) {
    const c = child(`c${i + 2}`, `第${i + 2}社区`, 'community', street)
    // a community of 8–14 such grids
    const f = sum(Array.from({ length: rnd.int(8, 14) }, gridFigures))
    figures.set(c._id, f)
    communitiesOfStreet.push(f)
  }
  const communityAdds = sum(gridsOfCommunity)
  const streetAdds = sum([...gridsOfCommunity, ...communitiesOfStreet])

  const unitCounters: UnitCounterDoc[] = added.map((u) => ({
    _id: u._id,
    path: u.path,
    ...(figures.get(u._id) as Figures).counters,
    updatedAt,
  }))
  for (const [unit, adds] of [
    [community, communityAdds],
    [street, streetAdds],
  ] as const) {
    const held = figuresOf(counters.find((c) => c._id === unit._id))
    const c = adds.counters
    unitCounters.push({
      _id: unit._id,
      path: unit.path,
      households: held.households + c.households,
      residents: held.residents + c.residents,
      joined: held.joined + c.joined,
      reachable: held.reachable + c.reachable,
      pendingClaims: held.pendingClaims + c.pendingClaims,
      care: held.care + c.care,
      updatedAt,
    })
  }

  const unitStats: UnitStatsDoc[] = []
  const requestCounters: RequestCounterDoc[] = []
  const statsDocs = (unitId: string, f: Figures) => {
    for (const [period, s] of [
      [week, f.week],
      [month, f.month],
    ] as const) {
      const { reached, urgentReached, ...rest } = s
      unitStats.push({ _id: unitStatsId(unitId, period), unitId, period, ...rest, updatedAt })
      // households reached are kept in the reach shards (server/unit-stats.ts): one shard holds them here
      unitStats.push({
        _id: unitStatsShardId(unitId, period, 0),
        unitId,
        period,
        shard: 0,
        reached,
        urgentReached,
        updatedAt,
      })
    }
    const r = Object.fromEntries(REQUEST_FIGURES.map((k) => [k, f.requests[k] ?? 0])) as RequestFigures
    requestCounters.push({
      _id: requestCounterId(unitId, requestMonth),
      scopeKey: unitId,
      month: requestMonth,
      ...r,
      updatedAt,
    })
  }
  for (const u of added) statsDocs(u._id, figures.get(u._id) as Figures)
  statsDocs(community._id, communityAdds)
  statsDocs(street._id, streetAdds)
  return { units: added, unitCounters, unitStats, requestCounters }
}
