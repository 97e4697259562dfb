/** A deleted person's requests (core/privacy/requests.ts): how their labels read, and what the export carries. */
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type { RequestDoc, RequestEventDoc, RequestFollowerDoc } from '../../../core/model'
import { forgetInRequest, forgottenLabel, myRequests } from '../../../core/privacy/requests'
import fc from 'fast-check'
import type { UserMove } from '../../../core/contract/requests'
import { allowedMoves, decide, type MoveRequest } from '../../../core/requests/machine'
import { replay } from '../../../core/requests/rates'
import { ACTOR_NAMES, ACTORS, reportedWith, settings, T0, type ActorName } from '../requests/world'

describe('forgottenLabel', () => {
  it.each([
    ['a reporter', 'reporter', '居民 王秀英', '王秀英', DELETED_NAME],
    ['a leader reporting on patrol', 'reporter', '网格长 张网格', '张网格', DELETED_NAME],
    ['a follower', 'follower', '居民 李大爷', '李大爷', DELETED_NAME],
    ['an errand’s taker', 'errandTaker', '跑腿志愿者 赵志愿', '赵志愿', DELETED_NAME],
    ['a grid chief', 'gridChief', '网格长 张网格', '张网格', '网格长'],
    ['a building head', 'buildingHead', '楼栋长 陈楼长', '陈楼长', '楼栋长'],
    ['community staff', 'communityStaff', '社区工作者 许社区', '许社区', '社区工作者'],
    ['a department, by its name', 'department', '城管 城管队员', '城管队员', '城管'],
    ['an office whose name is not in the label', 'gridChief', '网格长', '张网格', DELETED_NAME],
    ['an office with no name kept', 'gridChief', '网格长 张网格', undefined, DELETED_NAME],
    ['an event already forgotten', 'gridChief', '网格长', DELETED_NAME, '网格长'],
  ])('%s', (_what, actorRole, actorLabel, actorName, expected) => {
    expect(forgottenLabel({ actorRole, actorLabel, actorName }, DELETED_NAME)).toBe(expected)
  })
})

/** A request walked through the machine, with every event it stored. */
function walked(category: 'repair' | 'errand', steps: [ActorName, MoveRequest][]) {
  const first = reportedWith(category, false)
  let r = first.request
  const events: RequestEventDoc[] = [first.event]
  let at = +T0
  for (const [who, move] of steps) {
    at += 60_000
    const d = decide(r, move, ACTORS[who], new Date(at), settings)
    if (!d.ok) throw new Error(`${who} ${move.move}: ${d.code}`)
    r = d.next
    events.push(d.event)
  }
  return { r, events }
}

/** What a deletion leaves of one request: its fields and its events with the patch applied. */
function forget(r: RequestDoc, events: RequestEventDoc[], who: ActorName) {
  const id = ACTORS[who].personId
  const f = forgetInRequest(
    r,
    id,
    events.filter((e) => e.actorId === id),
    DELETED_NAME,
  )
  const patched = new Map(f.events.map((e) => [e.id, e]))
  return {
    f,
    r: { ...r, ...f.request } as RequestDoc,
    events: events.map((e) => ({ ...e, ...(patched.get(e._id) ?? {}) }) as RequestEventDoc),
  }
}

const STORIES: Record<string, { category: 'repair' | 'errand'; steps: [ActorName, MoveRequest][] }> = {
  'reported and rated': {
    category: 'repair',
    steps: [
      ['gridChief', { move: 'accept' }],
      ['gridChief', { move: 'complete', note: '已修好' }],
      ['reporter', { move: 'rate', rating: 'satisfied' }],
    ],
  },
  'returned by the grid': { category: 'repair', steps: [['gridChief', { move: 'return', reason: '不属于本网格' }]] },
  'up to a department and done there': {
    category: 'repair',
    steps: [
      ['gridChief', { move: 'escalate' }],
      ['communityStaff', { move: 'escalate' }],
      ['streetStaff', { move: 'dispatch', departmentId: 'chengguan' }],
      ['chengguan', { move: 'checkIn' }],
      ['chengguan', { move: 'complete', note: '已清理' }],
    ],
  },
  'an errand taken and done': {
    category: 'errand',
    steps: [
      ['taker', { move: 'takeErrand' }],
      ['taker', { move: 'complete', note: '已送到' }],
    ],
  },
}
const PEOPLE: ActorName[] = ['reporter', 'gridChief', 'communityStaff', 'streetStaff', 'chengguan', 'taker']

