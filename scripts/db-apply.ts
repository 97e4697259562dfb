/**
 * Applies core/schema.ts to a real cloud environment: creates missing collections, creates and drops indexes
 * so each collection has exactly the indexes the schema lists, and closes every collection to clients
 * (ADMINONLY: only cloud functions, which run as admin, may read or write).
 *
 *   TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run db:apply -- --env <envId> [--dry-run]
 */
import path from 'node:path'
import { COLLECTIONS, COLLECTION_ACL, type CollectionSpec } from '../core/schema'

/** The few calls of @cloudbase/manager-node this script needs (an interface, so a test can record them). */
export interface SchemaManager {
  createCollectionIfNotExists(name: string): Promise<unknown>
  describeCollection(name: string): Promise<{ Indexes?: { Name: string }[] }>
  updateCollection(
    name: string,
    change: {
      CreateIndexes?: {
        IndexName: string
        MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean }
      }[]
      DropIndexes?: { IndexName: string }[]
    },
  ): Promise<unknown>
  setCollectionAcl(name: string, aclTag: typeof COLLECTION_ACL): Promise<unknown>
}

/** The index every collection has and nobody may drop. */
const ID_INDEX = '_id_'

export async function applySchema(
  manager: SchemaManager,
  collections: CollectionSpec[] = COLLECTIONS,
  log: (line: string) => void = console.log,
): Promise<void> {
  for (const spec of collections) {
    await manager.createCollectionIfNotExists(spec.name)
    const existing = new Set((await manager.describeCollection(spec.name)).Indexes?.map((i) => i.Name) ?? [])
    const wanted = new Set(spec.indexes.map((i) => i.name))
    const create = spec.indexes.filter((i) => !existing.has(i.name))
    const drop = [...existing].filter((n) => n !== ID_INDEX && !wanted.has(n))
    if (create.length || drop.length) {
      await manager.updateCollection(spec.name, {
        CreateIndexes: create.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
            MgoIsUnique: false,
          },
        })),
        DropIndexes: drop.map((IndexName) => ({ IndexName })),
      })
    }
    await manager.setCollectionAcl(spec.name, COLLECTION_ACL)
    log(`${spec.name}: +${create.length} index(es), -${drop.length} index(es), ${COLLECTION_ACL}`)
  }
}

/** A manager that only prints what it would do (--dry-run). */
const dryRun = (log: (line: string) => void): SchemaManager => ({
  createCollectionIfNotExists: async (name) => log(`create collection if missing: ${name}`),
  describeCollection: async () => ({ Indexes: [] }),
  updateCollection: async (name, change) => log(`update ${name}: ${JSON.stringify(change)}`),
  setCollectionAcl: async (name, tag) => log(`acl ${name}: ${tag}`),
})

async function main(argv: string[]): Promise<void> {
  const envId = argv[argv.indexOf('--env') + 1]
  if (!argv.includes('--env') || !envId) throw new Error('usage: npm run db:apply -- --env <envId> [--dry-run]')
  if (argv.includes('--dry-run')) return applySchema(dryRun(console.log))
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env
  if (!secretId || !secretKey)
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key with TCB access)')
  // Loaded lazily: the dry run and the tests need no credentials and no network.
  const { default: CloudBase } = await import('@cloudbase/manager-node')
  const app = new CloudBase({ secretId, secretKey, envId })
  await applySchema({
    createCollectionIfNotExists: (n) => app.database.createCollectionIfNotExists(n),
    describeCollection: (n) => app.database.describeCollection(n),
    updateCollection: (n, c) => app.database.updateCollection(n, c),
    setCollectionAcl: (n, AclTag) =>
      app.commonService().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: n, AclTag } }),
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e.message)
    process.exit(1)
  })
}
