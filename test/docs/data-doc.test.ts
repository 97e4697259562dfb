import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS, COLLECTION_ACL } from '../../core/schema'

const doc = readFileSync(join(__dirname, '../../docs/data.md'), 'utf8')

describe('docs/data.md describes the schema the code applies', () => {
  it.each(COLLECTIONS.map((c) => [c.name, c] as const))('collection %s has its section and every index', (name, c) => {
    expect(doc).toContain(`## \`${name}\``)
    for (const index of c.indexes) {
      const keys = Object.keys(index.keys)
        .map((k) => `\`${k}\``)
        .join(', ')
      expect(doc).toContain(`| \`${index.name}\` | ${keys} |`)
    }
  })

  it('lists no index the schema does not create', () => {
    const documented = [...doc.matchAll(/^\| `([^`]+)` \| `/gm)].map((m) => m[1]).filter((n) => /_-?1$/.test(n))
    const created = COLLECTIONS.flatMap((c) => c.indexes.map((i) => i.name))
    expect(documented.sort()).toEqual([...created].sort())
  })

  it('states the security rule every collection gets', () => {
    expect(doc).toContain(`Every collection is \`${COLLECTION_ACL}\``)
  })
})
