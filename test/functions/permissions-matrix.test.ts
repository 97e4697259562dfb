/**
 * Every action of every function, called as every role, through the real SDK in the local cloud: the gate
 * lets exactly the roles of core/permissions.ts through and refuses the others. Each call is made by a fresh
 * copy of a role holder (same grants, own openid), so what one allowed call changes (leaving a household,
 * deleting one's data) cannot leak into another.
 */
import { ACTION_KEYS, type ActionKey } from '../../core/contract'
import type { ClaimDoc, GroupDoc, PersonDoc } from '../../core/model'
import { PERMISSIONS } from '../../core/permissions'
import { DISPATCH_TEMPLATE } from '../../core/dashboard/dispatch'
import { VOLUNTEER_RULES } from '../../core/points/rules'
import { ROLES, type Role } from '../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { functionNames } from '../../scripts/build-functions'
import { startFunctionsCloud, type FunctionsCloud } from './harness/functions-cloud'

jest.setTimeout(180_000)

type Caller = Role | 'visitor'
const CALLERS: Caller[] = [...ROLES, 'visitor']

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud(functionNames())
})
afterAll(async () => {
  await g?.close()
})

const unit = (id: string) => g.demo.units.find((u) => u._id === id) as Unit
const firstUnder = (scope: Unit, level: Unit['level']) =>
  g.demo.units.find((u) => u.level === level && isWithin(u.path, scope.path)) as Unit

/** The unit each role is held over in the demo, or (for roles the demo does not give anyone) a sensible one. */
function scopeOf(role: Role): Unit {
  const holder = g.demo.people.find((p) => p.roles.some((r) => r.role === role))
  if (holder) return unit(holder.roles.find((r) => r.role === role)?.unitId as string)
  const street = g.demo.units.find((u) => u.level === 'street') as Unit
  return role === 'department' ? street : firstUnder(street, 'community')
}

let serial = 0
/** A fresh person holding only `role` (a resident also lives in a household), and the unit it is held over. */
async function holderOf(caller: Caller): Promise<{ openid: string; scope: Unit | null }> {
  const openid = `o_matrix_${++serial}`
  if (caller === 'visitor') return { openid, scope: null }
  const scope = scopeOf(caller)
  const household = caller === 'resident' ? scope : firstUnder(scope, 'household')
  const person: PersonDoc = {
    _id: `matrix_${serial}`,
    openid,
    name: `测试${serial}`,
    phone: '13900000000',
    ...(caller === 'resident' ? { householdId: household._id, homePath: household.path } : {}),
    roles: [{ role: caller, unitId: scope._id }],
    createdAt: new Date(),
  }
  await g.cloud.seed({ people: [person] })
  return { openid, scope }
}

/** A pending claim and a bound group inside the scope, for the actions whose target is looked up. */
async function fixturesIn(scope: Unit): Promise<{ claimId: string; groupId: string }> {
  const household = scope.level === 'household' ? scope : firstUnder(scope, 'household')
  const gridId = ancestorAt(household.path, 'grid') as string
  const claim: ClaimDoc = {
    _id: `claim_${serial}`,
    openid: `o_claimant_${serial}`,
    householdId: household._id,
    householdPath: household.path,
    name: '申请人',
    phone: '13900000001',
    status: 'pending',
    createdAt: new Date(),
  }
  const group: GroupDoc = {
    _id: `group_${serial}`,
    gridId,
    gridPath: unit(gridId).path,
    boundBy: 'matrix',
    boundAt: new Date(),
  }
  await g.cloud.seed({ claims: [claim], groups: [group] })
  return { claimId: claim._id, groupId: group._id }
}

