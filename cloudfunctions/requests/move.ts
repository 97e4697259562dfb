/**
 * One move of a request, the only way a request changes after its report (requests.act and the sweep timer both come
 * here). In ONE data.transaction: the request re-read, core/requests/machine.ts decide() on it, the request written
 * whole, its event appended under requestEventId(id, seq) (a racing twin collides or conflicts), the counters moved
 * by figures(after) − figures(before) for every scope (core/requests/rates.ts counterDeltas), each follower row's
 * copy of updatedAt, a merge's followers added to the survivor, and an errand's points through the ledger
 * (errandEarnId: once). After it: the move's photos attached and sent to the image check, and people told.
 */
import type { RequestDoc, RequestEventDoc, UploadDoc } from '../../core/model'
import { errandEarnId, requestFollowerId } from '../../core/ids'
import { ERRAND_POINTS, errandReason } from '../../core/requests/errand'
import { decide, type Actor, type MoveRequest } from '../../core/requests/machine'
import type { RequestSettings } from '../../core/requests/settings'
import type { Data, TxData } from '../../server/data'
import { addInTx } from '../../server/data/request-counters'
import { AppError } from '../../server/errors'
import { postTransfer } from '../../server/points-ledger'
import { attachAndCheck } from '../../server/uploads'
import { counterDeltas } from '../../core/requests/rates'
import { titleOf } from './views'
import { tellAbout } from './tell'

/** Follower rows a move's transaction rewrites itself (a transaction stays small whatever the crowd). */
export const FOLLOWERS_IN_TX = 100

export interface MoveCall {
  requestId: string
  req: MoveRequest
  /** the actor, from the request as read (the errand's taker is read off it) */
  actor: (r: RequestDoc) => Actor
  settings: RequestSettings
  now: Date
  /** a person's move: their tap id (a retried tap answers 'repeat' and writes nothing) */
  tapId?: string
  /** the move's photos, already checked as the caller's own unused uploads (server/uploads.ts checkAttachable) */
  uploads?: readonly UploadDoc[]
  openid?: string
}

export type MoveOutcome =
  | { kind: 'moved'; before: RequestDoc; after: RequestDoc; event: RequestEventDoc }
  | { kind: 'repeat'; request: RequestDoc }

const fields = <T extends { _id: string }>({ _id, ...rest }: T): Omit<T, '_id'> => rest

/** Writes what the decision says, inside the transaction. */
async function write(
  tx: TxData,
  before: RequestDoc,
  after: RequestDoc,
  event: RequestEventDoc,
  call: MoveCall,
  followers: readonly { _id: string; personId: string }[],
  survivor: RequestDoc | null,
  payErrand: boolean,
) {
  // the event's id is the request's next seq: one that exists already means another move won the race
  if (await tx.requestEvents.get(event._id)) throw new AppError('REQUEST_STATE_CHANGED')
  await tx.requests.set(before._id, fields(after))
  await tx.requestEvents.set(event._id, fields(event))
  for (const d of counterDeltas(before, after)) await addInTx(tx, [d.scopeKey], d.month, d.delta, call.now)
  // the first rows move with the request; a crowd beyond them follows right after the transaction (makeMove)
  for (const f of followers.slice(0, FOLLOWERS_IN_TX))
    await tx.requestFollowers.update(f._id, { requestUpdatedAt: after.updatedAt })
  if (survivor && event.move === 'merge') {
    // every person on the duplicate follows the survivor from now on
    let added = 0
    for (const f of followers) {
      const id = requestFollowerId(survivor._id, f.personId)
      if (await tx.requestFollowers.get(id)) continue
      await tx.requestFollowers.set(id, {
        requestId: survivor._id,
        personId: f.personId,
        kind: 'follower',
        since: call.now,
        requestUpdatedAt: survivor.updatedAt,
      })
      added++
    }
    if (added) await tx.requests.update(survivor._id, { followerCount: survivor.followerCount + added })
  }
  if (payErrand && after.errandTakerId) {
    await postTransfer(tx, {
      id: errandEarnId(after._id),
      from: { kind: 'pool', id: after.communityId },
      to: { kind: 'person', id: after.errandTakerId },
      amount: ERRAND_POINTS,
      kind: 'earn',
      reason: errandReason(titleOf(after)),
      ref: { kind: 'errand', id: after._id },
      actorId: event.actorId,
      at: call.now,
    })
  }
}

/**
 * Makes the move. Refused: the machine's code (nothing written); REQUEST_STATE_CHANGED when the request moved on
 * between the caller's read and the transaction and the move no longer applies (of two handlers pressing at once,
 * one moves it, the other reads this).
 */
export async function makeMove(data: Data, call: MoveCall): Promise<MoveOutcome> {
  const first = await data.requests.get(call.requestId)
  if (!first) throw new AppError('REQUEST_NOT_FOUND')
  const into = call.req.move === 'merge' ? call.req.into : undefined
  const [followers, survivorFirst] = await Promise.all([
    data.requestFollowers.ofRequest(first._id),
    into ? data.requests.get(into) : Promise.resolve(null),
  ])
  // the refusal a user should read comes from the request as they saw it
  const early = decide(first, call.req, call.actor(first), call.now, call.settings, { survivor: survivorFirst })
  if (!early.ok) throw new AppError(early.code, early.detail)

  const outcome = await data.transaction(async (tx): Promise<MoveOutcome> => {
    const r = await tx.requests.get(call.requestId)
    if (!r) throw new AppError('REQUEST_NOT_FOUND')
    if (call.tapId) {
      const last = r.seq > 0 ? await tx.requestEvents.get(`${r._id}_${r.seq}`) : null
      if (last?.tapId === call.tapId && last.actorId === call.actor(r).personId) return { kind: 'repeat', request: r }
    }
    const survivor = into ? await tx.requests.get(into) : null
    const d = decide(r, call.req, call.actor(r), call.now, call.settings, { survivor })
    if (!d.ok) {
      if (r.seq !== first.seq) throw new AppError('REQUEST_STATE_CHANGED')
      throw new AppError(d.code, d.detail)
    }
    const event: RequestEventDoc = call.tapId ? { ...d.event, tapId: call.tapId } : d.event
    await write(tx, r, d.next, event, call, followers, survivor, d.payErrand)
    return { kind: 'moved', before: r, after: d.next, event }
  })
  if (outcome.kind === 'repeat') return outcome

  const { after, event } = outcome
  if (followers.length > FOLLOWERS_IN_TX) await data.requestFollowers.touch(after._id, after.updatedAt)
  if (call.uploads?.length && call.openid)
    await attachAndCheck(
      data,
      call.uploads,
      { kind: 'request', id: after._id, unitId: after.gridId, unitPath: after.path },
      call.openid,
    )
  // a merge tells the duplicate's people (its state changed: 已合并, naming the survivor they now follow)
  await tellAbout(
    data,
    outcome.before,
    after,
    event,
    followers.map((f) => f.personId),
  )
  return outcome
}
