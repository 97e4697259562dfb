/** What may move where, the move recorded before any write, and the order unfinished moves are finished in. */
import { moveRefusal, pendingMove, unfinishedMoves, unmovable } from '../../../core/org/move'
import type { StoredUnit, Unit } from '../../../core/units'
import { b12, b3, community, farGrid, grid, grid2, home, otherCommunity, retired, street } from './fixtures'

describe('what moves', () => {
  it.each<[Unit, string | null]>([
    [grid, null],
    [b3, null],
    [community, '只能移动网格或楼栋'],
    [street, '只能移动网格或楼栋'],
    [home, '只能移动网格或楼栋'],
  ])('%s', (unit, refusal) => {
    expect(unmovable(unit)).toBe(refusal)
  })
})

describe('where it may move', () => {
  const sub = { ...b12, _id: 'x', level: 'grid' as const, name: '子网格', path: '/s1/c1/g1/x/', parentId: 'g1' }
  it.each<[string, Unit, Unit, string | null]>([
    ['a building to another grid', b3, grid2, null],
    ['a grid to another community of the street', grid, { ...otherCommunity, path: '/s1/c9/' }, null],
    ['a building to a community', b3, community, '楼栋只能移到网格下'],
    ['a grid to a grid', grid, grid2, '网格只能移到社区下'],
    ['a grid under itself', { ...grid, level: 'grid' }, { ...sub, level: 'community' }, '不能移到自己下面'],
    ['a building to a grid of another street', b3, farGrid, '只能在同一街道内移动'],
    ['a grid to a community of another street', grid, otherCommunity, '只能在同一街道内移动'],
    ['a building to a retired grid', b3, retired(grid2), '“第2网格”已撤销'],
    ['a retired building', retired(b3), grid2, '“3栋”已撤销'],
  ])('%s', (_name, unit, parent, refusal) => {
    expect(moveRefusal(unit, parent)).toBe(refusal)
  })

  it('records the move: from its path to one under the new parent, keeping its id', () => {
    expect(pendingMove(b3, grid2)).toEqual({ fromPath: '/s1/c1/g1/b3/', toPath: '/s1/c1/g2/b3/', parentId: 'g2' })
  })
})

describe('unfinished moves', () => {
  const moving = (u: Unit, to: Unit): StoredUnit => ({ ...u, moving: pendingMove(u, to) })
  it('are the units carrying a recorded move, deepest first', () => {
    const units: StoredUnit[] = [grid, moving(grid2, community), b12, moving(b3, grid2), moving(home, b12)]
    expect(unfinishedMoves(units).map((u) => u._id)).toEqual(['h1', 'b3', 'g2'])
  })
  it('are none when no move was interrupted', () => {
    expect(unfinishedMoves([grid, b3])).toEqual([])
  })
})