/** A valid payload for each action aimed at the caller's own scope: any refusal can only come from the role. */
const PAYLOAD: Record<ActionKey, (u: string, f: { claimId: string; groupId: string }) => object> = {
  'grid.me': () => ({}),
  'grid.home': () => ({}),
  'grid.overview': (u) => ({ unitId: u }),
  'grid.households': (u) => ({ unitId: u }),
  'grid.neighbours': () => ({}),
  'org.tree': (u) => ({ unitId: u }),
  'org.createUnit': (u) => ({ parentId: u, name: '矩阵测试楼', level: 'microgrid' }),
  'org.renameUnit': (u) => ({ unitId: u, name: unit(u)?.name ?? '未命名' }),
  'org.moveUnit': (u) => ({ unitId: u, newParentId: u }),
  'org.retireUnit': (u) => ({ unitId: u }),
  'org.rosterTemplate': () => ({}),
  'org.exportRoster': (u) => ({ communityId: u }),
  'org.importRoster': (u) => ({ communityId: u, fileID: 'cloud://local.bucket/none.xlsx' }),
  'org.bootstrap': () => ({
    secret: 'not-the-secret-of-this-cloud',
    streetName: '矩阵街道',
    communityName: '矩阵社区',
    name: '测试',
    phone: '13900000003',
    role: 'communityStaff',
  }),
  'join.createInvite': (u) => ({ unitId: u }),
  'join.poster': (u) => ({ unitId: u }),
  'join.createBindCard': (u) => ({ gridId: u }),
  'join.openInvite': () => ({ token: 'no-such-token' }),
  'join.claimHousehold': (u) => ({
    token: 'no-such-token',
    microgridId: u,
    entrance: '1单元',
    room: '101',
    name: '测试',
    phone: '13900000002',
  }),
  'join.myClaims': () => ({}),
  'join.pendingClaims': (u) => ({ unitId: u }),
  'join.decideClaim': (_u, f) => ({ claimId: f.claimId, approve: true }),
  'join.leaveHousehold': () => ({}),
  'join.bindGroup': () => ({ token: 'no-such-token' }),
  'join.unbindGroup': (_u, f) => ({ groupId: f.groupId }),
  'join.gridGroups': (u) => ({ gridId: u }),
  'privacy.exportMyData': () => ({}),
  'privacy.requestDeletion': () => ({ confirm: true }),
  'privacy.auditLog': (u) => ({ unitId: u }),
  'notices.publish': (u) => ({
    title: '矩阵测试通知',
    body: '权限测试',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    unitIds: [u],
  }),
  'notices.feed': () => ({}),
  'notices.unreadCount': () => ({}),
  'notices.detail': () => ({ noticeId: 'no-such-notice' }),
  'notices.ack': () => ({ noticeId: 'no-such-notice' }),
  'notices.relay': (u) => ({ noticeId: 'no-such-notice', gridId: u }),
  'notices.relayInbox': () => ({}),
  'notices.published': () => ({}),
  'notices.reach': (u) => ({ noticeId: 'no-such-notice', unitId: u }),
  'notices.unreached': (u) => ({ noticeId: 'no-such-notice', microgridId: u }),
  'notices.visit': (u) => ({ noticeId: 'no-such-notice', householdId: u, method: 'door' }),
  'notices.remind': (u) => ({ noticeId: 'no-such-notice', unitId: u }),
  'notices.subscribe': () => ({ templateId: DISPATCH_TEMPLATE.id }),
  // every role may upload a request's photos (core/uploads.ts UPLOADERS)
  'files.reserve': () => ({ purpose: 'request', exts: ['jpg'] }),
  'files.uploaded': () => ({ purpose: 'request', fileIDs: ['cloud://local.bucket/none.jpg'] }),
  'points.home': () => ({}),
  'points.activities': () => ({}),
  'points.activity': () => ({ activityId: 'no-such-activity' }),
  'points.postActivity': () => ({
    title: '矩阵测试活动',
    place: '社区广场',
    startAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    endAt: new Date(Date.now() + 2 * 86_400_000 + 7_200_000).toISOString(),
    audience: { kind: 'team', id: 'no-such-team' },
    roles: [{ name: '秩序维护', quota: 2, rule: { pointsPerHour: 10, cap: 50 } }],
  }),
  'points.signUp': () => ({ activityId: 'no-such-activity', roleIndex: 0 }),
  'points.cancelSignUp': () => ({ signupId: 'no-such-signup' }),
  'points.checkCode': () => ({ activityId: 'no-such-activity', kind: 'in' }),
  'points.checkIn': () => ({ activityId: 'no-such-activity', code: '000000' }),
  'points.checkOut': () => ({ activityId: 'no-such-activity', code: '000000' }),
  'points.attendance': () => ({ activityId: 'no-such-activity' }),
  'points.markAttendance': () => ({ signupId: 'no-such-signup', kind: 'in' }),
  'points.adjustAttendance': () => ({ signupId: 'no-such-signup', minutes: 60, reason: '补记工时' }),
  'points.confirmAttendance': () => ({ activityId: 'no-such-activity' }),
  'points.teams': () => ({}),
  'points.team': () => ({ teamId: 'no-such-team' }),
  'points.createTeam': (u) => ({ name: '矩阵测试服务队', unitId: u }),
  'points.joinTeam': () => ({ teamId: 'no-such-team' }),
  'points.leaveTeam': () => ({ teamId: 'no-such-team' }),
  'points.leaderboard': () => ({ scope: 'grid' }),
  'points.setLeaderboardVisibility': () => ({ visible: true }),
  'points.record': () => ({}),
  'points.exportHours': () => ({ by: 'activity', activityId: 'no-such-activity' }),
  'points.wallet': () => ({}),
  'points.adjustPoints': () => ({
    personId: 'no-such-person',
    direction: 'grant',
    amount: 5,
    reason: '矩阵测试奖励',
    requestId: 'matrix-request-1',
  }),
  'points.services': () => ({}),
  'points.service': () => ({ serviceId: 'no-such-service' }),
  'points.postService': (u) => ({
    communityId: u,
    title: '矩阵测试服务',
    cost: 10,
    stock: 1,
    perPersonLimit: 1,
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    voucherDays: 7,
    unitIds: [u],
  }),
  'points.updateService': () => ({ serviceId: 'no-such-service', stockDelta: 1 }),
  'points.redeem': () => ({ serviceId: 'no-such-service', requestId: 'matrix-request-2' }),
  'points.vouchers': () => ({}),
  'points.voucher': () => ({ voucherId: 'no-such-voucher' }),
  'points.cancelVoucher': () => ({ voucherId: 'no-such-voucher' }),
  'points.verifyVoucher': () => ({ code: '0000 0000 0000' }),
  'points.statement': () => ({ month: '2026-01' }),
  'points.rules': (u) => ({ unitId: u }),
  // version 0 matches only a community that never changed its rules: each caller reads its own community fresh
  'points.updateRules': (u) => ({ communityId: u, version: 0, rules: VOLUNTEER_RULES }),
  'requests.settings': (u) => ({ unitId: u }),
  'requests.updateSettings': (u) => ({ scope: 'community', unitId: u, autoCloseDays: 7 }),
  'requests.similar': (u) => ({ category: 'repair', unitId: u }),
  'requests.report': (u) => ({
    tapId: 'matrix-report-1',
    category: 'repair',
    description: '矩阵测试：楼道灯不亮',
    place: { kind: 'spot', unitId: u, label: '楼道' },
  }),
  'requests.follow': () => ({ id: 'no-such-request' }),
  'requests.mine': () => ({}),
  'requests.detail': () => ({ id: 'no-such-request' }),
  'requests.act': () => ({ id: 'no-such-request', move: 'accept', tapId: 'matrix-act-1' }),
  'requests.inbox': (u) => ({ unitId: u }),
  'requests.rates': (u) => ({ unitId: u, month: '2026-01' }),
  'requests.logPatrol': (u) => ({
    gridId: u,
    tapId: 'matrix-patrol-1',
    route: '矩阵测试路线',
    startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    endedAt: new Date().toISOString(),
  }),
  'requests.patrols': (u) => ({ unitId: u, day: '2026-01-05' }),
  'requests.subscribe': () => ({}),
  'duty.createCheckpoint': (u) => ({ unitId: u, name: '矩阵测试卡口', tapId: 'matrix-checkpoint' }),
  'duty.checkpoints': (u) => ({ unitId: u }),
  'duty.addShifts': () => ({
    checkpointId: 'no-such-checkpoint',
    fromDay: '2026-01-05',
    toDay: '2026-01-05',
    template: [{ startHour: 8, hours: 8, capacity: 2 }],
  }),
  'duty.roster': () => ({ checkpointId: 'no-such-checkpoint', day: '2026-01-05' }),
  'duty.signUp': () => ({ shiftId: 'no-such-shift' }),
  'duty.assign': () => ({ shiftId: 'no-such-shift', personId: 'no-such-person' }),
  'duty.findPeople': () => ({ shiftId: 'no-such-shift', name: '王' }),
  'duty.cancel': () => ({ signupId: 'no-such-signup' }),
  'duty.myShifts': () => ({}),
  'duty.shift': () => ({ shiftId: 'no-such-shift' }),
  'duty.checkCode': () => ({ checkpointId: 'no-such-checkpoint', kind: 'in' }),
  'duty.checkIn': () => ({ checkpointId: 'no-such-checkpoint', code: '000000' }),
  'duty.checkOut': () => ({ checkpointId: 'no-such-checkpoint', code: '000000' }),
  'duty.handover': () => ({ shiftId: 'no-such-shift', note: '矩阵测试交接' }),
  'duty.warnings': (u) => ({ unitId: u }),
  'duty.confirmShift': () => ({ shiftId: 'no-such-shift' }),
  'duty.updateSettings': (u) => ({ communityId: u, pointsPerHour: 10 }),
  'care.mark': () => ({ personId: 'no-such-person', flags: ['elderlyAlone'] }),
  'care.team': () => ({
    personId: 'no-such-person',
    team: { cadre: null, gridWorker: null, police: null, doctor: null },
  }),
  'care.findPeople': (u) => ({ unitId: u, name: '王' }),
  'care.list': (u) => ({ unitId: u }),
  'care.detail': () => ({ personId: 'no-such-person' }),
  'care.check': () => ({ personId: 'no-such-person', seen: true }),
  'care.mine': () => ({}),
  // 数据看板: the caller's own unit (a building or household answers DASHBOARD_LEVEL past the gate)
  'dashboard.overview': (u) => ({ unitId: u, period: 'week' }),
  // 日调度 (H1): the caller's own unit, as the dashboard's (a building or household answers DASHBOARD_LEVEL)
  'dashboard.dispatch': (u) => ({ unitId: u }),
  'testing.createRound': (u) => ({
    tapId: 'matrix-round-1',
    scopeUnitId: u,
    name: '矩阵测试采样',
    date: '2026-01-05',
    sites: [{ name: '一号采样点', place: '小区广场', workerIds: ['no-such-person'] }],
  }),
  'testing.planSlots': () => ({
    roundId: 'no-such-round',
    buildingId: 'no-such-building',
    siteIndex: 0,
    startTime: '08:00',
    minutes: 20,
    capacity: 10,
    count: 3,
  }),
  'testing.assign': () => ({ roundId: 'no-such-round' }),
  'testing.rounds': (u) => ({ unitId: u }),
  'testing.round': () => ({ roundId: 'no-such-round' }),
  'testing.coverage': (u) => ({ roundId: 'no-such-round', unitId: u }),
  'testing.notDone': (u) => ({ roundId: 'no-such-round', buildingId: u }),
  'testing.mySlot': () => ({}),
  'testing.book': () => ({ slotId: 'no-such-slot' }),
  'testing.mySites': () => ({}),
  'testing.site': () => ({ roundId: 'no-such-round', siteIndex: 0 }),
  'testing.call': () => ({ slotId: 'no-such-slot' }),
  'testing.markDone': () => ({ roundId: 'no-such-round', bookingId: 'no-such-booking' }),
  'emergency.declare': (u) => ({
    unitId: u,
    tapId: 'matrix-declare-1',
    name: '矩阵测试应急',
    level: 4,
    instructions: '权限测试',
  }),
  'emergency.updateInstructions': () => ({ id: 'no-such-emergency', instructions: '权限测试' }),
  'emergency.end': () => ({ id: 'no-such-emergency' }),
  'emergency.current': () => ({}),
  'emergency.detail': () => ({ id: 'no-such-emergency' }),
  'emergency.list': (u) => ({ unitId: u }),
  'emergency.register': () => ({ kind: 'volunteer', availability: '周末全天' }),
  'emergency.mine': () => ({}),
  'emergency.reserve': (u) => ({ unitId: u }),
  'emergency.callUp': (u) => ({
    emergencyId: 'no-such-emergency',
    unitId: u,
    tapId: 'matrix-callup-1',
    kinds: ['volunteer'],
    message: '权限测试',
  }),
  'emergency.callUps': (u) => ({ emergencyId: 'no-such-emergency', unitId: u }),
  'emergency.callUpDetail': () => ({ callUpId: 'no-such-callup' }),
  'emergency.answer': () => ({ callUpId: 'no-such-callup', answer: 'coming' }),
  'emergency.assign': () => ({ callUpId: 'no-such-callup', personId: 'no-such-person', place: '东门卡口' }),
  // home-isolated households: the target of mark is a household under the caller's scope (fixtures-free: a missing
  // household is NOT_FOUND after the gate let the role through)
  'isolation.mark': (u) => ({
    householdId: u,
    startDay: '2026-01-05',
    days: 7,
    supplies: { times: ['10:00'], note: '' },
    garbage: { times: ['09:00'] },
  }),
  'isolation.end': () => ({ isolationId: 'no-such-isolation' }),
  'isolation.homes': (u) => ({ unitId: u }),
  'isolation.households': (u) => ({ unitId: u }),
  'isolation.figures': (u) => ({ unitId: u }),
  'isolation.overdue': (u) => ({ unitId: u }),
  'isolation.tasks': () => ({}),
  'isolation.claim': () => ({ taskId: 'no-such-task' }),
  'isolation.release': () => ({ taskId: 'no-such-task' }),
  'isolation.done': () => ({ taskId: 'no-such-task' }),
  'isolation.mine': () => ({}),
  'isolation.received': () => ({ taskId: 'no-such-task' }),
  // 战时网格: the caller's own unit as the grid (a community answers 战时网格只能在网格里划分, past the gate)
  'emergency.microGrids': (u) => ({ gridId: u }),
  'emergency.microGrid': () => ({ id: 'no-such-microgrid' }),
  'emergency.createMicroGrid': (u) => ({
    gridId: u,
    tapId: 'matrix-microgrid-1',
    name: '东巷',
    kind: 'lane',
    buildingIds: ['no-such-building'],
    leaderId: 'no-such-person',
  }),
  'emergency.renameMicroGrid': () => ({ id: 'no-such-microgrid', name: '东巷', kind: 'lane' }),
  'emergency.changeMicroGridLeader': () => ({ id: 'no-such-microgrid', leaderId: 'no-such-person' }),
  'emergency.retireMicroGrid': () => ({ id: 'no-such-microgrid' }),
  'emergency.myMicroGrids': () => ({}),
  'emergency.microGridCandidates': (u) => ({ gridId: u }),
  // council (三长议事): proposals. The caller's own unit as the grid (a household or community answers
  // COUNCIL_GRID_ONLY past the gate; a missing proposal NOT_FOUND)
  'council.similar': (u) => ({ gridId: u, title: '楼道灯坏了', text: '' }),
  'council.propose': (u) => ({
    tapId: 'matrix-propose-1',
    gridId: u,
    title: '楼道灯坏了',
    text: '三楼楼道的灯坏了一个多月了',
  }),
  'council.support': () => ({ proposalId: 'no-such-proposal' }),
  'council.withdrawSupport': () => ({ proposalId: 'no-such-proposal' }),
  'council.toAgenda': () => ({ proposalId: 'no-such-proposal' }),
  'council.decline': () => ({ proposalId: 'no-such-proposal', reason: '权限测试' }),
  'council.proposals': (u) => ({ gridId: u }),
  'council.proposal': () => ({ proposalId: 'no-such-proposal' }),
  'council.updateSettings': (u) => ({ gridId: u, supportThreshold: 3 }),
  // council: meetings and votes: H6 (append below this line)
  // the caller's own unit as the grid (another level answers COUNCIL_GRID_ONLY past the gate), a missing meeting
  // NOT_FOUND, a missing proposal MEETING_AGENDA_INVALID
  'council.scheduleMeeting': (u) => ({
    tapId: 'matrix-meeting-1',
    gridId: u,
    title: '矩阵测试议事会',
    mode: 'online',
    startAt: new Date(Date.now() + 86_400_000).toISOString(),
    proposalIds: ['no-such-proposal'],
  }),
  'council.meetingCandidates': (u) => ({ gridId: u }),
  'council.meetings': (u) => ({ gridId: u }),
  'council.meeting': () => ({ meetingId: 'no-such-meeting' }),
  'council.openMeeting': () => ({ meetingId: 'no-such-meeting' }),
  'council.vote': () => ({ meetingId: 'no-such-meeting', item: 0, choice: 'for' }),
  'council.recordVotes': () => ({ meetingId: 'no-such-meeting', item: 0, present: [], votes: [] }),
  'council.closeItem': () => ({ meetingId: 'no-such-meeting', item: 0, reason: '权限测试' }),
  'council.saveMinutes': () => ({ meetingId: 'no-such-meeting', minutes: '权限测试' }),
  'council.closeMeeting': () => ({ meetingId: 'no-such-meeting' }),
  // 周例会 / 月通报 (reports): get, export and publish name a report that does not exist (NOT_FOUND past the gate)
  'reports.generate': (u) => ({ unitId: u, kind: 'week' }),
  'reports.list': (u) => ({ unitId: u }),
  'reports.get': () => ({ reportId: 'rpt_none_m2026-01' }),
  'reports.export': () => ({ reportId: 'rpt_none_m2026-01' }),
  'reports.publish': () => ({ reportId: 'rpt_none_m2026-01' }),
}

