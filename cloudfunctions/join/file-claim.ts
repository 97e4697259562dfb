/**
 * Filing a claim: the claim and the pending-claims counters above its household in one transaction. One pending
 * claim per openid: its id is chosen from how many claims the openid made, so a concurrent second claim collides on
 * the id (the transaction finds the document there) and is refused instead of counted twice.
 */
import { claimMove } from '../../core/grid/counters'
import type { ClaimDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

/** The filed claim, or null when this openid has one pending already. */
export async function fileClaim(data: Data, doc: Omit<ClaimDoc, '_id'>): Promise<ClaimDoc | null> {
  for (const again of [false, true]) {
    const id = await data.claims.nextId(doc.openid, again)
    if (!id) return null
    const filed = await data.transaction(async (tx) => {
      if (await tx.claims.get(id)) return null
      await tx.claims.set(id, doc)
      await moveInTx(tx, [claimMove({ ...doc, status: 'withdrawn' }, doc)], doc.createdAt)
      return { _id: id, ...doc }
    })
    if (filed) return filed
  }
  return null
}
