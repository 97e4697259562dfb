/**
 * Earning one sign-up, exactly once: in one transaction it re-reads the sign-up (earned already → nothing), computes
 * the points by its role's rule from what was attended (never an amount from a client), posts the earn transfer
 * from the community's pool through the ledger under transferId('earn', signupId) — a racing twin collides on it —
 * and moves the caches: the sign-up, the person's totals, their teams' and memberships' totals.
 */
import { transferId } from '../../../core/ids'
import type { ActivityDoc } from '../../../core/model'
import { attendedSpan } from '../../../core/points/attendance'
import { pointsEarned } from '../../../core/points/earning'
import type { VolunteerRules } from '../../../core/points/rules'
import type { Data } from '../../../server/data'
import { postTransfer } from '../../../server/points-ledger'
import { addVolunteerTime, rankedWhere } from '../../../server/volunteer-totals'
import { recordNoShow } from './signups'

export type Earned = { kind: 'earned'; points: number; minutes: number } | { kind: 'noShow' } | { kind: 'skipped' }

export async function earnOne(
  data: Data,
  a: ActivityDoc,
  signupId: string,
  actorId: string,
  now: Date,
  /** the activity's community's rules (its night hours weigh the role's multiplier) */
  rules: VolunteerRules,
): Promise<Earned> {
  const first = await data.signups.get(signupId)
  if (!first) return { kind: 'skipped' }
  // memberships are queried before the transaction (transactions read by id only) and re-read inside it
  const [memberships, [person]] = await Promise.all([
    data.teamMembers.ofPerson(first.personId),
    data.people.byIds([first.personId]),
  ])
  // the person's grid and community rank them (their home now, not the activity's unit)
  const where = rankedWhere(person?.homePath, first.communityId)
  return data.transaction(async (tx): Promise<Earned> => {
    const s = await tx.signups.get(signupId)
    if (!s || s.status !== 'confirmed' || s.earnedAt) return { kind: 'skipped' }
    const fresh = () => ({
      name: s.name,
      ...where,
      minutes: 0,
      points: 0,
      activities: 0,
      hidden: false,
      noShows: [],
      updatedAt: now,
    })
    if (!s.checkInAt && !s.adjusted) {
      await tx.signups.update(s._id, { status: 'noShow' })
      await recordNoShow(tx, s.personId, fresh, now)
      return { kind: 'noShow' }
    }
    const role = a.roles[s.roleIndex]
    const span = attendedSpan(a, s)
    const points = pointsEarned(role.rule, span.from, span.minutes, rules)
    if (points > 0) {
      await postTransfer(tx, {
        id: transferId('earn', s._id),
        from: { kind: 'pool', id: a.communityId },
        to: { kind: 'person', id: s.personId },
        amount: points,
        kind: 'earn',
        reason: `志愿服务：${a.title}（${role.name}）`,
        ref: { kind: 'signup', id: s._id },
        actorId,
        at: now,
      })
    }
    const teams = []
    for (const m of memberships) {
      const member = await tx.teamMembers.get(m._id)
      if (member?.active) teams.push(member)
    }
    await tx.signups.update(s._id, {
      earnedAt: now,
      minutes: span.minutes,
      points,
      teamIds: teams.map((m) => m.teamId),
    })
    await addVolunteerTime(tx, { id: s.personId, name: s.name }, where, span.minutes, points, now)
    for (const m of teams) {
      await tx.teamMembers.update(m._id, { minutes: m.minutes + span.minutes, points: m.points + points })
      await tx.teams.increment(m.teamId, 'minutes', span.minutes)
      await tx.teams.increment(m.teamId, 'points', points)
    }
    return { kind: 'earned', points, minutes: span.minutes }
  })
}
