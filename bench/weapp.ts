/**
 * `npm run bench -- --weapp` (also part of the default run): the weight of every page of the compiled weapp
 * (dist/) as WeChat's DevTools audit counts it — element nodes, depth, most children under one node, the largest
 * setData and the bytes of all of them — rendered in miniprogram-simulate as its persona over the large grid
 * (emulator/seed/large-grid.ts: 273 households, 543 residents, 50 notices, 60 audited reads), after the first
 * screen and after every list on it was loaded to the end. It runs test/weapp/weight.test.ts (which also judges
 * the audit rules) and prints what it measured. Build dist/ first (npm run build:weapp).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LargeCloudInfo } from '../test/weapp/large-cloud'
import type { PageWeight, Weight } from '../test/weapp/weight'

const ROOT = path.resolve(__dirname, '..')

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`
const cells = (w: Weight): string =>
  `${w.nodes} | ${w.depth} | ${w.mostChildren} | ${kb(w.largestSetData)} | ${kb(w.totalSetData)}`

export function printWeapp(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'app.js'))) {
    console.log('\nweapp page weight: dist/ not built (npm run build:weapp)')
    return
  }
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-weight-')), 'weight.json')
  const run = spawnSync(
    path.join(ROOT, 'node_modules/.bin/jest'),
    ['test/weapp/weight.test.ts', '--selectProjects', 'weapp'],
    { cwd: ROOT, env: { ...process.env, WGT_WEIGHT_REPORT: report }, encoding: 'utf8' },
  )
  if (!fs.existsSync(report)) {
    console.log(`\nweapp page weight: the suite did not run\n${run.stderr.slice(-2000)}`)
    return
  }
  const { info, weights } = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    info: LargeCloudInfo
    weights: PageWeight[]
  }
  console.log(
    `\nweapp page weight (miniprogram-simulate over the large grid: ${info.households} households, ${info.residents} residents, 50 notices; audit: < 1,000 nodes, ≤ 60 children, setData ≤ 64 KB):`,
  )
  console.log(
    '| page (persona) | when | nodes | depth | most children | largest setData | all setData | largest 加载更多 |',
  )
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const w of weights) {
    console.log(`| ${w.name} (${w.persona}) | first screen | ${cells(w.first)} | — |`)
    if (w.end) console.log(`| | to the end (${w.mores} × 加载更多) | ${cells(w.end)} | ${kb(w.largestMore)} |`)
  }
  const failed = run.status === 0 ? 'every page keeps the audit rules' : 'SOME PAGES BREAK THE AUDIT RULES'
  console.log(`  ${failed} (test/weapp/weight.test.ts: ${run.status === 0 ? 'passed' : 'failed'})`)
  fs.rmSync(path.dirname(report), { recursive: true, force: true })
}
