/**
 * The `database.*` actions of the CloudBase /admin protocol, as @cloudbase/database 1.4.3 (inside wx-server-sdk
 * 4.0.2) sends them, executed on the engine. Answers mirror the real service: `{requestId, data}` on success,
 * `{requestId, code, message}` on failure (the SDK turns the code into its errCode).
 */
import crypto from 'node:crypto'
import { EJSON } from 'bson'
import type { Doc, Engine, Sort } from '../store/engine'
import { StoreError } from '../store/errors'
import { decode, encode, revive } from './ejson'

export type WireParams = Record<string, unknown>
export type WireResponse = Record<string, unknown>

/** Server-side cap for cloud functions (the SDK also caps at 1000 and defaults to 100). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

const requestId = (): string => crypto.randomUUID()
const ok = (data: unknown): WireResponse => ({ requestId: requestId(), data })

export function wireError(code: string, message: string): WireResponse {
  return { requestId: requestId(), code, message }
}

function str(p: WireParams, key: string): string {
  const v = p[key]
  if (typeof v !== 'string' || !v) throw new StoreError('INVALID_PARAM', `${key} is required`)
  return v
}

/** `order` arrives as an EJSON object `{field: 1|-1}`; older SDKs sent `[{field, direction}]`. */
function decodeOrder(s: unknown, now: number): Sort | undefined {
  if (!s) return undefined
  const v = typeof s === 'string' ? revive(EJSON.parse(s), now) : s
  const out: Sort = {}
  if (Array.isArray(v)) {
    for (const o of v as Array<{ field: string; direction: string }>) out[o.field] = o.direction === 'desc' ? -1 : 1
  } else for (const [k, d] of Object.entries(v as Doc)) out[k] = Number(d) < 0 || d === 'desc' ? -1 : 1
  return out
}

/** Rejects batch (where) operations inside a transaction: the real service allows single-document ones only. */
function guardTransaction(p: WireParams): string | undefined {
  const tx = typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : undefined
  if (tx && p.queryType === 'WHERE') {
    throw new StoreError(
      'INVALID_PARAM',
      'transaction only supports single document operations (doc().get/set/update/remove and add), not where()',
    )
  }
  return tx
}

export async function handleDatabase(engine: Engine, action: string, p: WireParams): Promise<WireResponse> {
  const now = Date.now()
  try {
    switch (action) {
      case 'database.insertDocument': {
        const tx = guardTransaction(p)
        const raw = Array.isArray(p.data) ? p.data : [p.data]
        const docs = raw.map((s) => decode(s, now))
        return ok({ insertedIds: await engine.insert(str(p, 'collectionName'), docs, tx) })
      }
      case 'database.getDocument': {
        const tx = guardTransaction(p)
        const requested = Number(p.limit) || DEFAULT_LIMIT
        const limit = Math.min(Math.max(requested, 1), MAX_LIMIT)
        const offset = Number(p.offset) || 0
        const list = engine.find(str(p, 'collectionName'), decode(p.query, now), {
          sort: decodeOrder(p.order, now),
          skip: offset,
          limit,
          projection: p.projection ? decode(p.projection, now) : undefined,
          tx,
        })
        await engine.fence()
        return ok({ list: list.map(encode), limit, offset })
      }
      case 'database.calculateDocument': {
        guardTransaction(p)
        const total = engine.count(str(p, 'collectionName'), decode(p.query, now))
        await engine.fence()
        return ok({ total })
      }
      case 'database.modifyDocument': {
        const tx = guardTransaction(p)
        const data = decode(p.data, now)
        const merge = p.merge !== false
        if (merge) hoistPlainFields(data)
        const r = await engine.update(str(p, 'collectionName'), decode(p.query, now), data, {
          multi: Boolean(p.multi),
          upsert: Boolean(p.upsert),
          replace: !merge,
          tx,
        })
        return ok({ updated: r.updated, upsert_id: r.upsertedId })
      }
      case 'database.removeDocument': {
        const tx = guardTransaction(p)
        const deleted = await engine.remove(str(p, 'collectionName'), decode(p.query, now), {
          multi: Boolean(p.multi),
          tx,
        })
        return ok({ deleted })
      }
      case 'database.aggregateDocuments': {
        const stages = (Array.isArray(p.stages) ? p.stages : []) as Array<{ stageKey: string; stageValue: string }>
        const pipeline = stages.map((s) => ({ [s.stageKey]: revive(EJSON.parse(s.stageValue), now) }))
        const list = engine.aggregate(str(p, 'collectionName'), pipeline)
        await engine.fence()
        return ok({ list: list.map(encode) })
      }
      case 'database.addCollection': {
        const name = str(p, 'collectionName')
        if (!(await engine.createCollection(name))) {
          return wireError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`)
        }
        return ok({})
      }
      case 'database.startTransaction':
        return { requestId: requestId(), transactionId: engine.begin() }
      case 'database.commitTransaction':
        await engine.commit(str(p, 'transactionId'))
        return { requestId: requestId() }
      case 'database.abortTransaction':
        engine.abort(str(p, 'transactionId'))
        return { requestId: requestId() }
      default:
        return wireError('INVALID_PARAM', `local cloud does not support the action ${action}`)
    }
  } catch (e) {
    if (e instanceof StoreError) return wireError(e.code, e.message)
    return wireError('DATABASE_REQUEST_FAILED', (e as Error).message ?? String(e))
  }
}

/**
 * With merge (doc.update / where.update), the SDK normally sends only $-operators; any plain top-level field is
 * a partial update, as the service treats it: fold it into $set.
 */
function hoistPlainFields(data: Doc): void {
  for (const k of Object.keys(data)) {
    if (k.startsWith('$')) continue
    const set = (data.$set ??= {}) as Doc
    set[k] = data[k]
    delete data[k]
  }
}
