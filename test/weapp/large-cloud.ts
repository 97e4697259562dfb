/**
 * The local cloud over the large grid (emulator/seed/large-grid.ts), run as its own process by the weapp weight
 * suite (weight.ts): miniprogram-simulate runs in jsdom, where the local cloud's Node servers do not belong. It
 * bundles the functions, seeds the grid, then does through the real functions what makes the lists long: the grid
 * chief publishes the 50 notices, a quarter of the largest building's households press 收到 on the newest, and the chief reads the
 * households page by page (each read is audited: the audit log fills). Prints one JSON line (the URL and the
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
}

/** How many pages of households the chief reads before the suite starts (each one an audit entry). */
const AUDITED_READS = 60

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
