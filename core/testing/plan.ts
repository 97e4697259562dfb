/**
 * A building's slots from a simple plan: `count` sequential slots from a Beijing start time on the round's day, each
 * `minutes` long. Pure: the handler writes what this answers, under ids from core/ids.ts testingSlotId.
 */

const OFFSET_MS = 8 * 3_600_000
const MINUTE = 60_000

export interface SlotPlan {
  date: string
  startTime: string
  minutes: number
  count: number
}

export interface PlannedSlot {
  index: number
  startAt: Date
  endAt: Date
}

/** The moment a Beijing day and time of day (HH:MM) stand for. */
export const beijingMoment = (date: string, time: string): Date =>
  new Date(Date.parse(`${date}T${time}:00.000Z`) - OFFSET_MS)

/** The slots of a plan, or null when the last would end after the day (midnight Beijing). */
export function planSlots(plan: SlotPlan): PlannedSlot[] | null {
  const start = beijingMoment(plan.date, plan.startTime).getTime()
  if (Number.isNaN(start)) return null
  const dayEnd = beijingMoment(plan.date, '00:00').getTime() + 24 * 60 * MINUTE
  const slots = Array.from({ length: plan.count }, (_, index) => ({
    index,
    startAt: new Date(start + index * plan.minutes * MINUTE),
    endAt: new Date(start + (index + 1) * plan.minutes * MINUTE),
  }))
  return slots.length && slots[slots.length - 1].endAt.getTime() <= dayEnd ? slots : null
}

/** Whether stored slots are those a plan makes (a repeated plan is accepted, another one refused). */
export function samePlan(
  stored: readonly { index: number; startAt: Date; endAt: Date; capacity: number; siteIndex: number }[],
  planned: readonly PlannedSlot[],
  capacity: number,
  siteIndex: number,
): boolean {
  if (stored.length !== planned.length) return false
  const byIndex = new Map(stored.map((s) => [s.index, s]))
  return planned.every((p) => {
    const s = byIndex.get(p.index)
    return (
      !!s && +s.startAt === +p.startAt && +s.endAt === +p.endAt && s.capacity === capacity && s.siteIndex === siteIndex
    )
  })
}
