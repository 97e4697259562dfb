/**
 * The care team (四包一) and the care record a mark writes: who may fill a seat, what a mark changes, and the history
 * a mark appends. Pure: the handler reads the people and units, this decides.
 */
import { CARE_SLOTS, type CareSlot } from '../contract/care'
import type { CareFlag, CareHelper, CarePersonDoc, PersonDoc } from '../model'
import { CARE_FLAGS } from '../model'
import { isWithin } from '../units'

/** How many marks a care record keeps in its history (the oldest drop out). */
export const CARE_HISTORY = 30

export const EMPTY_TEAM: Record<CareSlot, CareHelper | null> = {
  cadre: null,
  gridWorker: null,
  police: null,
  doctor: null,
}

/**
 * Whether `helper` may sit on the team of a care person of the community at `communityPath`: a joined, not deleted
 * person other than the care person, who lives in the community or holds a role over a unit of it (`rolePaths`:
 * the paths of the units the helper holds roles over).
 */
export function mayHelp(
  helper: Pick<PersonDoc, '_id' | 'openid' | 'deletedAt' | 'homePath'> | undefined,
  rolePaths: readonly string[],
  careId: string,
  communityPath: string,
): boolean {
  if (!helper || !helper.openid || helper.deletedAt || helper._id === careId) return false
  if (helper.homePath && isWithin(helper.homePath, communityPath)) return true
  return rolePaths.some((p) => isWithin(p, communityPath))
}

/** The problem of a requested team: a helper who may not help, or one person in two seats; null when it is fine. */
export function teamProblem(
  requested: Record<CareSlot, string | null>,
  allowed: (personId: string) => boolean,
): 'invalid' | 'duplicate' | null {
  const ids = CARE_SLOTS.map((s) => requested[s]).filter((id): id is string => id !== null)
  if (new Set(ids).size !== ids.length) return 'duplicate'
  return ids.every(allowed) ? null : 'invalid'
}

export const helperIdsOf = (team: Record<CareSlot, CareHelper | null>): string[] =>
  CARE_SLOTS.flatMap((s) => (team[s] ? [team[s].personId] : []))

/** The seat `personId` holds on the team, or null. */
export const slotOf = (team: Record<CareSlot, CareHelper | null>, personId: string | undefined): CareSlot | null =>
  CARE_SLOTS.find((s) => !!personId && team[s]?.personId === personId) ?? null

/** Flags in the one order every screen shows them. */
export const orderedFlags = (flags: readonly CareFlag[]): CareFlag[] => CARE_FLAGS.filter((f) => flags.includes(f))

/**
 * A care record after a mark: the flags and note set, active while any flag is set (activeSince moves only when it
 * becomes active again), the mark appended to the history. `before` null: the first mark of the person.
 */
export function marked(
  before: CarePersonDoc | null,
  person: Pick<PersonDoc, '_id' | 'name' | 'householdId' | 'homePath'>,
  communityId: string,
  flags: readonly CareFlag[],
  note: string,
  by: { id: string; name: string },
  at: Date,
): CarePersonDoc {
  const ordered = orderedFlags(flags)
  const active = ordered.length > 0
  const entry = { flags: ordered, note, byId: by.id, byName: by.name, at }
  const base: CarePersonDoc = before ?? {
    _id: person._id,
    personId: person._id,
    name: person.name,
    householdId: person.householdId ?? '',
    homePath: person.homePath ?? '',
    communityId,
    flags: [],
    note: '',
    active: false,
    activeSince: at,
    team: { ...EMPTY_TEAM },
    helperIds: [],
    lastCheckDay: '',
    checks: 0,
    lastAlertDay: '',
    openAlertDay: '',
    alerts: 0,
    history: [],
    updatedAt: at,
    createdAt: at,
  }
  return {
    ...base,
    name: person.name,
    householdId: person.householdId ?? base.householdId,
    homePath: person.homePath ?? base.homePath,
    flags: ordered,
    note,
    active,
    activeSince: active && !base.active ? at : base.activeSince,
    // an unmarked person raises no alert: an open one closes
    openAlertDay: active ? base.openAlertDay : '',
    history: [...base.history, entry].slice(-CARE_HISTORY),
    updatedAt: at,
  }
}

/** The words of a mark in the audit log. */
export const markNote = (flags: readonly string[], note: string): string =>
  (flags.length ? `标记：${flags.join('、')}` : '取消关爱标记') + (note ? `；备注：${note}` : '')