function expectedAllowed(action: ActionKey, caller: Caller): boolean {
  const p = PERMISSIONS[action]
  if (p.who === 'anyone') return true
  if (caller === 'visitor') return false
  return p.who === 'registered' || p.who.includes(caller)
}

it('has a payload for every action that exists', () => {
  expect(Object.keys(PAYLOAD).sort()).toEqual([...ACTION_KEYS].sort())
})

describe.each(ACTION_KEYS.map((a) => [a]))('%s', (action) => {
  it.each(CALLERS.map((c) => [c, expectedAllowed(action, c) ? 'allowed' : 'refused']))(
    'as %s: %s',
    async (caller, verdict) => {
      const { openid, scope } = await holderOf(caller as Caller)
      const fixtures = scope ? await fixturesIn(scope) : { claimId: 'none', groupId: 'none' }
      const [fn, name] = action.split('.')
      const payload = PAYLOAD[action](scope?._id ?? 'none', fixtures)
      const res = (await g.cloud.callFunction(fn, { action: name, payload }, { openid })).result as {
        ok: boolean
        code?: string
      }
      const refusedBy = res.ok ? null : ['FORBIDDEN', 'NOT_REGISTERED'].includes(res.code as string) ? res.code : null
      if (verdict === 'allowed') expect({ action, caller, refusedBy }).toEqual({ action, caller, refusedBy: null })
      else expect(refusedBy).toBe(caller === 'visitor' ? 'NOT_REGISTERED' : 'FORBIDDEN')
    },
  )
})
