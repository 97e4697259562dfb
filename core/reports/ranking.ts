/**
 * 红黑榜 (周例会 / 月通报, issue 13 item 5): the grids under a community or street ranked on four measures — on-time
 * resolution (按时办结率, core/requests/rates.ts onTime: resolved on time ÷ (ended + open past their deadline)),
 * satisfaction (满意率: satisfied or basic ÷ rated), reach (触达率: households reached in the period ÷ reachable)
 * and patrols (巡查次数). Pure.
 *
 * Per measure: the grids with a value (a rate with nothing to divide by is no value: a grid with no requests ended
 * is left out of 按时办结率, and counted in `unranked`) sorted best first, ties by grid order (the order the tree
 * lists them in); 红榜 the first TOP_N, 黑榜 the last TOP_N worst first, never the same grid on both — with fewer
 * than 2 × TOP_N ranked, 红榜 takes the better half (rounded up) and 黑榜 the rest. Every grid has a patrol count, so
 * none is left out of 巡查. The result depends only on the grids' figures and order, not on the order they are
 * handed in (a fast-check property in test/core/reports/ranking.test.ts).
 */

export const RANK_MEASURES = ['onTime', 'satisfaction', 'reach', 'patrols'] as const
export type RankMeasure = (typeof RANK_MEASURES)[number]

export const RANK_LABELS: Record<RankMeasure, string> = {
  onTime: '按时办结率',
  satisfaction: '满意率',
  reach: '通知触达率',
  patrols: '巡查次数',
}

/** Grids named on each side of a board. */
export const TOP_N = 5

/** What a grid is ranked on: its figures of the period, and where it stands in the tree's order. */
export interface GridStanding {
  gridId: string
  name: string
  /** its community's name (a street's board names both) */
  communityName: string
  /** the tree's order of the grids under the unit (community order, then grid order): ties go by it */
  order: number
  /** 0–1, null when nothing to divide by */
  onTime: number | null
  satisfaction: number | null
  reach: number | null
  patrols: number
}

export interface RankedGrid {
  gridId: string
  name: string
  communityName: string
  /** the measure's value: a rate 0–1, or a count */
  value: number
  /** 1 = best of the ranked grids */
  rank: number
}

export interface Board {
  measure: RankMeasure
  /** 红榜: best first */
  top: RankedGrid[]
  /** 黑榜: worst first */
  bottom: RankedGrid[]
  /** grids with a value */
  ranked: number
  /** grids left out: nothing to rank them on */
  unranked: number
}

export const valueOf = (g: GridStanding, m: RankMeasure): number | null => g[m]

/** Best first, ties by grid order (then id, so equal orders still sort one way). */
const better = (m: RankMeasure) => (a: GridStanding, b: GridStanding) =>
  (valueOf(b, m) as number) - (valueOf(a, m) as number) || a.order - b.order || (a.gridId < b.gridId ? -1 : 1)

export function board(grids: readonly GridStanding[], m: RankMeasure, n: number = TOP_N): Board {
  const ranked = grids.filter((g) => valueOf(g, m) !== null).sort(better(m))
  // nobody is praised for nothing: a grid at 0 (0 %, no patrol) is never on 红榜, however few grids there are
  const praised = ranked.filter((g) => (valueOf(g, m) as number) > 0).length
  const topCount = Math.min(n, Math.ceil(ranked.length / 2), praised)
  const bottomCount = Math.min(n, ranked.length - topCount)
  const row = (g: GridStanding, i: number): RankedGrid => ({
    gridId: g.gridId,
    name: g.name,
    communityName: g.communityName,
    value: valueOf(g, m) as number,
    rank: i + 1,
  })
  const rows = ranked.map(row)
  return {
    measure: m,
    top: rows.slice(0, topCount),
    bottom: rows.slice(rows.length - bottomCount).reverse(),
    ranked: ranked.length,
    unranked: grids.length - ranked.length,
  }
}

/** Every measure's board. */
export const boards = (grids: readonly GridStanding[], n: number = TOP_N): Board[] =>
  RANK_MEASURES.map((m) => board(grids, m, n))
