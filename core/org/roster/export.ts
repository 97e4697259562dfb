/** The export rows: a community's current data in the template's shape (template.ts), for org.exportRoster. */
import { natural } from '../../grid/order'
import { CARE_FLAGS, CARE_FLAG_LABELS, type PersonDoc } from '../../model'
import type { Unit } from '../../units'
import type { CommunityState } from './community'
import { HEAD_LABEL, HEAD_ROLES, headLevel } from './heads'
import type { RosterTables } from './sheets'
import { LIST_JOIN, NO, YES } from './template'

/** Rows cell by cell, in the order people read names (numbers by value). */
const compareRows = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = natural(a[i] ?? '', b[i] ?? '')
    if (c !== 0) return c
  }
  return 0
}

/**
 * Exports a community: every grid with its buildings (a grid without buildings gets a row of its own), every
 * household with one row per member (an empty household gets one row without a name). Heads are written where
 * they head their own building or grid. Rows are sorted by name the way people count (2栋 before 10栋).
 */
export function rosterTables(state: CommunityState): RosterTables {
  const units = state.units.filter((u) => !u.retired)
  const byId = new Map(units.map((u) => [u._id, u]))
  const grids = units.filter((u) => u.level === 'grid' && u.parentId === state.community._id)
  const micros = units.filter((u) => u.level === 'microgrid' && byId.has(u.parentId ?? ''))
  const buildingRows = [
    ...micros.map((m) => [byId.get(m.parentId as string)?.name ?? '', m.name, m.wartime ? YES : NO]),
    ...grids.filter((g) => !micros.some((m) => m.parentId === g._id)).map((g) => [g.name, '', '']),
  ].sort(compareRows)

  const members = new Map<string, PersonDoc[]>()
  for (const p of state.people) {
    if (!p.householdId || p.deletedAt) continue
    members.set(p.householdId, [...(members.get(p.householdId) ?? []), p])
  }
  const residentRows: string[][] = []
  for (const h of units.filter((u) => u.level === 'household' && byId.has(u.parentId ?? ''))) {
    const micro = byId.get(h.parentId as string) as Unit
    const door = [micro.name, h.entrance ?? '', h.room ?? '']
    const living = members.get(h._id) ?? []
    if (living.length === 0) residentRows.push([...door, '', '', '', ''])
    for (const p of living) {
      const heads = HEAD_ROLES.filter((role) =>
        p.roles.some(
          (g) => g.role === role && g.unitId === (headLevel(role) === 'microgrid' ? micro._id : micro.parentId),
        ),
      )
      const careFlags = CARE_FLAGS.filter((f) => p.careFlags?.includes(f)).map((f) => CARE_FLAG_LABELS[f])
      residentRows.push([
        ...door,
        p.name,
        p.phone,
        heads.length ? heads.map((r) => HEAD_LABEL[r]).join(LIST_JOIN) : '居民',
        careFlags.join(LIST_JOIN),
      ])
    }
  }
  residentRows.sort(compareRows)
  return { buildings: buildingRows, residents: residentRows }
}

/**
 * The people an export shows in full (name, door and phone): everyone living in one of the community's
 * households. The export's audit entry names them all.
 */
export const exportedPeople = (state: CommunityState): PersonDoc[] => {
  const homes = new Set(state.units.filter((u) => u.level === 'household').map((u) => u._id))
  return state.people.filter((p) => p.householdId && !p.deletedAt && homes.has(p.householdId))
}
