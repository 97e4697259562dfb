/**
 * Each function folder deploys on its own: WeChat uploads cloudfunctions/<name>/ and installs its package.json
 * there. So the bundle must carry everything but wx-server-sdk, and find that in the folder's node_modules.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildFunctions, FUNCTIONS_DIR, functionNames, type BuiltFunction } from '../../scripts/build-functions'

const ROOT = resolve(__dirname, '../..')
const SDK_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')) as {
    version: string
  }
).version

let built: BuiltFunction[]
// bundling every function (fifteen now) takes well over jest's default 5 s on a busy machine
beforeAll(async () => {
  built = await buildFunctions()
}, 180_000)

/** Runs a bundled function's main in a fresh Node process, from the given folder. */
const runFrom = (dir: string): string =>
  execFileSync(
    process.execPath,
    ['-e', `require('./index.js').main({ action: 'nope' }).then((r) => console.log(JSON.stringify(r)))`],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )

describe('npm run build:functions', () => {
  it('builds every function folder that has an index.ts', () => {
    expect(built.map((f) => f.name)).toEqual(functionNames())
    expect(functionNames()).toContain('grid')
    for (const f of built) expect(f.bytes).toBeGreaterThan(1000)
  })

  it.each(functionNames())('%s pins exactly the repo’s wx-server-sdk as its only dependency', (name) => {
    const pkg = JSON.parse(readFileSync(join(FUNCTIONS_DIR, name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': SDK_VERSION })
  })

  it.each(functionNames())('%s requires nothing at run time but wx-server-sdk and Node itself', (name) => {
    const code = readFileSync(join(FUNCTIONS_DIR, name, 'index.js'), 'utf8')
    const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])
    expect(required).toContain('wx-server-sdk')
    const allowed = new Set(['wx-server-sdk', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
    expect(required.filter((r) => !allowed.has(r))).toEqual([])
  })

  it('runs from its folder in the repo, finding wx-server-sdk in the repo’s node_modules', () => {
    expect(JSON.parse(runFrom(join(FUNCTIONS_DIR, 'grid')))).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })

  it('runs as WeChat deploys it: the folder alone, with only its own node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wgt-deploy-'))
    try {
      for (const f of ['index.js', 'package.json', 'config.json'])
        copyFileSync(join(FUNCTIONS_DIR, 'grid', f), join(dir, f))
      // without its dependencies installed, the folder cannot run: the SDK really is left out of the bundle
      expect(() => runFrom(dir)).toThrow(/wx-server-sdk/)
      // "云端安装依赖" installs package.json's dependencies into the folder
      mkdirSync(join(dir, 'node_modules'))
      symlinkSync(join(ROOT, 'node_modules', 'wx-server-sdk'), join(dir, 'node_modules', 'wx-server-sdk'), 'dir')
      expect(JSON.parse(runFrom(dir))).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
