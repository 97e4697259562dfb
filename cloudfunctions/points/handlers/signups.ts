/**
 * points.signUp and points.cancelSignUp (接龙): one sign-up per person per activity and role; a full role puts the
 * newcomer on its waiting list in order; a cancel moves the first waiting one up in the same transaction. The role's
 * counters (filled, waiting, seq) live on the activity and change in the transaction of the sign-up they count.
 */
import type { SignupDoc, VolunteerDoc } from '../../../core/model'
import { signupId, volunteerId } from '../../../core/ids'
import { noShowWindowText, RULE_BOUNDS } from '../../../core/points/settings'
import { noShowBar, placeOf, recentNoShows, signUpOpen } from '../../../core/points/signup'
import { ancestorAt } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import type { TxData } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { crowded, withdrawSignup, withRole } from '../../../server/signup-withdraw'
import type { Action } from '../../../server/router'
import { beijingDay } from './activities'
import { activityCard, activityOr404, inAudience, mySignup } from './activities-views'
import { rulesFor } from './rules'

/** A fresh volunteer document for a person (their totals start at zero). */
export function newVolunteer(caller: Caller, now: Date): Omit<VolunteerDoc, '_id'> {
  const person = caller.person
  const home = person?.homePath ?? ''
  return {
    name: person?.name ?? '',
    gridId: ancestorAt(home, 'grid') ?? '',
    communityId: ancestorAt(home, 'community') ?? '',
    minutes: 0,
    points: 0,
    activities: 0,
    hidden: false,
    noShows: [],
    updatedAt: now,
  }
}

/** Records a no-show on the person's volunteer document, inside the transaction that makes it. */
export async function recordNoShow(tx: TxData, personId: string, fresh: () => Omit<VolunteerDoc, '_id'>, now: Date) {
  const id = volunteerId(personId)
  const v = await tx.volunteers.get(id)
  // kept for the longest window any community may set: each community judges them by its own (core/points/settings.ts)
  const noShows = [...recentNoShows(v?.noShows ?? [], now, RULE_BOUNDS.noShowWindowDays.max), now]
  if (v) await tx.volunteers.update(id, { noShows, updatedAt: now })
  else await tx.volunteers.set(id, { ...fresh(), noShows })
}

export const signUp: Action<'points', 'signUp'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const a = await activityOr404(data, payload.activityId)
    if (!(await inAudience(data, caller, a))) throw new AppError('ACTIVITY_NOT_FOR_YOU')
    if (!a.roles[payload.roleIndex]) throw new AppError('NOT_FOUND')
    if (a.status !== 'open' || !signUpOpen(a, now)) throw new AppError('SIGNUP_CLOSED')
    const id = signupId(a._id, person._id, payload.roleIndex)
    // the bar is read before the transaction: it keeps the hot transaction (the role's counters) short
    const [volunteer, rules] = await Promise.all([
      data.volunteers.get(volunteerId(person._id)),
      rulesFor(data, a.communityId),
    ])
    const bar = noShowBar(volunteer?.noShows ?? [], now, rules)
    if (bar)
      throw new AppError(
        'SIGNUP_BARRED',
        `${noShowWindowText(rules.noShowWindowDays)}缺席 ${bar.noShows} 次，${beijingDay(bar.until)}后可再报名`,
      )

    // a crowd at the opening of 接龙 all write one activity: more rounds than the default before giving up
    const { signup, place, activity } = await crowded(() =>
      data.transaction(async (tx) => {
        const current = await tx.activities.get(a._id)
        if (!current) throw new AppError('NOT_FOUND')
        const existing = await tx.signups.get(id)
        if (existing && (existing.status === 'confirmed' || existing.status === 'waiting'))
          throw new AppError('SIGNUP_EXISTS')
        const role = current.roles[payload.roleIndex]
        const status = placeOf(role)
        const seq = role.seq + 1
        const roles = withRole(current.roles, payload.roleIndex, {
          seq,
          ...(status === 'confirmed' ? { filled: role.filled + 1 } : { waiting: role.waiting + 1 }),
        })
        const doc: SignupDoc = {
          _id: id,
          activityId: a._id,
          personId: person._id,
          name: person.name,
          roleIndex: payload.roleIndex,
          status,
          seq,
          signedUpAt: now,
          startAt: current.startAt,
          communityId: current.communityId,
        }
        const { _id, ...fields } = doc
        await tx.signups.set(_id, fields)
        await tx.activities.update(a._id, { roles })
        return { signup: doc, place: status === 'waiting' ? role.waiting + 1 : null, activity: { ...current, roles } }
      }),
    )
    return { signup: mySignup(signup, activity, place), activity: activityCard(activity) }
  },
}

export const cancelSignUp: Action<'points', 'cancelSignUp'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const s = await data.signups.get(payload.signupId)
    // someone else's sign-up does not exist for the caller
    if (!s || s.personId !== person._id) throw new AppError('NOT_FOUND')
    const a = await activityOr404(data, s.activityId)
    const now = new Date()
    if (s.status === 'confirmed' || s.status === 'waiting') {
      if (now >= a.startAt) throw new AppError('SIGNUP_STARTED')
    }
    // the seat goes to the first waiting one, who is told (server/signup-withdraw.ts)
    const out = await withdrawSignup(data, s, a, now, {
      recordNoShow: (tx) => recordNoShow(tx, person._id, () => newVolunteer(caller, now), now),
    })
    return {
      signup: mySignup(out.signup, out.activity, null),
      noShow: out.noShow,
      promoted: out.promoted?._id ?? null,
    }
  },
}
