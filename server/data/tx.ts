/**
 * Inside a transaction: single documents by _id, typed per collection. The platform's transactions take no
 * queries, so whatever must be queried is read before the transaction starts. `get` answers null for a missing
 * document (wx-server-sdk rejects instead, see getOrNull), and every write is checked (`must`).
 */
import type { Tx } from '../transaction'
import { getOrNull, must } from '../transaction'
import type { CollectionName, DocOf } from './collections'

type Fields<T> = Omit<T, '_id'>

export interface TxCollection<T extends { _id: string }> {
  get(id: string): Promise<T | null>
  set(id: string, data: Fields<T>): Promise<void>
  update(id: string, patch: Partial<Fields<T>>): Promise<void>
  /** Adds a document; its _id when the data names none. */
  add(data: Fields<T> & { _id?: string }): Promise<string>
}

export type TxData = { [K in CollectionName]: TxCollection<DocOf<K>> }

type Raw = Record<string, unknown>

function txCollection<T extends { _id: string }>(tx: Tx, name: string): TxCollection<T> {
  const col = tx.collection(name)
  return {
    get: (id) => getOrNull<T>(col.doc(id)),
    async set(id, data) {
      await must(col.doc(id).set({ data: data as unknown as Raw }))
    },
    async update(id, patch) {
      await must(col.doc(id).update({ data: patch as unknown as Raw }))
    },
    async add(data) {
      return (await must(col.add({ data: data as unknown as Raw })))._id
    },
  }
}

/** The typed view of an open transaction (one operation at a time: the platform runs them in order). */
export function txData(tx: Tx, names: readonly CollectionName[]): TxData {
  return Object.fromEntries(names.map((n) => [n, txCollection(tx, n)])) as TxData
}
