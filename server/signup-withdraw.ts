/**
 * Withdrawing a sign-up (接龙), shared by points.cancelSignUp and privacy.requestDeletion: the sign-up is cancelled
 * and its role's counters move in one transaction; a confirmed seat goes to the first waiting one in that same
 * transaction, and they are told (one subscribe message, if they accepted one). The waiting head is read before
 * the transaction and re-read inside; if it changed, it looks again. A repeat changes nothing and tells nobody.
 */
import type { ActivityDoc, ActivityRoleDoc, SignupDoc } from '../core/model'
import { PROMOTED_TEMPLATE, promotedMessage, promotedPurpose } from '../core/points/messages'
import { cancelCountsAsNoShow } from '../core/points/signup'
import type { Data, TxData } from './data'
import { AppError } from './errors'
import { recipientsAmong, spendAndSendAs } from './recipients'
import { withRetry } from './transaction'

/** Rounds of data.transaction (each itself retried on conflict) for the transactions a crowd contends for. */
export const CROWD_ROUNDS = 3
export const crowded = <T>(run: () => Promise<T>): Promise<T> => withRetry(run, CROWD_ROUNDS)

export const withRole = (
  roles: ActivityRoleDoc[],
  index: number,
  change: Partial<ActivityRoleDoc>,
): ActivityRoleDoc[] => roles.map((r, i) => (i === index ? { ...r, ...change } : r))

export interface Withdrawn {
  signup: SignupDoc
  /** cancelled after the free time: recorded as a no-show */
  noShow: boolean
  /** the waiting sign-up that moved up into the seat */
  promoted: SignupDoc | null
  activity: ActivityDoc
}

/** The head of the waiting list changed under us: look again. */
class StaleHead extends Error {}

export async function withdrawSignup(
  data: Data,
  s: SignupDoc,
  a: ActivityDoc,
  now: Date,
  opts: {
    /** records a late cancel as a no-show inside the transaction; without it a cancel never counts as one */
    recordNoShow?: (tx: TxData) => Promise<void>
    /** more fields for the withdrawn sign-up (a deleted person's name) */
    patch?: Partial<SignupDoc>
  } = {},
): Promise<Withdrawn> {
  for (let attempt = 0; ; attempt++) {
    const head = s.status === 'confirmed' ? (await data.signups.waitingHead(a._id, s.roleIndex, 1))[0] : undefined
    try {
      const out = await crowded(() =>
        data.transaction(async (tx): Promise<Withdrawn> => {
          const mine = await tx.signups.get(s._id)
          if (!mine || (mine.status !== 'confirmed' && mine.status !== 'waiting'))
            return { signup: mine ?? s, noShow: mine?.status === 'noShow', promoted: null, activity: a }
          const current = await tx.activities.get(a._id)
          if (!current) throw new AppError('NOT_FOUND')
          const role = current.roles[mine.roleIndex]
          const noShow =
            !!opts.recordNoShow && cancelCountsAsNoShow(mine.status, current.startAt, current.cancelBeforeHours, now)
          let promoted: SignupDoc | null = null
          let change: Partial<ActivityRoleDoc>
          if (mine.status === 'waiting') change = { waiting: role.waiting - 1 }
          else if (role.waiting > 0) {
            // the seat goes to the first waiting one, in the same transaction
            const next = head ? await tx.signups.get(head._id) : null
            if (!next || next.status !== 'waiting') throw new StaleHead()
            await tx.signups.update(next._id, { status: 'confirmed', promotedAt: now })
            promoted = { ...next, status: 'confirmed', promotedAt: now }
            change = { waiting: role.waiting - 1 }
          } else change = { filled: role.filled - 1 }
          const roles = withRole(current.roles, mine.roleIndex, change)
          const status = noShow ? 'noShow' : 'cancelled'
          await tx.signups.update(mine._id, { status, cancelledAt: now, ...opts.patch })
          await tx.activities.update(a._id, { roles })
          if (noShow && opts.recordNoShow) await opts.recordNoShow(tx)
          return {
            signup: { ...mine, ...opts.patch, status, cancelledAt: now },
            noShow,
            promoted,
            activity: { ...current, roles },
          }
        }),
      )
      if (out.promoted) await tellPromoted(data, out.activity, out.promoted)
      return out
    } catch (e) {
      if (!(e instanceof StaleHead) || attempt >= 20) throw e
    }
  }
}

/**
 * Tells a volunteer their waiting sign-up moved up (one message, if they accepted the template): spent with the
 * purpose of this promotion, so a repeat never sends a second. A failure is logged, never thrown: the withdrawal
 * that caused it has happened.
 */
export async function tellPromoted(
  data: Data,
  a: ActivityDoc,
  promoted: Pick<SignupDoc, '_id' | 'personId' | 'roleIndex'> & { promotedAt?: Date },
): Promise<void> {
  try {
    const [r] = await recipientsAmong(data, [promoted.personId], PROMOTED_TEMPLATE.id)
    if (!r) return
    await spendAndSendAs(
      data,
      r,
      promotedMessage(a, a.roles[promoted.roleIndex]?.name ?? '', { openid: r.openid, templateId: r.sub.templateId }),
      `points promoted ${promoted._id}`,
      promotedPurpose(promoted._id, promoted.promotedAt ?? new Date(0)),
    )
  } catch (error) {
    console.warn(`[points promoted ${promoted._id}] not told`, error)
  }
}
