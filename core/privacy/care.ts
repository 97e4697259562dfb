/**
 * What care (关爱对象, 四包一) stored about a person, for their own export (privacy.exportMyData): their care record if
 * they are or were a care person (their flags are their own data), the care teams they sit on, and the daily checks
 * they made. How a deletion follows it is cloudfunctions/privacy/care.ts: a deleted care person's record, checks and
 * alerts go; a deleted helper's seats are emptied and their checks keep the day without their name.
 */
import { CARE_SLOTS, type MyCare } from '../contract/care'
import type { CareCheckDoc, CarePersonDoc } from '../model'

export interface CareFacts {
  /** Their own care record, if any. */
  record: CarePersonDoc | null
  /** The care records whose team they sit on. */
  helping: readonly CarePersonDoc[]
  /** The daily checks they made. */
  checks: readonly CareCheckDoc[]
}

export const noCare: CareFacts = { record: null, helping: [], checks: [] }

const iso = (d: Date | string): string => new Date(d).toISOString()

export function myCare(f: CareFacts, personId: string): MyCare {
  const names = new Map(f.helping.map((c) => [c._id, c.name]))
  return {
    record: f.record
      ? {
          flags: f.record.flags,
          note: f.record.note,
          active: f.record.active,
          team: CARE_SLOTS.flatMap((slot) => {
            const h = f.record?.team[slot]
            return h ? [{ slot, name: h.name }] : []
          }),
          checks: f.record.checks,
          history: f.record.history.map((h) => ({ flags: h.flags, note: h.note, by: h.byName, at: iso(h.at) })),
        }
      : null,
    helping: f.helping.flatMap((c) => {
      const slot = CARE_SLOTS.find((s) => c.team[s]?.personId === personId)
      return slot ? [{ name: c.name, slot, active: c.active }] : []
    }),
    checksMade: [...f.checks]
      .sort((a, b) => (a.day < b.day ? 1 : -1))
      .map((k) => ({
        day: k.day,
        name: names.get(k.carePersonId) ?? '',
        seen: k.seen,
        temperature: k.temperature,
        needs: k.needs,
      })),
  }
}

/**
 * What a deleted care person's record holds in the transaction that ends their care count (before it is removed):
 * no flags, note, history or team, inactive — so the count, the person's careFlags and the record agree at every
 * moment, and a deletion cut off after it only has the emptied document left to remove.
 */
export const forgottenRecord = (
  name: string,
): Pick<CarePersonDoc, 'name' | 'flags' | 'note' | 'active' | 'team' | 'helperIds' | 'history' | 'openAlertDay'> => ({
  name,
  flags: [],
  note: '',
  active: false,
  team: Object.fromEntries(CARE_SLOTS.map((s) => [s, null])) as CarePersonDoc['team'],
  helperIds: [],
  history: [],
  openAlertDay: '',
})

/** A care record with a deleted helper's seats emptied (null when they sat on none). */
export function withoutHelper(c: CarePersonDoc, personId: string): Pick<CarePersonDoc, 'team' | 'helperIds'> | null {
  if (!c.helperIds.includes(personId) && !CARE_SLOTS.some((s) => c.team[s]?.personId === personId)) return null
  const team = Object.fromEntries(
    CARE_SLOTS.map((s) => [s, c.team[s]?.personId === personId ? null : c.team[s]]),
  ) as CarePersonDoc['team']
  return { team, helperIds: c.helperIds.filter((id) => id !== personId) }
}

/** A care record's history with a deleted staff member's name off the marks they made (null when they made none). */
export function historyWithout(
  c: Pick<CarePersonDoc, 'history'>,
  personId: string,
  name: string,
): CarePersonDoc['history'] | null {
  if (!c.history.some((h) => h.byId === personId && h.byName !== name)) return null
  return c.history.map((h) => (h.byId === personId ? { ...h, byName: name } : h))
}
