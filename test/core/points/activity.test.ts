import { mayOrganise, timesProblem } from '../../../core/points/activity'

const at = (iso: string) => new Date(iso)
const now = at('2026-12-01T00:00:00Z')
const ok = {
  startAt: at('2026-12-05T01:00:00Z'),
  endAt: at('2026-12-05T03:00:00Z'),
  signUpOpensAt: now,
  signUpClosesAt: at('2026-12-05T01:00:00Z'),
}

describe('times of a posted activity', () => {
  it.each([
    ['fine', {}, null],
    ['starts in the past', { startAt: at('2026-11-30T00:00:00Z') }, '开始时间应在现在之后'],
    ['ends before it starts', { endAt: at('2026-12-05T00:00:00Z') }, '结束时间应晚于开始时间'],
    ['longer than a day', { endAt: at('2026-12-06T02:00:00Z') }, '一次活动不能超过 24 小时'],
    ['sign-up closes after the start', { signUpClosesAt: at('2026-12-05T02:00:00Z') }, '报名应在活动开始前截止'],
  ])('%s', (_label, change, problem) => expect(timesProblem({ ...ok, ...change }, now)).toBe(problem))
})

describe('who organises', () => {
  const activity = { organiserId: 'p1', unitPath: '/s/c/g3/' }
  it.each([
    ['its poster', 'p1', [], [], true],
    ['a grid chief of its grid', 'p2', [{ role: 'gridChief', path: '/s/c/g3/' }], [], true],
    ['community staff above it', 'p2', [{ role: 'communityStaff', path: '/s/c/' }], [], true],
    ['a grid chief of another grid', 'p2', [{ role: 'gridChief', path: '/s/c/g4/' }], [], false],
    ['a building head of its grid', 'p2', [{ role: 'buildingHead', path: '/s/c/g3/m1/' }], [], false],
    ['a leader of its team', 'p3', [], ['p3'], true],
    ['a resident', 'p4', [{ role: 'resident', path: '/s/c/g3/m1/h1/' }], [], false],
  ] as const)('%s: %s', (_label, person, grants, leaders, may) => {
    expect(mayOrganise(activity, person, grants, leaders)).toBe(may)
  })
})
