/** The rules of reach counting (core/notices/reach.ts): shards, the levels a receipt moves, the level below. */
import fc from 'fast-check'
import { countedUnits, levelBelow, REACH_SHARDS, shardOf, unitOfPath } from '../../../core/notices/reach'

describe('shardOf', () => {
  it('is stable and within the shards', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const s = shardOf(id)
        expect(s).toBe(shardOf(id))
        expect(Number.isInteger(s) && s >= 0 && s < REACH_SHARDS).toBe(true)
      }),
    )
  })

  it('spreads the households of one building over the shards, so their acks rarely meet', () => {
    const used = new Map<number, number>()
    for (let i = 0; i < 1_600; i++) {
      const s = shardOf(`c1-b1-h${i}`)
      used.set(s, (used.get(s) ?? 0) + 1)
    }
    expect(used.size).toBe(REACH_SHARDS)
    // no shard holds more than twice its share
    expect(Math.max(...used.values())).toBeLessThan((2 * 1_600) / REACH_SHARDS)
  })
})

describe('countedUnits', () => {
  it('names every unit above a household, street first, with its level', () => {
    expect(countedUnits('/s1/c1/g2/b3/h4/')).toEqual([
      { unitId: 's1', level: 'street' },
      { unitId: 'c1', level: 'community' },
      { unitId: 'g2', level: 'grid' },
      { unitId: 'b3', level: 'microgrid' },
    ])
  })

  it('refuses a path that is not a household’s', () => {
    expect(() => countedUnits('/s1/c1/g2/b3/')).toThrow(/not a household/)
  })
})

describe('levelBelow', () => {
  it('a street shows communities, a community grids, a grid buildings, a building none', () => {
    expect(levelBelow('street')).toBe('community')
    expect(levelBelow('community')).toBe('grid')
    expect(levelBelow('grid')).toBe('microgrid')
    expect(levelBelow('microgrid')).toBeNull()
    expect(levelBelow('household')).toBeNull()
  })
})

describe('unitOfPath', () => {
  it('is the last id of a path', () => {
    expect(unitOfPath('/s1/c1/g2/')).toBe('g2')
  })
})
