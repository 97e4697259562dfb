/**
 * The volunteering demo records of the first community (the personas' own): two teams, an open activity with two
 * roles in the first grid (the resident personas' grid, organised by its own chief), and a past activity already
 * confirmed, whose attendees earned by the rule through `ledger` (the same in-memory ledger the wallet seed posts
 * into), so the record, the leaderboards and the teams are not empty. The earnings go to the neighbour and the
 * housemate personas and a few volunteers, never the first resident persona (the wallet suites count that balance).
 * Dates hang off seedDay(), so the demo is the same all day.
 */
import { signupId, teamMemberId, transferId, volunteerId } from '../../core/ids'
import type {
  ActivityDoc,
  ActivityRoleDoc,
  PersonDoc,
  SignupDoc,
  TeamDoc,
  TeamMemberDoc,
  VolunteerDoc,
} from '../../core/model'
import type { Persona } from '../../core/persona'
import { pointsEarned } from '../../core/points/earning'
import { ancestorAt, type Unit } from '../../core/units'
import { seedDay, type SeedLedger } from './points-wallet'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
/** seedDay() is midnight in Beijing: 09:00 there is nine hours on. */
const NINE_BEIJING = 9 * HOUR

export interface ActivitiesSeed {
  activities: ActivityDoc[]
  signups: SignupDoc[]
  volunteers: VolunteerDoc[]
  teams: TeamDoc[]
  teamMembers: TeamMemberDoc[]
}

const role = (name: string, quota: number, rule: ActivityRoleDoc['rule']): ActivityRoleDoc => ({
  name,
  quota,
  rule,
  filled: 0,
  waiting: 0,
  seq: 0,
})

