/**
 * 日调度's one read (issue 13 item 4), shared by dashboard.dispatch (the page) and the dispatchMessages timer (the
 * morning message's counts): a unit's five sections for its Beijing day. Every read is bounded whatever lies under
 * the unit — counters by id (the request counters of the last OVERDUE_MONTHS months, the unit's households, each
 * notice's reach shards of the unit) and limited or counted queries on indexed fields whose candidates are what is
 * due today (requests open and overdue or due by tonight, shifts of today, alerts since yesterday, activities of
 * today), never the subtree's records: test/functions/dashboard/dispatch.test.ts compares a street's documents
 * examined with a grid's, and finds them the same after many requests ended late.
 */
import type {
  DispatchActivity,
  DispatchCare,
  DispatchList,
  DispatchNotice,
  DispatchRequest,
  DispatchShift,
} from '../../core/contract'
import { CATEGORY_LABELS } from '../../core/contract/requests'
import {
  dispatchDay,
  DISPATCH_ITEMS,
  orderByStart,
  orderMissed,
  orderRequests,
  orderUnreached,
  recentMonths,
  unreachedOf,
  type DispatchCounts,
} from '../../core/dashboard/dispatch'
import { figuresOf } from '../../core/grid/counters'
import { requestCounterId } from '../../core/ids'
import type { RequestDoc } from '../../core/model'
import { clip } from '../../core/notices/links'
import { pathIds, type Unit } from '../../core/units'
import type { Data } from '../../server/data'
import { byId, iso, unitRef } from '../../server/views'

/** Urgent notices over a unit read at most (each costs its reach shards of the unit). */
export const NOTICES_READ = 10

const requestItem = (r: RequestDoc): DispatchRequest => ({
  id: r._id,
  title: clip(`${CATEGORY_LABELS[r.category] ?? '诉求'}：${r.description}`, 40),
  place: r.place.label,
  overdue: r.overdue,
  dueAt: r.nextDueAt ? iso(r.nextDueAt) : null,
})

/** The dispatch list of `unit` for the Beijing day of `now`. */
export async function readDispatch(data: Data, unit: Unit, now: Date): Promise<DispatchList> {
  const { day, start, end, yesterday } = dispatchDay(now)
  const n = DISPATCH_ITEMS
  const [
    counters,
    overdueRows,
    dueRows,
    dueCount,
    notices,
    noticeCount,
    unitCounter,
    shifts,
    shiftCount,
    alerts,
    alertCount,
    activities,
    activityCount,
  ] = await Promise.all([
    data.requestCounters.byIds(recentMonths(now).map((m) => requestCounterId(unit._id, m))),
    data.requests.overdueUnder(unit.path, n),
    data.requests.dueUnder(unit.path, end, n),
    data.requests.countDueUnder(unit.path, end),
    data.notices.live(pathIds(unit.path), now, true, 0, NOTICES_READ),
    data.notices.countLive(pathIds(unit.path), now, true),
    data.unitCounters.byIds([unit._id]),
    data.shifts.withFreeSeats(unit.path, new Date(+start - 1), end, n),
    data.shifts.countWithFreeSeats(unit.path, new Date(+start - 1), end),
    data.careAlerts.underSince(unit.path, yesterday, n),
    data.careAlerts.countUnderSince(unit.path, yesterday),
    data.activities.startingUnder(unit.path, start, end, n),
    data.activities.countStartingUnder(unit.path, start, end),
  ])
  const overdue = counters.reduce((sum, c) => sum + (c.openOverdue ?? 0), 0)

  const households = figuresOf(unitCounter[0]).households
  const reached = await Promise.all(
    notices.map(async (nt) => (await data.reachCounters.reachedIn(nt._id, [unit._id])).get(unit._id) ?? 0),
  )
  const noticeRows = notices.map((nt, i) => ({
    id: nt._id,
    title: nt.title,
    households,
    unreached: unreachedOf(households, reached[i]),
    expiresAt: iso(nt.expiresAt),
    publishedAt: new Date(nt.publishedAt),
  }))
  const unreached = noticeRows.reduce((sum, r) => sum + r.unreached, 0)

  const checkpoints = byId(await data.checkpoints.byIds([...new Set(shifts.rows.map((s) => s.checkpointId))]))

  const requestRows = orderRequests(
    overdueRows.map((r) => ({ doc: r, id: r._id, overdue: true, dueAt: r.nextDueAt, updatedAt: r.updatedAt })),
    dueRows.map((r) => ({ doc: r, id: r._id, overdue: r.overdue, dueAt: r.nextDueAt, updatedAt: r.updatedAt })),
    n,
  )
  return {
    unit: unitRef(unit),
    day,
    requests: {
      count: overdue + dueCount,
      overdue,
      dueToday: dueCount,
      items: requestRows.map((r) => requestItem(r.doc)),
    },
    notices: {
      count: unreached,
      ...(noticeCount > NOTICES_READ ? { more: true as const } : {}),
      items: orderUnreached(noticeRows, n).map(({ publishedAt: _p, ...r }): DispatchNotice => r),
    },
    shifts: {
      count: shiftCount,
      items: orderByStart(
        shifts.rows.map((s) => ({ ...s, id: s._id })),
        n,
      ).map(
        (s): DispatchShift => ({
          id: s._id,
          checkpoint: checkpoints.get(s.checkpointId)?.name ?? '卡口',
          place: checkpoints.get(s.checkpointId)?.place ?? '',
          startAt: iso(s.startAt),
          endAt: iso(s.endAt),
          free: s.free,
          capacity: s.capacity,
        }),
      ),
    },
    care: {
      count: alertCount,
      items: orderMissed(
        alerts.map((a) => ({ id: a._id, day: a.day, name: a.name, personId: a.carePersonId })),
        n,
      ).map((a): DispatchCare => ({ personId: a.personId, name: a.name, day: a.day })),
    },
    activities: {
      count: activityCount,
      items: orderByStart(
        activities.map((a) => ({ ...a, id: a._id })),
        n,
      ).map(
        (a): DispatchActivity => ({
          id: a._id,
          title: a.title,
          place: a.place,
          startAt: iso(a.startAt),
          endAt: iso(a.endAt),
        }),
      ),
    },
  }
}

/** The five counts of a list (the morning message). */
export const countsOf = (l: DispatchList): DispatchCounts => ({
  requests: l.requests.count,
  notices: l.notices.count,
  shifts: l.shifts.count,
  care: l.care.count,
  activities: l.activities.count,
})
