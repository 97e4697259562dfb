/**
 * The demo community: one street, two communities, eight grids, a micro-grid per building, ~600 households
 * and ~1,200 residents, with the three heads of every grid, community and street staff, volunteers and a few
 * merchants. Deterministic: the same seed gives the same community (ids, names, phones, openids) every run,
 * so personas, screenshots and tests stay put.
 */
import { countersFor } from '../../core/grid/counters'
import type { CareFlag, NoticeDoc, PersonDoc, RequestCounterDoc, UnitCounterDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { ROLE_LABELS, type Role, type RoleGrant } from '../../core/roles'
import { withSiblingKey } from '../../core/grid/siblings'
import { childPath, doorLabel, rootPath, type Unit } from '../../core/units'
import { givenName, phone, surname, type Sex } from './names'
import { seedActivities } from './points-activities'
import { seedLedger, seedWallet } from './points-wallet'
import { seedRequests } from './requests'
import { seedTesting } from './testing'
import { DEMO_EMERGENCY_ID, seedEmergency } from './emergency'
import { seedDuty } from './duty'
import { seedIsolation } from './isolation'
import { seedCare } from './care'
import { seedCouncil } from './council'
import { seedCouncilMeetings } from './council-meetings'
import { seedDashboard } from './dashboard'
import { seedReports } from './reports'
import { seedDispatchActivity } from './dispatch'
import { seedReceipts } from './receipts'
import { createRandom, type Random } from './random'

export const DEMO_SEED = 20250301

export interface DemoCommunity {
  units: Unit[]
  people: PersonDoc[]
  /** The figures of every unit, as the functions keep them (core/grid/counters.ts): seeded with the records. */
  unitCounters: UnitCounterDoc[]
  /** One demo login per role the local persona picker offers (本地演示). */
  personas: Persona[]
  /** The points records (issue 10), by collection: accounts and transfers (one ledger), services, vouchers, and the
   * activities' collections; seeded with the rest. */
  points: Record<string, object[]>
  /** The requests records (issue 11), by collection: a month of requests with their events, followers and counters,
   * the demo testing round (issue 12, emulator/seed/testing.ts: its slots, bookings and coverage counters),
   * and the grids' patrols with their day markers (emulator/seed/requests.ts). */
  requests: Record<string, object[]>
}

const STREET = { _id: 's1', name: '和平街道' }
const COMMUNITIES = [
  { _id: 'c1', name: '和平里社区', shops: ['老王家常菜', '惠民便利店'] },
  { _id: 'c2', name: '春晖社区', shops: ['春晖药房', '快剪理发'] },
]
const GRIDS_PER_COMMUNITY = 4
const BUILDINGS_PER_GRID = 3
const ROOMS_PER_FLOOR = 2
/** Share of flats left empty (空置): they have no household. */
const VACANCY = 0.1
/** Share of residents who have opened the mini-program (and so have an openid). */
const SIGNED_UP = 0.5
const VOLUNTEERS = 0.08
/** Share of residents who need care (重点人员): leaders filter their households by it. */
const CARE = 0.05
/** Everyone "joined" on a fixed day, one minute apart: stable dates without a clock. */
const JOINED = Date.UTC(2025, 2, 1)

/** The stable openid of a demo person (real openids are opaque strings; these only need to be unique). */
export const demoOpenid = (personId: string): string => `o_demo_${personId}`

interface Household {
  unit: Unit
  members: PersonDoc[]
}

export function buildDemoCommunity(seed: number = DEMO_SEED): DemoCommunity {
  const rnd = createRandom(seed)
  const units: Unit[] = []
  const people: PersonDoc[] = []
  const phones = new Set<string>()

  const addUnit = (u: Unit): Unit => (units.push(withSiblingKey(u)), u)
  const addPerson = (fields: Omit<PersonDoc, '_id' | 'phone' | 'createdAt'>, signedUp: boolean): PersonDoc => {
    const _id = `p${String(people.length + 1).padStart(4, '0')}`
    const p: PersonDoc = {
      _id,
      ...fields,
      phone: phone(rnd, phones),
      createdAt: new Date(JOINED + people.length * 60_000),
    }
    if (signedUp) p.openid = demoOpenid(_id)
    people.push(p)
    return p
  }
  const grant = (p: PersonDoc, role: Role, unit: Unit): void => {
    p.roles.push({ role, unitId: unit._id })
    p.openid ??= demoOpenid(p._id) // everyone with a role uses the mini-program
  }

  const street = addUnit({
    _id: STREET._id,
    level: 'street',
    name: STREET.name,
    parentId: null,
    path: rootPath(STREET._id),
  })
  const gridsByCommunity = new Map<string, { grid: Unit; households: Household[] }[]>()
  let gridNo = 0

  for (const c of COMMUNITIES) {
    const community = addUnit({ ...unitOf(c._id, c.name, street), level: 'community' })
    const grids: { grid: Unit; households: Household[] }[] = []
    let buildingNo = 0
    for (let g = 1; g <= GRIDS_PER_COMMUNITY; g++) {
      const grid = addUnit({ ...unitOf(`g${++gridNo}`, `第${g}网格`, community), level: 'grid' })
      const inGrid: Household[] = []
      for (let b = 0; b < BUILDINGS_PER_GRID; b++) {
        const building = `${++buildingNo}栋`
        const micro = addUnit({ ...unitOf(`${c._id}-b${buildingNo}`, building, grid), level: 'microgrid' })
        const inBuilding: Household[] = []
        const [entrances, floors] = [rnd.pick([2, 2, 3]), rnd.pick([5, 6, 6, 7])]
        for (let e = 1; e <= entrances; e++) {
          for (let f = 1; f <= floors; f++) {
            for (let r = 1; r <= ROOMS_PER_FLOOR; r++) {
              if (rnd.chance(VACANCY)) continue
              const door = { building, entrance: `${e}单元`, room: `${f}0${r}` }
              const id = `${micro._id}-${e}-${f}0${r}`
              const unit = addUnit({ ...unitOf(id, doorLabel(door), micro), level: 'household', ...door })
              inBuilding.push({ unit, members: family(rnd).map((name) => resident(name, unit)) })
            }
          }
        }
        const head = pickHead(rnd, inBuilding)
        if (head) grant(head, 'buildingHead', micro)
        inGrid.push(...inBuilding)
      }
      for (const role of ['gridChief', 'partyLeader'] as const) {
        const head = pickHead(rnd, inGrid)
        if (head) grant(head, role, grid)
      }
      grids.push({ grid, households: inGrid })
    }
    gridsByCommunity.set(c._id, grids)

    for (let i = 0; i < 3; i++) grant(staffMember(), 'communityStaff', community)
    for (const shopName of c.shops) {
      const m = addPerson({ name: fullName(rnd), roles: [], shopName }, true)
      grant(m, 'merchant', community)
    }
  }
  grant(staffMember(), 'streetStaff', street)
  // 城管, a department of the street (issue 11): it 报到s for and handles what the street whistles for. Drawn after
  // everyone else, so no other id, name or phone of the community changed.
  const chengguan = addPerson({ name: fullName(rnd), roles: [] }, true)
  chengguan.roles.push({ role: 'department', unitId: street._id, departmentId: 'chengguan' })
  flagCare(createRandom(seed ^ CARE_STREAM), people)

  const unitCounters = [...countersFor(units, people, [])].map(([_id, c]) => ({
    _id,
    ...c,
    updatedAt: new Date(JOINED),
  }))
  const streetLeader = people.find((p) => holds(p, 'streetStaff', street._id)) as PersonDoc
  const personas: Persona[] = [
    ...pickPersonas(people, units, gridsByCommunity),
    // issue 11: the street and its 城管, to try requests escalated and whistled (new members go last, before visitors)
    {
      openid: streetLeader.openid as string,
      role: 'streetStaff',
      label: `${ROLE_LABELS.streetStaff} · ${streetLeader.name}`,
      description: `${STREET.name} 街道干部`,
    },
    {
      openid: chengguan.openid as string,
      role: 'department',
      label: `城管 · ${chengguan.name}`,
      description: `${STREET.name} 城管（职能部门）`,
    },
    ...VISITORS,
  ]
  // points: one ledger for every seeded movement (earnings, grants, the redeemed voucher), so balances add up
  const ledger = seedLedger()
  const activities = seedActivities({ units, people, personas, ledger })
  // 日调度 (issue 13 item 4): an activity this evening in the first grid, so its chief's 今日调度 has every section,
  // and one in the other grid chief persona's grid (第2网格), organised by that chief
  const otherChief = people.find((p) => p.openid === personas.find((x) => x.role === 'gridChief')?.openid)
  const otherGrid = units.find((u) => u._id === otherChief?.roles.find((r) => r.role === 'gridChief')?.unitId)
  activities.activities.push(
    ...seedDispatchActivity(
      activities.activities,
      undefined,
      otherChief && otherGrid ? [{ grid: otherGrid, chief: otherChief }] : [],
    ),
  )
  const wallet = seedWallet({ units, people, personas, ledger })
  const requests = seedRequests({ units, people, personas })
  // the testing round (issue 12) rides with the requests' records: every caller seeds those whole
  const testing = seedTesting({ units, people, personas })
  const records: Record<string, object[]> = {
    ...requests,
    ...testing,
    ...seedEmergency({ units, people, personas }),
    ...seedDuty({ units, people, personas, emergencyId: DEMO_EMERGENCY_ID }),
    ...seedIsolation({ units, people, personas }),
    // care persons (关爱对象, issue 12 item 6): a record for every flagged resident, teams and checks in the first grid
    ...seedCare({ units, people, personas }),
    // 三长议事 (issue 13): proposals of the first grid in every state, one a support short of the threshold
    ...seedCouncil({ units, people, personas }),
  }
  // 三长议事 meetings and votes (H6): an open in-person meeting of the first grid, its agenda a 待议 proposal of its own
  const meetings = seedCouncilMeetings({ units, people, personas })
  records.proposals = [...(records.proposals ?? []), ...meetings.proposals]
  records.councilMeetings = meetings.councilMeetings
  records.councilItems = meetings.councilItems
  // households that have pressed 收到 on the demo's notices (emulator/seed/receipts.ts), so reach is not 0 %
  Object.assign(records, seedReceipts({ units, people, notices: (records.notices ?? []) as NoticeDoc[] }))
  const points = { ...activities, ...wallet }
  // the dashboard's period figures (数据看板, issue 13 item 3): recounted from the records above
  const dashboard = seedDashboard({ units, people, records: { ...records, ...points } })
  return {
    units,
    people,
    unitCounters,
    personas,
    points,
    requests: {
      ...records,
      ...dashboard,
      // 周例会 / 月通报 (issue 13 item 5): this week's and month's of every community and street, from the counters
      ...seedReports({
        units,
        unitCounters,
        unitStats: dashboard.unitStats,
        requestCounters: (records.requestCounters ?? []) as RequestCounterDoc[],
      }),
    },
  }

  function resident(name: string, home: Unit): PersonDoc {
    const p = addPerson(
      { name, householdId: home._id, homePath: home.path, roles: [{ role: 'resident', unitId: home._id }] },
      rnd.chance(SIGNED_UP),
    )
    if (rnd.chance(VOLUNTEERS)) p.volunteer = true
    return p
  }
  function staffMember(): PersonDoc {
    return addPerson({ name: fullName(rnd), roles: [], volunteer: true }, true)
  }
}

/**
 * Care flags come from a random stream of their own, drawn after everything else: adding them changed no id,
 * name, phone or openid of the community (personas and tests depend on those).
 */
const CARE_STREAM = 0xca4e
function flagCare(rnd: Random, people: readonly PersonDoc[]): void {
  const sizes = new Map<string, number>()
  for (const p of people) if (p.householdId) sizes.set(p.householdId, (sizes.get(p.householdId) ?? 0) + 1)
  for (const p of people) {
    if (!p.householdId || !rnd.chance(CARE)) continue
    // living alone makes 独居老人 likely; a family more often has a chronic illness, a pregnancy, a disability
    const alone = sizes.get(p.householdId) === 1
    const flag = rnd.weighted<CareFlag>(
      alone
        ? [
            ['elderlyAlone', 6],
            ['chronicIllness', 3],
            ['disabled', 1],
          ]
        : [
            ['chronicIllness', 5],
            ['pregnant', 2],
            ['disabled', 2],
            ['isolated', 1],
          ],
    )
    p.careFlags = [flag]
  }
}

/**
 * Visitors of the local picker: WeChat users who have not joined (no person carries their openid), to walk the
 * join journey — open an invite, claim a room, wait for the building head.
 */
export const VISITORS: Persona[] = [1, 2, 3].map((n) => ({
  openid: `o_demo_visitor_${n}`,
  role: 'visitor',
  label: `新访客 ${n} · 未加入`,
  description: '还没有加入网格：用邀请加入',
}))

const unitOf = (_id: string, name: string, parent: Unit) => ({
  _id,
  name,
  parentId: parent._id,
  path: childPath(parent.path, _id),
})

const fullName = (rnd: Random, sex: Sex = rnd.pick(['female', 'male'] as const)): string =>
  surname(rnd) + givenName(rnd, sex)

/** A household's members: a couple and children mostly; children share the first member's surname. */
function family(rnd: Random): string[] {
  const size = rnd.weighted([
    [1, 30],
    [2, 45],
    [3, 20],
    [4, 5],
  ] as const)
  const sex: Sex = rnd.pick(['female', 'male'])
  const familyName = surname(rnd)
  const names = [familyName + givenName(rnd, sex)]
  while (names.length < size) {
    const partner = names.length === 1 && rnd.chance(0.8)
    const other: Sex = partner ? (sex === 'female' ? 'male' : 'female') : rnd.pick(['female', 'male'])
    const name = (partner ? surname(rnd) : familyName) + givenName(rnd, other)
    if (!names.includes(name)) names.push(name)
  }
  return names
}

/** A head is the first member of some household that has no head yet. */
function pickHead(rnd: Random, households: readonly Household[]): PersonDoc | undefined {
  const free = households.map((h) => h.members[0]).filter((p) => p.roles.length === 1)
  return free.length ? rnd.pick(free) : undefined
}

const holds = (p: PersonDoc, role: Role, unitId?: string): boolean =>
  p.roles.some((g: RoleGrant) => g.role === role && (unitId === undefined || g.unitId === unitId))

/**
 * The personas of the local picker, all in 和平里社区: a resident of its first grid with their own building
 * head and party leader, the grid chief of ANOTHER grid (so the two see different grids), the first grid's own
 * chief (who decides on joins and sees its residents in full), and, last, two more residents: a neighbour in
 * another household of the first resident's building, and a member of the first resident's own household.
 * Tests pick a persona by role and position, so new ones go last.
 */
function pickPersonas(
  people: readonly PersonDoc[],
  units: readonly Unit[],
  grids: ReadonlyMap<string, { grid: Unit; households: Household[] }[]>,
): Persona[] {
  const byId = new Map(units.map((u) => [u._id, u]))
  const [first, second] = grids.get(COMMUNITIES[0]._id) ?? []
  const community = COMMUNITIES[0].name
  const home = (p: PersonDoc): string => byId.get(p.householdId ?? '')?.name ?? ''
  const members = first.households.flatMap((h) => (h.members.length > 1 ? h.members : []))
  const resident = members.find((p) => p.openid && p.roles.length === 1) as PersonDoc
  const micro = byId.get(byId.get(resident.householdId as string)?.parentId as string) as Unit
  const find = (role: Role, unitId: string): PersonDoc => people.find((p) => holds(p, role, unitId)) as PersonDoc
  const persona = (role: Role, p: PersonDoc, description: string): Persona => ({
    openid: p.openid as string,
    role,
    label: `${ROLE_LABELS[role]} · ${p.name}`,
    description,
  })
  const staff = find('communityStaff', COMMUNITIES[0]._id)
  const merchant = find('merchant', COMMUNITIES[0]._id)
  const buildingHead = find('buildingHead', micro._id)
  const partyLeader = find('partyLeader', first.grid._id)
  const gridChief = find('gridChief', second.grid._id)
  const ownChief = find('gridChief', first.grid._id)
  // two more residents, to try two households side by side: one of another household of the same building
  // (楼栋邻里 masks each other), and one of the first resident's own household (one 收到 counts for both)
  const signedUp = (p: PersonDoc) => p.openid && p.roles.length === 1 && p._id !== resident._id
  const neighbour = people.find(
    (p) =>
      signedUp(p) && p.householdId !== resident.householdId && byId.get(p.householdId ?? '')?.parentId === micro._id,
  ) as PersonDoc
  const housemate = people.find((p) => signedUp(p) && p.householdId === resident.householdId) as PersonDoc
  return [
    persona('resident', resident, `${community} ${first.grid.name} ${home(resident)}`),
    persona(
      'buildingHead',
      buildingHead,
      `${community} ${first.grid.name} ${micro.name}楼栋长 · 住${home(buildingHead)}`,
    ),
    persona('partyLeader', partyLeader, `${community} ${first.grid.name}党小组长 · 住${home(partyLeader)}`),
    persona('gridChief', gridChief, `${community} ${second.grid.name}网格长 · 住${home(gridChief)}`),
    persona('communityStaff', staff, `${community} 社区工作者`),
    persona('merchant', merchant, `${community} · ${merchant.shopName}`),
    persona('gridChief', ownChief, `${community} ${first.grid.name}网格长 · 住${home(ownChief)}`),
    persona('resident', neighbour, `${community} ${first.grid.name} ${home(neighbour)} · ${resident.name}的邻居`),
    persona('resident', housemate, `${community} ${first.grid.name} ${home(housemate)} · 与${resident.name}同户`),
  ]
}
