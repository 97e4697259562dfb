/**
 * `npm run bench -- --district`: every leader and resident screen, publish, a 收到 burst and delivery over the
 * local cloud at 1 grid, 100 grids and a whole district (emulator/seed/district.ts), as the personas who use
 * them: p50/p99 latency and documents examined per call (the local cloud's query stats), and the growth from 1
 * grid to the full size. An action the functions do not (yet) have prints "not available" instead of failing the
 * run. Then a testing round over the district (bench/district-testing.ts); `--testing` runs that alone.
 * `--grids=1,100,930` picks the sizes; `--screens` leaves the testing round out. Figures are printed, never judged: docs/benchmarks.md records them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ackId } from '../core/ids'
import type { PersonDoc } from '../core/model'
import { startLocalCloud, type LocalCloud } from '../emulator'
import { buildDistrict, type District } from '../emulator/seed/district'
import { call, measure, percentile, holder, type Envelope, type Outcome } from './district-kit'
import { benchTestingRound } from './district-testing'
import { countEveryAck } from './acks'
import { runLoad } from './load'

const CALLS = Number(process.env.BENCH_CALLS ?? 30)
const BURST = 2_000
const FIRINGS = 3

async function publish(cloud: LocalCloud, staff: PersonDoc, unitId: string, title: string): Promise<Envelope> {
  return call(cloud, 'notices', staff.openid as string, {
    action: 'publish',
    payload: {
      title,
      body: '请各户按时收看并回复收到。',
      urgency: 'urgent',
      expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      unitIds: [unitId],
    },
  })
}

export interface SizeFigures {
  grids: number
  units: number
  residents: number
  documents: number
  seedSeconds: number
  rssMB: number
  rows: Map<string, Outcome>
}

async function benchSize(grids: number, parts: { screens: boolean; testing: boolean }): Promise<SizeFigures> {
  const built = buildDistrict({ grids })
  const { units, people } = built
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-bench-district-'))
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    durability: 'fsync',
    timers: false,
    unindexedQueries: 'ignore',
    // a private build (BENCH_FUNCTIONS_DIR), so that a rebuild of cloudfunctions/ mid-run changes no figure
    functionsDir: process.env.BENCH_FUNCTIONS_DIR || undefined,
  })
  const rows = new Map<string, Outcome>()
  try {
    const t = performance.now()
    await cloud.seed({
      units,
      people,
      claims: built.claims,
      subscriptions: built.subscriptions,
      unitCounters: built.unitCounters,
    })
    const seedSeconds = (performance.now() - t) / 1000
    const documents = Object.values(cloud.stats()).reduce((a, b) => a + b, 0)

    if (parts.screens) await benchScreens(cloud, built, rows)
    if (parts.testing) await benchTestingRound(cloud, built, rows, CALLS)
    return {
      grids,
      units: units.length,
      residents: people.filter((p) => p.householdId).length,
      documents,
      seedSeconds,
      rssMB: process.memoryUsage().rss / 1e6,
      rows,
    }
  } finally {
    await cloud.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Every leader and resident screen, publish, the 收到 burst and delivery. */
