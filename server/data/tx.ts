/**
 * Inside a transaction: single documents by _id, typed per collection. The platform's transactions take no
 * queries, so whatever must be queried is read before the transaction starts. `get` answers null for a missing
 * document (wx-server-sdk rejects instead, see getOrNull), and every write is checked (`must`).
 */
import type { Tx } from '../transaction'
import { getOrNull, must } from '../transaction'
import type { CollectionName, DocOf } from './collections'

type Fields<T> = Omit<T, '_id'>
type NumberField<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string
/** The database's update commands (db.command): only `inc` is used here. */
export interface Commands {
  inc(by: number): unknown
}

export interface TxCollection<T extends { _id: string }> {
  get(id: string): Promise<T | null>
  set(id: string, data: Fields<T>): Promise<void>
  update(id: string, patch: Partial<Fields<T>>): Promise<void>
  /** Adds `by` to a number field of an existing document without reading it (a write: racing writers conflict). */
  increment(id: string, field: NumberField<T>, by: number): Promise<void>
  /**
   * Adds to number fields of a document without reading it (db.command.inc) and sets `also` with them; false when
   * no such document exists (nothing written: the caller creates it, and a twin that created it meanwhile makes
   * that create conflict). One request, where a get and a set are two.
   */
  incrementIfExists(
    id: string,
    by: Partial<Record<NumberField<T>, number>>,
    also?: Partial<Fields<T>>,
  ): Promise<boolean>
  /** Adds a document; its _id when the data names none. */
  add(data: Fields<T> & { _id?: string }): Promise<string>
}

export type TxData = { [K in CollectionName]: TxCollection<DocOf<K>> }

type Raw = Record<string, unknown>

function txCollection<T extends { _id: string }>(tx: Tx, name: string, command: Commands): TxCollection<T> {
  const col = tx.collection(name)
  return {
    get: (id) => getOrNull<T>(col.doc(id)),
    async set(id, data) {
      await must(col.doc(id).set({ data: data as unknown as Raw }))
    },
    async update(id, patch) {
      await must(col.doc(id).update({ data: patch as unknown as Raw }))
    },
    async increment(id, field, by) {
      await must(col.doc(id).update({ data: { [field]: command.inc(by) } }))
    },
    async incrementIfExists(id, by, also) {
      const data: Raw = { ...(also as Raw | undefined) }
      for (const [field, n] of Object.entries(by)) if (n) data[field] = command.inc(n as number)
      const res = (await must(col.doc(id).update({ data }))) as { stats?: { updated?: number }; updated?: number }
      return (res?.stats?.updated ?? res?.updated ?? 0) > 0
    },
    async add(data) {
      return (await must(col.add({ data: data as unknown as Raw })))._id
    },
  }
}

/** The typed view of an open transaction (one operation at a time: the platform runs them in order). */
export function txData(tx: Tx, names: readonly CollectionName[], command: Commands): TxData {
  return Object.fromEntries(names.map((n) => [n, txCollection(tx, n, command)])) as TxData
}
