/** grid.me: the signed-in person, their household, their grid and its three heads; for 我的, whether they have
 * anything in emergency mode (emergencyLinks: three reads by id or index, and the emergencies over their place). */
import type { CareLinks, EmergencyLinks, MeResult } from '../../../core/contract'
import { defaultGridPath, servesGrid } from '../../../core/isolation/serve'
import { liveHolds } from '../../../core/duty/seats'
import { dutyPersonId, reserveMemberId } from '../../../core/ids'
import { headsByUnit } from '../../../core/grid/heads'
import { focusPath, homeAddress, roleViews } from '../../../core/grid/me'
import { ancestorAt, doorLabel, pathIds, type Unit } from '../../../core/units'
import { viewerOf, type Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { emergenciesReaching } from '../../../server/emergencies'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'

const NOBODY: MeResult = { person: null, roles: [], household: null, grid: null }

/** How far back 我的 still links to 我的采样时段: a slot of yesterday is still worth a look. */
const SLOT_SHOWN_MS = 24 * 3_600_000

/** What 我的 links to in emergency mode, but `emergency` (grid.me reads it, grid.home has it already). */
export async function emergencyLinksOf(
  data: Data,
  caller: Caller,
  now: Date,
): Promise<Omit<EmergencyLinks, 'emergency'> | null> {
  const person = caller.person
  if (!person) return null
  const [duty, reserve, slots] = await Promise.all([
    data.dutyPeople.get(dutyPersonId(person._id)),
    data.reserveMembers.get(reserveMemberId(person._id)),
    person.householdId ? data.testingBookings.ofHousehold(person.householdId, 1) : Promise.resolve([]),
  ])
  return {
    duty: liveHolds(duty?.holds ?? [], now).length > 0,
    testing: slots.some((b) => +new Date(b.startAt) > +now - SLOT_SHOWN_MS),
    reserve: reserve !== null,
  }
}

/** What 我的 links to for care and home isolation: two bounded reads (one care record of the helper, the household's
 * latest isolation) and the caller's own grants. */
export async function careLinksOf(data: Data, caller: Caller, now: Date): Promise<CareLinks | null> {
  const person = caller.person
  if (!person) return null
  const [cares, isolations] = await Promise.all([
    data.carePersons.ofHelper(person._id, 1),
    person.householdId ? data.isolations.ofHousehold(person.householdId) : Promise.resolve([]),
  ])
  const latest = isolations[0]
  const grid = defaultGridPath(person, caller.grants)
  return {
    care: cares.length > 0,
    isolationHome: !!latest && latest.status === 'active' && +new Date(latest.endAt) > +now,
    isolationServes: !!grid && servesGrid(person, caller.grants, grid),
  }
}

export const me: Action<'grid', 'me'> = {
  async handle(ctx) {
    const who = await whoAmI.handle(ctx)
    const now = new Date()
    const [links, emergencies, careLinks] = await Promise.all([
      emergencyLinksOf(ctx.data, ctx.caller, now),
      ctx.caller.person ? emergenciesReaching(ctx.data, ctx.caller, now, true) : Promise.resolve([]),
      careLinksOf(ctx.data, ctx.caller, now),
    ])
    return {
      ...who,
      ...(links ? { emergencyLinks: { ...links, emergency: emergencies.some((e) => e.active) } } : {}),
      ...(careLinks ? { careLinks } : {}),
    }
  },
}

/** Who the caller is (grid.me without its emergency links: grid.home adds them from what it reads itself). */
export const whoAmI: Action<'grid', 'me'> = {
  async handle({ caller, data, group }) {
    const { person } = caller
    if (!person) return group ? visitorFromGroup(group.openGId, caller, data) : NOBODY

    const home = person.householdId ? caller.units.get(person.householdId) : undefined
    const focus = focusPath(home?.path, caller.grants)
    const ancestors = focus ? byId(await data.units.byIds(pathIds(focus))) : new Map<string, Unit>()
    const at = (level: Unit['level']): Unit | undefined => {
      const id = focus ? ancestorAt(focus, level) : undefined
      return id ? ancestors.get(id) : undefined
    }
    const [street, community, grid, microgrid] = [at('street'), at('community'), at('grid'), at('microgrid')]

    const [members, holders] = await Promise.all([
      home ? data.people.inHousehold(home._id) : Promise.resolve([]),
      grid ? data.people.holdingRolesOver([grid._id, ...(microgrid ? [microgrid._id] : [])]) : Promise.resolve([]),
    ])
    const headUnits = byId([grid, microgrid].filter((u): u is Unit => u !== undefined))
    const heads = headsByUnit(holders, headUnits, viewerOf(caller))

    return {
      person: { id: person._id, name: person.name, phone: person.phone },
      roles: roleViews(caller.grants, caller.units),
      household: home
        ? {
            id: home._id,
            door: doorLabel(home),
            address: homeAddress(street, community, home),
            members: members.map((m) => ({ id: m._id, name: m.name })),
          }
        : null,
      grid:
        grid && community && street
          ? {
              id: grid._id,
              name: grid.name,
              community: unitRef(community),
              street: unitRef(street),
              microgrid: microgrid ? unitRef(microgrid) : null,
              heads: [...(heads.get(grid._id) ?? []), ...(microgrid ? (heads.get(microgrid._id) ?? []) : [])],
            }
          : null,
    }
  },
}

/** A visitor who has not joined yet, opened from a bound group chat: that group's grid and its heads. */
async function visitorFromGroup(openGId: string, caller: Caller, data: Data): Promise<MeResult> {
  const bound = await data.groups.get(openGId)
  const grid = bound ? await data.units.get(bound.gridId) : null
  if (!grid || grid.retired) return NOBODY
  const [ancestors, holders] = await Promise.all([
    data.units.byIds(pathIds(grid.path)).then(byId),
    data.people.holdingRolesOver([grid._id]),
  ])
  const street = ancestors.get(ancestorAt(grid.path, 'street') ?? '')
  const community = ancestors.get(ancestorAt(grid.path, 'community') ?? '')
  if (!street || !community) return NOBODY
  const heads = headsByUnit(holders, byId([grid]), viewerOf(caller))
  return {
    ...NOBODY,
    grid: {
      id: grid._id,
      name: grid.name,
      community: unitRef(community),
      street: unitRef(street),
      microgrid: null,
      heads: heads.get(grid._id) ?? [],
    },
  }
}
