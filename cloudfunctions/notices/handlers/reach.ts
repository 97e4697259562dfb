/**
 * notices.reach / unreached / visit / remind (通知触达, 不落一户): how many households of a notice's audience
 * were reached, by the level below the unit (a street's communities, a community's grids, a grid's buildings); the unreached households of one building with their doors and phones
 * (audited); a leader's in-person reach (已上门告知), counted by the ledger like a 收到; and a reminder to the
 * unreached, at most once per notice per unit per day.
 *
 * The router has checked that the caller leads over the target unit; here the notice must have been published
 * to a unit overlapping it (FORBIDDEN when the caller leads over no part of the notice, NOT_FOUND when the unit is
 * simply outside its audience). Only the part of the unit inside the notice's audience is counted.
 *
 * Cost (reads): reach = 1 notice + one page of the unit's children (≤ pageSize + 1: a range of `siblingKey`
 * when the notice covers the unit whole, else the few children holding its parts, by id) + for the page's rows
 * and the audience parts their unit counters and 16 reach-counter shards each, by id (1 query per 100 ids) + the
 * day's reminder + for a batched notice one count of the 收到 still to be counted (as many as its crowd left since
 * the last firing of countAcks): bounded by the page, whatever the number of children and whatever lies below. unreached = 1 notice + 1 building + its households + its receipts +
 * the page's members + 1 audit write. visit = ledger (5 writes, 0 when already reached).
 */
import type { ReachResult, UnreachedRow } from '../../../core/contract'
import { byDoor } from '../../../core/grid/order'
import { siblingKey } from '../../../core/grid/siblings'
import { reminderId } from '../../../core/ids'
import { audienceWithin, leadsOver } from '../../../core/notices/audience'
import { beijingDay } from '../../../core/notices/beijing-time'
import { isLive } from '../../../core/notices/expiry'
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { homeOf, reminderMessage, unreachedAmong } from '../../../core/notices/messages'
import { levelBelow, unitOfPath } from '../../../core/notices/reach'
import { doorLabel, LEVELS, pathIds, type Unit } from '../../../core/units'
import { recordRead } from '../../../server/audit'
import type { Caller } from '../../../server/caller'
import { deliveryProgress } from '../../../server/delivery-progress'
import { AppError } from '../../../server/errors'
import { childCursor } from '../../../server/paging'
import type { Data } from '../../../server/data'
import { recordReach } from '../../../server/reach-ledger'
import { recipientsUnder, spendAndSend, type Recipient } from '../../../server/recipients'
import type { Action } from '../../../server/router'
import { iso, unitRef } from '../../../server/views'

/** The notice, and the part of `unit` in its audience; refuses when there is none. */
async function noticeOver(data: Data, noticeId: string, unit: Unit | null, caller: Caller) {
  if (!unit) throw new AppError('NOT_FOUND')
  const notice = await data.notices.get(noticeId)
  if (!notice) throw new AppError('NOT_FOUND')
  const audience = audienceWithin(notice, unit)
  if (audience.length === 0) {
    if (!leadsOver(notice, caller.grants)) throw new AppError('FORBIDDEN')
    throw new AppError('NOT_FOUND', `这条通知没有发到${unit.name}`)
  }
  return { notice, audience }
}

const requireLevel = (unit: Unit | null, level: Unit['level'], what: string): Unit => {
  if (!unit || unit.retired) throw new AppError('NOT_FOUND')
  if (unit.level !== level) throw new AppError('INVALID_PAYLOAD', `请选择${what}`)
  return unit
}

/**
 * One page of the children of `unit` at `rowLevel` that the notice went to, in sibling order after `cursor`, each
 * with the audience parts inside it. Covered whole: one range read of the children. Else only the children that
 * hold one of the notice's parts (as few as its units), read by id.
 */
