/**
 * What the pages read, each in one call with bounded reads: a checkpoint's day (its shifts and seats; for its
 * leaders the names, who is on duty now and the shifts not covered in the next 24 hours), one's own shifts, one
 * shift with the note the shift before left, and the warnings of a scope.
 */
import type { MyShift } from '../../../core/contract'
import type { ShiftSignupDoc } from '../../../core/model'
import type { SeatCursor } from '../../../server/data/shift-signups'
import { checkWindow } from '../../../core/points/attendance'
import { beijingMidnight } from '../../../core/duty/shifts'
import { isRunning, onDutyNow, overlapsFound, uncovered, WATCH_HOURS } from '../../../core/duty/watch'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId, iso } from '../../../server/views'
import {
  cardOf,
  checkpointCard,
  checkpointOr404,
  communityRules,
  handoverOf,
  leads,
  mayServeOrLead,
  shiftOr404,
  shiftRow,
} from '../access'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How far back one's finished shifts are listed. */
const RECENT_DAYS = 7
/** How many shifts around now a leader's watch reads (48 hours of a gate with up to 24 shifts a day). */
const WATCH_READ = 48

export const roster: Action<'duty', 'roster'> = {
  async handle({ payload, caller, data }) {
    const c = await checkpointOr404(data, payload.checkpointId)
    mayServeOrLead(caller, c)
    const leader = leads(caller, c)
    const now = new Date()
    const from = beijingMidnight(payload.day)
    const [dayShifts, around, card, settings] = await Promise.all([
      data.shifts.starting(c._id, from, new Date(+from + DAY)),
      leader ? data.shifts.starting(c._id, new Date(+now - DAY), new Date(+now + WATCH_HOURS * HOUR), WATCH_READ) : [],
      checkpointCard(data, c),
      communityRules(data, c.communityId),
    ])
    const running = around.filter((s) => isRunning(s, now))
    const seats = await data.shiftSignups.ofShifts([...new Set([...dayShifts, ...running].map((s) => s._id))])
    return {
      checkpoint: card,
      day: payload.day,
      shifts: dayShifts.map((s) => shiftRow(s, seats, caller, leader)),
      leader,
      onDutyNow: leader
        ? onDutyNow(
            seats.filter((s) => s.status === 'active'),
            now,
          ).map((s) => ({ name: s.name, shiftId: s.shiftId, checkInAt: iso(s.checkInAt as Date) }))
        : [],
      uncovered: uncovered(around, now).map((s) => ({
        shiftId: s._id,
        startAt: iso(s.startAt),
        endAt: iso(s.endAt),
        free: s.capacity - s.filled,
      })),
      pointsPerHour: settings.pointsPerHour,
    }
  },
}

/** A page of one's seats: `u.<endMs>.<id>` for the upcoming list, `r.<endMs>.<id>` for the recent. */
type MyList = 'upcoming' | 'recent'
const encodeMine = (list: MyList, s: ShiftSignupDoc): string => `${list[0]}.${new Date(s.endAt).getTime()}.${s._id}`
function decodeMine(cursor: string): { list: MyList; after: SeatCursor } {
  const m = /^([ur])\.(\d{1,15})\.(.+)$/.exec(cursor)
  if (!m) throw new AppError('INVALID_PAYLOAD', '翻页位置不对')
  return { list: m[1] === 'u' ? 'upcoming' : 'recent', after: { endAt: new Date(Number(m[2])), id: m[3] } }
}

