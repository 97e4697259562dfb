/**
 * Size of the weapp main package: every file under dist/ outside the sub-package roots declared in
 * dist/app.json. WeChat refuses uploads over 2 MB; we hold ourselves to 1 MB so first launch stays fast.
 * Usage: tsx scripts/package-size.ts [distDir]   (exits 1 over the limit or when dist/ is missing)
 */
import fs from 'node:fs'
import path from 'node:path'

export const MAIN_PACKAGE_LIMIT = 1024 * 1024

interface AppJson {
  subpackages?: { root: string }[]
  subPackages?: { root: string }[]
}

export interface PackageSize {
  total: number
  files: { file: string; bytes: number }[]
}

export function mainPackageSize(distDir: string): PackageSize {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  const roots = [...(app.subpackages ?? []), ...(app.subPackages ?? [])].map((s) => s.root.replace(/\/?$/, '/'))
  const files: PackageSize['files'] = []
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name)
      const rel = path.relative(distDir, abs).split(path.sep).join('/')
      if (entry.isDirectory()) {
        if (!roots.some((r) => `${rel}/`.startsWith(r))) walk(abs)
      } else if (!entry.name.endsWith('.map')) {
        // Source maps are not uploaded to WeChat, so they do not count.
        files.push({ file: rel, bytes: fs.statSync(abs).size })
      }
    }
  }
  walk(distDir)
  files.sort((a, b) => b.bytes - a.bytes)
  return { total: files.reduce((n, f) => n + f.bytes, 0), files }
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? 'dist')
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error(`package-size: ${distDir}/app.json not found; build the weapp first (npm run build:weapp)`)
    process.exit(1)
  }
  const { total, files } = mainPackageSize(distDir)
  console.log(`weapp main package: ${kib(total)} in ${files.length} files (limit ${kib(MAIN_PACKAGE_LIMIT)})`)
  for (const f of files.slice(0, 5)) console.log(`  ${kib(f.bytes).padStart(10)}  ${f.file}`)
  if (total > MAIN_PACKAGE_LIMIT) {
    console.error(`package-size: main package is over the limit by ${kib(total - MAIN_PACKAGE_LIMIT)}`)
    process.exit(1)
  }
}

if (process.argv[1] && path.basename(process.argv[1]).startsWith('package-size')) main()
