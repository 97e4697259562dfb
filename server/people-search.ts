/**
 * The person pickers' name search, shared by care.findPeople (whom to mark, the four helpers) and duty.findPeople
 * (whom to put on a shift): the people of one community whose name contains the text — its residents (a keyset page
 * in `_id` order, deleted people left out) and, on the first page only, those holding a role over the community or
 * one of its grids (a handful, so read whole: 社区工作者 and 网格长 with no home there). Where each lives is told
 * with the room masked (3栋2单元***) or as the role they hold (第1网格网格长); phones are the caller's to show or mask.
 */
import type { PersonDoc } from '../core/model'
import { maskRoom } from '../core/mask'
import { ROLE_LABELS } from '../core/roles'
import type { Unit } from '../core/units'
import type { Data } from './data'
import { byId } from './views'

export interface PersonFound {
  person: PersonDoc
  /** 3栋2单元*** for a resident, 第1网格网格长 for a role holder */
  where: string
  /** their home, when they live in the community */
  home: Unit | null
}

export interface PeopleFoundPage {
  rows: PersonFound[]
  /** the last resident read: the next page starts after it (null: no more) */
  next: string | null
}

/**
 * One page of the community's people named `name`: at most `limit` residents after `after`, and on the first page
 * (no `after`) the role holders not found among them. The community's grids are read once (bounded by the
 * community); the residents by index homePath_1 with the name's pattern.
 */
export async function findPeopleNamed(
  data: Data,
  opts: { community: Unit; name: string; limit: number; after?: string },
): Promise<PeopleFoundPage> {
  const { community, name, limit, after } = opts
  const [grids, found] = await Promise.all([
    after ? Promise.resolve([] as Unit[]) : data.units.childrenOf(community._id),
    data.people.namedUnder(community.path, name, limit + 1, after),
  ])
  const page = found.slice(0, limit)
  const next = found.length > limit ? (page[page.length - 1]?._id ?? null) : null
  const holders = after ? [] : await data.people.holdingRolesOver([community._id, ...grids.map((g) => g._id)])
  const units = byId([community, ...grids])
  const homes = byId(await data.units.byIds(page.flatMap((p) => (p.householdId ? [p.householdId] : []))))
  const rows: PersonFound[] = []
  const seen = new Set<string>()
  for (const p of page) {
    if (p.deletedAt || seen.has(p._id)) continue
    seen.add(p._id)
    const home = (p.householdId ? homes.get(p.householdId) : undefined) ?? null
    rows.push({ person: p, where: home ? maskRoom(home) : '', home })
  }
  for (const p of holders) {
    if (!p.openid || p.deletedAt || seen.has(p._id) || !p.name.includes(name)) continue
    const grant = p.roles.find((r) => units.has(r.unitId) && r.role !== 'resident')
    if (!grant) continue
    seen.add(p._id)
    const u = units.get(grant.unitId)
    rows.push({ person: p, where: `${u?.name ?? ''}${ROLE_LABELS[grant.role]}`, home: null })
  }
  return { rows, next }
}
