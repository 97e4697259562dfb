import { applySchema, type SchemaManager } from '../../scripts/db-apply'
import { COLLECTIONS } from '../../core/schema'

/** Records what db-apply asks of the cloud, against an environment that already has some indexes. */
function recorder(existing: Record<string, string[]>) {
  const calls: string[] = []
  const manager: SchemaManager = {
    createCollectionIfNotExists: async (n) => calls.push(`create ${n}`),
    describeCollection: async (n) => ({ Indexes: (existing[n] ?? ['_id_']).map((Name) => ({ Name })) }),
    updateCollection: async (n, c) =>
      calls.push(
        `update ${n} +[${(c.CreateIndexes ?? []).map((i) => i.IndexName)}] -[${(c.DropIndexes ?? []).map((i) => i.IndexName)}]`,
      ),
    setCollectionAcl: async (n, tag) => calls.push(`acl ${n} ${tag}`),
  }
  return { manager, calls }
}

describe('db:apply brings a real environment to the schema', () => {
  it('creates every collection with all its indexes and closes it to clients on a new environment', async () => {
    const { manager, calls } = recorder({})
    await applySchema(manager, COLLECTIONS, () => {})
    for (const c of COLLECTIONS) {
      expect(calls).toContain(`create ${c.name}`)
      // a collection read only by _id (pointsSettings) needs no index call at all
      if (c.indexes.length) expect(calls).toContain(`update ${c.name} +[${c.indexes.map((i) => i.name)}] -[]`)
      else expect(calls.filter((x) => x.startsWith(`update ${c.name} `))).toEqual([])
      expect(calls).toContain(`acl ${c.name} ADMINONLY`)
    }
  })

  it('on a second run changes no index, and drops indexes the schema no longer lists (never _id_)', async () => {
    const units = COLLECTIONS.find((c) => c.name === 'units')!
    const existing = Object.fromEntries(COLLECTIONS.map((c) => [c.name, ['_id_', ...c.indexes.map((i) => i.name)]]))
    existing.units = ['_id_', ...units.indexes.map((i) => i.name), 'stale_1']
    const { manager, calls } = recorder(existing)
    await applySchema(manager, COLLECTIONS, () => {})
    expect(calls.filter((c) => c.startsWith('update'))).toEqual(['update units +[] -[stale_1]'])
  })
})
