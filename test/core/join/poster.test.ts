/** A join poster: which of a unit's posters is live, and the place it prints under the unit's name. */
import { livePosters, placeIds, placeLine } from '../../../core/join/poster'
import type { InviteDoc } from '../../../core/model'

const now = new Date('2026-03-01T08:00:00Z')
const poster = (id: string, expiresAt: string, patch: Partial<InviteDoc> = {}): InviteDoc => ({
  _id: id,
  kind: 'join',
  unitId: 'g1',
  createdBy: 'p1',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  expiresAt: new Date(expiresAt),
  posterFileID: `cloud://join-posters/g1/${id}.png`,
  ...patch,
})

describe('live posters', () => {
  it('keeps the ones still opening, in the order given', () => {
    const posters = [
      poster('newest', '2027-01-01T00:00:00Z'),
      poster('expired', '2026-02-01T00:00:00Z'),
      poster('revoked', '2027-01-01T00:00:00Z', { revokedAt: new Date('2026-02-01T00:00:00Z') }),
      poster('older', '2026-12-01T00:00:00Z'),
      poster('ends-now', '2026-03-01T08:00:00Z'),
    ]
    expect(livePosters(posters, now).map((p) => p._id)).toEqual(['newest', 'older'])
  })
  it('has none when every poster expired', () =>
    expect(livePosters([poster('old', '2025-01-01T00:00:00Z')], now)).toEqual([]))
})

describe('the place a poster names', () => {
  it.each([
    ['a grid names its community', { _id: 'g1', path: '/s1/c1/g1/' }, ['c1']],
    ['a building names its community and grid', { _id: 'm1', path: '/s1/c1/g1/m1/' }, ['c1', 'g1']],
  ])('%s', (_what, unit, ids) => expect(placeIds(unit)).toEqual(ids))

  const names = new Map([
    ['c1', '和平里社区'],
    ['g1', '第一网格'],
  ])
  it.each([
    [['c1', 'g1'], '和平里社区 · 第一网格'],
    [['c1'], '和平里社区'],
    [['c1', 'gone'], '和平里社区'],
    [[], ''],
  ])('%p → %p', (ids, line) => expect(placeLine(ids, names)).toBe(line))
})
