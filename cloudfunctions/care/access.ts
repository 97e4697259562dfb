/**
 * Who the caller is to a care person, and the views every handler answers with. Access is decided by
 * core/care/visibility.ts from the caller's grants and the care record's team, never from the payload; a caller who
 * may not see a care person learns nothing of them (NOT_FOUND, as for a person who does not exist).
 */
import { CARE_DETAIL_DAYS, CARE_SLOTS, type CareCheckView, type CareDetail, type CareRow } from '../../core/contract'
import { careAccess, leadsCare } from '../../core/care/visibility'
import { careDayOf, detailSince } from '../../core/care/days'
import { orderedFlags, slotOf } from '../../core/care/team'
import type { CarePersonDoc, CareCheckDoc, PersonDoc } from '../../core/model'
import { STAFF_ROLES } from '../../core/permissions'
import { ancestorAt, doorLabel, isWithin, type Unit } from '../../core/units'
import { recordRead } from '../../server/audit'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { byId, iso } from '../../server/views'

export const viewerOf = (caller: Caller) => ({ personId: caller.person?._id, grants: caller.grants })

/** Staff over the home: they mark and name the team. */
export const editsCare = (caller: Caller, homePath: string): boolean =>
  caller.grants.some((g) => STAFF_ROLES.includes(g.role) && isWithin(homePath, g.path))

/** The person of a payload, living somewhere (a care person always has a home). */
export async function personOr404(data: Data, personId: string): Promise<PersonDoc> {
  const [person] = await data.people.byIds([personId])
  if (!person || person.deletedAt) throw new AppError('NOT_FOUND')
  return person
}

/** The router's target of mark and team: the person's household. */
export const personHome = async (data: Data, personId: string): Promise<string | null> => {
  const [person] = await data.people.byIds([personId])
  return person && !person.deletedAt ? (person.householdId ?? null) : null
}

export const doorOf = (homes: ReadonlyMap<string, Unit>, householdId: string): string => {
  const h = homes.get(householdId)
  return h ? doorLabel(h) : ''
}

export function rowOf(c: CarePersonDoc, door: string, today: string): CareRow {
  return {
    personId: c._id,
    name: c.name,
    door,
    flags: orderedFlags(c.flags),
    team: CARE_SLOTS.flatMap((slot) => {
      const h = c.team[slot]
      return h ? [{ slot, name: h.name }] : []
    }),
    lastCheckDay: c.lastCheckDay || null,
    checkedToday: c.lastCheckDay === today,
    missedDay: c.openAlertDay || null,
  }
}

const checkView = (k: CareCheckDoc): CareCheckView => ({
  day: k.day,
  helperName: k.helperName,
  slot: k.slot,
  seen: k.seen,
  temperature: k.temperature,
  needs: k.needs,
  at: iso(k.updatedAt ?? k.at),
})

/**
 * A care person's page as the caller may see it, read fresh, with its audit entry written before it is returned
 * (a read the log cannot record is not served). NOT_FOUND for anyone outside the team, the grid chief and staff.
 */
export async function detailFor(data: Data, caller: Caller, personId: string): Promise<CareDetail> {
  const [care, person] = await Promise.all([data.carePersons.get(personId), personOr404(data, personId)])
  const homePath = care?.homePath ?? person.homePath
  const access = careAccess(viewerOf(caller), {
    homePath,
    // an unmarked person's old team sees nothing any more
    helperIds: care?.active ? care.helperIds : [],
  })
  if (!access || !homePath || !person.householdId) throw new AppError('NOT_FOUND')
  const now = new Date()
  const since = detailSince(now)
  const helperIds = care ? CARE_SLOTS.flatMap((s) => (care.team[s] ? [care.team[s].personId] : [])) : []
  const [home, helpers, checks, alerts] = await Promise.all([
    data.units.get(person.householdId),
    data.people.byIds(helperIds),
    care ? data.careChecks.ofPersonSince(personId, since, CARE_DETAIL_DAYS * CARE_SLOTS.length) : [],
    care ? data.careAlerts.ofPersonSince(personId, since, CARE_DETAIL_DAYS) : [],
  ])
  const phones = byId(helpers)
  const team = Object.fromEntries(
    CARE_SLOTS.map((slot) => {
      const h = care?.team[slot]
      return [slot, h ? { slot, personId: h.personId, name: h.name, phone: phones.get(h.personId)?.phone ?? '' } : null]
    }),
  ) as CareDetail['team']
  const canEdit = editsCare(caller, homePath)
  const today = careDayOf(now)
  await recordReadOf(data, caller, 'care.detail', person.householdId, homePath, [personId, ...helperIds])
  return {
    personId,
    name: person.name,
    door: home ? doorLabel(home) : '',
    phone: person.phone,
    buildingId: home?.parentId ?? null,
    gridId: ancestorAt(homePath, 'grid') ?? null,
    flags: orderedFlags(care?.flags ?? []),
    note: care?.note ?? '',
    active: care?.active ?? false,
    team,
    checks: checks.map(checkView),
    missedDays: alerts.map((a) => a.day),
    openMissedDay: care?.openAlertDay || null,
    today,
    mySlot: care?.active ? slotOf(care.team, caller.person?._id) : null,
    canEdit,
    history: canEdit
      ? [...(care?.history ?? [])]
          .reverse()
          .map((h) => ({ flags: orderedFlags(h.flags), note: h.note, by: h.byName, at: iso(h.at) }))
      : [],
  }
}

/** One audit entry of a care read over a unit. */
export async function recordReadOf(
  data: Data,
  caller: Caller,
  action: 'care.detail' | 'care.list' | 'care.mine',
  unitId: string,
  unitPath: string,
  subjectIds: readonly string[],
): Promise<void> {
  await recordRead(data, caller, { action, unit: { _id: unitId, path: unitPath }, subjectIds })
}

/** Whether the caller leads care (grid chief or staff) over the home. */
export const leadsHome = (caller: Caller, homePath: string | undefined): boolean =>
  leadsCare(viewerOf(caller), homePath)