export const myShifts: Action<'duty', 'myShifts'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const bounds = { now, since: new Date(+now - RECENT_DAYS * DAY) }
    const at = payload.cursor ? decodeMine(payload.cursor) : null
    const read = (list: MyList) =>
      !at || at.list === list
        ? data.shiftSignups.pageOfPerson(person._id, list, bounds, at?.after, payload.pageSize)
        : Promise.resolve({ rows: [] as ShiftSignupDoc[], more: false })
    const [upcoming, recent] = await Promise.all([read('upcoming'), read('recent')])
    const mine = [...upcoming.rows, ...recent.rows]
    const [shifts, checkpoints] = await Promise.all([
      data.shifts.byIds(mine.map((s) => s.shiftId)),
      data.checkpoints.byIds([...new Set(mine.map((s) => s.checkpointId))]),
    ])
    const units = byId(await data.units.byIds([...new Set(checkpoints.map((c) => c.unitId))]))
    const cps = byId(checkpoints)
    const byShift = byId(shifts)
    const rowsOf = (seats: readonly ShiftSignupDoc[]): MyShift[] =>
      seats.flatMap((seat) => {
        const s = byShift.get(seat.shiftId)
        const c = s && cps.get(s.checkpointId)
        if (!s || !c) return []
        return [{ shift: shiftRow(s, mine, caller, false), checkpoint: cardOf(c, units.get(c.unitId)?.name ?? '') }]
      })
    const next = (list: MyList, page: { rows: ShiftSignupDoc[]; more: boolean }) =>
      page.more && page.rows.length ? encodeMine(list, page.rows[page.rows.length - 1]) : null
    return {
      upcoming: rowsOf(upcoming.rows),
      recent: rowsOf(recent.rows),
      nextUpcoming: next('upcoming', upcoming),
      nextRecent: next('recent', recent),
    }
  },
}

export const shift: Action<'duty', 'shift'> = {
  async handle({ payload, caller, data }) {
    const { shift: s, checkpoint: c } = await shiftOr404(data, payload.shiftId)
    const [seats, before, card, settings] = await Promise.all([
      data.shiftSignups.ofShifts([s._id]),
      data.shifts.endingAt(c._id, s.startAt),
      checkpointCard(data, c),
      communityRules(data, c.communityId),
    ])
    const leader = leads(caller, c)
    const onIt = seats.some((x) => x.personId === caller.person?._id && x.status !== 'cancelled')
    if (!leader && !onIt) mayServeOrLead(caller, c)
    const window = (kind: 'in' | 'out') => {
      const w = checkWindow(s, kind, settings.rules)
      return { opensAt: iso(w.opensAt), closesAt: iso(w.closesAt) }
    }
    return {
      shift: shiftRow(s, seats, caller, leader),
      checkpoint: card,
      // the outgoing shift's note is for those taking over, and the leaders
      previousHandover: leader || onIt ? handoverOf(before?.handover ?? null) : null,
      checkIn: window('in'),
      checkOut: window('out'),
      leader,
    }
  },
}

export const warnings: Action<'duty', 'warnings'> = {
  target: (p) => p.unitId,
  async handle({ data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const now = new Date()
    const from = new Date(+now - DAY)
    const to = new Date(+now + WATCH_HOURS * HOUR)
    const [free, seats] = await Promise.all([
      data.shifts.withFreeSeats(target.path, from, to, 50),
      data.shiftSignups.activeUnder(target.path, from, to),
    ])
    const open = uncovered(free.rows, now)
    const overlaps = overlapsFound(seats.rows)
    const checkpoints = byId(
      await data.checkpoints.byIds([...new Set([...open, ...seats.rows].map((s) => s.checkpointId))]),
    )
    const seatsById = byId(seats.rows)
    const cpName = (id: string) => checkpoints.get(id)?.name ?? ''
    return {
      uncovered: open.map((s) => ({
        shiftId: s._id,
        checkpoint: cpName(s.checkpointId),
        startAt: iso(s.startAt),
        endAt: iso(s.endAt),
        free: s.capacity - s.filled,
      })),
      overlaps: overlaps.map((o) => ({
        personId: o.personId,
        name: o.name,
        shifts: o.signupIds.flatMap((id) => {
          const s = seatsById.get(id)
          return s ? [{ checkpoint: cpName(s.checkpointId), startAt: iso(s.startAt), endAt: iso(s.endAt) }] : []
        }),
      })),
      more: free.more || seats.more,
    }
  },
}
