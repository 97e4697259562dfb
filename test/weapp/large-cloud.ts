/**
 * The local cloud over the large grid (emulator/seed/large-grid.ts), run as its own process by the weapp weight
 * suite (weight.ts): miniprogram-simulate runs in jsdom, where the local cloud's Node servers do not belong. It
 * bundles the functions, seeds the grid, then does through the real functions what makes the lists long: the grid
 * chief publishes the 50 notices, a quarter of the largest building's households press 收到 on the newest, and the chief reads the
 * households page by page (each read is audited: the audit log fills); the points lists: activities, sign-ups,
 * teams, grants, services and redeems; requests (reports, a long timeline, patrols); emergency mode (its history,
 * the reserve force, call-ups and answers, checkpoints and shifts, testing rounds) — the constants below. Prints
 * one JSON line (the URL, the personas' openids and the ids pages open), then serves until its stdin closes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalCloud } from '../../emulator'
import { beijingDayOf } from '../../core/duty/shifts'
import { buildLargeGrid } from '../../emulator/seed/large-grid'
import { buildFunctions } from '../../scripts/build-functions'

/** What the weight suite needs to know of the running cloud. */
export interface LargeCloudInfo {
  url: string
  openids: Record<'resident' | 'gridChief' | 'buildingHead' | 'communityStaff', string>
  /** The newest notice (the one a quarter of the largest building acknowledged) and that building. */
  noticeId: string
  buildingId: string
  gridId: string
  households: number
  residents: number
  /** The grid chief's activity the most residents signed up for (签到管理 opens it). */
  activityId: string
  /** The resident's request with the longest timeline (诉求详情 opens it). */
  requestId: string
  /** The emergency in force over the community, and its call-up the most members answered. */
  emergencyId: string
  callUpId: string
  /** The checkpoint with shifts (卡口排班 opens it) and its fullest shift of tomorrow (值守班次). */
  checkpointId: string
  shiftId: string
  /** Today's testing round over the grid (采样覆盖 opens it). */
  roundId: string
}

/** How many pages of households the chief reads before the suite starts (each one an audit entry). */
const AUDITED_READS = 60
/** Volunteer points (issue 15): activities the chief posts, teams and services staff set up, the grants staff give
 * the resident (20 points each, within staff's 2,000 a month), the redeems the resident makes (10 points each), and
 * how many residents sign up for the chief's first activity. Each list has several pages of 20 (the sheet: of 50). */
const ACTIVITIES = 45
const TEAMS = 45
const SERVICES = 45
const GRANTS = 50
const REDEEMS = 30
const SIGNUPS = 120
/** Requests (诉求, issue 11): the resident reports REPORTS (诉求 tab's 我的诉求), other residents OTHER_REPORTS, the
 * resident comments COMMENTS times on their first (its timeline), the grid chief logs PATROLS patrols. */
const REPORTS = 30
const OTHER_REPORTS = 25
const COMMENTS = 150
const PATROLS = 45
/** Emergency mode (issue 12): HISTORY emergencies declared and ended over the community before the one in force,
 * RESERVE residents in the reserve force (all answer the first call-up), CALLUPS call-ups of it. */
const HISTORY = 45
const RESERVE = 130
const CALLUPS = 25
/** 卡口值守: checkpoints the grid chief sets up; the first gets three 8-hour shifts a day for SHIFT_DAYS days from
 * tomorrow, the resident takes every one of them, and 19 others fill tomorrow's first. */
const CHECKPOINTS = 45
const SHIFT_DAYS = 10
/** 错时采样: rounds over the grid (one of today, planned and assigned, the rest later days, not planned). */
const ROUNDS = 25

