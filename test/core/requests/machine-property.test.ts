/**
 * The machine as a model: random moves by random actors (three in four drawn from what allowedMoves offers, so
 * walks go deep; the rest anything at all) on up to five requests of one grid, with the clock jumping so deadlines pass.
 * Whatever is accepted or refused: every accepted move appends exactly one event with seq + 1; no request reaches a
 * (state, level) the machine does not allow; a closed request leaves the closed group only by a failed 回头看; the
 * counters, moved by each change's delta, never go negative and always equal the figures of the requests; and
 * replaying a request's events rebuilds it exactly.
 */
import fc from 'fast-check'
import { RATINGS, REQUEST_LEVELS, SYSTEM_MOVES, USER_MOVES, type Move } from '../../../core/contract/requests'
import type { RequestDoc, RequestEventDoc } from '../../../core/model'
import { allowedMoves, decide, ownerKeyOf, type MoveRequest } from '../../../core/requests/machine'
import { add, counterDeltas, figures, replay, zeroFigures } from '../../../core/requests/rates'
import { STATE_GROUP } from '../../../core/requests/states'
import { ACTOR_NAMES, ACTORS, reportedWith, settings, T0, type ActorName } from './world'
import type { RequestCategory, RequestFigures } from '../../../core/contract/requests'

const ANY_MOVES = [...USER_MOVES, ...SYSTEM_MOVES] as const
const CLIMB = ['grid', 'community', 'street'] as const
/** Moves that end a request before it was resolved. */
const CLOSING: readonly Move[] = ['merge', 'withdraw', 'return']

type Step = {
  request: number
  offered: boolean
  pick: number
  move: number
  actor: number
  /** minutes the clock moves before the step */
  wait: number
  variant: number
}
const step: fc.Arbitrary<Step> = fc.record({
  request: fc.nat(4),
  offered: fc.nat(3).map((n) => n > 0),
  pick: fc.nat(1000),
  move: fc.nat(ANY_MOVES.length - 1),
  actor: fc.nat(ACTOR_NAMES.length - 1),
  wait: fc.oneof(fc.constant(1), fc.nat(180), fc.integer({ min: 60 * 20, max: 60 * 24 * 9 })),
  variant: fc.nat(5),
})

/** What the move carries: mostly valid, sometimes missing or wrong (the machine must refuse those). */
function input(move: Move, v: number, other: RequestDoc, now: Date): Omit<MoveRequest, 'move'> {
  switch (move) {
    case 'dispatch':
      return { departmentId: ['chengguan', 'huanwei', 'nope'][v % 3] }
    case 'return':
      return { reason: v === 0 ? ' ' : '不归本级' }
    case 'complete':
    case 'comment':
      return v === 0 ? {} : { note: '已处理', photos: v > 3 ? ['cloud://p'] : [] }
    case 'rate':
      return v === 5 ? {} : { rating: RATINGS[v % 3], comment: v > 2 ? '评价' : undefined }
    case 'confirmUrgent':
    case 'reinspect':
      return v === 5 ? {} : { pass: v % 2 === 0 }
    case 'merge':
      return { into: v === 0 ? 'nope' : other._id }
    case 'scheduleReinspection':
      return v === 0 ? { reinspectAt: new Date(+now - 1).toISOString() } : {}
    default:
      return {}
  }
}

function invariants(r: RequestDoc) {
  expect(r.group).toBe(STATE_GROUP[r.state])
  // the levels that sent it up are exactly those below it on the one road up
  expect(r.sentFrom).toEqual(CLIMB.slice(0, REQUEST_LEVELS.indexOf(r.level)))
  expect(r.departmentId !== undefined).toBe(r.level === 'department')
  expect(r.ownerKey).toBe(ownerKeyOf(r, r.level, r.departmentId))
  if (r.state === 'returned' || r.state === 'withdrawn') expect(r.level).toBe('grid')
  if (r.state === 'withdrawn') expect(r.acceptedAt).toBeUndefined()
  if (['done', 'rated'].includes(r.state)) expect(r.resolvedAt).toBeDefined()
  if (r.state === 'rated') expect(r.rating === 'satisfied' || r.rating === 'basic').toBe(true)
  expect(r.mergedInto !== undefined).toBe(r.state === 'merged')
  if (r.struckOff) expect(['rated', 'closed']).toContain(r.state)
  if (r.group !== 'open') expect(r.nextDueAt).toBeNull()
  if (r.group === 'closed') expect(r.closedAt).toBeDefined()
  expect(r.overdue).toBe(r.respondOverdue || r.resolveOverdue || r.levelOverdue)
  if (r.errandPaidAt) expect(r).toMatchObject({ category: 'errand', state: r.state })
}

