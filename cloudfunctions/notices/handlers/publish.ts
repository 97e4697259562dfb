/** notices.publish: a leader publishes to units inside their scope; text passes the content check first, and the
 * images must be the leader's own checked uploads (server/uploads.ts), each then sent to the image check (审核中). */
import { randomBytes } from 'node:crypto'
import type { DeliveryDoc, NoticeDoc } from '../../../core/model'
import { expiryProblem } from '../../../core/notices/expiry'
import { originLine, speakingGrant } from '../../../core/notices/origin'
import { outermost, publishGrants } from '../../../core/notices/scope'
import type { Unit } from '../../../core/units'
import { checkText } from '../../../server/content-check'
import { attachAndCheck, checkAttachable } from '../../../server/uploads'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId, unitRef } from '../../../server/views'
import { card } from '../cards'

export const publish: Action<'notices', 'publish'> = {
  // the permission table checks the first unit; every other unit is checked below
  target: (p) => p.unitIds[0] ?? null,
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const expiresAt = new Date(payload.expiresAt)
    const problem = expiryProblem(expiresAt, now)
    if (problem) throw new AppError('INVALID_PAYLOAD', problem)

    const found = byId(await data.units.byIds(payload.unitIds))
    const chosen: Unit[] = []
    for (const id of payload.unitIds) {
      const unit = found.get(id)
      if (!unit || unit.retired) throw new AppError('NOT_FOUND')
      if (publishGrants(caller.grants, unit).length === 0)
        throw new AppError('FORBIDDEN', `「${unit.name}」不在你可以发布的范围内`)
      chosen.push(unit)
    }
    const targets = outermost(chosen)

    // refused text: CONTENT_RISKY, and nothing below runs
    await checkText(caller.openid, payload.title, payload.body)
    // someone else's file, an unchecked or used one: UPLOAD_NOT_YOURS / UPLOAD_INVALID, and nothing below runs
    const uploads = await checkAttachable(data, caller, 'notice', payload.images)

    // origin: the widest role the caller publishes the first target with (和平里社区 · 许玉兰)
    const grant = speakingGrant(caller.grants, targets[0])
    const speaker = grant ? caller.units.get(grant.unitId) : undefined
    const id = randomBytes(12).toString('hex')
    const notice: NoticeDoc = {
      _id: id,
      title: payload.title,
      body: payload.body,
      images: payload.images,
      urgency: payload.urgency,
      ackRequired: payload.ackRequired,
      unitIds: targets.map((u) => u._id),
      unitPaths: targets.map((u) => u.path),
      publisherId: person._id,
      origin: originLine(speaker?.name ?? '', person.name),
      publishedAt: now,
      expiresAt,
    }
    const delivery: DeliveryDoc = {
      _id: id,
      noticeId: id,
      status: 'pending',
      unitIndex: 0,
      after: '',
      sent: 0,
      lockedUntil: new Date(0),
      createdAt: now,
    }
    // two documents, whatever the audience, both or neither: residents find the notice by their home's ancestors
    const { _id: noticeId, ...noticeFields } = notice
    const { _id: jobId, ...jobFields } = delivery
    await data.transaction(async (tx) => {
      await tx.notices.set(noticeId, noticeFields)
      await tx.deliveries.set(jobId, jobFields)
    })
    await attachAndCheck(
      data,
      uploads,
      { kind: 'notice', id, unitId: targets[0]._id, unitPath: targets[0].path },
      caller.openid,
    )
    return { ...card(notice, { read: false, householdReached: false }), targets: targets.map(unitRef) }
  },
}
