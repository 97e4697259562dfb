/** A notice's reach under a unit, from the building counters (core/notices/reach.ts). */
import { tallyReach } from '../../../core/notices/reach'

const unit = (path: string, name: string) => ({ _id: path.split('/').at(-2) ?? '', name, path })
const g2 = unit('/s1/c1/g2/', '第2网格')
const g10 = unit('/s1/c1/g10/', '第10网格')
const grids = new Map([g2, g10].map((g) => [g._id, g]))
const b = {
  g2b12: unit('/s1/c1/g2/b12/', '12栋'),
  g2b3: unit('/s1/c1/g2/b3/', '3栋'),
  g10b1: unit('/s1/c1/g10/b1/', '1栋'),
  lost: unit('/s1/c1/g9/b9/', '9栋'),
}

describe('tallyReach', () => {
  const households = new Map([
    ['b12', 10],
    ['b3', 4],
    ['b1', 6],
    ['b9', 100],
  ])
  const reached = new Map([
    ['b12', 7],
    ['b1', 6],
    ['b9', 50],
  ])
  const tally = tallyReach([b.g10b1, b.g2b12, b.lost, b.g2b3], grids, households, reached)

  it('grids in the order people read them, each the sum of its buildings', () => {
    expect(tally.byGrid.map((g) => [g.grid.name, g.households, g.reached])).toEqual([
      ['第2网格', 14, 7],
      ['第10网格', 6, 6],
    ])
  })
  it('buildings grouped by their grid in that order, by name inside it; no counter is 0 reached', () => {
    expect(tally.byBuilding.map((r) => [r.grid.name, r.building.name, r.households, r.reached])).toEqual([
      ['第2网格', '3栋', 4, 0],
      ['第2网格', '12栋', 10, 7],
      ['第10网格', '1栋', 6, 6],
    ])
  })
  it('the totals are the sums of the grids, leaving out a building whose grid is not found', () => {
    expect([tally.households, tally.reached]).toEqual([20, 13])
  })
  it('nothing under the unit: empty rows and zero totals', () => {
    expect(tallyReach([], grids, new Map(), new Map())).toEqual({
      households: 0,
      reached: 0,
      byGrid: [],
      byBuilding: [],
    })
  })
  it('a building without households counted has 0 of them', () => {
    expect(tallyReach([b.g2b3], grids, new Map(), new Map()).byBuilding[0]).toMatchObject({ households: 0, reached: 0 })
  })
  it('leaves the caller’s list of buildings as it was', () => {
    const list = [b.g2b12, b.g2b3]
    tallyReach(list, grids, households, reached)
    expect(list).toEqual([b.g2b12, b.g2b3])
  })
})