async function benchScreens(cloud: LocalCloud, built: District, rows: Map<string, Outcome>): Promise<void> {
  const { units, people } = built
  {
    const street = units[0]
    const streetStaff = holder(people, 'streetStaff', street._id)
    const communityStaff = holder(people, 'communityStaff', 'c1')
    const chief = holder(people, 'gridChief', 'g1')
    const resident = people.find((p) => p.openid && p.roles.length === 1 && p.homePath?.startsWith('/s1/c1/g1/'))
    if (!resident) throw new Error('no joined resident in g1')
    const as = (p: PersonDoc, fn: string, action: string, payload: unknown) => () =>
      call(cloud, fn, p.openid as string, { action, payload })
    const row = async (label: string, op: (i: number) => Promise<Envelope>, n = CALLS) => {
      rows.set(label, await measure(cloud, n, op))
    }

    await row('grid.home (resident)', as(resident, 'grid', 'home', {}))
    await row('grid.home (grid chief)', as(chief, 'grid', 'home', {}))
    await row('grid.home (street staff)', as(streetStaff, 'grid', 'home', {}))
    await row('grid.me (resident)', as(resident, 'grid', 'me', {}))
    await row('grid.overview grid', as(chief, 'grid', 'overview', { unitId: 'g1' }))
    await row('grid.overview community', as(communityStaff, 'grid', 'overview', { unitId: 'c1' }))
    await row('grid.overview street', as(streetStaff, 'grid', 'overview', { unitId: street._id }))
    await row('grid.households (grid, page 0)', as(chief, 'grid', 'households', { unitId: 'g1' }))
    await row('grid.households (grid, care)', as(chief, 'grid', 'households', { unitId: 'g1', filter: 'care' }))
    await row('grid.neighbours', as(resident, 'grid', 'neighbours', {}))

    let n = 0
    await row('notices.publish (street)', () => publish(cloud, streetStaff, street._id, `街道通知${++n}`), 10)
    const noticed = await publish(cloud, streetStaff, street._id, '全街道紧急通知')
    const noticeId = noticed.data?.id as string
    await row('notices.feed', as(resident, 'notices', 'feed', {}))
    await row('notices.unreadCount', as(resident, 'notices', 'unreadCount', {}))
    await row('notices.detail', as(resident, 'notices', 'detail', { noticeId }))
    await row('notices.reach grid', as(chief, 'notices', 'reach', { noticeId, unitId: 'g1' }))
    await row('notices.reach community', as(communityStaff, 'notices', 'reach', { noticeId, unitId: 'c1' }))
    await row('notices.reach street', as(streetStaff, 'notices', 'reach', { noticeId, unitId: street._id }))

    // 收到 all at once: the joined residents of the street, up to 2,000 (a grid has fewer), who opened the notice
    // first as in the app (收到 is on the opened notice: their read marks exist)
    const crowd = people.filter((p) => p.openid && p.householdId && p._id !== resident._id).slice(0, BURST)
    const readAt = new Date()
    await cloud.seed({ acks: crowd.map((p) => ({ _id: ackId(noticeId, p._id), noticeId, personId: p._id, readAt })) })
    cloud.queryStats({ reset: true })
    let failed = 0
    const burst = await runLoad(crowd.length, crowd.length, async (i) => {
      const res = await call(cloud, 'notices', crowd[i].openid as string, {
        action: 'ack',
        payload: { noticeId },
      }).catch(() => ({ ok: false }) as Envelope)
      if (!res.ok) failed++
    })
    const burstExamined = cloud.queryStats().examined / crowd.length
    // a street's notice: its 收到 are counted by the countAcks timer, fired until nothing waits
    cloud.queryStats({ reset: true })
    const countStart = performance.now()
    const firings = await countEveryAck(cloud)
    const countMs = performance.now() - countStart
    const households = new Set(crowd.map((p) => p.householdId)).size
    const receipts = cloud.engine.find('receipts', { noticeId }, { limit: 10_000_000 }).length
    rows.set(`收到 burst`, {
      p50: burst.p50,
      p99: burst.p99,
      examined: burstExamined,
      note: `${crowd.length} at once, ${burst.perSecond.toFixed(0)}/s, ${failed} failed, ${receipts} receipts for ${households} households`,
    })
    rows.set(`countAcks after the burst`, {
      p50: countMs,
      p99: countMs,
      examined: cloud.queryStats().examined / households,
      note: `${firings} firing(s) counted ${households} households in ${(countMs / 1000).toFixed(1)} s (examined per household)`,
    })

    // 数据看板 (issue 13 item 3): counters only, after the burst moved them — a street's costs what a grid's does
    await row('dashboard.overview grid', as(chief, 'dashboard', 'overview', { unitId: 'g1' }))
    await row('dashboard.overview community', as(communityStaff, 'dashboard', 'overview', { unitId: 'c1' }))
    await row('dashboard.overview street', as(streetStaff, 'dashboard', 'overview', { unitId: street._id }))
    await row(
      'dashboard.overview street, month',
      as(streetStaff, 'dashboard', 'overview', { unitId: street._id, period: 'month' }),
    )
    // 周例会 / 月通报 (issue 13 item 5): a street's bulletin reads every grid under it, in batches — a job, not a screen
    await row(
      'reports.generate street, month',
      as(streetStaff, 'reports', 'generate', { unitId: street._id, kind: 'month' }),
    )

    // delivery: the deliver timer's firings for the street notice (every firing after the first resumes the job)
    cloud.queryStats({ reset: true })
    const times: number[] = []
    let sent = 0
    let refused: string | undefined
    // at most FIRINGS, and no new firing after 30 s: a firing that scans the subscribers can take minutes at size
    for (let i = 0; i < FIRINGS && times.reduce((a, b) => a + b, 0) < 30_000; i++) {
      const t0 = performance.now()
      const res = await call(cloud, 'notices', '', {
        Type: 'Timer',
        TriggerName: 'deliver',
        Time: new Date().toISOString(),
        Message: '',
      })
      times.push(performance.now() - t0)
      if (!res.ok) refused = res.code
      sent += Number(res.data?.sent ?? 0)
    }
    times.sort((a, b) => a - b)
    const due = built.subscriptions.length
    rows.set(
      'deliver (timer firing)',
      refused
        ? { missing: `refused: ${refused}` }
        : {
            p50: percentile(times, 50),
            p99: percentile(times, 99),
            examined: cloud.queryStats().examined / times.length,
            note: `${times.length} firing(s), ${(sent / times.length).toFixed(0)} sent per firing, 11 street notices pending, ${due} subscribers`,
          },
    )
  }
}

