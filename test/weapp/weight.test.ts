/**
 * Every page of the compiled weapp keeps WeChat's audit rules over the large grid (273 households, 543 residents,
 * 50 notices, 60 audited reads), after its first screen and after every list on it was loaded to the end: fewer than
 * 1,000 nodes, at most 60 children under one node, no setData over 64 KB — and a 加载更多 sends the new rows only
 * (its setData stays below a page of rows, never the whole list again). Not timed. bench/weapp.ts prints the same
 * figures (WGT_WEIGHT_REPORT names the file this suite writes them to).
 */
import fs from 'node:fs'
import type { LargeCloudInfo } from './large-cloud'
import { ROUTES } from '../../src/routes'
import {
  auditBreaks,
  bootLarge,
  IN_PROGRESS,
  NOT_WEIGHED,
  PAGES,
  startLargeCloud,
  weighPage,
  type PageWeight,
} from './weight'

let cloud: Awaited<ReturnType<typeof startLargeCloud>>
let info: LargeCloudInfo
let as: (p: keyof LargeCloudInfo['openids']) => void
const weights: PageWeight[] = []

beforeAll(async () => {
  cloud = await startLargeCloud()
  info = cloud.info
  as = bootLarge(info).as
}, 180_000)

afterAll(async () => {
  await cloud?.close()
  const out = process.env.WGT_WEIGHT_REPORT
  if (out) fs.writeFileSync(out, JSON.stringify({ info, weights }, null, 2))
})

test('every route of src/routes.ts is weighed below, or said not to grow (NOT_WEIGHED, with why)', () => {
  const weighed = new Set(PAGES.map((p) => p.route))
  const routes: string[] = Object.values(ROUTES).filter(Boolean)
  const left = routes.filter(
    (r) => !weighed.has(r) && !(r in NOT_WEIGHED) && !IN_PROGRESS.some((prefix) => r.startsWith(prefix)),
  )
  expect(left).toEqual([])
  // and nothing listed that is not a route any more
  expect([...weighed, ...Object.keys(NOT_WEIGHED)].filter((r) => !routes.includes(r))).toEqual([])
})

/** What a 加载更多 may send at most: one page of rows, not the list so far (20 households with their members are
 * about 31 KB; the list so far would pass 400 KB). */
const APPEND_BYTES = 40 * 1024

test.each(PAGES.map((p) => [p.name, p.persona, p] as const))(
  '%s as %s keeps the audit rules at any length',
  async (_name, _persona, plan) => {
    const w = await weighPage(plan, info, as)
    weights.push(w)
    expect(auditBreaks(w.first)).toEqual([])
    if (w.end) expect(auditBreaks(w.end)).toEqual([])
    expect(w.largestMore).toBeLessThanOrEqual(APPEND_BYTES)
    // the page drew what it is for, not an error or an empty state
    if (w.first.nodes <= (plan.minNodes ?? 20)) throw new Error(`drew ${w.first.nodes} nodes only: ${w.shows}`)
    if (plan.more) expect(w.mores).toBeGreaterThan(0) // its list was long enough to page, and was read to the end
    // its charts are there, each a canvas a chart was drawn on (at least once; again when its data changed)
    if (plan.charts) {
      expect(w.canvases).toBe(plan.charts)
      expect(w.drawnCharts).toBeGreaterThanOrEqual(plan.charts)
    }
  },
  120_000,
)
