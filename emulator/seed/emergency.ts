/**
 * The demo's emergency (应急状态, issue 12, E1): 和平里社区 (the community persona's) is in 三级响应 寒潮防冻 since this
 * morning, with its instructions pinned on 首页 for everyone under it, and an ended 暴雨防汛 in its history; a reserve
 * force of five residents of the community (the resident persona among the volunteers), and one call-up of volunteers
 * and party members — one answered 到岗 and was assigned to 东门卡口, one 不能到, the resident persona not yet —, so the
 * banner, 应急须知, the history, 应急力量, 召集详情 and 我的应急力量 all have something to show. The call-up's counts
 * are the recount of its answers (core/emergency/reserve.ts). 战时网格: the community's third grid split for 寒潮防冻
 * (seedWartimeGrids below), the grid chief persona's grid left whole.
 */
import type { ReserveKind, ReserveSkill } from '../../core/contract/emergency'
import { recount } from '../../core/emergency/reserve'
import {
  callUpAnswerId,
  callUpId,
  emergencyId,
  emergencyLockId,
  reserveMemberId,
  wartimeBuildingLockId,
  wartimeGridId,
} from '../../core/ids'
import type {
  CallUpAnswerDoc,
  CallUpDoc,
  EmergencyDoc,
  PersonDoc,
  ReserveMemberDoc,
  WartimeBuildingLockDoc,
  WartimeGridDoc,
} from '../../core/model'
import { withWartimeGrants } from '../../core/emergency/microgrids'
import type { Persona } from '../../core/persona'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { demoNoticeId, seedEmergencyNotice } from './announce'
import { seedDay } from './points-wallet'

export const DEMO_EMERGENCY_ID = emergencyId('c1', 2)
/** The demo's call-up (named as a seeded one, not by a tap). */
export const DEMO_CALLUP_ID = callUpId(DEMO_EMERGENCY_ID, 'demo', 'callup-1')
const HOUR = 3_600_000
const DAY = 24 * HOUR

const ENTRIES: { kind: ReserveKind; skills: ReserveSkill[]; note: string; availability: string }[] = [
  { kind: 'volunteer', skills: ['medical', 'psychology'], note: '退休护士', availability: '工作日白天' },
  { kind: 'partyMember', skills: ['order'], note: '', availability: '周末全天' },
  { kind: 'volunteer', skills: ['driving', 'logistics'], note: '有面包车', availability: '晚上七点后' },
  { kind: 'cadre', skills: ['it'], note: '街道下沉干部', availability: '工作日全天' },
  { kind: 'merchantStaff', skills: ['logistics'], note: '超市店员', availability: '早上八点前' },
]

