/**
 * `claims`: residents' claims to a household, pending until a leader decides (the decision itself is a transaction
 * of the join function over claims and people). Indexes (core/schema.ts): openid_1, status_1_householdPath_1.
 */
import { createHash } from 'node:crypto'
import type { ClaimDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, pathPrefix, rebaseField, total } from './query'

/**
 * A claim's id: derived from the claimant and how many claims they have made, so two concurrent claims of one
 * visitor collide on _id. (The other deterministic ids are plain joins: core/ids.ts.)
 */
export const claimId = (openid: string, nth: number): string =>
  createHash('sha256').update(`${openid}\n${nth}`).digest('hex').slice(0, 32)

export interface Claims {
  /**
   * The id a new claim of this openid takes (claimHousehold files it in a transaction with its counters), or null
   * when it has one pending; `again` after that id was taken by a concurrent claim: a fresh id, or null.
   */
  nextId(openid: string, again?: boolean): Promise<string | null>
  get(id: string): Promise<ClaimDoc | null>
  byIds(ids: readonly string[]): Promise<ClaimDoc[]>
  /** A visitor's claims, newest first. */
  of(openid: string): Promise<ClaimDoc[]>
  /** Pending claims to households under a unit, oldest first. */
  pendingUnder(path: string): Promise<ClaimDoc[]>
  countPendingUnder(path: string): Promise<number>
  /** A deleted person's claims: pending ones withdrawn; all keep household and decision, lose who made them. */
  anonymiseOf(openid: string): Promise<void>
  /** Rewrites the householdPath of every claim still under `from`. */
  rebase(from: string, to: string): Promise<number>
}

export function claims(db: Database): Claims {
  const _ = db.command
  const col = () => db.collection('claims')
  const pendingOf = (openid: string) => first<ClaimDoc>(col().where({ openid, status: 'pending' }))
  return {
    async nextId(openid, again) {
      // count first, then look for a pending claim: a concurrent claim either already shows as pending, or counted
      // the same number and collides on the id; after a collision, a concurrent claim is pending unless this
      // openid's earlier claims were anonymised (privacy), and then any fresh id will do
      const made = await total(col().where({ openid }))
      if (await pendingOf(openid)) return null
      return again ? claimId(`${openid}\n${Date.now()}`, made + 1) : claimId(openid, made + 1)
    },
    get: (id) => first<ClaimDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<ClaimDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async of(openid) {
      const found = await all<ClaimDoc>(col().where({ openid }))
      return found.sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    },
    async pendingUnder(path) {
      const found = await all<ClaimDoc>(col().where({ status: 'pending', householdPath: pathPrefix(db, path) }))
      return found.sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt))
    },
    countPendingUnder: (path) => total(col().where({ status: 'pending', householdPath: pathPrefix(db, path) })),
    async anonymiseOf(openid) {
      await col()
        .where({ openid, status: 'pending' })
        .update({ data: { status: 'withdrawn' } })
      await col()
        .where({ openid })
        .update({ data: { name: '', phone: '', openid: '' } })
    },
    rebase: (from, to) => rebaseField(db, col(), 'householdPath', from, to),
  }
}