describe('forgetInRequest', () => {
  const cases = Object.entries(STORIES).flatMap(([story, s]) => PEOPLE.map((who) => [story, who, s] as const))
  it.each(cases)('%s, %s deleted: no trace of the name, a replay agrees, asked again writes nothing', (_s, who, s) => {
    const { r, events } = walked(s.category, s.steps)
    const name = ACTORS[who].name
    const after = forget(r, events, who)
    expect(JSON.stringify([after.r, after.events])).not.toContain(name)
    // the request is still the fold of its events, so the counters' recount stays what it was
    expect(replay(after.r, after.events)).toEqual(after.r)
    // nobody else's label changed
    const id = ACTORS[who].personId
    for (const [i, e] of events.entries()) if (e.actorId !== id) expect(after.events[i].actorLabel).toBe(e.actorLabel)
    const again = forgetInRequest(
      after.r,
      id,
      after.events.filter((e) => e.actorId === id),
      DELETED_NAME,
    )
    expect(again).toEqual({ request: null, events: [] })
  })

  it('anonymises the reporter’s request and keeps an office’s title on the timeline', () => {
    const { r, events } = walked('repair', STORIES['returned by the grid'].steps)
    const byReporter = forget(r, events, 'reporter')
    expect(byReporter.f.request).toEqual({ reporterLabel: DELETED_NAME, anonymous: true })
    expect(byReporter.events.map((e) => e.actorLabel)).toEqual([DELETED_NAME, '网格长 张网格'])
    const byChief = forget(r, events, 'gridChief')
    expect(byChief.f.request).toEqual({
      last: { move: 'return', actorLabel: '网格长', at: r.last?.at },
      returnedBy: '网格长',
    })
    expect(byChief.events.map((e) => [e.actorLabel, e.actorName])).toEqual([
      ['居民 王秀英', '王秀英'],
      ['网格长', DELETED_NAME],
    ])
  })

  it('leaves a request they never touched as it is', () => {
    const { r, events } = walked('repair', STORIES['reported and rated'].steps)
    expect(forgetInRequest(r, ACTORS.outsider.personId, [], DELETED_NAME)).toEqual({ request: null, events: [] })
    expect(forget(r, events, 'outsider').r).toEqual(r)
  })
})

/** What an offered move carries to be accepted (a merge needs a survivor: left out of the walks). */
const carried = (move: UserMove, v: number, now: Date): Omit<MoveRequest, 'move'> => {
  switch (move) {
    case 'dispatch':
      return { departmentId: v % 2 ? 'chengguan' : 'huanwei' }
    case 'return':
      return { reason: '不归本级' }
    case 'complete':
    case 'comment':
      return { note: '已处理' }
    case 'rate':
      return { rating: (['satisfied', 'basic', 'unsatisfied'] as const)[v % 3], comment: '评价' }
    case 'confirmUrgent':
    case 'reinspect':
      return { pass: v % 2 === 0 }
    case 'scheduleReinspection':
      return { reinspectAt: new Date(+now + 7 * 86_400_000).toISOString() }
    default:
      return {}
  }
}

it('any walk of the machine, anyone deleted: no trace of them, a replay agrees, nobody else changed, once', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<'repair' | 'errand'>('repair', 'errand'),
      fc.array(fc.record({ actor: fc.nat(ACTOR_NAMES.length - 1), pick: fc.nat(100), wait: fc.nat(600) }), {
        maxLength: 25,
      }),
      fc.constantFrom(...ACTOR_NAMES.filter((n) => n !== 'system')),
      (category, steps, who) => {
        const first = reportedWith(category, category === 'repair')
        let r = first.request
        const events: RequestEventDoc[] = [first.event]
        let at = +T0
        for (const s of steps) {
          at += (s.wait + 1) * 60_000
          const who = ACTOR_NAMES[s.actor]
          if (who === 'system') continue
          const offered = allowedMoves(r, ACTORS[who], new Date(at), settings).filter((m) => m !== 'merge')
          if (!offered.length) continue
          const move = offered[s.pick % offered.length]
          const d = decide(r, { move, ...carried(move, s.pick, new Date(at)) }, ACTORS[who], new Date(at), settings)
          if (!d.ok) continue
          r = d.next
          events.push(d.event)
        }
        const after = forget(r, events, who)
        expect(JSON.stringify([after.r, after.events])).not.toContain(ACTORS[who].name)
        expect(replay(after.r, after.events)).toEqual(after.r)
        const id = ACTORS[who].personId
        events.forEach((e, i) => {
          if (e.actorId !== id) expect(after.events[i]).toEqual(e)
        })
        if (r.reporterId !== id && r.errandTakerId !== id && !events.some((e) => e.actorId === id))
          expect(after.r).toEqual(r)
        const again = forgetInRequest(
          after.r,
          id,
          after.events.filter((e) => e.actorId === id),
          DELETED_NAME,
        )
        expect(again).toEqual({ request: null, events: [] })
      },
    ),
    { numRuns: 300 },
  )
})

describe('myRequests', () => {
  const mine = walked('repair', STORIES['reported and rated'].steps)
  const other = walked('repair', [])
  const row = (requestId: string, kind: RequestFollowerDoc['kind'], since: string): RequestFollowerDoc => ({
    _id: `${requestId}_me`,
    requestId,
    personId: 'me',
    kind,
    since: new Date(since),
    requestUpdatedAt: new Date(since),
  })
  const out = myRequests({
    reported: [mine.r],
    follows: [
      row(mine.r._id, 'reporter', '2026-12-07T01:00:00Z'),
      row(other.r._id, 'follower', '2026-12-08T01:00:00Z'),
    ],
    followed: [other.r],
    acted: mine.events.filter((e) => e.actorId === ACTORS.reporter.personId),
  })

  it('carries what they reported, with the state, the dates and their rating', () => {
    expect(out.reported).toEqual([
      expect.objectContaining({
        id: mine.r._id,
        category: 'repair',
        description: '楼道灯坏了',
        place: { kind: 'household', label: '1栋1单元101' },
        state: 'rated',
        rating: 'satisfied',
        createdAt: T0.toISOString(),
        ratedAt: expect.any(String),
      }),
    ])
  })

  it('lists what they follow by category and state only: another’s text is not theirs', () => {
    expect(out.followed).toEqual([
      { id: other.r._id, category: 'repair', state: 'submitted', since: '2026-12-08T01:00:00.000Z' },
    ])
  })

  it('lists every move they made, newest first', () => {
    expect(out.acted.map((e) => [e.seq, e.move, e.role])).toEqual([
      [4, 'rate', 'reporter'],
      [1, 'report', 'reporter'],
    ])
  })
})
