/**
 * A hand-computed month: nine repairs in one grid (respond within 4 h, resolve within 24 h), walked through the
 * machine with the counters moved by every change's delta, as the requests function does; then the figures and
 * rates of the grid, community, street and 城管, and a recount from the events.
 */
import type { RequestFigures } from '../../../core/contract/requests'
import type { RequestDoc, RequestEventDoc } from '../../../core/model'
import { decide, SYSTEM_ACTOR, type MoveRequest } from '../../../core/requests/machine'
import { add, counterDeltas, figures, rates, replay, scopeKeys, zeroFigures } from '../../../core/requests/rates'
import { ACTORS, reportedWith, settings, T0, type ActorName } from './world'

const H = 3_600_000
const at = (hours: number) => new Date(+T0 + hours * H)

const counters = new Map<string, RequestFigures>()
const history = new Map<string, { request: RequestDoc; events: RequestEventDoc[] }>()
const count = (before: RequestDoc | null, after: RequestDoc) => {
  for (const c of counterDeltas(before, after)) counters.set(c.id, add(counters.get(c.id) ?? zeroFigures(), c.delta))
}

function report(name: string): void {
  const { request, event } = reportedWith('repair', false, T0)
  history.set(name, { request, events: [event] })
  count(null, request)
}
function move(name: string, who: ActorName | 'system', hours: number, m: MoveRequest): void {
  const h = history.get(name) as { request: RequestDoc; events: RequestEventDoc[] }
  const survivor = history.get('G')?.request
  const d = decide(h.request, m, who === 'system' ? SYSTEM_ACTOR : ACTORS[who], at(hours), settings, { survivor })
  if (!d.ok) throw new Error(`${name} ${m.move}: ${d.code}`)
  count(h.request, d.next)
  h.request = d.next
  h.events.push(d.event)
}

beforeAll(() => {
  for (const name of 'ABCDEFGHI') report(name)
  // A: answered and fixed in time, 满意
  move('A', 'gridChief', 0.5, { move: 'respond' })
  move('A', 'gridChief', 3, { move: 'complete', note: '换了灯泡' })
  move('A', 'reporter', 4, { move: 'rate', rating: 'satisfied' })
  // B: answered in time, fixed after 30 h (late), 基本满意
  move('B', 'gridChief', 1, { move: 'respond' })
  move('B', 'gridChief', 30, { move: 'complete', note: '等配件' })
  move('B', 'reporter', 31, { move: 'rate', rating: 'basic' })
  // C: up to the street, 吹哨 to 城管, done, 不满意, done again, 满意
  move('C', 'gridChief', 0.1, { move: 'escalate' })
  move('C', 'communityStaff', 0.2, { move: 'escalate' })
  move('C', 'streetStaff', 0.3, { move: 'dispatch', departmentId: 'chengguan' })
  move('C', 'chengguan', 1, { move: 'checkIn' })
  move('C', 'chengguan', 2, { move: 'complete', note: '已修复' })
  move('C', 'reporter', 3, { move: 'rate', rating: 'unsatisfied', comment: '还是不亮' })
  move('C', 'chengguan', 40, { move: 'complete', note: '更换线路' })
  move('C', 'reporter', 41, { move: 'rate', rating: 'satisfied' })
  // D: returned at once (not the grid's business); E: withdrawn; F: a duplicate of G
  move('D', 'gridChief', 0.5, { move: 'return', reason: '属于物业维修' })
  move('E', 'reporter', 0.5, { move: 'withdraw' })
  move('F', 'gridChief', 0.5, { move: 'merge', into: history.get('G')?.request._id })
  // G: nobody answered within 4 h: the timer sends it up and marks it overdue
  move('G', 'system', 5, { move: 'autoEscalate' })
  // H: fixed in 10 minutes and never rated: closed by itself after 7 days
  move('H', 'gridChief', 0.1, { move: 'accept' })
  move('H', 'gridChief', 0.2, { move: 'complete', note: '已处理' })
  move('H', 'system', 0.2 + 7 * 24, { move: 'autoClose' })
  // I: fixed, waiting for the resident's rating
  move('I', 'gridChief', 0.1, { move: 'accept' })
  move('I', 'gridChief', 0.2, { move: 'complete', note: '已处理' })
})