async function rowsPage(
  data: Data,
  unit: Unit,
  audience: readonly string[],
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: { child: Unit; parts: string[] }[]; more: boolean }> {
  if (audience.length === 1 && audience[0] === unit.path) {
    const page = await data.units.childrenPage(unit._id, cursor, limit)
    return { rows: page.rows.map((child) => ({ child, parts: [child.path] })), more: page.more }
  }
  const depth = LEVELS.indexOf(unit.level) + 1
  const ids = [...new Set(audience.map((p) => pathIds(p)[depth]).filter((id): id is string => !!id))]
  const keyed = (await data.units.byIds(ids))
    .filter((c) => !c.retired && c.parentId === unit._id)
    .map((child) => ({ child, key: siblingKey(child) ?? child._id }))
    .filter((c) => cursor === undefined || c.key > cursor)
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  return {
    rows: keyed
      .slice(0, limit)
      .map(({ child }) => ({ child, parts: audience.filter((p) => p.startsWith(child.path)) })),
    more: keyed.length > limit,
  }
}

/** Households per unit (by id), from the unit counters of their subtrees; a unit without one has none. */
async function householdsOf(data: Data, paths: readonly string[]): Promise<Map<string, number>> {
  const counters = await data.unitCounters.byIds(paths.map(unitOfPath))
  return new Map(counters.map((c) => [c._id, c.households]))
}

export const reach: Action<'notices', 'reach'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, target, data }) {
    const { notice, audience } = await noticeOver(data, payload.noticeId, target, caller)
    const unit = target as Unit
    const rowLevel = levelBelow(unit.level)
    const { pageSize } = payload
    const cursor = childCursor(unit._id, payload.cursor)

    // the children the notice went to (a part of them at least), in name order, this page of them
    const page = rowLevel ? await rowsPage(data, unit, audience, cursor, pageSize) : { rows: [], more: false }
    const slice = page.rows.filter((c) => c.child.level === rowLevel)
    // a row counts the audience parts inside it: itself when the notice covers it whole
    const paths = [...new Set([...audience, ...slice.flatMap((c) => c.parts)])]
    const [households, reachedBy, reminder, delivery, counting] = await Promise.all([
      householdsOf(data, paths),
      data.reachCounters.reachedIn(notice._id, paths.map(unitOfPath)),
      data.reminders.get(reminderId(notice._id, unit._id, beijingDay(new Date()))),
      deliveryProgress(data, notice._id),
      // a community's or street's notice: the 收到 its crowd left for the countAcks timer (core/notices/counting.ts)
      notice.counting === 'batched' ? data.acks.uncountedOf(notice._id) : 0,
    ])
    const sum = (parts: readonly string[], of: ReadonlyMap<string, number>) =>
      parts.reduce((n, p) => n + (of.get(unitOfPath(p)) ?? 0), 0)
    return {
      notice: {
        id: notice._id,
        title: notice.title,
        urgency: notice.urgency,
        ackRequired: notice.ackRequired,
        publishedAt: iso(notice.publishedAt),
        expiresAt: iso(notice.expiresAt),
      },
      unit: unitRef(unit),
      households: sum(audience, households),
      reached: sum(audience, reachedBy),
      rowLevel: rowLevel as ReachResult['rowLevel'],
      rows: slice.map(({ child, parts }) => ({
        ...unitRef(child),
        households: sum(parts, households),
        reached: sum(parts, reachedBy),
      })),
      pageSize,
      ...(page.more && page.rows.length ? { nextCursor: siblingKey(page.rows[page.rows.length - 1].child) } : {}),
      delivery,
      counting,
      remindedToday: !!reminder,
    }
  },
}

export const unreached: Action<'notices', 'unreached'> = {
  target: (payload) => payload.microgridId,
  async handle({ payload, caller, target, data }) {
    const building = requireLevel(target, 'microgrid', '楼栋')
    const { notice } = await noticeOver(data, payload.noticeId, building, caller)
    const [homes, reached] = await Promise.all([
      data.units.householdsOf(building._id),
      data.receipts.reachedIn(notice._id, building._id),
    ])
    const open = homes.filter((h) => !reached.has(h._id)).sort(byDoor)
    const { page, pageSize } = payload
    const slice = open.slice(page * pageSize, (page + 1) * pageSize)
    const members = await data.people.inHouseholds(slice.map((h) => h._id))
    const rows: UnreachedRow[] = slice.map((h) => ({
      householdId: h._id,
      door: doorLabel(h),
      members: members
        .filter((p) => p.householdId === h._id)
        .sort((a, b) => (a._id < b._id ? -1 : 1))
        .map((p) => ({ id: p._id, name: p.name, phone: p.phone, joined: !!p.openid })),
    }))
    // doors and phones in full: one audit entry naming everyone shown
    await recordRead(data, caller, {
      action: 'notices.unreached',
      unit: building,
      subjectIds: rows.flatMap((r) => r.members.map((m) => m.id)),
    })
    return { total: open.length, page, pageSize, building: unitRef(building), rows }
  },
}

