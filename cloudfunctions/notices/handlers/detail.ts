/** notices.detail (opening marks it read; a notice without 回执 is reached by reading) and notices.ack (收到, through
 * the reach ledger). */
import { addressedTo, leadsOver, reachesHome } from '../../../core/notices/audience'
import { isLive } from '../../../core/notices/expiry'
import { AppError } from '../../../server/errors'
import { recordAck, recordReach } from '../../../server/reach-ledger'
import type { Action } from '../../../server/router'
import { imagesFor } from '../../../server/uploads'
import { unitRef } from '../../../server/views'
import { ackNotice } from '../ack-notices'
import { cardsFor, targetsOf } from '../cards'

export const detail: Action<'notices', 'detail'> = {
  async handle({ payload, caller, data }) {
    const notice = await data.notices.get(payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    const resident = reachesHome(notice, caller.person?.homePath)
    const leads = leadsOver(notice, caller.grants)
    if (!resident && !leads) throw new AppError('FORBIDDEN')

    // opening marks it read (once; it never undoes a 收到); only for the residents it is addressed to
    if (resident && caller.person) {
      const now = new Date()
      const household = caller.person.householdId ? caller.units.get(caller.person.householdId) : undefined
      // a notice that asks for no 收到 is reached by reading: THE LEDGER RULE, as a 收到 would (once per household,
      // its receipt and building counter in one transaction), and before the read mark, as for 收到; a community's
      // or street's notice counts it as its 收到, by the countAcks timer (the read mark carries the household)
      const reaching = !notice.ackRequired && household && isLive(notice, now) ? household : undefined
      const batched = notice.counting === 'batched'
      if (reaching && !batched)
        await recordReach(data, {
          noticeId: notice._id,
          household: reaching,
          via: 'read',
          by: caller.person._id,
          at: now,
          urgent: notice.urgency === 'urgent',
        })
      await data.acks.markRead(notice._id, caller.person._id, now, batched ? reaching?._id : undefined)
    }

    const relay = payload.gridId ? await data.relays.get(notice._id, payload.gridId) : null
    const [[view], targets, images, acks, grid] = await Promise.all([
      cardsFor([notice], caller, data),
      targetsOf([notice], data),
      // passed images for everyone; 审核中 ones only for their uploader and the leaders; risky ones never
      imagesFor(data, notice.images, { personId: caller.person?._id, leads }),
      caller.person ? data.acks.ofPerson(caller.person._id, [notice._id]) : [],
      relay ? data.units.get(relay.gridId) : null,
    ])
    const { excerpt, ...rest } = view
    void excerpt
    return {
      ...rest,
      body: notice.body,
      images: images.images,
      checkingImages: images.checking,
      withheldImages: images.withheld,
      targets: targets.get(notice._id) ?? [],
      relayNote:
        relay && grid && relay.note ? { grid: unitRef(grid), note: relay.note, by: relay.byName || '网格长' } : null,
      acked: acks.some((a) => !!a.ackedAt),
      source: notice.source ?? null,
    }
  },
}

export const ack: Action<'notices', 'ack'> = {
  // the person alone (server/caller.ts 'home'): a flash crowd's 收到 is one request fewer; the household is read
  // below only where its path moves counters
  caller: 'home',
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person?.householdId || !person.homePath) throw new AppError('FORBIDDEN')
    // the notice as this instance keeps it (ack-notices.ts: only what never changes after publishing), read once
    // per instance: a crowd presses 收到 on one notice
    const notice = await ackNotice(data, payload.noticeId)
    if (!notice) throw new AppError('NOT_FOUND')
    if (!addressedTo(notice, person.homePath)) throw new AppError('FORBIDDEN')
    if (!isLive(notice, new Date())) throw new AppError('NOTICE_EXPIRED')
    // a community's or street's notice (core/notices/counting.ts): the person's 收到 alone, one write marked for
    // the countAcks timer, which counts the household where it is then, by the ledger rule, within a minute
    // (server/ack-counting.ts)
    if (notice.counting === 'batched') {
      await data.acks.markAcked(notice._id, person._id, new Date(), person.householdId)
      return { acked: true, householdReached: null }
    }
    // counted now: by the household as it is (its path moves the counters above it)
    const household = await data.units.get(person.householdId)
    if (!household || household.retired || !addressedTo(notice, household.path)) throw new AppError('FORBIDDEN')
    // THE LEDGER RULE (server/reach-ledger.ts): the household's receipt (its read is the first thing it does: most
    // 收到 end there) and a shard of every counter above it once, then the person's ack
    const { householdReached } = await recordAck(data, {
      noticeId: notice._id,
      household,
      personId: person._id,
      urgent: notice.urgency === 'urgent',
    })
    return { acked: true, householdReached }
  },
}
