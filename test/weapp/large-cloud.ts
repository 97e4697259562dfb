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
import { periodOf } from '../../core/dashboard/stats'
import { beijingDayOf } from '../../core/duty/shifts'
import { periodBefore } from '../../core/reports/period'
import type { AuditDoc } from '../../core/model'
import { buildLargeGrid } from '../../emulator/seed/large-grid'
import { buildFunctions } from '../../scripts/build-functions'
import { PNG } from 'pngjs'
import { outlyingUnits } from './large-units'

/** What the weight suite needs to know of the running cloud. */
export interface LargeCloudInfo {
  url: string
  openids: Record<'resident' | 'gridChief' | 'buildingHead' | 'communityStaff' | 'streetStaff', string>
  /** The community (35 grids, large-units.ts) and the street (25 communities) of the grid. */
  communityId: string
  streetId: string
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
  /** The first care person the resident helps (关爱对象 opens them). */
  carePersonId: string
  /** A 战时网格 in force over one of the grid's buildings (一个战时网格 opens it). */
  microGridId: string
  /** 三长议事: the open proposal with the most supports and six photos (the resident's own), a decided one, and the
   * meeting with the long agenda (10 items, in person, voting). */
  proposalId: string
  decidedProposalId: string
  /** the 待议 proposal put on 24 meetings in turn and back (its history is full: the 20 kept steps) */
  returnedProposalId: string
  meetingId: string
  /** 月通报: the community's bulletin of this month (its 红黑榜 ranks the 35 grids) */
  reportId: string
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
/** 关爱对象 (四包一): residents staff mark as care persons, the resident their 网格员 helper for every one (我包联的,
 * read whole up to CARE_LIMITS.mine = 100) and the grid chief's list pages through them; the resident checks the
 * first CARE_CHECKED today. */
const CARE_PERSONS = 45
const CARE_CHECKED = 10
/** 居家隔离: households the grid chief marks isolated from today for ISOLATION_DAYS days, two deliveries and two
 * garbage runs a day (the resident's household the first), and the tasks the building head takes (我领取的: at most
 * 50 are read). */
const ISOLATIONS = 30
const ISOLATION_DAYS = 3
const CLAIMS = 50
/** 战时网格: one in force over each of the grid's buildings but the last two (left to 划分), and RETIRED_GRIDS drawn
 * over the last and stood down (the list shows the latest 20). */
const RETIRED_GRIDS = 25
/** 三长议事 (council): the grid chief sets the threshold to its most (50) so that many supports leave a proposal
 * open; PROPOSALS are raised by the grid's residents (the resident the first), every PHOTO_EVERY-th with six photos;
 * SUPPORTED of them gather SUPPORTS[i] supports (the rest 0–3); AGENDA are put on the agenda (待议) by the chief and
 * DECLINED declined, the rest stay open (征集中). A meeting of the grid in person has the first MEETING_ITEMS (the
 * most an agenda holds) of the 待议 ones, the grid's heads and MEETING_INVITED residents (the resident among them):
 * the chief records everyone present's vote on each item, the resident and the building head vote online, and the
 * first DECIDED items are decided (通过 with a task, 不通过). MEETINGS more meetings are called and ended (an agenda
 * of one; its proposal goes back to 待议), for 议事会's list. Tabs: 征集中 22, 待议 22, 已决 22 (18 declined, 4 decided). */
const PROPOSALS = 66
const PHOTO_EVERY = 8
const SUPPORTS = [45, 36, 28, 20, 14, 9, 6]
const AGENDA = 26
const DECLINED = 18
const MEETING_ITEMS = 10
const MEETING_INVITED = 20
const DECIDED = 4
const MEETINGS = 24
/** 周例会 / 月通报: community staff generate the community's weekly reports of the last REPORT_WEEKS weeks and its
 * monthly bulletins of the last REPORT_MONTHS months (the list pages by 10; a report ranks the community's 35 grids). */
const REPORT_WEEKS = 52
const REPORT_MONTHS = 24

/** Runs `work` over `items`, CONCURRENCY at a time. One: overlapping the calls made the seeding slower on a loaded
 * machine (more function instances to start, transactions retried), so independent calls still go one by one. */
const CONCURRENCY = 1
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
async function pool<T>(items: readonly T[], work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      await work(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane))
}