export function seedEmergency({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  /** the cadre who leads the demo's 战时网格 is added to them */
  people: PersonDoc[]
  personas: readonly Persona[]
}): Record<string, object[]> {
  const person = (n: number) => people.find((p) => p.openid === personas[n].openid) as PersonDoc
  const [resident, staff] = [person(0), person(4)]
  const community = units.find((u) => u._id === staff.roles.find((r) => r.role === 'communityStaff')?.unitId) as Unit
  // since midnight (Beijing) today, so it is in force whenever the demo starts
  const morning = seedDay()
  const base = {
    scopeUnitId: community._id,
    scopePath: community.path,
    scopeName: community.name,
    scopeLevel: community.level,
    declaredBy: staff._id,
    declaredByName: staff.name,
  }
  const ended: EmergencyDoc = {
    _id: emergencyId(community._id, 1),
    ...base,
    name: '暴雨防汛',
    level: 2,
    instructions: '暴雨期间请勿进入地下车库，低楼层住户注意防水；如需转移请联系楼栋长。',
    startAt: new Date(+morning - 40 * DAY),
    endedAt: new Date(+morning - 37 * DAY),
    declaredTap: `${staff._id}_demo-emergency-1`,
    declaredAt: new Date(+morning - 40 * DAY),
    endedBy: staff._id,
    endedByName: staff.name,
    updatedAt: new Date(+morning - 37 * DAY),
  }
  const active: EmergencyDoc = {
    _id: DEMO_EMERGENCY_ID,
    ...base,
    name: '寒潮防冻',
    level: 3,
    instructions:
      '今明两天有强寒潮，最低气温零下十二度。\n1. 请关好门窗，检查水管保温，夜间可让水龙头细流防冻。\n2. 独居老人家中如有困难，请告诉楼栋长，社区将上门查看。\n3. 路面结冰，请尽量减少外出。',
    startAt: morning,
    endedAt: null,
    declaredTap: `${staff._id}_demo-emergency-2`,
    declaredAt: morning,
    endedBy: null,
    endedByName: null,
    updatedAt: morning,
    // its instructions went out as the community's urgent notice (emulator/seed/announce.ts)
    noticeId: demoNoticeId(DEMO_EMERGENCY_ID),
  }

  // the resident persona and four neighbours of the community with a home, one of each entry
  const neighbours = people
    .filter(
      (p) =>
        p._id !== resident._id &&
        p.openid &&
        p.roles.length === 1 &&
        p.homePath &&
        isWithin(p.homePath, community.path),
    )
    .slice(0, ENTRIES.length - 1)
  const members: ReserveMemberDoc[] = [resident, ...neighbours].map((p, i) => ({
    _id: reserveMemberId(p._id),
    personId: p._id,
    name: p.name,
    phone: p.phone,
    kind: ENTRIES[i].kind,
    skills: ENTRIES[i].skills,
    skillsNote: ENTRIES[i].note,
    availability: ENTRIES[i].availability,
    unitId: p.householdId as string,
    path: p.homePath as string,
    registeredBy: i === 3 ? staff._id : p._id,
    registeredByName: i === 3 ? staff.name : p.name,
    registeredAt: new Date(+morning - (30 - i) * DAY),
    updatedAt: new Date(+morning - (30 - i) * DAY),
  }))

  const call: CallUpDoc = {
    _id: DEMO_CALLUP_ID,
    emergencyId: active._id,
    emergencyName: active.name,
    unitId: community._id,
    unitPath: community.path,
    unitName: community.name,
    unitLevel: community.level,
    kinds: ['volunteer', 'partyMember'],
    skills: [],
    message: '今晚六点到社区服务站集合，分组上门查看独居老人家中的水管和取暖。',
    createdBy: staff._id,
    createdByName: staff.name,
    createdAt: new Date(+morning + HOUR),
    coming: 0,
    cannot: 0,
    assigned: 0,
  }
  const answer = (
    m: ReserveMemberDoc,
    a: CallUpAnswerDoc['answer'],
    note: string,
    place?: string,
  ): CallUpAnswerDoc => ({
    _id: callUpAnswerId(call._id, m.personId),
    callUpId: call._id,
    emergencyId: active._id,
    personId: m.personId,
    name: m.name,
    phone: m.phone,
    kind: m.kind,
    answer: a,
    note,
    answeredAt: new Date(+morning + 2 * HOUR),
    assignment: place
      ? {
          place,
          unitId: null,
          unitName: null,
          unitLevel: null,
          by: staff._id,
          byName: staff.name,
          at: new Date(+morning + 3 * HOUR),
        }
      : null,
  })
  const answers = [answer(members[1], 'coming', '', '东门卡口'), answer(members[2], 'cannot', '今晚要出车')]
  Object.assign(call, recount(answers))

  // a cadre sent down from the street (no home here: registered under the community), who leads 东片; added last to
  // the people, so every other lookup of the demo finds whom it found before
  const cadrePerson: PersonDoc = {
    _id: DEMO_CADRE_ID,
    openid: `o_demo_${DEMO_CADRE_ID}`,
    name: '周卫国',
    phone: '13800138011',
    roles: [],
    createdAt: new Date(+morning - 20 * DAY),
  }
  people.push(cadrePerson)
  const cadre: ReserveMemberDoc = {
    _id: reserveMemberId(cadrePerson._id),
    personId: cadrePerson._id,
    name: cadrePerson.name,
    phone: cadrePerson.phone,
    kind: 'cadre',
    skills: ['order', 'logistics'],
    skillsNote: '街道下沉干部，包联第3网格',
    availability: '应急期间全天',
    unitId: community._id,
    path: community.path,
    registeredBy: staff._id,
    registeredByName: staff.name,
    registeredAt: new Date(+morning - 20 * DAY),
    updatedAt: new Date(+morning - 20 * DAY),
  }
  const wartime = seedWartimeGrids({ units, resident, staff, members, cadre, cadrePerson, active, ended })

  return {
    emergencies: [ended, active],
    emergencyLocks: [{ _id: emergencyLockId(community._id), activeId: active._id, declared: 2 }],
    reserveMembers: [...members, cadre],
    callUps: [call],
    callUpAnswers: answers,
    ...wartime,
    ...seedEmergencyNotice(active, staff, community),
  }
}