export function seedActivities(
  input: { units: readonly Unit[]; people: readonly PersonDoc[]; personas: readonly Persona[]; ledger: SeedLedger },
  now: Date = seedDay(),
): ActivitiesSeed {
  const { units, people, personas, ledger } = input
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const personaAt = (i: number) => byOpenid.get(personas[i]?.openid ?? '') as PersonDoc
  const [resident, buildingHead, partyLeader] = [personaAt(0), personaAt(1), personaAt(2)]
  const ownChief = personaAt(6)
  const earners = [personaAt(7), personaAt(8)]
  if (!resident?.homePath || !ownChief || earners.some((p) => !p)) throw new Error('the demo needs its personas')
  const gridId = ancestorAt(resident.homePath, 'grid') as string
  const communityId = ancestorAt(resident.homePath, 'community') as string
  const grid = units.find((u) => u._id === gridId) as Unit
  const community = units.find((u) => u._id === communityId) as Unit
  const volunteersOfGrid = people
    .filter((p) => p.volunteer && p.openid && p.homePath && ancestorAt(p.homePath, 'grid') === gridId)
    .filter((p) => !personas.some((x) => x.openid === p.openid))
    .slice(0, 3)
  const attendees = [...earners, ...volunteersOfGrid]

  // teams: the community's, led by the first grid's party leader; the grid's patrol, led by the building head
  const teams: TeamDoc[] = [
    {
      _id: 'team-community',
      name: `${community.name}志愿服务队`,
      description: '社区综合志愿服务：活动保障、助老助残、文明宣传。',
      unitId: community._id,
      unitPath: community.path,
      communityId,
      leaders: [{ id: partyLeader._id, name: partyLeader.name }],
      members: 0,
      minutes: 0,
      points: 0,
      createdAt: new Date(+now - 60 * DAY),
      createdBy: ownChief._id,
    },
    {
      _id: 'team-patrol',
      name: `${grid.name}平安巡逻队`,
      description: '每周两次楼道与小区巡查，发现隐患及时上报。',
      unitId: grid._id,
      unitPath: grid.path,
      communityId,
      leaders: [{ id: buildingHead._id, name: buildingHead.name }],
      members: 0,
      minutes: 0,
      points: 0,
      createdAt: new Date(+now - 45 * DAY),
      createdBy: ownChief._id,
    },
  ]
  const teamMembers: TeamMemberDoc[] = []
  const join = (team: TeamDoc, p: PersonDoc, leader = false) => {
    team.members++
    teamMembers.push({
      _id: teamMemberId(team._id, p._id),
      teamId: team._id,
      personId: p._id,
      name: p.name,
      leader,
      minutes: 0,
      points: 0,
      hidden: false,
      active: true,
      joinedAt: new Date(+team.createdAt + DAY),
    })
  }
  join(teams[0], partyLeader, true)
  join(teams[1], buildingHead, true)
  for (const p of attendees) join(teams[0], p)
  for (const p of [earners[0], ...volunteersOfGrid.slice(0, 1)]) join(teams[1], p)

  const base = (id: string, title: string, startAt: Date, hours: number, roles: ActivityRoleDoc[]): ActivityDoc => ({
    _id: id,
    title,
    description: '',
    place: '',
    startAt,
    endAt: new Date(+startAt + hours * HOUR),
    signUpOpensAt: new Date(+startAt - 7 * DAY),
    signUpClosesAt: startAt,
    audience: { kind: 'grid', id: grid._id, name: grid.name },
    unitId: grid._id,
    unitPath: grid.path,
    communityId,
    communityName: community.name,
    roles,
    cancelBeforeHours: 3,
    secret: `demo-secret-${id}`,
    organiserId: ownChief._id,
    origin: `${grid.name} · ${ownChief.name}`,
    status: 'open',
    createdAt: new Date(+startAt - 7 * DAY),
  })

  // the past one: ten days ago, 07:00–10:00, confirmed the same day
  const past = base('act-past-testing', '核酸检测点志愿服务', new Date(+now - 10 * DAY + NINE_BEIJING - 2 * HOUR), 3, [
    role('信息录入', 2, { pointsPerHour: 10, nightMultiplier: 1, cap: 40 }),
    role('秩序维护', 4, { pointsPerHour: 10, nightMultiplier: 1, cap: 40 }),
  ])
  past.description = '协助社区核酸检测点：扫码登记、维持排队秩序。'
  past.place = `${community.name}文化广场`
  past.status = 'confirmed'
  past.confirmedAt = new Date(+past.endAt + HOUR)
  past.confirmedBy = ownChief._id

  const signups: SignupDoc[] = []
  const totals = new Map<string, { minutes: number; points: number; activities: number }>()
  attendees.forEach((p, i) => {
    const roleIndex = i < 2 ? 0 : 1
    const r = past.roles[roleIndex]
    r.seq++
    r.filled++
    // a little late, leaving a little early: 2 h 40 min to 3 h
    const checkInAt = new Date(+past.startAt + (i % 3) * 5 * MIN)
    const checkOutAt = new Date(+past.endAt - (i % 2) * 10 * MIN)
    const minutes = Math.round((+checkOutAt - +checkInAt) / MIN)
    const points = pointsEarned(r.rule, checkInAt, minutes)
    const id = signupId(past._id, p._id, roleIndex)
    const memberOf = teamMembers.filter((m) => m.personId === p._id)
    signups.push({
      _id: id,
      activityId: past._id,
      personId: p._id,
      name: p.name,
      roleIndex,
      status: 'confirmed',
      seq: r.seq,
      signedUpAt: new Date(+past.startAt - 3 * DAY),
      startAt: past.startAt,
      communityId,
      checkInAt,
      checkOutAt,
      checkedBy: p._id,
      earnedAt: past.confirmedAt,
      minutes,
      points,
      teamIds: memberOf.map((m) => m.teamId),
    })
    ledger.post({
      id: transferId('earn', id),
      from: { kind: 'pool', id: communityId },
      to: { kind: 'person', id: p._id },
      amount: points,
      kind: 'earn',
      reason: `志愿服务：${past.title}（${r.name}）`,
      ref: { kind: 'signup', id },
      actorId: ownChief._id,
      at: past.confirmedAt as Date,
    })
    const t = totals.get(p._id) ?? { minutes: 0, points: 0, activities: 0 }
    totals.set(p._id, { minutes: t.minutes + minutes, points: t.points + points, activities: t.activities + 1 })
    for (const m of memberOf) {
      m.minutes += minutes
      m.points += points
      const team = teams.find((x) => x._id === m.teamId) as TeamDoc
      team.minutes += minutes
      team.points += points
    }
  })

  // the open one: in three days, 09:00–12:00, two roles; the neighbour has signed up already
  const open = base('act-open-cleanup', '周六楼道清洁日', new Date(+now + 3 * DAY + NINE_BEIJING), 3, [
    role('信息录入', 2, { pointsPerHour: 10, nightMultiplier: 1, cap: 40 }),
    role('秩序维护', 4, { pointsPerHour: 10, nightMultiplier: 2, cap: 60 }),
  ])
  open.description = '清理楼道堆物、张贴消防提示，结束后统一拍照反馈。'
  open.place = `${grid.name}中心花园`
  open.signUpOpensAt = new Date(+now - DAY)
  const early = earners[0]
  open.roles[1].seq = 1
  open.roles[1].filled = 1
  signups.push({
    _id: signupId(open._id, early._id, 1),
    activityId: open._id,
    personId: early._id,
    name: early.name,
    roleIndex: 1,
    status: 'confirmed',
    seq: 1,
    signedUpAt: new Date(+now - DAY / 2),
    startAt: open.startAt,
    communityId,
  })

  const volunteers: VolunteerDoc[] = [...totals].map(([personId, t]) => {
    const p = attendees.find((x) => x._id === personId) as PersonDoc
    return {
      _id: volunteerId(personId),
      name: p.name,
      gridId,
      communityId,
      ...t,
      hidden: false,
      noShows: [],
      updatedAt: past.confirmedAt as Date,
    }
  })
  return { activities: [past, open], signups, volunteers, teams, teamMembers }
}
