/** grid.me: the signed-in person, their household, their grid and its three heads. */
import type { MeResult, Payload, RoleView } from '../../../core/contract'
import { LEADER_ROLES } from '../../../core/roles'
import { ancestorAt, doorLabel, pathIds, type Unit } from '../../../core/units'
import { viewerOf, type Caller } from '../../../server/caller'
import { joinStore } from '../../../server/join-store'
import type { Repository } from '../../../server/repository'
import type { ActionDef } from '../../../server/router'
import { headsByUnit } from '../heads'
import { byId, ref } from '../unit-views'

const NOBODY: MeResult = { person: null, roles: [], household: null, grid: null }

export const me: ActionDef<Payload<'grid', 'me'>, MeResult> = {
  async handle({ caller, repo, group }) {
    const { person } = caller
    if (!person) return group ? visitorFromGroup(group.openGId, caller, repo) : NOBODY

    const roles: RoleView[] = caller.grants.map((g) => {
      const unit = caller.units.get(g.unitId) as Unit
      return { role: g.role, unitId: g.unitId, unitName: unit.name, level: unit.level }
    })
    const home = person.householdId ? caller.units.get(person.householdId) : undefined
    // the grid of the home, else of the first role led at grid level or below (a grid chief living elsewhere)
    const focus =
      home?.path ?? caller.grants.find((g) => LEADER_ROLES.includes(g.role) && ancestorAt(g.path, 'grid'))?.path
    const ancestors = focus ? byId(await repo.units(pathIds(focus))) : new Map<string, Unit>()
    const at = (level: Unit['level']): Unit | undefined => {
      const id = focus ? ancestorAt(focus, level) : undefined
      return id ? ancestors.get(id) : undefined
    }
    const [street, community, grid, microgrid] = [at('street'), at('community'), at('grid'), at('microgrid')]

    const [members, holders] = await Promise.all([
      home ? repo.householdMembers(home._id) : Promise.resolve([]),
      grid ? repo.roleHolders([grid._id, ...(microgrid ? [microgrid._id] : [])]) : Promise.resolve([]),
    ])
    const headUnits = byId([grid, microgrid].filter((u): u is Unit => u !== undefined))
    const heads = headsByUnit(holders, headUnits, viewerOf(caller))

    return {
      person: { id: person._id, name: person.name, phone: person.phone },
      roles,
      household: home
        ? {
            id: home._id,
            door: doorLabel(home),
            address: `${street?.name ?? ''}${community?.name ?? ''}${doorLabel(home)}`,
            members: members.map((m) => ({ id: m._id, name: m.name })),
          }
        : null,
      grid:
        grid && community && street
          ? {
              id: grid._id,
              name: grid.name,
              community: ref(community),
              street: ref(street),
              microgrid: microgrid ? ref(microgrid) : null,
              heads: [...(heads.get(grid._id) ?? []), ...(microgrid ? (heads.get(microgrid._id) ?? []) : [])],
            }
          : null,
    }
  },
}

/** A visitor who has not joined yet, opened from a bound group chat: that group's grid and its heads. */
async function visitorFromGroup(openGId: string, caller: Caller, repo: Repository): Promise<MeResult> {
  const bound = await joinStore().group(openGId)
  const grid = bound ? await repo.unit(bound.gridId) : null
  if (!grid || grid.retired) return NOBODY
  const [ancestors, holders] = await Promise.all([
    repo.units(pathIds(grid.path)).then(byId),
    repo.roleHolders([grid._id]),
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
      community: ref(community),
      street: ref(street),
      microgrid: null,
      heads: heads.get(grid._id) ?? [],
    },
  }
}
