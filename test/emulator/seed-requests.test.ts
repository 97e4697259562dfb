/**
 * The demo's month of requests (emulator/seed/requests.ts): every request is the fold of its events, the counters
 * are the recount of the requests, every state and level is there, each persona has something to do, and the
 * patrols' day markers say which grids were patrolled today.
 */
import { REQUEST_FIGURES } from '../../core/contract/requests'
import { patrolDayId, requestCounterId } from '../../core/ids'
import type {
  PatrolDayDoc,
  PatrolDoc,
  PersonDoc,
  RequestCounterDoc,
  RequestDoc,
  RequestEventDoc,
  RequestFollowerDoc,
} from '../../core/model'
import type { ScopedGrant } from '../../core/permissions'
import { allowedMoves, type Actor } from '../../core/requests/machine'
import { patrolDayOf } from '../../core/requests/patrol'
import { add, figures, replay, scopeKeys, zeroFigures } from '../../core/requests/rates'
import { DEFAULT_SETTINGS } from '../../core/requests/settings'
import { REQUEST_STATES } from '../../core/requests/states'
import { buildDemoCommunity } from '../../emulator/seed'
import { seedDay } from '../../emulator/seed/points-wallet'
import { personaPerson } from '../demo'

const demo = buildDemoCommunity()
const seed = demo.requests as unknown as {
  requests: RequestDoc[]
  requestEvents: RequestEventDoc[]
  requestFollowers: RequestFollowerDoc[]
  requestCounters: RequestCounterDoc[]
  patrols: PatrolDoc[]
  patrolDays: PatrolDayDoc[]
}
const units = new Map(demo.units.map((u) => [u._id, u]))
const eventsOf = (id: string) => seed.requestEvents.filter((e) => e.requestId === id)
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown

const actorOf = (p: PersonDoc, r: RequestDoc): Actor => ({
  personId: p._id,
  name: p.name,
  roles: p.roles.map((g) => ({ ...g, path: units.get(g.unitId)?.path ?? '' }) as ScopedGrant),
  isReporter: r.reporterId === p._id,
  isFollower: seed.requestFollowers.some((f) => f.requestId === r._id && f.personId === p._id && f.kind === 'follower'),
  isErrandTaker: r.errandTakerId === p._id,
  ...(p.volunteer ? { volunteer: true } : {}),
})

describe('the seeded requests', () => {
  it('are each the fold of their events (seq 1…n, ids by seq), as a replay rebuilds them', () => {
    expect(seed.requests.length).toBeGreaterThanOrEqual(40)
    for (const r of seed.requests) {
      const events = eventsOf(r._id)
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
      expect(r.seq).toBe(events.length)
      expect(json(replay(r, events))).toEqual(json(r))
    }
    expect(new Set(seed.requestEvents.map((e) => e._id)).size).toBe(seed.requestEvents.length)
  })

  it('have counters equal to a recount of the requests, per scope and cohort month', () => {
    const recount = new Map<string, ReturnType<typeof zeroFigures>>()
    for (const r of seed.requests) {
      for (const scope of scopeKeys(r)) {
        const id = requestCounterId(scope, r.month)
        recount.set(id, add(recount.get(id) ?? zeroFigures(), figures(replay(r, eventsOf(r._id)))))
      }
    }
    expect(seed.requestCounters.map((c) => c._id).sort()).toEqual([...recount.keys()].sort())
    for (const c of seed.requestCounters) {
      const want = recount.get(c._id)
      expect(Object.fromEntries(REQUEST_FIGURES.map((f) => [f, c[f]]))).toEqual(want)
    }
  })

  it('cover every state, every level, overdue ones, escalated and whistled ones, an errand and 回头看', () => {
    const states = new Set(seed.requests.map((r) => r.state))
    for (const s of REQUEST_STATES) expect({ state: s, seeded: states.has(s) }).toEqual({ state: s, seeded: true })
    expect(new Set(seed.requests.map((r) => r.level))).toEqual(new Set(['grid', 'community', 'street', 'department']))
    expect(seed.requests.some((r) => r.group === 'open' && r.overdue && r.level === 'department')).toBe(true)
    expect(seed.requests.some((r) => r.group === 'open' && r.overdue && r.level === 'community')).toBe(true)
    expect(seed.requests.some((r) => r.reopenCount > 0 && r.state === 'rated')).toBe(true)
    expect(seed.requests.some((r) => r.category === 'errand' && r.errandTakerId && r.state === 'done')).toBe(true)
    expect(seed.requests.some((r) => r.struckOff)).toBe(true)
    expect(seed.requests.some((r) => r.reinspectAt && !r.reinspectedAt)).toBe(true)
    expect(seed.requestEvents.some((e) => e.move === 'autoEscalate')).toBe(true)
    expect(seed.requestEvents.some((e) => e.move === 'autoClose')).toBe(true)
    // nothing happened after the seed's day began (so the same day builds the same month)
    for (const e of seed.requestEvents) expect(+new Date(e.at)).toBeLessThanOrEqual(+seedDay())
  })

  it('give each persona something to do: rate, accept, handle, whistle, 报到', () => {
    const now = seedDay()
    const can = (role: string, nth: number, move: string) =>
      seed.requests.some((r) =>
        (allowedMoves(r, actorOf(personaPerson(demo, role, nth), r), now, DEFAULT_SETTINGS) as string[]).includes(move),
      )
    expect(can('resident', 0, 'rate')).toBe(true)
    expect(can('gridChief', 1, 'accept')).toBe(true)
    expect(can('communityStaff', 0, 'accept')).toBe(true)
    expect(can('streetStaff', 0, 'dispatch')).toBe(true)
    expect(can('department', 0, 'checkIn')).toBe(true)
    expect(can('department', 0, 'complete')).toBe(true)
  })

  it('have one follower row per reporter and per 我也遇到了, carrying the request’s last change', () => {
    const byId = new Map(seed.requests.map((r) => [r._id, r]))
    for (const r of seed.requests) {
      const rows = seed.requestFollowers.filter((f) => f.requestId === r._id)
      expect(rows.filter((f) => f.kind === 'reporter').map((f) => f.personId)).toEqual([r.reporterId])
      expect(rows).toHaveLength(r.followerCount)
    }
    for (const f of seed.requestFollowers) expect(f.requestUpdatedAt).toEqual(byId.get(f.requestId)?.updatedAt)
  })

  it('have patrols whose day markers count them, two grids patrolled today, and findings that became requests', () => {
    const today = patrolDayOf(seedDay())
    for (const m of seed.patrolDays) {
      expect(m._id).toBe(patrolDayId(m.gridId, m.day))
      expect(m.patrols).toBe(seed.patrols.filter((p) => p.gridId === m.gridId && p.day === m.day).length)
    }
    expect(seed.patrolDays.filter((m) => m.day === today).map((m) => m.gridId)).toHaveLength(2)
    const ids = new Set(seed.requests.map((r) => r._id))
    const reported = seed.patrols.flatMap((p) => p.findings.flatMap((f) => (f.requestId ? [f.requestId] : [])))
    expect(reported.length).toBeGreaterThanOrEqual(2)
    for (const id of reported) expect(ids.has(id)).toBe(true)
  })
})