async function main(): Promise<void> {
  await buildFunctions()
  const grid = buildLargeGrid()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-weight-'))
  const cloud = await startLocalCloud({ dataDir, port: 0, timers: false, durability: 'write' })
  await cloud.seed({
    units: grid.units,
    people: grid.people,
    claims: grid.claims,
    subscriptions: grid.subscriptions,
    unitCounters: grid.unitCounters,
  })
  const call = async (openid: string, name: string, action: string, payload: unknown) => {
    const { result } = await cloud.callFunction(name, { action, payload }, { openid })
    const env = result as { ok: boolean; code?: string; data?: Record<string, unknown> }
    if (!env.ok) throw new Error(`${name}.${action} as ${openid} failed: ${env.code}`)
    return env.data as Record<string, unknown>
  }
  const { resident, gridChief, buildingHead, communityStaff } = grid.personas
  const chief = gridChief.openid as string
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString()
  let noticeId = ''
  for (const n of grid.notices) {
    const res = await call(chief, 'notices', 'publish', { ...n, expiresAt, unitIds: [grid.gridId] })
    noticeId = String(res.id)
  }
  // every fourth household of the largest building presses 收到: the rest (more than a page) are unreached
  const homes = grid.units.filter((u) => u.level === 'household' && u.parentId === grid.buildingId)
  for (const home of homes.filter((_, i) => i % 4 === 0)) {
    const member = grid.people.find((p) => p.openid && p.householdId === home._id)
    if (member) await call(member.openid as string, 'notices', 'ack', { noticeId })
  }
  for (let i = 0; i < AUDITED_READS; i++)
    await call(chief, 'grid', 'households', { unitId: grid.gridId, filter: 'all', page: i % 14, pageSize: 20 })

  // volunteer points, through the real functions: the lists of the 积分 pages grow long
  const staff = communityStaff.openid as string
  const me = resident.openid as string
  const hour = 3_600_000
  let activityId = ''
  for (let i = 0; i < ACTIVITIES; i++) {
    const startAt = Date.now() + 2 * 86_400_000 + i * 4 * hour
    const res = await call(chief, 'points', 'postActivity', {
      title: `社区清洁日 第${i + 1}场`,
      description: '清理楼道杂物，整理公共区域',
      place: '3号楼前广场',
      startAt: new Date(startAt).toISOString(),
      endAt: new Date(startAt + 2 * hour).toISOString(),
      audience: { kind: 'grid', id: grid.gridId },
      roles: [
        { name: '秩序维护', quota: 200, rule: { pointsPerHour: 10, cap: 40 } },
        { name: '信息录入', quota: 2, rule: { pointsPerHour: 10, cap: 40 } },
      ],
    })
    if (i === 0) activityId = String(res.id)
    if (i < 5) await call(me, 'points', 'signUp', { activityId: String(res.id), roleIndex: 0 })
  }
  const volunteers = grid.people.filter(
    (p) => p.openid && p.openid !== me && p.roles.length === 1 && p.homePath?.includes(`/${grid.gridId}/`),
  )
  for (const v of volunteers.slice(0, SIGNUPS))
    await call(v.openid as string, 'points', 'signUp', { activityId, roleIndex: 0 })
  for (let i = 0; i < TEAMS; i++)
    await call(staff, 'points', 'createTeam', { name: `志愿服务队 ${i + 1}`, unitId: grid.communityId })
  for (let i = 0; i < GRANTS; i++)
    await call(staff, 'points', 'adjustPoints', {
      personId: resident._id,
      direction: 'grant',
      amount: 20,
      reason: `参加社区服务 第${i + 1}次`,
      requestId: `wgt-grant-${i}`,
    })
  const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString()
  let serviceId = ''
  for (let i = 0; i < SERVICES; i++) {
    const res = await call(staff, 'points', 'postService', {
      communityId: grid.communityId,
      title: `爱心理发 ${i + 1}`,
      cost: 10,
      stock: 1_000,
      perPersonLimit: 100,
      validUntil,
      voucherDays: 30,
      unitIds: [grid.communityId],
    })
    if (i === 0) serviceId = String(res.id)
  }
  for (let i = 0; i < REDEEMS; i++) await call(me, 'points', 'redeem', { serviceId, requestId: `wgt-redeem-${i}` })

  // requests (诉求), through the real requests function: 我的诉求, the inbox, a long timeline, the patrol log
  const categories = ['repair', 'sanitation', 'hazard', 'help', 'other'] as const
  let requestId = ''
  for (let i = 0; i < REPORTS; i++) {
    const res = await call(me, 'requests', 'report', {
      tapId: `wgt-report-${i}`,
      category: categories[i % categories.length],
      description: `楼道灯不亮了，晚上回家看不清台阶，请尽快修理（第${i + 1}次反映）`,
      place: { kind: 'household', unitId: resident.householdId as string },
    })
    if (i === 0) requestId = String(res.id)
  }
  for (const [i, v] of volunteers.slice(0, OTHER_REPORTS).entries())
    await call(v.openid as string, 'requests', 'report', {
      tapId: `wgt-other-${i}`,
      category: categories[i % categories.length],
      description: `小区东门路口的井盖松动，车辆经过响声很大（${i + 1}）`,
      place: { kind: 'spot', unitId: grid.gridId, label: '东门路口' },
    })
  for (let i = 0; i < COMMENTS; i++)
    await call(me, 'requests', 'act', {
      id: requestId,
      move: 'comment',
      tapId: `wgt-comment-${i}`,
      note: `补充说明：今晚又看了一次，还是不亮（第${i + 1}条）`,
    })
  for (let i = 0; i < PATROLS; i++) {
    const startedAt = Date.now() - (i + 1) * 2 * hour
    await call(chief, 'requests', 'logPatrol', {
      gridId: grid.gridId,
      tapId: `wgt-patrol-${i}`,
      route: `沿1号楼至8号楼巡查一圈（第${i + 1}次）`,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + hour).toISOString(),
      findings: [],
    })
  }

  // emergency mode (issue 12), through the real emergency function: the history, the reserve force, call-ups
  for (let i = 0; i < HISTORY; i++) {
    const res = await call(staff, 'emergency', 'declare', {
      unitId: grid.communityId,
      tapId: `wgt-declare-${i}`,
      name: `暴雨防汛 第${i + 1}次`,
      level: ((i % 4) + 1) as 1 | 2 | 3 | 4,
      instructions: '低洼处住户请转移到社区服务站，地下车库暂停使用。',
    })
    await call(staff, 'emergency', 'end', { id: String(res.id) })
  }
  const emergency = await call(staff, 'emergency', 'declare', {
    unitId: grid.communityId,
    tapId: 'wgt-declare-now',
    name: '寒潮防冻',
    level: 3,
    instructions: '请关好门窗，检查水管保温；独居老人家中如无暖气请联系网格员。',
  })
  const emergencyId = String(emergency.id)
  const skills = ['medical', 'driving', 'logistics', 'order', 'psychology', 'electrician', 'translation', 'it'] as const
  const members = [resident, ...volunteers.slice(0, RESERVE - 1)]
  for (const [i, m] of members.entries())
    await call(m.openid as string, 'emergency', 'register', {
      kind: 'volunteer',
      skills: [skills[i % skills.length], skills[(i + 3) % skills.length]],
      skillsNote: i % 5 === 0 ? '有急救证' : '',
      availability: i % 2 ? '工作日晚上' : '周末全天',
    })
  let callUpId = ''
  for (let i = 0; i < CALLUPS; i++) {
    const res = await call(staff, 'emergency', 'callUp', {
      emergencyId,
      unitId: grid.communityId,
      tapId: `wgt-callup-${i}`,
      kinds: ['volunteer'],
      message: `请到社区服务站集合，协助转移独居老人（第${i + 1}批）`,
    })
    if (i === CALLUPS - 1) callUpId = String(res.id)
  }
  for (const [i, m] of members.entries())
    await call(m.openid as string, 'emergency', 'answer', { callUpId, answer: i % 3 ? 'coming' : 'cannot' })

  // 卡口值守, through the real duty function: the checkpoints, a checkpoint's shifts, the resident's shifts
  let checkpointId = ''
  for (let i = 0; i < CHECKPOINTS; i++) {
    const res = await call(chief, 'duty', 'createCheckpoint', {
      tapId: `wgt-checkpoint-${i}`,
      unitId: grid.gridId,
      name: `${i + 1}号卡口`,
      place: `小区${['东', '南', '西', '北'][i % 4]}门`,
    })
    if (i === 0) checkpointId = String(res.id)
  }
  const day = (d: number) => beijingDayOf(new Date(Date.now() + d * 86_400_000))
  await call(chief, 'duty', 'addShifts', {
    checkpointId,
    fromDay: day(1),
    toDay: day(SHIFT_DAYS),
    template: [
      { startHour: 0, hours: 8, capacity: 20 },
      { startHour: 8, hours: 8, capacity: 20 },
      { startHour: 16, hours: 8, capacity: 20 },
    ],
  })
  let shiftId = ''
  for (let d = 1; d <= SHIFT_DAYS; d++) {
    const roster = await call(me, 'duty', 'roster', { checkpointId, day: day(d) })
    const shifts = roster.shifts as { id: string }[]
    if (d === 1) shiftId = shifts[0].id
    for (const s of shifts) await call(me, 'duty', 'signUp', { shiftId: s.id })
  }
  for (const v of volunteers.slice(0, 19)) await call(v.openid as string, 'duty', 'signUp', { shiftId })

  // 错时采样, through the real testing function: today's round over the grid, every building planned and assigned
  const worker = buildingHead
  const buildings = grid.units.filter((u) => u.level === 'microgrid' && u.parentId === grid.gridId)
  let roundId = ''
  for (let i = 0; i < ROUNDS; i++) {
    const res = await call(staff, 'testing', 'createRound', {
      tapId: `wgt-round-${i}`,
      scopeUnitId: grid.gridId,
      name: i === 0 ? '全员核酸采样' : `全员核酸采样 第${i + 1}轮`,
      date: day(i),
      sites: [{ name: '一号采样点', place: '小区北门广场', workerIds: [worker._id] }],
    })
    if (i === 0) roundId = String(res.id)
  }
  for (const b of buildings)
    await call(staff, 'testing', 'planSlots', {
      roundId,
      buildingId: b._id,
      siteIndex: 0,
      startTime: '08:00',
      minutes: 20,
      capacity: 10,
      count: 6,
    })
  for (let step = 0; step < 50; step++) {
    const res = await call(staff, 'testing', 'assign', { roundId })
    if (res.finished) break
  }

  const info: LargeCloudInfo = {
    url: cloud.url,
    openids: {
      resident: resident.openid as string,
      gridChief: chief,
      buildingHead: buildingHead.openid as string,
      communityStaff: communityStaff.openid as string,
    },
    noticeId,
    buildingId: grid.buildingId,
    gridId: grid.gridId,
    households: grid.units.filter((u) => u.level === 'household').length,
    residents: grid.people.filter((p) => p.homePath).length,
    activityId,
    requestId,
    emergencyId,
    callUpId,
    checkpointId,
    shiftId,
    roundId,
  }
  process.stdout.write(`${JSON.stringify(info)}\n`)
  const stop = (): void => {
    void cloud.close().finally(() => {
      fs.rmSync(dataDir, { recursive: true, force: true })
      process.exit(0)
    })
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  process.once('SIGTERM', stop)
}

main().catch((e: Error) => {
  console.error(e)
  process.exit(1)
})
