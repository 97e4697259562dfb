/**
 * One move of a request, the only way a request changes after its report (requests.act and the sweep timer both come
 * here). In ONE data.transaction: the request re-read, core/requests/machine.ts decide() on it, the request written
 * whole, its event appended under requestEventId(id, seq) (a racing twin collides or conflicts), the counters moved
 * by figures(after) − figures(before) for every scope (core/requests/rates.ts counterDeltas), each follower row's
 * copy of updatedAt, and an errand's points through the ledger (errandEarnId: once, the community's errandPoints).
 * A merge also writes the survivor and its own event (合并了 1 件重复诉求) and the first FOLLOWERS_IN_TX of the
 * duplicate's people as the survivor's followers; the rest follow in transactions of the same size right after
 * (`finishMerge`: each row named requestFollowerId(survivor, person), so a retried merge adds only what is missing).
 * After it: the move's photos attached and sent to the image check, and people told.
 */
import type { RequestDoc, RequestEventDoc, RequestFollowerDoc, UploadDoc } from '../../core/model'
import { errandEarnId, requestFollowerId } from '../../core/ids'
import { isLeavingFollower } from '../../core/privacy/requests'
import { errandReason } from '../../core/requests/errand'
import { decide, type Actor, type Decision, type MoveRequest } from '../../core/requests/machine'
import type { RequestSettings } from '../../core/requests/settings'
import type { Data, TxData } from '../../server/data'
import { addInTx } from '../../server/data/request-counters'
import { AppError } from '../../server/errors'
import { postTransfer } from '../../server/points-ledger'
import { attachAndCheck } from '../../server/uploads'
import { counterDeltas } from '../../core/requests/rates'
import { moveOpenDecisionsInTx } from '../../server/unit-stats'
import { titleOf } from './views'
import { tellAbout } from './tell'

/** Follower rows one transaction writes (a move's copies of updatedAt, or a merge's new rows on the survivor): a
 * transaction stays within its document budget whatever the crowd. */
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

type Accepted = Extract<Decision, { ok: true }>
type Follower = Pick<RequestFollowerDoc, '_id' | 'personId'>

const fields = <T extends { _id: string }>({ _id, ...rest }: T): Omit<T, '_id'> => rest

async function countersInTx(tx: TxData, before: RequestDoc, after: RequestDoc, at: Date) {
  for (const d of counterDeltas(before, after)) await addInTx(tx, [d.scopeKey], d.month, d.delta, at)
  // a council decision's task: open again (重新打开) counts it again, leaving open (办结, 关闭) counts it done
  const open = (r: RequestDoc) => (r.group === 'open' ? 1 : 0)
  if (after.source?.kind === 'council' && open(after) !== open(before))
    await moveOpenDecisionsInTx(tx, after.path, open(after) - open(before), at)
}

/**
 * Inside a transaction: these people follow the survivor, each once (a row there already — its reporter, someone
 * who pressed 我也遇到了 on both, an earlier try — is left alone). How many rows it added.
 */
async function followInTx(tx: TxData, survivor: RequestDoc, people: readonly Pick<Follower, 'personId'>[], at: Date) {
  let added = 0
  for (const { personId } of people) {
    const id = requestFollowerId(survivor._id, personId)
    if (await tx.requestFollowers.get(id)) continue
    await tx.requestFollowers.set(id, {
      requestId: survivor._id,
      personId,
      kind: 'follower',
      since: at,
      requestUpdatedAt: survivor.updatedAt,
    })
    added++
  }
  return added
}

/** Writes what the decision says, inside the transaction. */
async function write(
  tx: TxData,
  before: RequestDoc,
  d: Accepted,
  event: RequestEventDoc,
  call: MoveCall,
  followers: readonly Follower[],
  survivor: RequestDoc | null,
) {
  const after = d.next
  // the event's id is the request's next seq: one that exists already means another move won the race
  if (await tx.requestEvents.get(event._id)) throw new AppError('REQUEST_STATE_CHANGED')
  await tx.requests.set(before._id, fields(after))
  await tx.requestEvents.set(event._id, fields(event))
  await countersInTx(tx, before, after, call.now)
  if (survivor && d.absorbed) {
    // the survivor's timeline says what it took in; the first of the duplicate's people follow it from now on (the
    // duplicate's own rows get its updatedAt right after, by one forward-only update: this transaction's budget is
    // theirs)
    const s = d.absorbed
    if (await tx.requestEvents.get(s.event._id)) throw new AppError('REQUEST_STATE_CHANGED')
    const added = await followInTx(tx, s.next, followers.slice(0, FOLLOWERS_IN_TX), call.now)
    await tx.requests.set(s.next._id, fields({ ...s.next, followerCount: s.next.followerCount + added }))
    await tx.requestEvents.set(s.event._id, fields(s.event))
    await countersInTx(tx, survivor, s.next, call.now)
  } else {
    // the first rows move with the request; a crowd beyond them follows right after the transaction (makeMove)
    for (const f of followers.slice(0, FOLLOWERS_IN_TX))
      await tx.requestFollowers.update(f._id, { requestUpdatedAt: after.updatedAt })
  }
  if (d.payErrand && after.errandTakerId) {
    await postTransfer(tx, {
      id: errandEarnId(after._id),
      from: { kind: 'pool', id: after.communityId },
      to: { kind: 'person', id: after.errandTakerId },
      amount: call.settings.errandPoints,
      kind: 'earn',
      reason: errandReason(titleOf(after)),
      ref: { kind: 'errand', id: after._id },
      actorId: event.actorId,
      at: call.now,
    })
  }
}