export const visit: Action<'notices', 'visit'> = {
  target: (payload) => payload.householdId,
  async handle({ payload, caller, target, data }) {
    const household = requireLevel(target, 'household', '住户')
    const { notice } = await noticeOver(data, payload.noticeId, household, caller)
    if (!isLive(notice, new Date())) throw new AppError('NOTICE_EXPIRED')
    const by = caller.person?._id
    if (!by) throw new AppError('FORBIDDEN')
    // THE LEDGER RULE: the receipt (by whom, when, how) and its building counter once; nothing if reached before
    const { householdReached } = await recordReach(data, {
      noticeId: notice._id,
      household,
      via: 'visit',
      by,
      method: payload.method,
      ...(payload.note ? { note: payload.note } : {}),
      urgent: notice.urgency === 'urgent',
    })
    return { householdReached }
  },
}

/** Messages one reminder sends at most, so the call ends well inside the function's timeout. */
export const REMIND_MAX = 300
const SUBS_PAGE = 100
const SEND_CONCURRENCY = 10

/** The members of unreached households under `audience` who can be sent a reminder now, at most REMIND_MAX. */
async function dueForReminder(data: Data, noticeId: string, audience: string[]): Promise<Recipient[]> {
  const due: Recipient[] = []
  for (const path of audience) {
    for (let after = ''; due.length < REMIND_MAX; ) {
      const page = await recipientsUnder(data, path, NOTICE_TEMPLATE.id, after, SUBS_PAGE)
      after = page.last
      const homes = page.recipients.map(homeOf).filter((h): h is string => !!h)
      const reached = homes.length ? await data.receipts.reachedAmong(noticeId, homes) : new Set<string>()
      due.push(...unreachedAmong(page.recipients, reached).slice(0, REMIND_MAX - due.length))
      if (page.done) break
    }
  }
  return due
}

export const remind: Action<'notices', 'remind'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, caller, target, data }) {
    const { notice, audience } = await noticeOver(data, payload.noticeId, target, caller)
    const unit = target as Unit
    const now = new Date()
    if (!isLive(notice, now)) throw new AppError('NOTICE_EXPIRED')
    const day = beijingDay(now)
    const id = reminderId(notice._id, unit._id, day)
    if (await data.reminders.get(id)) throw new AppError('ALREADY_REMINDED')

    // from the subscribers (few), not the households (many): those whose household no receipt names yet. Nobody
    // due: the day's reminder is left unused, and nothing is written.
    const due = await dueForReminder(data, notice._id, audience)
    // nobody due may be the work of a leader pressing at the same moment: their reminder spent the messages
    if (due.length === 0) throw new AppError((await data.reminders.get(id)) ? 'ALREADY_REMINDED' : 'NOTHING_TO_REMIND')

    // the day's reminder is taken before anything is sent: of two leaders pressing at once, one sends
    const created = await data.reminders.create({
      _id: id,
      noticeId: notice._id,
      unitId: unit._id,
      day,
      by: caller.person?._id ?? '',
      at: now,
      sent: 0,
    })
    if (!created) throw new AppError('ALREADY_REMINDED')

    let sent = 0
    for (let i = 0; i < due.length; i += SEND_CONCURRENCY) {
      const results = await Promise.all(
        due
          .slice(i, i + SEND_CONCURRENCY)
          .map((r) =>
            spendAndSend(
              data,
              r,
              reminderMessage(notice, { openid: r.openid, templateId: r.sub.templateId }),
              `notices.remind ${notice._id}`,
            ),
          ),
      )
      sent += results.filter(Boolean).length
    }
    if (sent === 0) {
      // every message went elsewhere meanwhile (a delivery spent it) or was refused: the reminder stays unused
      await data.reminders.remove(id)
      throw new AppError('NOTHING_TO_REMIND')
    }
    await data.reminders.setSent(id, sent)
    return { sent }
  },
}