it('random moves by random actors keep every request where the machine allows', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<RequestCategory>('repair', 'errand', 'enterprise', 'dispute'),
      fc.boolean(),
      fc.array(step, { minLength: 30, maxLength: 120 }),
      (category, urgent, steps) => {
        let now = T0
        const opened = [reportedWith(category, urgent), reportedWith(category, !urgent)]
        const requests = opened.map((o) => o.request)
        const events: RequestEventDoc[][] = opened.map((o) => [o.event])
        const counters = new Map<string, RequestFigures>()
        const move = (id: string, delta: RequestFigures) =>
          counters.set(id, add(counters.get(id) ?? zeroFigures(), delta))
        for (const r of requests) for (const c of counterDeltas(null, r)) move(c.id, c.delta)

        for (const s of steps) {
          now = new Date(+now + s.wait * 60_000)
          const i = s.request % requests.length
          const r = requests[i]
          const other = requests[(i + 1) % requests.length]
          let who: ActorName = ACTOR_NAMES[s.actor]
          let m: Move = ANY_MOVES[s.move]
          if (s.offered) {
            const offers = ACTOR_NAMES.flatMap((a): [ActorName, Move][] =>
              a === 'system'
                ? SYSTEM_MOVES.filter((sm) => decide(r, { move: sm }, ACTORS.system, now, settings).ok).map((sm) => [
                    a,
                    sm,
                  ])
                : allowedMoves(r, ACTORS[a], now, settings).map((um) => [a, um]),
            )
            if (!offers.length) {
              // nothing more can happen to it: a neighbour reports a new one (up to five in a run)
              if (requests.length < 5) {
                const o = reportedWith(category, s.variant % 2 === 0, now)
                requests.push(o.request)
                events.push([o.event])
                for (const c of counterDeltas(null, o.request)) move(c.id, c.delta)
              }
              continue
            }
            // one of the moves on offer (then one of the actors offered it), closing moves less often so walks go deep
            const moves = [...new Set(offers.map(([, om]) => om))]
            const lasting = moves.filter((om) => !CLOSING.includes(om))
            const pool = s.variant < 4 && lasting.length ? lasting : moves
            m = pool[s.pick % pool.length]
            const takers = offers.filter(([, om]) => om === m)
            who = takers[Math.floor(s.pick / pool.length) % takers.length][0]
          }
          const req = { move: m, ...input(m, s.variant, other, now) } as MoveRequest
          const d = decide(r, req, ACTORS[who], now, settings, { survivor: other })
          if (!d.ok) {
            expect(typeof d.code).toBe('string')
            continue
          }
          expect(d.event.seq).toBe(r.seq + 1)
          expect(d.next.seq).toBe(r.seq + 1)
          expect(d.event._id).toBe(`${r._id}_${r.seq + 1}`)
          expect(d.event.to).toEqual({ state: d.next.state, level: d.next.level })
          if (r.group === 'closed' && d.next.group !== 'closed') expect(d.event.move).toBe('reinspect')
          if (d.payErrand) expect(r.errandPaidAt).toBeUndefined()
          invariants(d.next)
          for (const c of counterDeltas(r, d.next)) move(c.id, c.delta)
          requests[i] = d.next
          events[i].push(d.event)
          // a merge's survivor gets its own event in the same step: one more seq, its state and level unchanged
          if (d.absorbed) {
            const j = requests.indexOf(other)
            expect(d.event.move).toBe('merge')
            expect(d.absorbed.event).toMatchObject({ seq: other.seq + 1, mergedFrom: [r._id] })
            expect([d.absorbed.next.state, d.absorbed.next.level]).toEqual([other.state, other.level])
            invariants(d.absorbed.next)
            for (const c of counterDeltas(other, d.absorbed.next)) move(c.id, c.delta)
            requests[j] = d.absorbed.next
            events[j].push(d.absorbed.event)
          } else expect(d.event.move).not.toBe('merge')
        }

        // counters never negative, and equal to the figures of the requests in each scope
        const expected = new Map<string, RequestFigures>()
        for (const r of requests)
          for (const c of counterDeltas(null, r)) expected.set(c.id, add(expected.get(c.id) ?? zeroFigures(), c.delta))
        for (const [id, f] of counters) {
          for (const v of Object.values(f)) expect(v).toBeGreaterThanOrEqual(0)
          expect({ id, f }).toEqual({ id, f: expected.get(id) ?? zeroFigures() })
        }
        for (const id of expected.keys()) expect(counters.has(id)).toBe(true)
        // the request is the fold of its events
        requests.forEach((r, i) => {
          expect(replay(r, events[i])).toEqual(r)
          expect(figures(replay(r, events[i]))).toEqual(figures(r))
        })
      },
    ),
    { numRuns: 300 },
  )
})