/**
 * The audit log of AUDITED_READS pages of households the grid chief read, as grid.households writes them
 * (server/audit.ts recordRead), written in one bulk seed: reading them through the function took a tenth of the
 * seeding.
 */
function auditedReads(grid: ReturnType<typeof buildLargeGrid>): AuditDoc[] {
  const chief = grid.personas.gridChief
  const gridUnit = grid.units.find((u) => u._id === grid.gridId)!
  const shown = grid.people.filter((p) => p.homePath?.includes(`/${grid.gridId}/`))
  const now = Date.now()
  return range(AUDITED_READS).map((i) => ({
    _id: `wgt-audit-${String(i).padStart(3, '0')}`,
    actorId: chief._id,
    actorName: chief.name,
    action: 'grid.households',
    subjectIds: shown.slice(((i % 14) * 40) % shown.length, (((i % 14) * 40) % shown.length) + 40).map((p) => p._id),
    unitId: gridUnit._id,
    unitPath: gridUnit.path,
    at: new Date(now - (AUDITED_READS - i) * 60_000),
  }))
}

async function main(): Promise<void> {
  // WGT_SEED_TIMES=1: how long each part of the seeding took, on stderr
  let lapAt = Date.now()
  const lap = (what: string): void => {
    if (process.env.WGT_SEED_TIMES)
      console.error(`[large-cloud] ${what}: ${((Date.now() - lapAt) / 1000).toFixed(1)} s`)
    lapAt = Date.now()
  }
  await buildFunctions()
  lap('functions built')
  const grid = buildLargeGrid()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-weight-'))
  const cloud = await startLocalCloud({ dataDir, port: 0, timers: false, durability: 'write' })
  // the street's other communities and the community's other grids, with their counters (数据看板's children)
  const outlying = outlyingUnits(grid.units, grid.unitCounters, new Date())
  const replaced = new Set(outlying.unitCounters.map((c) => c._id))
  await cloud.seed({
    units: [...grid.units, ...outlying.units],
    people: grid.people,
    claims: grid.claims,
    subscriptions: grid.subscriptions,
    unitCounters: [...grid.unitCounters.filter((c) => !replaced.has(c._id)), ...outlying.unitCounters],
    unitStats: outlying.unitStats,
    requestCounters: outlying.requestCounters,
    audit: auditedReads(grid),
  })
  lap('seeded')
  const call = async (openid: string, name: string, action: string, payload: unknown) => {
    const { result } = await cloud.callFunction(name, { action, payload }, { openid })
    const env = result as { ok: boolean; code?: string; data?: Record<string, unknown> }
    if (!env.ok) throw new Error(`${name}.${action} as ${openid} failed: ${env.code}`)
    return env.data as Record<string, unknown>
  }
  const { resident, gridChief, buildingHead, communityStaff } = grid.personas
  const streetStaff = grid.people.find((p) => p.openid && p.roles.some((r) => r.role === 'streetStaff'))!
  const chief = gridChief.openid as string
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString()
  let noticeId = ''
  for (const n of grid.notices) {
    const res = await call(chief, 'notices', 'publish', { ...n, expiresAt, unitIds: [grid.gridId] })
    noticeId = String(res.id)
  }
  // every fourth household of the largest building presses 收到: the rest (more than a page) are unreached
  const homes = grid.units.filter((u) => u.level === 'household' && u.parentId === grid.buildingId)
  await pool(
    homes.filter((_, i) => i % 4 === 0),
    async (home) => {
      const member = grid.people.find((p) => p.openid && p.householdId === home._id)
      if (member) await call(member.openid as string, 'notices', 'ack', { noticeId })
    },
  )

  lap('notices, 收到 and audited reads')
  // volunteer points, through the real functions: the lists of the 积分 pages grow long
  const staff = communityStaff.openid as string
  const me = resident.openid as string
  const hour = 3_600_000
  let activityId = ''
  await pool(range(ACTIVITIES), async (i) => {
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
  })
  const volunteers = grid.people.filter(
    (p) => p.openid && p.openid !== me && p.roles.length === 1 && p.homePath?.includes(`/${grid.gridId}/`),
  )
  await pool(volunteers.slice(0, SIGNUPS), (v) =>
    call(v.openid as string, 'points', 'signUp', { activityId, roleIndex: 0 }),
  )
  await pool(range(TEAMS), (i) =>
    call(staff, 'points', 'createTeam', { name: `志愿服务队 ${i + 1}`, unitId: grid.communityId }),
  )
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
  await pool(range(SERVICES), async (i) => {
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
  })
  for (let i = 0; i < REDEEMS; i++) await call(me, 'points', 'redeem', { serviceId, requestId: `wgt-redeem-${i}` })

  lap('volunteer points')
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
  await pool(volunteers.slice(0, OTHER_REPORTS), (v, i) =>
    call(v.openid as string, 'requests', 'report', {
      tapId: `wgt-other-${i}`,
      category: categories[i % categories.length],
      description: `小区东门路口的井盖松动，车辆经过响声很大（${i + 1}）`,
      place: { kind: 'spot', unitId: grid.gridId, label: '东门路口' },
    }),
  )
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

  lap('requests')
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
  await pool(members, (m, i) =>
    call(m.openid as string, 'emergency', 'register', {
      kind: 'volunteer',
      skills: [skills[i % skills.length], skills[(i + 3) % skills.length]],
      skillsNote: i % 5 === 0 ? '有急救证' : '',
      availability: i % 2 ? '工作日晚上' : '周末全天',
    }),
  )
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
  await pool(members, (m, i) =>
    call(m.openid as string, 'emergency', 'answer', { callUpId, answer: i % 3 ? 'coming' : 'cannot' }),
  )

  lap('emergency history, reserve force and call-ups')
  // 卡口值守, through the real duty function: the checkpoints, a checkpoint's shifts, the resident's shifts
  let checkpointId = ''
  await pool(range(CHECKPOINTS), async (i) => {
    const res = await call(chief, 'duty', 'createCheckpoint', {
      tapId: `wgt-checkpoint-${i}`,
      unitId: grid.gridId,
      name: `${i + 1}号卡口`,
      place: `小区${['东', '南', '西', '北'][i % 4]}门`,
    })
    if (i === 0) checkpointId = String(res.id)
  })
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
  await pool(volunteers.slice(0, 19), (v) => call(v.openid as string, 'duty', 'signUp', { shiftId }))

  lap('卡口值守')
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
  await pool(buildings, (b) =>
    call(staff, 'testing', 'planSlots', {
      roundId,
      buildingId: b._id,
      siteIndex: 0,
      startTime: '08:00',
      minutes: 20,
      capacity: 10,
      count: 6,
    }),
  )
  for (let step = 0; step < 50; step++) {
    const res = await call(staff, 'testing', 'assign', { roundId })
    if (res.finished) break
  }

  lap('错时采样')
  // 关爱对象, through the real care function: staff mark CARE_PERSONS residents and name the resident their 网格员
  const cared = volunteers.slice(0, CARE_PERSONS)
  await pool(cared, async (p) => {
    await call(staff, 'care', 'mark', { personId: p._id, flags: ['elderlyAlone'], note: '独居，子女在外地' })
    await call(staff, 'care', 'team', {
      personId: p._id,
      team: { cadre: null, gridWorker: resident._id, police: null, doctor: null },
    })
  })
  for (const p of cared.slice(0, CARE_CHECKED))
    await call(me, 'care', 'check', { personId: p._id, seen: true, temperature: 36.5, needs: '' })
  const carePersonId = cared[0]._id

  lap('关爱对象')
  // 居家隔离, through the real isolation function: the households, their tasks, the building head's taken ones
  const isolatedHomes = [
    resident.householdId as string,
    ...grid.units
      .filter((u) => u.level === 'household' && u.path.includes(`/${grid.gridId}/`) && u._id !== resident.householdId)
      .map((u) => u._id),
  ].slice(0, ISOLATIONS)
  await pool(isolatedHomes, (householdId) =>
    call(chief, 'isolation', 'mark', {
      householdId,
      startDay: day(0),
      days: ISOLATION_DAYS,
      reason: '密接人员居家隔离',
      supplies: { times: ['08:00', '18:00'], note: '米面、蔬菜、常用药' },
      garbage: { times: ['09:00', '19:00'] },
    }),
  )
  const head = buildingHead.openid as string
  const open = await call(head, 'isolation', 'tasks', { pageSize: CLAIMS })
  await pool(open.rows as { id: string }[], (t) => call(head, 'isolation', 'claim', { taskId: t.id }))

  lap('居家隔离')
  // 战时网格, through the real emergency function: the grid's buildings split, and many stood down
  const leaders = members.slice(1)
  let microGridId = ''
  for (const [i, b] of buildings.slice(0, -2).entries()) {
    const res = await call(chief, 'emergency', 'createMicroGrid', {
      gridId: grid.gridId,
      tapId: `wgt-microgrid-${i}`,
      name: `${b.name}战时网格`,
      kind: 'building',
      buildingIds: [b._id],
      leaderId: leaders[i]._id,
    })
    if (i === 0) microGridId = String(res.id)
  }
  const last = buildings[buildings.length - 1]
  for (let i = 0; i < RETIRED_GRIDS; i++) {
    const res = await call(chief, 'emergency', 'createMicroGrid', {
      gridId: grid.gridId,
      tapId: `wgt-retired-${i}`,
      name: `临时网格${i + 1}`,
      kind: i % 2 ? 'lane' : 'courtyard',
      buildingIds: [last._id],
      leaderId: leaders[20 + i]._id,
    })
    await call(chief, 'emergency', 'retireMicroGrid', { id: String(res.id) })
  }

  lap('战时网格')
  // 三长议事, through the real council and files functions: the grid's proposals over every tab, a long meeting
  const council = (openid: string, action: string, payload: unknown) => call(openid, 'council', action, payload)
  await council(chief, 'updateSettings', { gridId: grid.gridId, supportThreshold: 50 })
  const proposers = [resident, ...volunteers.slice(0, PROPOSALS - 1)]
  const TOPICS = [
    ['东门口路灯不亮', '东门口的两盏路灯坏了一个多月，晚上接孩子放学看不清路，希望尽快修好。'],
    ['楼下加装电梯', '老楼没有电梯，楼上住的多是老人，希望大家一起商量加装电梯和费用分摊。'],
    ['电动车充电棚', '楼道里停电动车充电有火灾隐患，希望在空地建一个集中充电棚。'],
    ['小区停车位划线', '晚上车辆乱停堵住消防通道，希望重新划线并规定临时停车位置。'],
    ['垃圾分类亭搬迁', '垃圾亭离三号楼窗户太近，夏天气味很大，希望挪到围墙边。'],
    ['增设健身器材', '广场的健身器材只有三件，老人和孩子都不够用，希望增加几件并定期检修。'],
  ] as const
  const photosOf = async (openid: string, n: number): Promise<string[]> => {
    const { uploads } = (await call(openid, 'files', 'reserve', {
      purpose: 'proposal',
      exts: Array.from({ length: n }, () => 'png'),
    })) as { uploads: { cloudPath: string }[] }
    const img = new PNG({ width: 2, height: 2 })
    img.data.fill(0x60)
    const bytes = new Uint8Array(PNG.sync.write(img))
    const fileIDs: string[] = []
    for (const u of uploads) {
      const res = await fetch(`${cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(u.cloudPath)}`, {
        method: 'POST',
        body: bytes,
      })
      fileIDs.push(((await res.json()) as { fileID: string }).fileID)
    }
    await call(openid, 'files', 'uploaded', { purpose: 'proposal', fileIDs })
    return fileIDs
  }
  const proposalIds: string[] = []
  for (const [i, p] of proposers.entries()) {
    const [title, text] = TOPICS[i % TOPICS.length]
    const res = await council(p.openid as string, 'propose', {
      tapId: `wgt-proposal-${i}`,
      gridId: grid.gridId,
      title: `${title}（${i + 1}）`,
      text,
      photos: i % PHOTO_EVERY === 0 ? await photosOf(p.openid as string, 6) : [],
    })
    proposalIds.push(String(res.id))
  }
  // supports by other residents of the grid (never the proposer): many on a few, a handful on the rest
  const supporters = volunteers.slice(PROPOSALS, PROPOSALS + SUPPORTS[0])
  for (const [i, id] of proposalIds.entries()) {
    const n = SUPPORTS[i] ?? i % 4
    for (const v of supporters.slice(0, n)) await council(v.openid as string, 'support', { proposalId: id })
  }
  // the last AGENDA to the agenda, the DECLINED before them declined; the first ones (most supported) stay open
  const agendaIds = proposalIds.slice(-AGENDA)
  for (const id of agendaIds) await council(chief, 'toAgenda', { proposalId: id })
  for (const id of proposalIds.slice(-AGENDA - DECLINED, -AGENDA))
    await council(chief, 'decline', { proposalId: id, reason: '属于物业服务合同范围，已转物业公司按合同处理' })
  // the long meeting: in person, tomorrow evening, the first MEETING_ITEMS 待议 proposals, the heads and the invited
  const invited = [resident, ...volunteers.slice(1, MEETING_INVITED)].map((p) => p._id)
  const longMeeting = await council(chief, 'scheduleMeeting', {
    tapId: 'wgt-meeting-long',
    gridId: grid.gridId,
    title: '十二月三长议事会',
    mode: 'inPerson',
    startAt: new Date(Date.now() + 86_400_000).toISOString(),
    place: '社区党群服务中心二楼会议室',
    proposalIds: agendaIds.slice(0, MEETING_ITEMS),
    invitedIds: invited,
  })
  const meetingId = String(longMeeting.id)
  const opened = await council(chief, 'openMeeting', { meetingId })
  const memberIds = (opened.members as { personId: string }[]).map((m) => m.personId)
  const choices = ['for', 'for', 'against', 'abstain', 'for'] as const
  // the odd decided items are voted down (不通过), the rest mostly for
  const choiceOf = (k: number, item: number) =>
    item % 2 && item < DECIDED ? (k % 3 ? 'against' : 'for') : choices[(k + item) % choices.length]
  for (let item = 0; item < MEETING_ITEMS; item++) {
    // everyone present but the two who vote online afterwards
    const present = memberIds.filter((_, k) => (k + item) % 6 !== 5)
    await council(chief, 'recordVotes', {
      meetingId,
      item,
      present,
      votes: present
        .filter((id) => id !== resident._id && id !== buildingHead._id)
        .map((personId, k) => ({ personId, choice: choiceOf(k, item) })),
    })
    await council(me, 'vote', { meetingId, item, choice: 'for' })
    await council(head, 'vote', { meetingId, item, choice: item % 2 && item < DECIDED ? 'against' : 'for' })
  }
  for (let item = 0; item < DECIDED; item++)
    await council(chief, 'closeItem', {
      meetingId,
      item,
      reason: item % 2 ? '反对多于赞成，暂不实施，下次议事会再议' : '多数同意，由楼栋长牵头落实',
      ...(item === 0
        ? { task: { ownerId: buildingHead._id, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } }
        : {}),
    })
  await council(chief, 'saveMinutes', {
    meetingId,
    minutes: '到会成员逐项听取议题说明，讨论后现场表决；线上表决同步进行。'.repeat(8),
  })
  // earlier and later meetings of the grid, each called and ended: its one proposal goes back to 待议
  const spare = agendaIds[MEETING_ITEMS]
  for (let i = 0; i < MEETINGS; i++) {
    const m = await council(chief, 'scheduleMeeting', {
      tapId: `wgt-meeting-${i}`,
      gridId: grid.gridId,
      title: `第${i + 1}次议事会`,
      mode: i % 2 ? 'online' : 'inPerson',
      startAt: new Date(Date.now() + (i - MEETINGS / 2) * 6 * hour).toISOString(),
      place: i % 2 ? '' : '3号楼前广场',
      proposalIds: [spare],
    })
    await council(chief, 'closeMeeting', { meetingId: String(m.id), minutes: '议题未表决，退回待议。' })
  }
  const decidedProposalId = agendaIds[0]

  lap('三长议事')
  // 周例会 / 月通报, through the real reports function: the community's reports of past weeks and months
  let reportId = ''
  for (const [kind, n] of [
    ['week', REPORT_WEEKS],
    ['month', REPORT_MONTHS],
  ] as const) {
    let period = periodOf(kind, new Date())
    for (let i = 0; i < n; i++) {
      const r = await call(staff, 'reports', 'generate', { unitId: grid.communityId, kind, period })
      if (kind === 'month' && i === 0) reportId = String(r.id)
      period = periodBefore(period) as string
    }
  }

  lap('周例会 / 月通报')
  const info: LargeCloudInfo = {
    url: cloud.url,
    openids: {
      resident: resident.openid as string,
      gridChief: chief,
      buildingHead: buildingHead.openid as string,
      communityStaff: communityStaff.openid as string,
      streetStaff: streetStaff.openid as string,
    },
    communityId: grid.communityId,
    streetId: grid.units.find((u) => u.level === 'street')!._id,
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
    carePersonId,
    microGridId,
    proposalId: proposalIds[0],
    decidedProposalId,
    returnedProposalId: spare,
    meetingId,
    reportId,
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
