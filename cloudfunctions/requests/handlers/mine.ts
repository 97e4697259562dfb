/**
 * requests.mine: the caller's requests — reported and followed (我也遇到了) —, most recently changed first, one page
 * of requestFollowers (personId_1_requestUpdatedAt_-1) and the requests it names.
 */
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { settingsCache } from '../access'
import { nextCursor, offsetOf } from '../paging'
import { rowOf } from '../views'

export const mine: Action<'requests', 'mine'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const skip = offsetOf(payload.cursor)
    const page = await data.requestFollowers.ofPerson(me._id, skip, payload.pageSize + 1)
    const shown = page.slice(0, payload.pageSize)
    const found = byId(await data.requests.byIds(shown.map((f) => f.requestId)))
    const settingsOf = settingsCache(data)
    const rows = await Promise.all(
      shown.flatMap((f) => {
        const r = found.get(f.requestId)
        if (!r) return []
        return [settingsOf(r).then((s) => rowOf(r, s, r.reporterId !== me._id, f.kind))]
      }),
    )
    return { rows, nextCursor: nextCursor(skip, payload.pageSize, page.length) }
  },
}
