/**
 * The local cloud over the large grid (emulator/seed/large-grid.ts), run as its own process by the weapp weight
 * suite (weight.ts): miniprogram-simulate runs in jsdom, where the local cloud's Node servers do not belong. It
 * bundles the functions, seeds the grid, then does through the real functions what makes the lists long: the grid
 * chief publishes the 50 notices, a quarter of the largest building's households press 收到 on the newest, and the chief reads the
 * households page by page (each read is audited: the audit log fills); and the points lists: activities, sign-ups,
 * teams, grants, services and redeems (the constants below). Prints one JSON line (the URL and the
 * personas' openids), then serves until its stdin closes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalCloud } from '../../emulator'
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
