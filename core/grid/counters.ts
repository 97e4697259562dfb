/**
 * Unit counters: the figures of a unit's whole subtree (docs/data.md, "Counters"). `countersFor` is the recount
 * from the records (the repair job, the demo seed, the benchmark's seeding); the rest is what one change moves.
 * Every change is stated as a household's figures before and after (or a moved or retired subtree's figures),
 * and the difference is applied to every unit above it in the same transaction as the change itself.
 *
 * What counts: a household that neither it nor any unit above it is retired; a person whose home (homePath) is
 * under the unit; a pending claim whose household is under the unit. Households keep no counter of their own.
 */
import type { ClaimDoc, PersonDoc, UnitCounterDoc } from '../model'
import { pathIds, type Level, type StoredUnit, type Unit } from '../units'

export const FIGURES = ['households', 'residents', 'joined', 'reachable', 'pendingClaims', 'care'] as const
export type Figure = (typeof FIGURES)[number]
export type Figures = Record<Figure, number>
export type UnitFigures = Omit<UnitCounterDoc, '_id' | 'updatedAt'>

export const ZERO: Figures = Object.freeze({
  households: 0,
  residents: 0,
  joined: 0,
  reachable: 0,
  pendingClaims: 0,
  care: 0,
})

const combine = (a: Figures, b: Figures, sign: 1 | -1): Figures =>
  Object.fromEntries(FIGURES.map((f) => [f, a[f] + sign * b[f]])) as Figures

export const plus = (a: Figures, b: Figures): Figures => combine(a, b, 1)
export const minus = (a: Figures, b: Figures): Figures => combine(a, b, -1)
export const negate = (a: Figures): Figures => minus(ZERO, a)
export const isZero = (a: Figures): boolean => FIGURES.every((f) => a[f] === 0)

/** Just the figures of a counter document (or zeros when there is none yet). */
export const figuresOf = (doc: Partial<Figures> | null | undefined): Figures =>
  Object.fromEntries(FIGURES.map((f) => [f, doc?.[f] ?? 0])) as Figures

const joined = (p: PersonDoc): boolean => Boolean(p.openid)
const cared = (p: PersonDoc): boolean => (p.careFlags?.length ?? 0) > 0

/** What one person living somewhere adds to every counter above their home (reachable is the household's). */
export const personFigures = (p: PersonDoc): Figures => ({
  ...ZERO,
  residents: 1,
  joined: joined(p) ? 1 : 0,
  care: cared(p) ? 1 : 0,
})

/**
 * What one household adds to every counter above it: `counted` is false for a retired household (or one under a
 * retired unit); `members` are the people living there; pending claims are counted apart (claimFigures).
 */
export function householdFigures(counted: boolean, members: readonly PersonDoc[]): Figures {
  const people = members.reduce((sum, p) => plus(sum, personFigures(p)), ZERO)
  return { ...people, households: counted ? 1 : 0, reachable: counted && members.some(joined) ? 1 : 0 }
}

/** A claim: one pending claim while it waits, nothing once decided. */
export const claimFigures = (claim: Pick<ClaimDoc, 'status'> | null): Figures => ({
  ...ZERO,
  pendingClaims: claim?.status === 'pending' ? 1 : 0,
})

/**
 * The units whose counters a change at `path` moves: every unit on the path except a household (households keep
 * no counter). `path` is the path of the household, or of the unit, the change is about.
 */
export const countedUnits = (path: string, level: Level): string[] =>
  level === 'household' ? pathIds(path).slice(0, -1) : pathIds(path)

/** The counters above a household (its home path): a person's or a claim's change moves these. */
export const aboveHome = (homePath: string): string[] => pathIds(homePath).slice(0, -1)

/** The path of unit `id` on `path` (the prefix of `path` that ends with it). */
export const pathOf = (path: string, id: string): string => {
  const ids = pathIds(path)
  return `/${ids.slice(0, ids.indexOf(id) + 1).join('/')}/`
}

/**
 * The recount: every unit that keeps a counter (all but households) with the figures of its subtree. A unit that
 * is retired, or lies under a retired one, counts no household.
 */
export function countersFor(
  units: readonly Unit[],
  people: readonly PersonDoc[],
  claims: readonly ClaimDoc[],
): Map<string, UnitFigures> {
  const out = new Map<string, UnitFigures>()
  const retired = new Set(units.filter((u) => u.retired).map((u) => u._id))
  for (const u of units) if (u.level !== 'household') out.set(u._id, { path: u.path, ...ZERO })

  const add = (ids: readonly string[], f: Figures) => {
    for (const id of ids) {
      const c = out.get(id)
      if (c) for (const k of FIGURES) c[k] += f[k]
    }
  }
  const members = new Map<string, PersonDoc[]>()
  for (const p of people) {
    if (!p.homePath) continue
    add(aboveHome(p.homePath), personFigures(p))
    if (p.householdId) members.set(p.householdId, [...(members.get(p.householdId) ?? []), p])
  }
  for (const u of units) {
    if (u.level !== 'household') continue
    const counted = !pathIds(u.path).some((id) => retired.has(id))
    const f = householdFigures(counted, members.get(u._id) ?? [])
    add(aboveHome(u.path), { ...ZERO, households: f.households, reachable: f.reachable })
  }
  for (const c of claims) add(aboveHome(c.householdPath), claimFigures(c))
  return out
}

/** A counter's drift: the recount minus what the counter held, per figure (zeros when it was right). */
export const driftOf = (held: Partial<Figures> | null, recount: Figures): Figures => minus(recount, figuresOf(held))

/** One change to apply: `delta` on each of the units `ids`, all of them on `path` (whose prefixes name their paths). */
export interface CounterMove {
  ids: readonly string[]
  path: string
  delta: Figures
}

/** What a household's people changing moves above it: its figures after minus before. */
export const householdMove = (
  homePath: string,
  counted: boolean,
  before: readonly PersonDoc[],
  after: readonly PersonDoc[],
): CounterMove => ({
  ids: aboveHome(homePath),
  path: homePath,
  delta: minus(householdFigures(counted, after), householdFigures(counted, before)),
})

/** What a claim's status changing moves above its household. */
export const claimMove = (
  claim: Pick<ClaimDoc, 'householdPath' | 'status'>,
  after: Pick<ClaimDoc, 'status'> | null,
): CounterMove => ({
  ids: aboveHome(claim.householdPath),
  path: claim.householdPath,
  delta: minus(claimFigures(after), claimFigures(claim)),
})

/** `members` with `person` as it now is (in, replacing what it was, or out when it lives elsewhere now). */
export const withMember = (members: readonly PersonDoc[], person: PersonDoc, householdId: string): PersonDoc[] => [
  ...members.filter((m) => m._id !== person._id),
  ...(person.householdId === householdId && person.homePath ? [person] : []),
]

/**
 * Whether a change to the household at `path` must wait for a move: a unit on its path is being moved (until the
 * move is done, records under it still name the old path, so the delta would go to the ancestors the subtree has
 * left), or the household's stored path is no longer `path` (moved since it was read). `onPath`: the units of
 * `path` as they are now, read in the change's transaction, root first and the household last (null: gone).
 */
export function waitsForMove(path: string, onPath: readonly (Pick<StoredUnit, 'path' | 'moving'> | null)[]): boolean {
  const household = onPath[onPath.length - 1]
  return !household || household.path !== path || onPath.some((u) => !!u?.moving)
}
