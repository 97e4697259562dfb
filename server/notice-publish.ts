/**
 * Publishing a notice, for every function that publishes one: notices.publish (a leader's own notice), and the
 * announcements of emergency mode (emergency.declare and updateInstructions, a testing round's assignment), which
 * publish as their caller over units of their scope. One path, so every notice gets the same checks and the same
 * machinery: the expiry rule, the units (live, never a household, inside the caller's scope; outermost only), the
 * content check, the caller's own checked images, the origin line, and the notice written with its delivery job in
 * one transaction — the reach ledger (server/reach-ledger.ts) and the `deliver` timer (subscribe messages) take it
 * from there, as for any notice.
 *
 * Idempotent for a source: with `id` (core/ids.ts sourceNoticeId), a notice already written under it is answered and
 * nothing is written again, so a retried or racing declare publishes one notice (the transaction re-reads it; a twin
 * that wrote it meanwhile makes this one conflict, and the retry finds it).
 */
import { randomBytes } from 'node:crypto'
import type { DeliveryDoc, NoticeDoc, NoticeSource } from '../core/model'
import type { Urgency } from '../core/contract/notices'
import { countingFor } from '../core/notices/counting'
import { expiryProblem } from '../core/notices/expiry'
import { originLine, speakingGrant } from '../core/notices/origin'
import { MAX_NOTICE_DAYS, outermost, publishGrants } from '../core/notices/scope'
import { isWithin, type Unit } from '../core/units'
import type { Caller } from './caller'
import { checkText } from './content-check'
import type { Data } from './data'
import { AppError } from './errors'
import { attachAndCheck, checkAttachable } from './uploads'
import { countInTx } from './unit-stats'
import { byId } from './views'

const DAY = 86_400_000

export interface NoticeDraft {
  title: string
  body: string
  /** cloud file ids of the caller's own checked uploads */
  images: readonly string[]
  urgency: Urgency
  ackRequired: boolean
  expiresAt: Date
  unitIds: readonly string[]
}

export interface PublishOptions {
  /** A source's deterministic id: an existing notice of that id is the answer and nothing is written. */
  id?: string
  /** What it was published for (its detail links to the source's page). */
  source?: NoticeSource
  /**
   * Who may publish where. 'publish' (notices.publish): the levels the caller's roles speak to (core/notices/scope.ts).
   * 'scope': the source's own permission already let the caller act over these units (a street's staff declaring
   * an emergency over a building); any of their grants over the unit will do.
   */
  authority?: 'publish' | 'scope'
  /** The title and body passed the content check earlier in this call: not asked again. */
  checked?: boolean
}

export interface Published {
  notice: NoticeDoc
  targets: Unit[]
  /** false when a notice of this id existed already (a retry, a racing twin): nothing was written */
  created: boolean
}

/** An announcement's expiry: `days` after `from`, kept inside the longest a notice may stay up from `now`. */
export const announcementExpiry = (from: Date, days: number, now: Date): Date =>
  new Date(Math.min(+from + days * DAY, +now + MAX_NOTICE_DAYS * DAY - 60_000))

/** The grants that let the caller speak to `unit` under the authority asked for. */
const grantsOver = (caller: Caller, unit: Unit, authority: 'publish' | 'scope') =>
  authority === 'publish'
    ? publishGrants(caller.grants, unit)
    : caller.grants.filter((g) => isWithin(unit.path, g.path))

/**
 * Publishes `draft` as the caller. Refusals, each before anything is written: NOT_REGISTERED, INVALID_PAYLOAD (the
 * expiry), NOT_FOUND (a unit gone or retired), FORBIDDEN (a unit outside the caller's scope, or a household),
 * CONTENT_RISKY, UPLOAD_NOT_YOURS / UPLOAD_INVALID.
 */
export async function publishNotice(
  data: Data,
  caller: Caller,
  draft: NoticeDraft,
  options: PublishOptions = {},
): Promise<Published> {
  const person = caller.person
  if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
  const authority = options.authority ?? 'publish'
  const now = new Date()
  const problem = expiryProblem(draft.expiresAt, now)
  if (problem) throw new AppError('INVALID_PAYLOAD', problem)

  const found = byId(await data.units.byIds(draft.unitIds))
  const chosen: Unit[] = []
  for (const id of draft.unitIds) {
    const unit = found.get(id)
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    if (unit.level === 'household' || grantsOver(caller, unit, authority).length === 0)
      throw new AppError('FORBIDDEN', `「${unit.name}」不在你可以发布的范围内`)
    chosen.push(unit)
  }
  const targets = outermost(chosen)

  // a source's notice written already (a retry, a racing twin): answered before any check or write
  const existing = options.id ? await data.notices.get(options.id) : null
  if (existing) return { notice: existing, targets, created: false }

  // refused text: CONTENT_RISKY, and nothing below runs
  if (!options.checked) await checkText(caller.openid, draft.title, draft.body)
  // someone else's file, an unchecked or used one: UPLOAD_NOT_YOURS / UPLOAD_INVALID, and nothing below runs
  const uploads = await checkAttachable(data, caller, 'notice', [...draft.images])

  // origin: the widest role the caller publishes the first target with (和平里社区 · 许玉兰); a source's publisher
  // who holds no publishing role there speaks for the widest unit they hold a role over
  const grant =
    speakingGrant(caller.grants, targets[0]) ??
    (authority === 'scope'
      ? grantsOver(caller, targets[0], 'scope').sort((a, b) => a.path.length - b.path.length)[0]
      : undefined)
  const speaker = grant ? caller.units.get(grant.unitId) : undefined
  const id = options.id ?? randomBytes(12).toString('hex')
  const notice: NoticeDoc = {
    _id: id,
    title: draft.title,
    body: draft.body,
    images: [...draft.images],
    urgency: draft.urgency,
    ackRequired: draft.ackRequired,
    unitIds: targets.map((u) => u._id),
    unitPaths: targets.map((u) => u.path),
    publisherId: person._id,
    origin: originLine(speaker?.name ?? '', person.name),
    publishedAt: now,
    expiresAt: draft.expiresAt,
    counting: countingFor(targets.map((u) => u.level)),
    ...(options.source ? { source: options.source } : {}),
  }
  const delivery: DeliveryDoc = {
    _id: id,
    noticeId: id,
    status: 'pending',
    unitIndex: 0,
    after: '',
    sent: 0,
    lockedUntil: new Date(0),
    createdAt: now,
  }
  // two documents, whatever the audience, both or neither: residents find the notice by their home's ancestors
  const { _id: noticeId, ...noticeFields } = notice
  const { _id: jobId, ...jobFields } = delivery
  const written = await data.transaction(
    async (tx) => {
      if (options.id) {
        const twin = await tx.notices.get(noticeId)
        if (twin) return { notice: { ...twin, _id: noticeId }, created: false }
      }
      await tx.notices.set(noticeId, noticeFields)
      await tx.deliveries.set(jobId, jobFields)
      await countInTx(tx, { kind: 'notice', at: now, unitPaths: notice.unitPaths, urgent: notice.urgency === 'urgent' })
      return { notice, created: true }
    },
    options.id
      ? async () => {
          const twin = await data.notices.get(noticeId)
          return twin ? { notice: twin, created: false } : null
        }
      : undefined,
  )
  if (written.created)
    await attachAndCheck(
      data,
      uploads,
      { kind: 'notice', id, unitId: targets[0]._id, unitPath: targets[0].path },
      caller.openid,
    )
  return { ...written, targets }
}
