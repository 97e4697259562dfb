/** What may happen to a task (one holder, done once, cancelled when the isolation ends) and its counter deltas. */
import fc from 'fast-check'
import {
  decideCancel,
  decideClaim,
  decideDone,
  decideRelease,
  isOverdue,
  recountDay,
  stateLabel,
  type TaskDecision,
} from '../../../core/isolation/tasks'
import type { IsolationTaskState } from '../../../core/model'

const task = (state: IsolationTaskState, holderId: string | null = null) => ({ state, holderId })

describe('decisions', () => {
  it.each([
    ['claim an open task', decideClaim(task('open'), 'a'), { change: 'move', state: 'claimed' }],
    ['claim one’s own again', decideClaim(task('claimed', 'a'), 'a'), { change: 'none' }],
    ['claim another’s', decideClaim(task('claimed', 'b'), 'a'), { code: 'ISOLATION_TASK_TAKEN' }],
    ['claim a done one', decideClaim(task('done', 'b'), 'a'), { code: 'ISOLATION_TASK_DONE' }],
    ['claim a cancelled one', decideClaim(task('cancelled'), 'a'), { code: 'ISOLATION_TASK_CANCELLED' }],
    ['release one’s own', decideRelease(task('claimed', 'a'), 'a'), { change: 'move', state: 'open' }],
    ['release another’s', decideRelease(task('claimed', 'b'), 'a'), { code: 'ISOLATION_NOT_HOLDER' }],
    ['a keeper releases another’s', decideRelease(task('claimed', 'b'), 'k', true), { change: 'move', state: 'open' }],
    ['finish one’s own', decideDone(task('claimed', 'a'), 'a'), { change: 'move', state: 'done' }],
    ['finish again', decideDone(task('done', 'a'), 'a'), { change: 'none' }],
    ['finish an open one', decideDone(task('open'), 'a'), { code: 'ISOLATION_NOT_HOLDER' }],
    ['finish another’s', decideDone(task('claimed', 'b'), 'a'), { code: 'ISOLATION_NOT_HOLDER' }],
    ['cancel a claimed one', decideCancel(task('claimed', 'b')), { change: 'move', state: 'cancelled' }],
    ['cancel a done one', decideCancel(task('done', 'b')), { change: 'none' }],
  ] as [string, TaskDecision, object][])('%s', (_name, decision, expected) => {
    expect(decision).toMatchObject(expected)
  })
})

describe('counters', () => {
  const apply = (t: { state: IsolationTaskState; holderId: string | null }, d: TaskDecision, who: string | null) =>
    d.ok && d.change === 'move' ? { state: d.state, holderId: d.state === 'open' ? null : (who ?? t.holderId) } : t

  it('moves by exactly what a recount of the day says, over any sequence of moves', () => {
    const move = fc.record({
      task: fc.integer({ min: 0, max: 3 }),
      who: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constantFrom('claim', 'release', 'done', 'cancel', 'force'),
    })
    fc.assert(
      fc.property(fc.array(move, { maxLength: 40 }), (moves) => {
        let tasks = Array.from({ length: 4 }, () => task('open'))
        const counter = recountDay(tasks)
        for (const m of moves) {
          const t = tasks[m.task]
          const d =
            m.kind === 'claim'
              ? decideClaim(t, m.who)
              : m.kind === 'release'
                ? decideRelease(t, m.who)
                : m.kind === 'force'
                  ? decideRelease(t, m.who, true)
                  : m.kind === 'done'
                    ? decideDone(t, m.who)
                    : decideCancel(t)
          if (d.ok && d.change === 'move') {
            counter.due += d.delta.due
            counter.claimed += d.delta.claimed
            counter.done += d.delta.done
          }
          tasks = tasks.map((x, i) => (i === m.task ? apply(x, d, m.kind === 'claim' ? m.who : null) : x))
        }
        expect(counter).toEqual(recountDay(tasks))
        expect(tasks.every((t) => (t.state === 'claimed' || t.state === 'done' ? t.holderId !== null : true))).toBe(
          true,
        )
        expect(tasks.every((t) => (t.state === 'open' ? t.holderId === null : true))).toBe(true)
      }),
    )
  })
})

describe('overdue and labels', () => {
  const due = new Date('2026-12-04T02:00:00Z')
  it('is overdue an hour after its time when not done', () => {
    expect(isOverdue({ state: 'open', dueAt: due }, new Date('2026-12-04T02:59:00Z'))).toBe(false)
    expect(isOverdue({ state: 'claimed', dueAt: due }, new Date('2026-12-04T03:01:00Z'))).toBe(true)
    expect(isOverdue({ state: 'done', dueAt: due }, new Date('2026-12-05T00:00:00Z'))).toBe(false)
  })
  it('reads the states in plain Chinese', () => {
    const now = new Date('2026-12-04T00:00:00Z')
    expect(stateLabel({ state: 'open', dueAt: due }, now)).toBe('待领取')
    expect(stateLabel({ state: 'claimed', dueAt: due }, now)).toBe('已领取')
    expect(stateLabel({ state: 'done', dueAt: due }, now)).toBe('已完成')
    expect(stateLabel({ state: 'open', dueAt: due }, new Date('2026-12-04T05:00:00Z'))).toBe('待领取 · 超时')
  })
})
