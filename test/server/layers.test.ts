/**
 * The shape of docs/architecture.md, enforced: calls go one way (pages → services → functions → server → core), no
 * cloud function imports another's folder, and nothing but the repositories of server/data/ touches a collection.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'
import { COLLECTIONS } from '../../core/schema'
import { COLLECTION_NAMES } from '../../server/data/collections'

const ROOT = resolve(__dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

/** Every relative module a source file imports, as a path from the repo root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative(ROOT, resolve(dirname(file), m[1]))
      .split(sep)
      .join('/'),
  )
}

const rel = (file: string) => relative(ROOT, file).split(sep).join('/')
const inLayer = (layer: string) => sources(join(ROOT, layer)).map((f) => ({ file: rel(f), imports: importsOf(f) }))

describe('the layers', () => {
  it('no cloud function imports another function’s folder', () => {
    const crossing = inLayer('cloudfunctions').flatMap(({ file, imports }) => {
      const own = file.split('/')[1]
      return imports
        .filter((i) => i.startsWith('cloudfunctions/') && i.split('/')[1] !== own)
        .map((i) => `${file} → ${i}`)
    })
    expect(crossing).toEqual([])
  })

  it('only the repositories of server/data/ reach a collection, and nothing keeps a store of its own', () => {
    const offending = [...inLayer('cloudfunctions'), ...inLayer('server')]
      .filter(({ file }) => !file.startsWith('server/data/'))
      .flatMap(({ file }) => {
        const text = readFileSync(join(ROOT, file), 'utf8')
        const found: string[] = []
        if (/\.collection\(/.test(text)) found.push('.collection(')
        if (/\bgetDatabase\(\)/.test(text) && file !== 'server/cloud.ts' && file !== 'server/router.ts')
          found.push('getDatabase()')
        if (/\brunTransaction\(/.test(text) && file !== 'server/transaction.ts') found.push('runTransaction(')
        if (/\b\w+Store\(\)/.test(text)) found.push('a module-level store')
        return found.map((f) => `${file}: ${f}`)
      })
    expect(offending).toEqual([])
  })

  it('core imports nothing outside core (pure rules: no SDK, no Taro, no I/O)', () => {
    const outward = inLayer('core').flatMap(({ file, imports }) =>
      imports.filter((i) => !i.startsWith('core/')).map((i) => `${file} → ${i}`),
    )
    const packages = sources(join(ROOT, 'core')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from '([^.][^']*)'/g)]
        .map((m) => m[1])
        .filter((p) => /^(wx-server-sdk|@tarojs|node:|fs$|path$|react)/.test(p))
        .map((p) => `${rel(f)} → ${p}`),
    )
    expect([...outward, ...packages]).toEqual([])
  })

  it('the client reaches the functions only through src/services (pages never import server code)', () => {
    const wrong = inLayer('src').flatMap(({ file, imports }) =>
      imports.filter((i) => /^(server|cloudfunctions|emulator)\//.test(i)).map((i) => `${file} → ${i}`),
    )
    expect(wrong).toEqual([])
  })

  it('the data layer has one repository for each collection of core/schema.ts, and no other', () => {
    expect([...COLLECTION_NAMES].sort()).toEqual(COLLECTIONS.map((c) => c.name).sort())
  })
})
