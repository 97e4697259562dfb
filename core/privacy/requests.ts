/**
 * What requests (诉求) stored about a person: gathered for their export (privacy.exportMyData), and how their deletion
 * rewrites it (privacy.requestDeletion, cloudfunctions/privacy/requests.ts). A request they reported stays — the
 * grid still has to fix the lamp — but anonymous, its reporter under the deleted name. On every event they made an
 * office keeps its title (网格长, 城管: which level acted stays on the record) and the name goes; as a resident
 * (反映人, 居民, 跑腿志愿者) only the deleted name is left. The request's copies of those labels (`last`, `returnedBy`,
 * `errandTakerName`) follow, so a replay of the events still lands on the stored request.
 */
import type { MyRequests } from '../contract'
import type { RequestDoc, RequestEventDoc, RequestFollowerDoc } from '../model'
import { LEADER_ROLES, type Role } from '../roles'

export interface RequestFacts {
  /** Every request they reported. */
  reported: readonly RequestDoc[]
  /** Their follower rows (reporter and 我也遇到了). */
  follows: readonly RequestFollowerDoc[]
  /** The requests of their 我也遇到了 rows (missing ones are left out). */
  followed: readonly RequestDoc[]
  /** Every event whose actor they are. */
  acted: readonly RequestEventDoc[]
}

export const noRequests: RequestFacts = { reported: [], follows: [], followed: [], acted: [] }

const iso = (d: Date | string): string => new Date(d).toISOString()
const iso0 = (d: Date | string | undefined): string | null => (d ? iso(d) : null)
const newestFirst = <T>(rows: readonly T[], at: (r: T) => Date | string): T[] =>
  [...rows].sort((a, b) => +new Date(at(b)) - +new Date(at(a)))

/** Their requests as the export carries them: dates as ISO text, newest first. */
export function myRequests(f: RequestFacts): MyRequests {
  const followed = new Map(f.followed.map((r) => [r._id, r]))
  return {
    reported: newestFirst(f.reported, (r) => r.createdAt).map((r) => ({
      id: r._id,
      category: r.category,
      description: r.description,
      place: { kind: r.place.kind, label: r.place.label },
      anonymous: r.anonymous,
      urgent: r.urgentConfirmed ?? r.urgent,
      state: r.state,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      resolvedAt: iso0(r.resolvedAt),
      closedAt: iso0(r.closedAt),
      rating: r.rating ?? null,
      ratingComment: r.ratingComment ?? null,
      ratedAt: iso0(r.ratedAt),
    })),
    followed: newestFirst(
      f.follows.filter((row) => row.kind === 'follower'),
      (row) => row.since,
    ).flatMap((row) => {
      const r = followed.get(row.requestId)
      return r ? [{ id: r._id, category: r.category, state: r.state, since: iso(row.since) }] : []
    }),
    acted: newestFirst(f.acted, (e) => e.at).map((e) => ({
      requestId: e.requestId,
      seq: e.seq,
      move: e.move,
      role: e.actorRole,
      label: e.actorLabel,
      at: iso(e.at),
      note: e.note ?? (e.move === 'rate' ? (e.comment ?? null) : null),
      reason: e.reason ?? null,
    })),
  }
}

/** Roles whose title stays on an event once its actor is deleted: an office, not a person. */
const OFFICES: readonly string[] = [...LEADER_ROLES, 'department' satisfies Role]

/**
 * The label an event of a deleted person reads: the office's title when it was made as one (网格长 张三 → 网格长;
 * 城管 李四 → 城管), else the deleted name. An event already forgotten keeps what it reads.
 */
export function forgottenLabel(
  e: Pick<RequestEventDoc, 'actorRole' | 'actorLabel' | 'actorName'>,
  deletedName: string,
): string {
  if (e.actorName === deletedName) return e.actorLabel
  const suffix = e.actorName ? ` ${e.actorName}` : ''
  const title = suffix && e.actorLabel.endsWith(suffix) ? e.actorLabel.slice(0, -suffix.length).trim() : ''
  return OFFICES.includes(e.actorRole) && title ? title : deletedName
}

export interface Forgetting {
  /** The request's fields to write, or null when nothing on it names them any more. */
  request: Partial<Omit<RequestDoc, '_id'>> | null
  /** Their events still naming them, with what they read from now on. */
  events: { id: string; actorLabel: string; actorName: string }[]
}

/**
 * What a deletion writes on one request: `r` and `theirs` (the events of `r` whose actor is `personId`, the last
 * one among them if it is theirs) as read inside the transaction. Idempotent: asked again on what it wrote, nothing.
 */
export function forgetInRequest(
  r: RequestDoc,
  personId: string,
  theirs: readonly RequestEventDoc[],
  deletedName: string,
): Forgetting {
  const mine = theirs.filter((e) => e.requestId === r._id && e.actorId === personId)
  const events = mine
    .filter((e) => e.actorName !== deletedName)
    .map((e) => ({ id: e._id, actorLabel: forgottenLabel(e, deletedName), actorName: deletedName }))
  const patch: Partial<Omit<RequestDoc, '_id'>> = {}
  if (r.reporterId === personId) {
    if (r.reporterLabel !== deletedName) patch.reporterLabel = deletedName
    if (!r.anonymous) patch.anonymous = true
  }
  if (r.errandTakerId === personId && r.errandTakerName !== deletedName) patch.errandTakerName = deletedName
  const last = mine.find((e) => e.seq === r.seq)
  if (r.last && last) {
    const label = forgottenLabel(last, deletedName)
    if (r.last.actorLabel !== label) patch.last = { ...r.last, actorLabel: label }
  }
  // returnedBy copies the label of the latest 退回: theirs if it reads as one of their 退回 did before
  const returned = mine.find((e) => e.move === 'return' && e.actorLabel === r.returnedBy && e.actorName !== deletedName)
  if (returned) patch.returnedBy = forgottenLabel(returned, deletedName)
  return { request: Object.keys(patch).length ? patch : null, events }
}

/**
 * A follower row on its way out: its personId while the deletion removes it. The row stops counting in the same
 * transaction that lowers the request's followerCount; the rows so marked are then removed, so a deletion cut off
 * between the two finds the marked rows (and no row to count down twice) when asked again.
 */
export const leavingFollower = (personId: string): string => `left:${personId}`

/** Whether a follower row is one a deletion marked as leaving (it counts for nobody and moves nowhere). */
export const isLeavingFollower = (personId: string): boolean => personId.startsWith('left:')