const MONTH: RequestFigures = {
  reported: 9,
  responseDue: 6, // A B C G H I (D was returned unanswered, E withdrawn, F merged)
  respondedOnTime: 5, // all but G
  resolved: 4, // A B C H (I is not closed yet)
  resolvedOnTime: 3, // A C H (C's first completion was in time)
  ended: 5, // A B C D H
  openOverdue: 1, // G
  rated: 3,
  satisfied: 2,
  basic: 1,
  unsatisfied: 0,
  reopened: 1, // C
  escalated: 2, // C G
  struckOff: 0,
}

it('the grid, community and street count the whole month', () => {
  for (const scope of ['g', 'c', 's']) expect(counters.get(`${scope}_2026-12`)).toEqual(MONTH)
})

it('the five rates, by hand', () => {
  expect(rates(MONTH)).toEqual({
    response: 5 / 6,
    resolution: 4 / 6,
    satisfaction: 3 / 3,
    onTime: 3 / 6,
    reopen: 1 / 4,
  })
})

it('城管 counts only what it holds', () => {
  expect(counters.get('dept:s:chengguan_2026-12')).toEqual({
    ...zeroFigures(),
    reported: 1,
    responseDue: 1,
    respondedOnTime: 1,
    resolved: 1,
    resolvedOnTime: 1,
    ended: 1,
    rated: 1,
    satisfied: 1,
    reopened: 1,
    escalated: 1,
  })
})

it('a recount from the events equals the counters', () => {
  const recount = new Map<string, RequestFigures>()
  for (const { request, events } of history.values()) {
    const rebuilt = replay(request, events)
    expect(rebuilt).toEqual(request)
    for (const key of scopeKeys(rebuilt)) {
      const id = `${key}_${rebuilt.month}`
      recount.set(id, add(recount.get(id) ?? zeroFigures(), figures(rebuilt)))
    }
  }
  expect(Object.fromEntries(recount)).toEqual(Object.fromEntries(counters))
})

it('a department that returns a request gives its figures back', () => {
  const { request } = reportedWith('repair', false, T0)
  const climb = (r: RequestDoc, who: ActorName, m: MoveRequest, h: number) => {
    const d = decide(r, m, ACTORS[who], at(h), settings)
    if (!d.ok) throw new Error(d.code)
    return d.next
  }
  const atStreet = climb(
    climb(request, 'gridChief', { move: 'escalate' }, 0.1),
    'communityStaff',
    { move: 'escalate' },
    0.2,
  )
  const dispatched = climb(atStreet, 'streetStaff', { move: 'dispatch', departmentId: 'huanwei' }, 0.3)
  const gained = counterDeltas(atStreet, dispatched).find((c) => c.scopeKey === 'dept:s:huanwei')
  expect(gained?.delta).toEqual(figures(dispatched))
  const back = climb(dispatched, 'huanwei', { move: 'return', reason: '不属于环卫' }, 0.4)
  const lost = counterDeltas(dispatched, back).find((c) => c.scopeKey === 'dept:s:huanwei')
  expect(lost?.delta).toEqual(Object.fromEntries(Object.entries(figures(dispatched)).map(([k, v]) => [k, 0 - v])))
  // the grid, community and street keep it: nothing changed for them
  expect(counterDeltas(dispatched, back).map((c) => c.scopeKey)).toEqual(['dept:s:huanwei'])
})

it('a rate with nothing to divide by is null, not 0', () => {
  expect(rates(zeroFigures())).toEqual({
    response: null,
    resolution: null,
    satisfaction: null,
    onTime: null,
    reopen: null,
  })
  expect(rates({ ...zeroFigures(), reported: 3, ended: 2, resolved: 1 })).toMatchObject({
    resolution: 0.5,
    reopen: 0,
    response: null,
  })
})

it('replay refuses a history with a gap', () => {
  const { request, events } = history.get('A') as { request: RequestDoc; events: RequestEventDoc[] }
  expect(() => replay(request, [events[0], events[2]])).toThrow('not 1…n')
})
