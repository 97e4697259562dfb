/**
 * A synthetic district at any size, shaped like the demo community (emulator/seed/index.ts): one street →
 * communities of 10 grids → grids of 8 buildings (micro-grids) → households of 1–4 residents, with the heads of
 * every building and grid, community and street staff, phones, care flags, residents joined through WeChat or
 * not, pending claims and subscriptions to the new-notice message. Deterministic from `seed`: the same numbers
 * give the same district (ids, names, phones, openids) on every machine, so benchmark runs compare.
 * About 548 residents per grid: 930 grids are about 510,000 residents (bench/district.ts).
 */
import { countersFor } from '../../core/grid/counters'
import type { CareFlag, ClaimDoc, PersonDoc, SubscriptionDoc, UnitCounterDoc } from '../../core/model'
import { NOTICE_TEMPLATE } from '../../core/notices/links'
import type { Role } from '../../core/roles'
import { withSiblingKey } from '../../core/grid/siblings'
import { childPath, doorLabel, rootPath, type Unit } from '../../core/units'
import { givenName, phone, surname, type Sex } from './names'
import { createRandom } from './random'

export const DISTRICT_SEED = 20261202

export interface DistrictOptions {
  grids: number
  seed?: number
}

export interface District {
  units: Unit[]
  people: PersonDoc[]
  claims: ClaimDoc[]
  subscriptions: SubscriptionDoc[]
  /** every unit's figures, recounted by countersFor as the repair job would */
  unitCounters: UnitCounterDoc[]
}

const GRIDS_PER_COMMUNITY = 10
const BUILDINGS_PER_GRID = 8
const ENTRANCES = 2
const FLOORS = 6
const ROOMS_PER_FLOOR = 3
const VACANCY = 0.05
const SIGNED_UP = 0.5
const CARE = 0.05
/** Households with a claim waiting for the building head (a newcomer who opened an invite). */
const PENDING_CLAIM = 0.01
/** Joined residents who accepted one new-notice subscribe message. */
const SUBSCRIBED = 0.3
const JOINED = Date.UTC(2025, 2, 1)
const CARE_FLAGS: readonly CareFlag[] = ['elderlyAlone', 'chronicIllness', 'disabled', 'pregnant', 'isolated']

export const districtOpenid = (personId: string): string => `o_dist_${personId}`

/**
 * The id of the district's n-th person: `p` and 8 hex digits, the shape org's ids have (`p` + random hex,
 * cloudfunctions/org/new-ids.ts), so they spread over every delivery shard (core/notices/messages.ts shardRanges
 * splits on the hex digits after `p`; decimal ids `p1…p508249` left 7 of 16 shards empty). The digits are a
 * bijective 32-bit mix of n: deterministic and unique.
 */
export function districtPersonId(n: number): string {
  let h = n >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b)
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b)
  h = (h ^ (h >>> 16)) >>> 0
  return `p${h.toString(16).padStart(8, '0')}`
}

