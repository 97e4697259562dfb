/**
 * How activities and sign-ups look to the app, and the checks several handlers share: who may sign up for an
 * activity (its audience) and who organises it.
 */
import type { ActivityCard, MySignup } from '../../../core/contract'
import type { ActivityDoc, SignupDoc } from '../../../core/model'
import { mayOrganise } from '../../../core/points/activity'
import { freeCancelUntil } from '../../../core/points/signup'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { iso } from '../../../server/views'

export function activityCard(a: ActivityDoc): ActivityCard {
  return {
    id: a._id,
    title: a.title,
    place: a.place,
    startAt: iso(a.startAt),
    endAt: iso(a.endAt),
    signUpOpensAt: iso(a.signUpOpensAt),
    signUpClosesAt: iso(a.signUpClosesAt),
    audience: a.audience,
    roles: a.roles.map((r, index) => ({
      index,
      name: r.name,
      quota: r.quota,
      filled: r.filled,
      waiting: r.waiting,
      rule: r.rule,
    })),
    status: a.status,
    origin: a.origin,
  }
}

const isoOrNull = (d: Date | undefined): string | null => (d ? iso(d) : null)

/** A sign-up as its person sees it; `waitingPlace` is 1-based while waiting. */
export function mySignup(s: SignupDoc, a: ActivityDoc, waitingPlace: number | null): MySignup {
  return {
    id: s._id,
    activityId: s.activityId,
    roleIndex: s.roleIndex,
    roleName: a.roles[s.roleIndex]?.name ?? '',
    status: s.status,
    waitingPlace: s.status === 'waiting' ? waitingPlace : null,
    promotedAt: isoOrNull(s.promotedAt),
    checkInAt: isoOrNull(s.checkInAt),
    checkOutAt: isoOrNull(s.checkOutAt),
    minutes: s.earnedAt ? (s.minutes ?? 0) : null,
    points: s.earnedAt ? (s.points ?? 0) : null,
    freeCancelUntil: iso(freeCancelUntil(a.startAt, a.cancelBeforeHours)),
  }
}

/** The caller's sign-ups of an activity, with their places on the waiting lists. */
export async function mineOf(data: Data, a: ActivityDoc, personId: string): Promise<MySignup[]> {
  const mine = await data.signups.mineOf(a._id, personId)
  return Promise.all(
    mine.map(async (s) =>
      mySignup(s, a, s.status === 'waiting' ? (await data.signups.waitingAhead(a._id, s.roleIndex, s.seq)) + 1 : null),
    ),
  )
}

/** Whether the caller is in the activity's audience: lives under its grid or community, or is in its team. */
export async function inAudience(data: Data, caller: Caller, a: ActivityDoc): Promise<boolean> {
  const person = caller.person
  if (!person) return false
  if (a.audience.kind === 'team') {
    return (await data.teamMembers.ofPerson(person._id)).some((m) => m.teamId === a.audience.id)
  }
  return person.homePath !== undefined && person.homePath.includes(`/${a.audience.id}/`)
}

/** The leaders of the activity's team (they organise a team activity). */
export async function teamLeadersOf(data: Data, a: ActivityDoc): Promise<string[]> {
  if (a.audience.kind !== 'team') return []
  const team = await data.teams.get(a.audience.id)
  return team?.leaders.map((l) => l.id) ?? []
}

export async function organises(data: Data, caller: Caller, a: ActivityDoc): Promise<boolean> {
  const person = caller.person
  if (!person) return false
  return mayOrganise(a, person._id, caller.grants, await teamLeadersOf(data, a))
}

/** The activity, or NOT_FOUND. */
export async function activityOr404(data: Data, id: string): Promise<ActivityDoc> {
  const a = await data.activities.get(id)
  if (!a) throw new AppError('NOT_FOUND')
  return a
}

/** The activity, when the caller organises it (ACTIVITY_NOT_ORGANISER otherwise). */
export async function organisedBy(data: Data, caller: Caller, id: string): Promise<ActivityDoc> {
  const a = await activityOr404(data, id)
  if (!(await organises(data, caller, a))) throw new AppError('ACTIVITY_NOT_ORGANISER')
  return a
}

/** The audience ids whose open activities a person sees: their home's grid and community, their teams, and the
 * units they organise for. */
export async function audienceIdsOf(data: Data, caller: Caller): Promise<string[]> {
  const person = caller.person
  if (!person) return []
  const home = person.homePath ? person.homePath.split('/').filter(Boolean).slice(1, 3) : []
  const teams = (await data.teamMembers.ofPerson(person._id)).map((m) => m.teamId)
  const led = caller.grants.filter((g) => g.role !== 'resident').map((g) => g.unitId)
  return [...new Set([...home, ...teams, ...led])]
}
