/**
 * points.home: the 积分 tab's one call — the wallet's summary (server/points-ledger.ts walletSummary: balance, what
 * expires soon, unused vouchers), my coming sign-ups, the first open activities I may join, my hours and star, my
 * roles (which leader entries to show) and the activities I organise.
 */
import { roleViews } from '../../../core/grid/me'
import { volunteerId } from '../../../core/ids'
import { starOf } from '../../../core/points/honours'
import { ancestorAt } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { walletSummary } from '../../../server/points-ledger'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { activityCard, audienceIdsOf, mySignup } from './activities-views'
import { rulesFor } from './rules'

const NEXT = 3
const FIRST_ACTIVITIES = 5
const ORGANISING = 10

export const home: Action<'points', 'home'> = {
  async handle({ caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const [wallet, volunteer, upcoming, audience, organising, rules] = await Promise.all([
      walletSummary(data, person._id, now),
      data.volunteers.get(volunteerId(person._id)),
      data.signups.upcoming(person._id, now, NEXT),
      audienceIdsOf(data, caller),
      data.activities.organising(person._id, ORGANISING),
      rulesFor(data, ancestorAt(person.homePath ?? '', 'community')),
    ])
    const [open, ofMine] = await Promise.all([
      audience.length ? data.activities.open(audience, now, 0, FIRST_ACTIVITIES) : [],
      data.activities.byIds(upcoming.map((s) => s.activityId)),
    ])
    const byId = new Map(ofMine.map((a) => [a._id, a]))
    const next = await Promise.all(
      upcoming.flatMap((s) => {
        const a = byId.get(s.activityId)
        if (!a) return []
        return [
          (async () => ({
            ...mySignup(
              s,
              a,
              s.status === 'waiting' ? (await data.signups.waitingAhead(a._id, s.roleIndex, s.seq)) + 1 : null,
            ),
            title: a.title,
            startAt: iso(a.startAt),
            place: a.place,
          }))(),
        ]
      }),
    )
    const minutes = volunteer?.minutes ?? 0
    return {
      balance: wallet.balance,
      expiring: { points: wallet.expiringSoon?.amount ?? 0, at: wallet.expiringSoon?.at ?? null },
      next,
      activities: open.map(activityCard),
      vouchers: wallet.vouchersActive,
      minutes,
      star: starOf(minutes, rules.starHours),
      roles: roleViews(caller.grants, caller.units),
      organising: organising.sort((x, y) => +new Date(x.startAt) - +new Date(y.startAt)).map(activityCard),
    }
  },
}
