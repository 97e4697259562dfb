/**
 * `npm start` as a newcomer runs it (minus the build, which npm test has done): the local cloud comes up on
 * 127.0.0.1 with the demo community, serves the h5 app and answers as a persona; a restart keeps the data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Persona } from '../../core/persona'
import { buildFunctions } from '../../scripts/build-functions'

jest.setTimeout(90_000)
const ROOT = path.resolve(__dirname, '../..')
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')
let dataDir: string

/** Starts emulator/main.ts and resolves with its URL and everything it printed up to then. */
function start(): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(TSX, [path.join(ROOT, 'emulator', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, WGT_PORT: '0', WGT_DATA_DIR: dataDir },
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString()
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(output)
      if (m) resolve({ child, url: m[0], output })
    })
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('exit', (code) => reject(new Error(`npm start exited ${code}: ${output}`)))
  })
}
const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.on('exit', resolve)
    child.kill('SIGTERM')
  })

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist-h5', 'index.html'))) throw new Error('dist-h5/ missing: npm run build:h5')
  await buildFunctions(['grid'])
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgt-start-'))
})
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

it('serves the app and the demo community, and keeps the data across a restart without seeding again', async () => {
  const first = await start()
  expect(first.output).toContain('演示数据已生成')
  const page = await fetch(first.url + '/')
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id="app"')
  const personas = (await (await fetch(first.url + '/local/personas')).json()) as Persona[]
  // every role of the local login is offered (some more than once)
  expect(new Set(personas.map((p) => p.role))).toEqual(
    new Set([
      'buildingHead',
      'communityStaff',
      'department',
      'gridChief',
      'merchant',
      'partyLeader',
      'resident',
      'streetStaff',
      'visitor',
    ]),
  )
  const resident = personas.find((p) => p.role === 'resident') as Persona
  const call = async (url: string) =>
    (await (
      await fetch(url + '/local/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'grid', openid: resident.openid, data: { action: 'me', payload: {} } }),
      })
    ).json()) as { result: { ok: boolean; data: { grid: { name: string } } } }
  const before = await call(first.url)
  expect(before.result.ok).toBe(true)
  expect(await stop(first.child)).toBe(0)

  const second = await start()
  expect(second.output).not.toContain('演示数据已生成')
  expect((await call(second.url)).result.data.grid.name).toBe(before.result.data.grid.name)
  await stop(second.child)
})