export function buildDistrict({ grids, seed = DISTRICT_SEED }: DistrictOptions): District {
  const rnd = createRandom(seed ^ grids)
  const units: Unit[] = []
  const people: PersonDoc[] = []
  const claims: ClaimDoc[] = []
  const subscriptions: SubscriptionDoc[] = []
  const phones = new Set<string>()
  const name = (sex: Sex = rnd.chance(0.5) ? 'female' : 'male'): string => surname(rnd) + givenName(rnd, sex)

  const addPerson = (fields: Omit<PersonDoc, '_id' | 'phone' | 'createdAt'>, signedUp: boolean): PersonDoc => {
    const _id = districtPersonId(people.length + 1)
    const p: PersonDoc = { _id, ...fields, phone: phone(rnd, phones), createdAt: new Date(JOINED + people.length) }
    if (signedUp) p.openid = districtOpenid(_id)
    people.push(p)
    return p
  }
  const grant = (p: PersonDoc, role: Role, unit: Unit): void => {
    p.roles.push({ role, unitId: unit._id })
    p.openid ??= districtOpenid(p._id)
  }
  const child = (_id: string, unitName: string, level: Unit['level'], parent: Unit, extra: Partial<Unit> = {}) => {
    const u: Unit = { _id, name: unitName, level, parentId: parent._id, path: childPath(parent.path, _id), ...extra }
    units.push(withSiblingKey(u))
    return u
  }

  const street: Unit = { _id: 's1', level: 'street', name: '江北街道', parentId: null, path: rootPath('s1') }
  units.push(street)
  let community: Unit | undefined
  for (let g = 1; g <= grids; g++) {
    if ((g - 1) % GRIDS_PER_COMMUNITY === 0) {
      const n = (g - 1) / GRIDS_PER_COMMUNITY + 1
      community = child(`c${n}`, `第${n}社区`, 'community', street)
      for (let i = 0; i < 3; i++) grant(addPerson({ name: name(), roles: [] }, true), 'communityStaff', community)
    }
    const grid = child(`g${g}`, `第${g}网格`, 'grid', community as Unit)
    const firstMembers: PersonDoc[] = []
    for (let b = 1; b <= BUILDINGS_PER_GRID; b++) {
      const building = `${(g - 1) * BUILDINGS_PER_GRID + b}栋`
      const micro = child(`${grid._id}-b${b}`, building, 'microgrid', grid)
      let head: PersonDoc | undefined
      for (let e = 1; e <= ENTRANCES; e++) {
        for (let f = 1; f <= FLOORS; f++) {
          for (let r = 1; r <= ROOMS_PER_FLOOR; r++) {
            if (rnd.chance(VACANCY)) continue
            const door = { building, entrance: `${e}单元`, room: `${f}0${r}` }
            const home = child(`${micro._id}-${e}-${f}0${r}`, doorLabel(door), 'household', micro, door)
            const size = rnd.weighted([
              [1, 30],
              [2, 45],
              [3, 20],
              [4, 5],
            ] as const)
            for (let m = 0; m < size; m++) {
              const p = addPerson(
                {
                  name: name(),
                  householdId: home._id,
                  homePath: home.path,
                  roles: [{ role: 'resident', unitId: home._id }],
                },
                rnd.chance(SIGNED_UP),
              )
              if (rnd.chance(CARE)) p.careFlags = [rnd.pick(CARE_FLAGS)]
              if (m === 0) {
                firstMembers.push(p)
                head ??= p
              }
              if (p.openid && rnd.chance(SUBSCRIBED))
                subscriptions.push({
                  _id: `${p._id}_${NOTICE_TEMPLATE.id}`,
                  personId: p._id,
                  homePath: home.path,
                  templateId: NOTICE_TEMPLATE.id,
                  remaining: 1,
                  updatedAt: new Date(JOINED),
                })
            }
            if (rnd.chance(PENDING_CLAIM))
              claims.push({
                _id: `claim-${home._id}`,
                openid: `o_dist_visitor_${claims.length + 1}`,
                householdId: home._id,
                householdPath: home.path,
                name: name(),
                phone: phone(rnd, phones),
                status: 'pending',
                createdAt: new Date(JOINED),
              })
          }
        }
      }
      if (head) grant(head, 'buildingHead', micro)
    }
    // the grid's chief and party leader live in the grid, as in the demo; never a building head as well
    const free = firstMembers.filter((p) => p.roles.length === 1)
    if (free[0]) grant(free[0], 'gridChief', grid)
    if (free[1]) grant(free[1], 'partyLeader', grid)
  }
  grant(addPerson({ name: name(), roles: [] }, true), 'streetStaff', street)
  const updatedAt = new Date(JOINED)
  const unitCounters = [...countersFor(units, people, claims)].map(([_id, c]) => ({ _id, ...c, updatedAt }))
  return { units, people, claims, subscriptions, unitCounters }
}
