/**
 * requests.follow (我也遇到了): a resident of the request's grid follows an open request, once. One transaction: the
 * follower row (requestFollowerId: a second press collides on it) and the request's followerCount.
 */
import { requestFollowerId } from '../../../core/ids'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { livesInGrid } from '../access'

export const follow: Action<'requests', 'follow'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const first = await data.requests.get(payload.id)
    if (!first) throw new AppError('REQUEST_NOT_FOUND')
    if (!livesInGrid(caller, first)) throw new AppError('REQUEST_NOT_IN_GRID')
    const id = requestFollowerId(first._id, me._id)
    return data.transaction(async (tx) => {
      const r = await tx.requests.get(payload.id)
      if (!r) throw new AppError('REQUEST_NOT_FOUND')
      if (r.reporterId === me._id || (await tx.requestFollowers.get(id))) throw new AppError('ALREADY_FOLLOWING')
      if (r.group !== 'open') throw new AppError('MOVE_NOT_ALLOWED', '这条诉求已经办结或关闭')
      const now = new Date()
      await tx.requestFollowers.set(id, {
        requestId: r._id,
        personId: me._id,
        kind: 'follower',
        since: now,
        requestUpdatedAt: r.updatedAt,
      })
      await tx.requests.update(r._id, { followerCount: r.followerCount + 1 })
      return { followerCount: r.followerCount + 1 }
    })
  },
}
