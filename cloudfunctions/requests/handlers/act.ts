/**
 * requests.act: one move by a person (core/requests/machine.ts decides who may make it, now): text content-checked,
 * photos the caller's own uploads, then the one transaction of cloudfunctions/requests/move.ts. Answers the request
 * as the caller now sees it. The same tap again answers the same view and writes nothing.
 */
import { MOVE_LABELS } from '../../../core/contract/requests'
import type { MoveRequest } from '../../../core/requests/machine'
import { checkText } from '../../../server/content-check'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { checkAttachable } from '../../../server/uploads'
import { actorOf, maySee, relationOf } from '../access'
import { detailById, detailFor } from '../detail'
import { makeMove, resumeMove } from '../move'
import { requestSettingsOf } from '../../../server/request-create'

export const act: Action<'requests', 'act'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me || !caller.openid) throw new AppError('NOT_REGISTERED')
    const { id, tapId, ...input } = payload
    const r = await data.requests.get(id)
    if (!r) throw new AppError('REQUEST_NOT_FOUND')
    const [rel, settings, events] = await Promise.all([
      relationOf(data, caller, r),
      requestSettingsOf(data, r.communityId, r.streetId),
      data.requestEvents.ofRequest(id),
    ])
    const departments = events.flatMap((e) => (e.departmentId ? [e.departmentId] : []))
    if (!maySee(caller, r, rel, departments)) throw new AppError('REQUEST_NOT_FOUND')
    // this tap moved it already (a retry after a lost answer): what the first try may have left undone (a merge's
    // followers, its messages) is finished, and the request as it stands is the answer
    const made = events.find((e) => e.tapId === tapId && e.actorId === me._id)
    if (made) {
      await resumeMove(data, r, made)
      return detailById(data, caller, id)
    }

    const written = [input.note, input.reason, input.comment].map((t) => t?.trim() ?? '').filter(Boolean)
    if (written.length) await checkText(caller.openid, MOVE_LABELS[input.move], written.join('\n'))
    const uploads = input.photos?.length ? await checkAttachable(data, caller, 'request', input.photos) : []

    const base = actorOf(caller, rel)
    const outcome = await makeMove(data, {
      requestId: id,
      req: input as MoveRequest,
      actor: (now) => ({ ...base, isErrandTaker: now.errandTakerId === me._id }),
      settings,
      now: new Date(),
      tapId,
      uploads,
      openid: caller.openid,
    })
    return outcome.kind === 'moved' ? detailFor(data, caller, outcome.after) : detailById(data, caller, id)
  },
}
