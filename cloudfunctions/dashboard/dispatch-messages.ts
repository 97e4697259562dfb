/**
 * The `dispatchMessages` timer (config.json, every 10 minutes; the day's job is written from 07:30 Beijing on): each
 * morning every leader — a grid chief, community or street staff — who accepted the 日调度 template
 * (core/dashboard/dispatch.ts DISPATCH_TEMPLATE) gets ONE subscribe message with that day's five counts of their
 * widest unit, opening 今日调度. Through server/message-jobs.ts: one job per Beijing day (core/ids.ts messageJobId
 * of the day, written once), its recipients the template's subscriptions in id order (bounded batches, the cursor
 * saved after each, a lease so overlapping firings never send the same batch), each message spent with the day's
 * purpose, so a second firing, a resumed one or a killed one's successor never tells anybody twice. A job of a day
 * that has passed sends nothing more (its counts would be stale). The day comes from the firing's own time, so
 * what a test fires does not depend on the hour it runs.
 */
import {
  dispatchDay,
  dispatchMessage,
  dispatchPurpose,
  dispatchUnitOf,
  DISPATCH_TEMPLATE,
  isDispatchTime,
} from '../../core/dashboard/dispatch'
import type { DispatchList } from '../../core/contract'
import type { Data } from '../../server/data'
import { messageTimer, queueMessages, type MessageSource } from '../../server/message-jobs'
import type { Recipient } from '../../server/recipients'
import type { TimerHandler } from '../../server/router'
import { byId } from '../../server/views'
import { countsOf, readDispatch } from './dispatch-read'

const DISPATCH_LEVELS = new Set(['street', 'community', 'grid'])

const day: MessageSource = {
  label: 'dashboard dispatch',
  purpose: dispatchPurpose,
  async pager(data, job, now) {
    // a day gone by: its counts are no longer today's
    if (dispatchDay(now).day !== job.sourceId) return null
    const lists = new Map<string, Promise<DispatchList | null>>()
    const listOf = (unitId: string) => {
      let l = lists.get(unitId)
      if (!l) {
        l = (async () => {
          const unit = await data.units.get(unitId)
          return unit && !unit.retired && DISPATCH_LEVELS.has(unit.level) ? readDispatch(data, unit, now) : null
        })()
        lists.set(unitId, l)
      }
      return l
    }
    return async (after, limit) => {
      const subs = await data.subscriptions.ofTemplate(DISPATCH_TEMPLATE.id, after, limit)
      const people = byId(await data.people.byIds(subs.map((s) => s.personId)))
      const messages = (
        await Promise.all(
          subs.map(async (sub) => {
            const p = people.get(sub.personId)
            const unitId = p && !p.deletedAt && p.openid ? dispatchUnitOf(p.roles) : null
            const list = unitId ? await listOf(unitId) : null
            if (!p?.openid || !list) return []
            const recipient: Recipient = { sub, personId: p._id, openid: p.openid, homePath: p.homePath ?? '' }
            const message = dispatchMessage(
              { unitId: list.unit.id, unitName: list.unit.name, day: list.day, counts: countsOf(list) },
              { openid: p.openid, templateId: sub.templateId },
            )
            return [{ recipient, message }]
          }),
        )
      ).flat()
      return {
        messages,
        scanned: subs.length,
        last: subs.length ? subs[subs.length - 1]._id : after,
        done: subs.length < limit,
      }
    }
  },
}

const send = messageTimer({ dispatch: day })

/** Writes the day's job once it is time (07:30 Beijing of the firing's day), then sends what is due. */
export const dispatchMessages: TimerHandler = async (ctx: { data: Data; firedAt: Date }) => {
  if (isDispatchTime(ctx.firedAt)) await queueMessages(ctx.data, 'dispatch', dispatchDay(ctx.firedAt).day, ctx.firedAt)
  return send(ctx)
}
