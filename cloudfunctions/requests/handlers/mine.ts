/**
 * requests.mine: the caller's requests — reported and followed (我也遇到了) —, most recently changed first, one keyset
 * page of requestFollowers (personId_1_requestUpdatedAt_-1; the cursor is the last row's requestUpdatedAt and id) and
 * the requests it names.
 */
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { settingsCache } from '../access'
import { afterOf, pageOf } from '../paging'
import { rowOf } from '../views'

export const mine: Action<'requests', 'mine'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const after = afterOf(payload.cursor, true)
    const read = await data.requestFollowers.ofPerson(me._id, after, payload.pageSize + 1)
    const { shown, nextCursor } = pageOf(read, payload.pageSize, (f) => [f.requestUpdatedAt, f._id])
    const found = byId(await data.requests.byIds(shown.map((f) => f.requestId)))
    const settingsOf = settingsCache(data)
    const rows = await Promise.all(
      shown.flatMap((f) => {
        const r = found.get(f.requestId)
        if (!r) return []
        return [settingsOf(r).then((s) => rowOf(r, s, r.reporterId !== me._id, f.kind))]
      }),
    )
    return { rows, nextCursor }
  },
}
