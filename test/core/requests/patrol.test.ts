/** core/requests/patrol.ts: a patrol's times, its Beijing day, a finding's place and id, the log's cursor. */
import { findingRequestId, patrolId, requestId } from '../../../core/ids'
import {
  endOfBeijingDay,
  findingPlace,
  findingTapId,
  parsePatrolCursor,
  patrolCursor,
  patrolDayOf,
  patrolTimesIssue,
} from '../../../core/requests/patrol'

const now = new Date('2026-12-02T08:00:00Z') // 16:00 in Beijing
const h = (hours: number) => new Date(+now + hours * 3_600_000)

describe('patrol times', () => {
  it.each([
    ['a morning round', h(-6), h(-5), null],
    ['one that ends as it starts', h(-1), h(-1), null],
    ['ending a few minutes ahead of the server (a phone clock)', h(-1), h(0.05), null],
    ['written up six days later', h(-6 * 24), h(-6 * 24 + 1), null],
    ['ending before it starts', h(-1), h(-2), '结束时间早于开始时间'],
    ['lasting more than a day', h(-30), h(-5), '一次巡查不能超过 24 小时'],
    ['ending in the future', h(-1), h(1), '结束时间还没到'],
    ['older than a week', h(-8 * 24), h(-8 * 24 + 1), '只能补记 7 天内的巡查'],
    ['not a time', new Date('x'), h(-1), '时间格式不对'],
  ])('%s', (_what, startedAt, endedAt, issue) => {
    expect(patrolTimesIssue(startedAt as Date, endedAt as Date, now)).toBe(issue)
  })
})

describe('the Beijing day', () => {
  it.each([
    ['2026-12-01T15:59:59Z', '2026-12-01'],
    ['2026-12-01T16:00:00Z', '2026-12-02'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s is %s in Beijing', (at, day) => {
    expect(patrolDayOf(new Date(at))).toBe(day)
  })

  it('ends at the next Beijing midnight', () => {
    expect(endOfBeijingDay('2026-12-02').toISOString()).toBe('2026-12-02T16:00:00.000Z')
    expect(patrolDayOf(new Date(+endOfBeijingDay('2026-12-02') - 1))).toBe('2026-12-02')
  })
})

describe('a finding reported as a request', () => {
  it('sits at a spot of the grid: the spot written, else the route, at most 50 characters', () => {
    expect(findingPlace('g1', '东门—北门', { spot: ' 3栋门口 ' })).toEqual({
      kind: 'spot',
      unitId: 'g1',
      label: '3栋门口',
    })
    expect(findingPlace('g1', '东门—北门', { spot: '' }).label).toBe('东门—北门')
    expect(findingPlace('g1', '路'.repeat(80), { spot: '' }).label).toHaveLength(50)
    const location = { latitude: 39.9, longitude: 116.4, name: '和平路' }
    expect(findingPlace('g1', 'r', { spot: 's', location }).location).toEqual(location)
  })

  it('is named by the patrol and its place in it, through the report path’s own id', () => {
    const tapId = 'tap-12345678'
    expect(requestId('p0126', findingTapId(tapId, 3))).toBe(findingRequestId(patrolId('p0126', tapId), 3))
    expect(findingTapId(tapId, 0)).not.toBe(findingTapId(tapId, 1))
  })
})

describe('the log’s cursor', () => {
  it('round-trips a patrol’s start and id', () => {
    const c = patrolCursor({ _id: 'p0126_tap-1', startedAt: new Date('2026-12-01T01:00:00Z') })
    expect(parsePatrolCursor(c)).toEqual({ startedAt: new Date('2026-12-01T01:00:00Z'), id: 'p0126_tap-1' })
  })

  it.each(['', 'no-bar', 'yesterday|p1', '2026-12-01T01:00:00.000Z|', '2026-12-01T01:00:00.000Z|a b', '2026-12-01|p1'])(
    'refuses %p',
    (c) => {
      expect(parsePatrolCursor(c)).toBeNull()
    },
  )
})