/**
 * After a merge's transaction, or when a retried merge finds it made: every person on the duplicate follows the
 * survivor, in transactions of at most FOLLOWERS_IN_TX rows, each adding only the rows still missing and counting
 * them on the survivor (followerCount moves with its rows, so a kill between two leaves both right); then every
 * follower row of both carries its request's latest change. Safe to run again, and to race.
 */
export async function finishMerge(data: Data, duplicate: RequestDoc, survivorId: string): Promise<void> {
  // a row a deletion marked as leaving is no one's: copied, it would count on the survivor after the deletion ends
  const people = (await data.requestFollowers.ofRequest(duplicate._id)).filter((f) => !isLeavingFollower(f.personId))
  const held = new Set(
    (await data.requestFollowers.byIds(people.map((f) => requestFollowerId(survivorId, f.personId)))).map(
      (f) => f.personId,
    ),
  )
  const missing = people.filter((f) => !held.has(f.personId))
  for (let i = 0; i < missing.length; i += FOLLOWERS_IN_TX) {
    const page = missing.slice(i, i + FOLLOWERS_IN_TX)
    await data.transaction(async (tx) => {
      const s = await tx.requests.get(survivorId)
      if (!s) return
      const added = await followInTx(tx, s, page, new Date())
      if (added) await tx.requests.update(s._id, { followerCount: s.followerCount + added })
    })
  }
  const survivor = await data.requests.get(survivorId)
  await data.requestFollowers.touch(duplicate._id, duplicate.updatedAt)
  if (survivor) await data.requestFollowers.touch(survivor._id, survivor.updatedAt)
}

/**
 * A retried tap found its move made. A merge may have stopped after its transaction (a kill, a timeout): the rest of
 * its followers are moved and its people told now — both idempotent (rows by id, messages spent per purpose
 * request:<id>:<seq>), so whoever was told already is not told again.
 */
export async function resumeMove(data: Data, r: RequestDoc, event: RequestEventDoc): Promise<void> {
  if (event.move !== 'merge' || !event.into || r.mergedInto !== event.into || event.seq !== r.seq) return
  await finishMerge(data, r, event.into)
  const followers = await data.requestFollowers.ofRequest(r._id)
  await tellAbout(
    data,
    { ...r, state: event.from.state },
    r,
    event,
    followers.map((f) => f.personId),
  )
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
  const [rows, survivorFirst] = await Promise.all([
    data.requestFollowers.ofRequest(first._id),
    into ? data.requests.get(into) : Promise.resolve(null),
  ])
  const followers = rows.filter((f) => !isLeavingFollower(f.personId))
  // the refusal a user should read comes from the request as they saw it
  const early = decide(first, call.req, call.actor(first), call.now, call.settings, { survivor: survivorFirst })
  if (!early.ok) throw new AppError(early.code, early.detail)

  const outcome = await data.transaction(
    async (tx): Promise<MoveOutcome | { kind: 'resume'; event: RequestEventDoc }> => {
      const r = await tx.requests.get(call.requestId)
      if (!r) throw new AppError('REQUEST_NOT_FOUND')
      if (call.tapId) {
        const last = r.seq > 0 ? await tx.requestEvents.get(`${r._id}_${r.seq}`) : null
        if (last?.tapId === call.tapId && last.actorId === call.actor(r).personId)
          return last.move === 'merge' ? { kind: 'resume', event: last } : { kind: 'repeat', request: r }
      }
      const survivor = into ? await tx.requests.get(into) : null
      const d = decide(r, call.req, call.actor(r), call.now, call.settings, { survivor })
      if (!d.ok) {
        if (r.seq !== first.seq) throw new AppError('REQUEST_STATE_CHANGED')
        throw new AppError(d.code, d.detail)
      }
      const event: RequestEventDoc = call.tapId ? { ...d.event, tapId: call.tapId } : d.event
      await write(tx, r, d, event, call, followers, survivor)
      return { kind: 'moved', before: r, after: d.next, event }
    },
  )
  if (outcome.kind === 'resume') {
    const r = (await data.requests.get(call.requestId)) as RequestDoc
    await resumeMove(data, r, outcome.event)
    return { kind: 'repeat', request: r }
  }
  if (outcome.kind === 'repeat') return outcome

  const { after, event } = outcome
  if (event.move === 'merge' && after.mergedInto) await finishMerge(data, after, after.mergedInto)
  else if (followers.length > FOLLOWERS_IN_TX) await data.requestFollowers.touch(after._id, after.updatedAt)
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