/** The demo's 战时网格 (a seeded one is named by its place, not by a tap). */
export const DEMO_MICROGRID_ID = wartimeGridId(DEMO_EMERGENCY_ID, 'demo', 'microgrid-1')
/** The street's cadre sent down to the community who leads it (a person of the demo without a home). */
export const DEMO_CADRE_ID = 'p-cadre-1'

/**
 * 战时网格 of 和平里社区's third grid (no persona lives or leads there): for 寒潮防冻 its first two buildings make 东片,
 * led by the cadre sent down from the street, who holds `buildingHead` over both while it lasts; for the ended 暴雨防汛,
 * one retired over its third building, kept for the record. Community staff open them from 战时网格; the grid chief
 * persona's grid stays whole (the browser journey splits it).
 */
function seedWartimeGrids({
  units,
  resident,
  staff,
  members,
  cadre,
  cadrePerson,
  active,
  ended,
}: {
  units: readonly Unit[]
  resident: PersonDoc
  staff: PersonDoc
  members: readonly ReserveMemberDoc[]
  cadre: ReserveMemberDoc
  cadrePerson: PersonDoc
  active: EmergencyDoc
  ended: EmergencyDoc
}): { wartimeGrids: WartimeGridDoc[]; wartimeBuildingLocks: WartimeBuildingLockDoc[] } {
  // the community's third grid: no persona lives or leads there, so the heads every persona sees stay as they were
  const home = units.find((u) => u._id === resident.householdId) as Unit
  const community = units.find((u) => u._id === ancestorAt(home.path, 'community')) as Unit
  const grid = units.filter((u) => u.level === 'grid' && u.parentId === community._id)[2]
  const [first, second, building] = units.filter((u) => u.parentId === grid._id && u.level === 'microgrid')
  const others = [first, second]
  const leaderMember = cadre
  const leader = cadrePerson
  const oldMember = members[3]
  const base = {
    gridId: grid._id,
    gridPath: grid.path,
    gridName: grid.name,
    createdBy: staff._id,
    createdByName: staff.name,
  }
  const east: WartimeGridDoc = {
    _id: DEMO_MICROGRID_ID,
    ...base,
    emergencyId: active._id,
    emergencyName: active.name,
    name: '东片',
    kind: 'building',
    buildingIds: others.map((u) => u._id),
    buildingNames: others.map((u) => u.name),
    leaderId: leader._id,
    leader: { personId: leader._id, name: leader.name, reserveMemberId: leaderMember._id, kind: leaderMember.kind },
    createdAt: new Date(+active.startAt + 30 * 60_000),
    createdTap: `${staff._id}_demo-microgrid-1`,
    retiredAt: null,
    retiredBy: null,
    retiredByName: null,
    updatedAt: new Date(+active.startAt + 30 * 60_000),
  }
  const flood: WartimeGridDoc = {
    ...east,
    _id: wartimeGridId(ended._id, 'demo', 'microgrid-1'),
    emergencyId: ended._id,
    emergencyName: ended.name,
    name: `${building.name}`,
    buildingIds: [building._id],
    buildingNames: [building.name],
    leaderId: oldMember.personId,
    leader: {
      personId: oldMember.personId,
      name: oldMember.name,
      reserveMemberId: oldMember._id,
      kind: oldMember.kind,
    },
    createdAt: new Date(+ended.startAt + 60 * 60_000),
    createdTap: `${staff._id}_demo-microgrid-0`,
    retiredAt: ended.endedAt,
    retiredBy: ended.endedBy,
    retiredByName: ended.endedByName,
    updatedAt: ended.endedAt as Date,
  }
  // the leader's grants from 东片 (a seed's only change to a person made here, before anything is stored)
  leader.roles = withWartimeGrants(leader.roles, east._id, east.buildingIds)
  return {
    wartimeGrids: [flood, east],
    wartimeBuildingLocks: [
      ...east.buildingIds.map((b) => ({ _id: wartimeBuildingLockId(b), buildingId: b, activeId: east._id })),
      { _id: wartimeBuildingLockId(building._id), buildingId: building._id, activeId: null },
    ],
  }
}
