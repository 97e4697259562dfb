/**
 * Bundles every cloudfunctions/<name>/index.ts into cloudfunctions/<name>/index.js: one CommonJS file per
 * function with core/, server/ and zod inside, and wx-server-sdk left as a require. WeChat deploys each
 * function folder as its own Node project and installs the folder's package.json there; locally the same
 * require finds the repo's node_modules by walking up. Usage: npm run build:functions [-- name ...]
 */
import { build, type Metafile } from 'esbuild'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..')
export const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions')
const SDK = 'wx-server-sdk'
/** The oldest Node runtime a WeChat cloud function may be created with that this code supports. */
const TARGET = 'node16'

export interface BuiltFunction {
  name: string
  outfile: string
  bytes: number
}

export const functionNames = (): string[] =>
  readdirSync(FUNCTIONS_DIR)
    .filter((name) => existsSync(join(FUNCTIONS_DIR, name, 'index.ts')))
    .sort()

/** The version of wx-server-sdk the repo runs locally: every function must pin exactly this one. */
const rootSdkVersion = (): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', SDK, 'package.json'), 'utf8')) as { version: string }).version

function checkPackageJson(name: string): void {
  const file = join(FUNCTIONS_DIR, name, 'package.json')
  if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing (WeChat installs its dependencies)`)
  const deps = (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}
  const want = rootSdkVersion()
  if (deps[SDK] !== want || Object.keys(deps).length !== 1) {
    throw new Error(`${relative(ROOT, file)} must list exactly { "${SDK}": "${want}" } as dependencies`)
  }
  if (!existsSync(join(FUNCTIONS_DIR, name, 'config.json')))
    throw new Error(`cloudfunctions/${name}/config.json is missing`)
}

/** Whatever the bundle still requires at run time must be the SDK or part of Node itself. */
function checkImports(name: string, metafile: Metafile): void {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && imp.path !== SDK && !builtins.has(imp.path)) {
        throw new Error(`cloudfunctions/${name}/index.js requires "${imp.path}", which the deployed folder lacks`)
      }
    }
  }
}

export async function buildFunction(name: string): Promise<BuiltFunction> {
  checkPackageJson(name)
  const dir = join(FUNCTIONS_DIR, name)
  const outfile = join(dir, 'index.js')
  const result = await build({
    entryPoints: [join(dir, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    external: [SDK],
    metafile: true,
    legalComments: 'none',
    // smaller bundles load faster on a cold start (exceljs makes org's large); names stay, so logs stay readable
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    logLevel: 'silent',
    banner: { js: `// Built by scripts/build-functions.ts from cloudfunctions/${name}/index.ts. Do not edit.` },
  })
  checkImports(name, result.metafile)
  // the same resolution Node does when the function host loads index.js from this folder
  createRequire(outfile).resolve(SDK)
  return { name, outfile, bytes: statSync(outfile).size }
}

export async function buildFunctions(names: readonly string[] = functionNames()): Promise<BuiltFunction[]> {
  const built: BuiltFunction[] = []
  for (const name of names) built.push(await buildFunction(name))
  return built
}

async function cli(): Promise<void> {
  const names = process.argv.slice(2)
  const built = await buildFunctions(names.length ? names : functionNames())
  if (built.length === 0) throw new Error('no cloudfunctions/<name>/index.ts found')
  for (const f of built) {
    console.log(`${relative(ROOT, f.outfile).padEnd(36)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KiB`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  cli().catch((error: unknown) => {
    console.error('build:functions failed:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
