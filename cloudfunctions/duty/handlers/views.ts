/**
 * What the pages read, each in one call with bounded reads: a checkpoint's day (its shifts and seats; for its
 * leaders the names, who is on duty now and the shifts not covered in the next 24 hours), one's own shifts, one
 * shift with the note the shift before left, and the warnings of a scope.
 */
import type { MyShift } from '../../../core/contract'
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

export const myShifts: Action<'duty', 'myShifts'> = {
  async handle({ caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const mine = (await data.shiftSignups.ofPerson(person._id, new Date(+now - RECENT_DAYS * DAY))).filter(
      (s) => s.status !== 'cancelled',
    )
    const [shifts, checkpoints] = await Promise.all([
      data.shifts.byIds(mine.map((s) => s.shiftId)),
      data.checkpoints.byIds([...new Set(mine.map((s) => s.checkpointId))]),
    ])
    const units = byId(await data.units.byIds([...new Set(checkpoints.map((c) => c.unitId))]))
    const cps = byId(checkpoints)
    const rows: MyShift[] = shifts.flatMap((s) => {
      const c = cps.get(s.checkpointId)
      if (!c) return []
      return [{ shift: shiftRow(s, mine, caller, false), checkpoint: cardOf(c, units.get(c.unitId)?.name ?? '') }]
    })
    const end = (r: MyShift) => Date.parse(r.shift.endAt)
    return {
      upcoming: rows
        .filter((r) => end(r) > +now)
        .sort((a, b) => Date.parse(a.shift.startAt) - Date.parse(b.shift.startAt)),
      recent: rows.filter((r) => end(r) <= +now).sort((a, b) => end(b) - end(a)),
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
