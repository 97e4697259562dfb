/**
 * Planning an import: a roster that passed every check, turned into the documents to write against the
 * community as it is. Writing them, in the order given, is the org function's (cloudfunctions/org).
 */
import type { CareFlag, PersonDoc } from '../../model'
import type { RoleGrant } from '../../roles'
import { childPath, doorLabel, type Unit } from '../../units'
import type { CommunityState } from './community'
import { householdKey, type Roster } from './entries'
import { HEAD_ROLES, type HeadRole } from './heads'

const personKey = (householdKey: string, name: string, phone: string): string =>
  `${householdKey}\u0000${name}\u0000${phone}`

/** What an import writes, in the order it must be written: every parent before its children. */
export interface ImportPlan {
  /** New units, grids then micro-grids then households. */
  units: Unit[]
  /** Micro-grids whose 战时 flag the file changes. */
  wartime: { id: string; wartime: boolean }[]
  /** New people. */
  people: PersonDoc[]
  /** Existing people whose roles or care flags the file changes. */
  updates: { id: string; roles: RoleGrant[]; careFlags: CareFlag[] }[]
  counts: { grids: number; buildings: number; households: number; residents: number; heads: number }
}

/**
 * Turns a valid roster into the documents to write: what exists (grids and buildings by name, households by
 * building + unit + room, people by household + name + phone) is reused, so importing the same file twice
 * creates nothing the second time. Heads: the file decides the heads of every person it lists, and a head it
 * names replaces whoever held that role over that unit.
 */
export function planImport(
  roster: Roster,
  state: CommunityState,
  newId: (kind: 'unit' | 'person') => string,
  now: Date,
): ImportPlan {
  const units: Unit[] = []
  const inUse = state.units
  // copies: the plan edits roles and flags of the people it touches
  const current = state.people.map((p) => ({ ...p, roles: [...p.roles] }))
  /** People whose roles or care flags the plan changed. */
  const touched = new Set<PersonDoc>()
  const grids = new Map(inUse.filter((u) => u.level === 'grid').map((u) => [u.name, u]))
  const buildings = new Map(inUse.filter((u) => u.level === 'microgrid').map((u) => [u.name, u]))
  const households = new Map(
    inUse
      .filter((u) => u.level === 'household')
      .map((u) => [householdKey(u.building ?? '', u.entrance ?? '', u.room ?? ''), u]),
  )
  const counts = { grids: 0, buildings: 0, households: 0, residents: 0, heads: 0 }
  const create = (level: Unit['level'], name: string, parent: Unit, extra: Partial<Unit> = {}): Unit => {
    const _id = newId('unit')
    const u: Unit = { _id, level, name, parentId: parent._id, path: childPath(parent.path, _id), ...extra }
    units.push(u)
    return u
  }

  for (const g of roster.grids) {
    if (grids.has(g.name)) continue
    grids.set(g.name, create('grid', g.name, state.community))
    counts.grids++
  }
  const wartime: ImportPlan['wartime'] = []
  for (const b of roster.buildings) {
    const existing = buildings.get(b.name)
    if (existing) {
      if (Boolean(existing.wartime) !== b.wartime) wartime.push({ id: existing._id, wartime: b.wartime })
      continue
    }
    const grid = grids.get(b.grid) as Unit
    buildings.set(b.name, create('microgrid', b.name, grid, b.wartime ? { wartime: true } : {}))
    counts.buildings++
  }

  const peopleByKey = new Map<string, PersonDoc>()
  for (const p of current) {
    if (p.householdId) peopleByKey.set(personKey(p.householdId, p.name, p.phone), p)
  }
  const newPeople: PersonDoc[] = []
  /** Head grants each listed person should hold over this community's grids and micro-grids. */
  const wantedHeads = new Map<PersonDoc, RoleGrant[]>()
  const named = new Map<string, PersonDoc>() // `${role}@${unitId}` → the person the file names
  for (const h of roster.households) {
    const key = householdKey(h.building, h.entrance, h.room)
    let home = households.get(key)
    if (!home) {
      const building = buildings.get(h.building) as Unit
      const door = { building: h.building, entrance: h.entrance, room: h.room }
      home = create('household', doorLabel(door), building, door)
      households.set(key, home)
      counts.households++
    }
    const micro = buildings.get(h.building) as Unit
    const gridId = micro.parentId as string
    for (const entry of h.people) {
      let person = peopleByKey.get(personKey(home._id, entry.name, entry.phone))
      if (!person) {
        person = {
          _id: newId('person'),
          name: entry.name,
          phone: entry.phone,
          householdId: home._id,
          homePath: home.path,
          roles: [{ role: 'resident', unitId: home._id }],
          ...(entry.careFlags.length ? { careFlags: entry.careFlags } : {}),
          // one millisecond apart in file order, so "who joined first" keeps the file's order
          createdAt: new Date(now.getTime() + newPeople.length),
        }
        newPeople.push(person)
        peopleByKey.set(personKey(home._id, entry.name, entry.phone), person)
        counts.residents++
      } else if (sameFlags(person.careFlags ?? [], entry.careFlags) === false) {
        person.careFlags = entry.careFlags
        touched.add(person)
      }
      const grants = entry.heads.map((role) => ({ role, unitId: role === 'buildingHead' ? micro._id : gridId }))
      wantedHeads.set(person, grants)
      for (const g of grants) named.set(`${g.role}@${g.unitId}`, person)
    }
  }

  // heads: listed people hold exactly the heads the file gives them within this community; a head the
  // file names replaces anyone else holding that role over that unit
  const communityUnits = new Set([...grids.values(), ...buildings.values()].map((u) => u._id))
  // a 战时网格's temporary grant is the 战时网格's to take away (core/emergency/microgrids.ts), not the roster's
  const isHeadHere = (g: RoleGrant) =>
    HEAD_ROLES.includes(g.role as HeadRole) && communityUnits.has(g.unitId) && !g.wartimeGridId
  const everyone = [...current, ...newPeople]
  for (const person of new Set(everyone)) {
    const wanted = wantedHeads.get(person)
    const kept = person.roles.filter((g) => {
      if (!isHeadHere(g)) return true
      if (wanted) return wanted.some((w) => w.role === g.role && w.unitId === g.unitId)
      const replacement = named.get(`${g.role}@${g.unitId}`)
      return !replacement || replacement === person
    })
    const added = (wanted ?? []).filter((w) => !kept.some((g) => g.role === w.role && g.unitId === w.unitId))
    counts.heads += added.length
    const roles = [...kept, ...added]
    if (roles.length !== person.roles.length || added.length) {
      person.roles = roles
      touched.add(person)
    }
  }

  const fresh = new Set(newPeople)
  return {
    units,
    wartime,
    people: newPeople,
    updates: [...touched]
      .filter((p) => !fresh.has(p))
      .map((p) => ({ id: p._id, roles: p.roles, careFlags: p.careFlags ?? [] })),
    counts,
  }
}
const sameFlags = (a: readonly CareFlag[], b: readonly CareFlag[]): boolean =>
  a.length === b.length && a.every((f) => b.includes(f))
