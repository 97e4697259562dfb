/**
 * What leaders watch at the gates: who is on duty now, shifts not fully covered soon, a person found on two
 * overlapping shifts (the seat rules forbid it; if the data ever says so, it is shown), and the points a confirmed
 * shift earns. Pure.
 */
import { overlapping } from './seats'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Uncovered shifts are looked for this far ahead. */
export const WATCH_HOURS = 24

/** The points per hour of duty a community pays when it set nothing, and the bounds of what it may set. */
export const DUTY_POINTS = { default: 10, min: 0, max: 50 } as const

export interface WatchShift {
  _id: string
  startAt: Date
  endAt: Date
  capacity: number
  filled: number
}

export interface WatchSignup {
  _id: string
  shiftId: string
  personId: string
  name: string
  startAt: Date
  endAt: Date
  checkInAt?: Date
  checkOutAt?: Date
}

/** Running now: started and not ended. */
export const isRunning = (s: Pick<WatchShift, 'startAt' | 'endAt'>, now: Date): boolean =>
  +s.startAt <= +now && +now < +s.endAt

/** On duty now: on a running shift, checked in and not yet out. */
export const onDutyNow = <T extends WatchSignup>(signups: readonly T[], now: Date): T[] =>
  signups.filter((s) => isRunning(s, now) && s.checkInAt !== undefined && s.checkOutAt === undefined)

/** Shifts starting (or running) within the next WATCH_HOURS that still have free seats, soonest first. */
export function uncovered<T extends WatchShift>(shifts: readonly T[], now: Date): T[] {
  const horizon = +now + WATCH_HOURS * HOUR
  return shifts
    .filter((s) => +s.endAt > +now && +s.startAt < horizon && s.filled < s.capacity)
    .sort((a, b) => +a.startAt - +b.startAt)
}

export interface OverlapFound {
  personId: string
  name: string
  signupIds: [string, string]
}

/** Every pair of one person's sign-ups whose shifts overlap (each pair once). */
export function overlapsFound(signups: readonly WatchSignup[]): OverlapFound[] {
  const byPerson = new Map<string, WatchSignup[]>()
  for (const s of signups) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s])
  const out: OverlapFound[] = []
  for (const [personId, list] of byPerson) {
    const sorted = [...list].sort((a, b) => +a.startAt - +b.startAt)
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        if (sorted[i].shiftId !== sorted[j].shiftId && overlapping(sorted[i], sorted[j]))
          out.push({ personId, name: sorted[i].name, signupIds: [sorted[i]._id, sorted[j]._id] })
  }
  return out
}

/** A community's stored rate within bounds, else the default. */
export const dutyPointsPerHour = (stored: number | null | undefined): number =>
  typeof stored === 'number' && Number.isInteger(stored) && stored >= DUTY_POINTS.min && stored <= DUTY_POINTS.max
    ? stored
    : DUTY_POINTS.default

/** The points of minutes on duty at a rate per hour, rounded down to whole points. */
export const dutyPoints = (minutes: number, perHour: number): number =>
  Math.max(0, Math.floor((Math.max(0, minutes) * perHour) / 60))