const fmt = (o: Outcome | undefined): string =>
  !o ? '—' : 'missing' in o ? o.missing : `${o.p50.toFixed(1)} / ${o.p99.toFixed(1)} ms, ${Math.round(o.examined)} ex.`
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? '∞' : '1×')

export async function benchDistrict(argv: readonly string[]): Promise<void> {
  const arg = argv.find((a) => a.startsWith('--grids='))
  const sizes = arg ? arg.slice('--grids='.length).split(',').map(Number) : [1, 100, 930]
  // `--testing`: the testing round alone (bench/district-testing.ts); `--screens`: the screens alone; without
  // either every screen, then the round
  const parts = { screens: !argv.includes('--testing'), testing: !argv.includes('--screens') }
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}, ${CALLS} calls per screen, fsync on\n`)
  const all: SizeFigures[] = []
  for (const grids of sizes) {
    const f = await benchSize(grids, parts)
    all.push(f)
    console.log(
      `${grids} grid(s): ${f.units} units, ${f.residents} residents, ${f.documents} documents seeded in ${f.seedSeconds.toFixed(1)} s; RSS ${f.rssMB.toFixed(0)} MB`,
    )
  }
  const [first, last] = [all[0], all[all.length - 1]]
  // a leader's screen reads one page of the unit's children (≤ 20): from 1 grid (one child) it grows until the page
  // is full, then stops, so the growth that says whether it grows with the district is from the size before last
  const middle = all.length > 2 ? all[all.length - 2] : undefined
  const growth = (from: SizeFigures, label: string): string => {
    const [a, z] = [from.rows.get(label), last.rows.get(label)]
    return a && z && !('missing' in a) && !('missing' in z)
      ? `${ratio(z.p50, a.p50)}, ${ratio(z.examined, a.examined)}`
      : '—'
  }
  console.log(
    `\n| screen or job (p50 / p99, documents examined per call) | ${all.map((f) => `${f.grids} grid(s)`).join(' | ')} | growth ${last.grids} ÷ ${first.grids}: p50, examined |${middle ? ` ${last.grids} ÷ ${middle.grids} |` : ''}`,
  )
  console.log(`| --- | ${all.map(() => '---').join(' | ')} | --- |${middle ? ' --- |' : ''}`)
  for (const label of first.rows.keys())
    console.log(
      `| ${label} | ${all.map((f) => fmt(f.rows.get(label))).join(' | ')} | ${growth(first, label)} |${middle ? ` ${growth(middle, label)} |` : ''}`,
    )
  console.log('')
  for (const f of all)
    for (const [label, o] of f.rows)
      if (!('missing' in o) && o.note) console.log(`${f.grids} grid(s), ${label}: ${o.note}`)
}
