/** notices.detail (opening marks it read; a notice without 回执 is reached by reading) and notices.ack (收到, through
 * the reach ledger). */
import { leadsOver, reachesHome } from '../../../core/notices/audience'
import { isLive } from '../../../core/notices/expiry'
import { getCloud } from '../../../server/cloud'
import { AppError } from '../../../server/errors'
import { recordAck, recordReach } from '../../../server/reach-ledger'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { cardsFor, targetsOf } from '../cards'

/** Temporary URLs of the notice's images; one the storage no longer has is left out. */
async function imageUrls(fileIDs: string[]): Promise<string[]> {
  if (fileIDs.length === 0) return []
  const res = (await getCloud().getTempFileURL({ fileList: fileIDs })) as {
    fileList: { status: number; tempFileURL: string }[]
  }
  return res.fileList.filter((f) => f.status === 0 && f.tempFileURL).map((f) => f.tempFileURL)
}

export const detail: Action<'notices', 'detail'> = {
  async handle({ payload, caller, data }) {
    const notice = await data.notices.get(payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    const resident = reachesHome(notice, caller.person?.homePath)
    if (!resident && !leadsOver(notice, caller.grants)) throw new AppError('FORBIDDEN')

    // opening marks it read (once; it never undoes a 收到); only for the residents it is addressed to
    if (resident && caller.person) {
      const now = new Date()
      const household = caller.person.householdId ? caller.units.get(caller.person.householdId) : undefined
      // a notice that asks for no 收到 is reached by reading: THE LEDGER RULE, as a 收到 would (once per household,
      // its receipt and building counter in one transaction), and before the read mark, as for 收到
      if (!notice.ackRequired && household && isLive(notice, now))
        await recordReach(data, { noticeId: notice._id, household, via: 'read', by: caller.person._id, at: now })
      await data.acks.markRead(notice._id, caller.person._id, now)
    }

    const relay = payload.gridId ? await data.relays.get(notice._id, payload.gridId) : null
    const [[view], targets, images, acks, grid] = await Promise.all([
      cardsFor([notice], caller, data),
      targetsOf([notice], data),
      imageUrls(notice.images),
      caller.person ? data.acks.ofPerson(caller.person._id, [notice._id]) : [],
      relay ? data.units.get(relay.gridId) : null,
    ])
    const { excerpt, ...rest } = view
    void excerpt
    return {
      ...rest,
      body: notice.body,
      images,
      targets: targets.get(notice._id) ?? [],
      relayNote:
        relay && grid && relay.note ? { grid: unitRef(grid), note: relay.note, by: relay.byName || '网格长' } : null,
      acked: acks.some((a) => !!a.ackedAt),
    }
  },
}

export const ack: Action<'notices', 'ack'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    const household = person?.householdId ? caller.units.get(person.householdId) : undefined
    if (!person || !household) throw new AppError('FORBIDDEN')
    const notice = await data.notices.get(payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    if (!reachesHome(notice, caller.person?.homePath)) throw new AppError('FORBIDDEN')
    if (!isLive(notice, new Date())) throw new AppError('NOTICE_EXPIRED')
    // THE LEDGER RULE (server/reach-ledger.ts): the household's receipt and its building counter once, the ack
    const { householdReached } = await recordAck(data, { noticeId: notice._id, household, personId: person._id })
    return { acked: true, householdReached }
  },
}
