/**
 * The counters' repair (docs/data.md, "Counters"): recomputes unit counters from the records and mends any drift.
 * Bounded and resumable: one grid per step (its units, residents and pending claims read by path, countersFor
 * over them: the grid's and its buildings' counters), in pages of grids by id; `from` resumes after a grid. Once
 * every grid is done, the units above grids are summed from their children's counters, deepest first. What was
 * wrong is written back whole, logged and returned. On the way, a unit whose sibling key (core/grid/siblings.ts)
 * is missing or stale (written before the key existed) gets it, so pages of children find it.
 */
import { countersFor, driftOf, figuresOf, FIGURES, isZero, plus, ZERO, type Figures } from '../../core/grid/counters'
import { siblingKey } from '../../core/grid/siblings'
import type { UnitCounterDoc } from '../../core/model'
import { LEVELS, type Level, type Unit } from '../../core/units'
import type { Data } from '../../server/data'

/** Grids per page of the walk. */
export const REPAIR_PAGE = 20

export interface Mend {
  unitId: string
  /** the recount minus what the counter held, per figure */
  drift: Partial<Figures>
}
export interface RepairReport {
  /** counters compared */
  checked: number
  /** counters that were wrong, and by how much */
  wrong: number
  mended: Mend[]
  /** the last grid repaired, when `maxGrids` stopped the walk before the end; null once everything was checked */
  next: string | null
  /** units whose sibling key was missing or stale, and was set */
  keys: number
}

const nonZero = (d: Figures): Partial<Figures> => Object.fromEntries(FIGURES.filter((f) => d[f]).map((f) => [f, d[f]]))

/** Compares and mends one counter; the mend, or null when it was right. */
async function mend(data: Data, unitId: string, path: string, held: UnitCounterDoc | undefined, recount: Figures) {
  const drift = driftOf(held ?? null, recount)
  // no counter reads as zeros (a new, empty unit has none until something moves it): right when the recount is zero
  if (isZero(drift) && (!held || held.path === path)) return null
  await data.unitCounters.put({ _id: unitId, path, ...recount, updatedAt: new Date() })
  return { unitId, drift: nonZero(drift) }
}

/** Sets the sibling key of each of `units` that lacks it or holds a stale one; how many were set. */
async function mendKeys(data: Data, units: readonly Unit[]): Promise<number> {
  let set = 0
  for (const u of units) {
    const key = siblingKey(u)
    if (key && u.siblingKey !== key) {
      await data.units.setSiblingKey(u._id, key)
      set++
    }
  }
  return set
}

/** Repairs the counters of one grid and its buildings from the records under it (and their sibling keys). */
async function repairGrid(data: Data, gridPath: string): Promise<{ checked: number; mended: Mend[]; keys: number }> {
  const [units, people, claims, held] = await Promise.all([
    data.units.under(gridPath, true),
    data.people.residentsUnder(gridPath),
    data.claims.pendingUnder(gridPath),
    data.unitCounters.under(gridPath),
  ])
  const heldById = new Map(held.map((c) => [c._id, c]))
  const mended: Mend[] = []
  const recount = countersFor(units, people, claims)
  for (const [id, { path, ...f }] of recount) {
    const m = await mend(data, id, path, heldById.get(id), f)
    if (m) mended.push(m)
  }
  return { checked: recount.size, mended, keys: await mendKeys(data, units) }
}

/** Sums the counters of the units of `level` from their children's counters (the children repaired first). */
async function rollUp(data: Data, level: Level): Promise<{ checked: number; mended: Mend[]; keys: number }> {
  const mended: Mend[] = []
  let checked = 0
  let keys = 0
  for (let after = ''; ; ) {
    const page = await data.units.atLevelAfter(level, after, REPAIR_PAGE)
    keys += await mendKeys(data, page)
    for (const u of page) {
      const children = (await data.units.under(u.path, false)).filter((c) => c.parentId === u._id)
      const counters = await data.unitCounters.byIds([u._id, ...children.map((c) => c._id)])
      const byId = new Map(counters.map((c) => [c._id, c]))
      const sum = u.retired ? ZERO : children.reduce((s, c) => plus(s, figuresOf(byId.get(c._id))), ZERO)
      checked++
      const m = await mend(data, u._id, u.path, byId.get(u._id), sum)
      if (m) mended.push(m)
    }
    if (page.length < REPAIR_PAGE) return { checked, mended, keys }
    after = page[page.length - 1]._id
  }
}

/**
 * Repairs every counter, grid by grid after `from` (the walk's cursor), at most `maxGrids` grids in this call;
 * the units above grids are summed once the last grid is done.
 */
export async function repairCounters(
  data: Data,
  opts: { from?: string; maxGrids?: number } = {},
): Promise<RepairReport> {
  const report: RepairReport = { checked: 0, wrong: 0, mended: [], next: null, keys: 0 }
  let done = 0
  for (let after = opts.from ?? ''; ; ) {
    const page = await data.units.atLevelAfter('grid', after, REPAIR_PAGE)
    for (const grid of page) {
      if (opts.maxGrids !== undefined && done >= opts.maxGrids) {
        return { ...report, wrong: report.mended.length, next: after }
      }
      const { checked, mended, keys } = await repairGrid(data, grid.path)
      report.checked += checked
      report.mended.push(...mended)
      report.keys += keys
      after = grid._id
      done++
    }
    if (page.length < REPAIR_PAGE) break
  }
  // above the grids, deepest first: communities, then streets
  for (const level of LEVELS.slice(0, LEVELS.indexOf('grid')).reverse()) {
    const { checked, mended, keys } = await rollUp(data, level)
    report.checked += checked
    report.mended.push(...mended)
    report.keys += keys
  }
  report.wrong = report.mended.length
  return report
}

/** The `repairCounters` timer: the whole walk, its drift logged (what was wrong and by how much). */
export async function repairCountersTimer({ data }: { data: Data; firedAt: Date }): Promise<RepairReport> {
  const report = await repairCounters(data)
  if (report.wrong) console.warn(`unit counters: ${report.wrong} of ${report.checked} were wrong`, report.mended)
  if (report.keys) console.warn(`units: ${report.keys} sibling keys were missing or stale, now set`)
  return report
}
