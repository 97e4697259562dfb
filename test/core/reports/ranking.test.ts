/** 红黑榜 (core/reports/ranking.ts): who is on 红榜 and 黑榜 for each measure, ties, grids left out, and that the
 * boards depend only on the grids' figures and order, never on the order they are handed in. */
import fc from 'fast-check'
import { board, boards, RANK_MEASURES, valueOf, type GridStanding } from '../../../core/reports/ranking'

const grid = (order: number, f: Partial<GridStanding> = {}): GridStanding => ({
  gridId: `g${order}`,
  name: `第${order}网格`,
  communityName: '和平里社区',
  order,
  onTime: null,
  satisfaction: null,
  reach: null,
  patrols: 0,
  ...f,
})
const names = (rows: { gridId: string }[]) => rows.map((r) => r.gridId)

describe('one board', () => {
  it.each([
    [
      'twelve grids: five best on 红榜, five worst on 黑榜 worst first',
      12,
      ['g12', 'g11', 'g10', 'g9', 'g8'],
      ['g1', 'g2', 'g3', 'g4', 'g5'],
    ],
    ['seven grids: the better four and the other three', 7, ['g7', 'g6', 'g5', 'g4'], ['g1', 'g2', 'g3']],
    ['two grids: one on each', 2, ['g2'], ['g1']],
    ['one grid: 红榜 only', 1, ['g1'], []],
    ['no grid: both empty', 0, [], []],
  ])('%s', (_, n, top, bottom) => {
    const grids = Array.from({ length: n }, (_, i) => grid(i + 1, { patrols: (i + 1) * 2 }))
    const b = board(grids, 'patrols')
    expect(names(b.top)).toEqual(top)
    expect(names(b.bottom)).toEqual(bottom)
    expect(b.ranked).toBe(n)
    expect(b.unranked).toBe(0)
  })

  it.each([
    ['a 0 % grid alone is not praised: it goes on 黑榜', [0], [], ['g1']],
    ['only grids above 0 on 红榜; the 0s are 黑榜', [0, 0.5, 0, 0.8], ['g4', 'g2'], ['g3', 'g1']],
    ['all at 0: no 红榜, five on 黑榜 (ties as ever)', [0, 0, 0, 0, 0, 0], [], ['g6', 'g5', 'g4', 'g3', 'g2']],
  ])('never praises a grid for nothing: %s', (_, rates, top, bottom) => {
    const b = board(
      rates.map((r, i) => grid(i + 1, { reach: r })),
      'reach',
    )
    expect(names(b.top)).toEqual(top)
    expect(names(b.bottom)).toEqual(bottom)
  })

  it('breaks ties by grid order, on both boards', () => {
    const grids = [grid(3, { reach: 0.5 }), grid(1, { reach: 0.5 }), grid(2, { reach: 0.9 }), grid(4, { reach: 0.5 })]
    const b = board(grids, 'reach')
    expect(names(b.top)).toEqual(['g2', 'g1'])
    // worst first: of the tied, the later in the tree's order is lower
    expect(names(b.bottom)).toEqual(['g4', 'g3'])
    expect(b.top.map((r) => r.rank)).toEqual([1, 2])
    expect(b.bottom.map((r) => r.rank)).toEqual([4, 3])
  })

  it('leaves out grids with nothing to rank and says how many', () => {
    const grids = [
      grid(1, { onTime: 1 }),
      grid(2), // no request ended: no 按时办结率
      grid(3, { onTime: 0.25 }),
      grid(4, { onTime: 0 }),
    ]
    const b = board(grids, 'onTime')
    expect(names(b.top)).toEqual(['g1', 'g3'])
    expect(names(b.bottom)).toEqual(['g4'])
    expect(b).toMatchObject({ ranked: 3, unranked: 1 })
    // a grid with no patrols has a patrol count (0) and is ranked
    expect(board(grids, 'patrols')).toMatchObject({ ranked: 4, unranked: 0 })
  })

  it('every measure has its board', () => {
    expect(boards([grid(1)]).map((b) => b.measure)).toEqual([...RANK_MEASURES])
  })
})

describe('property', () => {
  const rate = fc.option(
    fc.integer({ min: 0, max: 20 }).map((n) => n / 20),
    { nil: null },
  )
  const standings = fc
    .array(fc.record({ onTime: rate, satisfaction: rate, reach: rate, patrols: fc.integer({ min: 0, max: 6 }) }), {
      maxLength: 30,
    })
    .map((fs) => fs.map((f, i) => grid(i + 1, f)))

  it('top and bottom are a function of the grids, whatever order they come in', () => {
    fc.assert(
      fc.property(
        standings.chain((gs) =>
          fc.tuple(fc.constant(gs), fc.shuffledSubarray(gs, { minLength: gs.length, maxLength: gs.length })),
        ),
        ([gs, shuffled]) => {
          expect(boards(shuffled)).toEqual(boards(gs))
        },
      ),
    )
  })

  it('no grid on both boards; every 红榜 grid at least as good as every 黑榜 grid; at most five each', () => {
    fc.assert(
      fc.property(standings, (gs) => {
        for (const b of boards(gs)) {
          const top = new Set(names(b.top))
          expect(b.bottom.some((r) => top.has(r.gridId))).toBe(false)
          expect(b.top.length).toBeLessThanOrEqual(5)
          expect(b.bottom.length).toBeLessThanOrEqual(5)
          const worstTop = Math.min(...b.top.map((r) => r.value))
          for (const r of b.bottom) expect(r.value).toBeLessThanOrEqual(worstTop)
          expect(b.ranked + b.unranked).toBe(gs.length)
          // 红榜: the better half, at most five, only grids above 0; 黑榜: as many of the rest, at most five
          const praised = gs.filter((g) => (valueOf(g, b.measure) ?? 0) > 0).length
          expect(b.top.length).toBe(Math.min(5, Math.ceil(b.ranked / 2), praised))
          for (const r of b.top) expect(r.value).toBeGreaterThan(0)
          expect(b.bottom.length).toBe(Math.min(5, b.ranked - b.top.length))
        }
      }),
    )
  })
})
