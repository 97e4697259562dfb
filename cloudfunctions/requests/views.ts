/**
 * What clients see of a request: a list row (mine, inbox, similar) and the detail view. Residents other than the
 * reporter never see an anonymous reporter's name (匿名居民), and only handlers see a reporter's phone; a household's
 * door shows without its room to anyone but the reporter and handlers (core/mask.ts).
 */
import {
  CATEGORY_LABELS,
  MOVE_LABELS,
  REQUEST_LIMITS,
  type RequestEventView,
  type RequestRow,
  type RequestView,
  type SimilarRow,
  type UserMove,
} from '../../core/contract/requests'
import { maskRoom } from '../../core/mask'
import type { PersonDoc, RequestDoc, RequestEventDoc } from '../../core/model'
import { clip } from '../../core/notices/links'
import { departmentOf, type RequestSettings } from '../../core/requests/settings'
import type { Unit } from '../../core/units'
import { iso, unitRef } from '../../server/views'

export const ANONYMOUS_LABEL = '匿名居民'

/** A list row's title: the description's opening, on one line. */
export const titleOf = (r: Pick<RequestDoc, 'description'>): string =>
  clip(r.description.replace(/\s+/g, ' ').trim(), REQUEST_LIMITS.title)

/** The place as someone other than its reporter and handlers reads it: a household without its room. */
export const publicPlace = (r: Pick<RequestDoc, 'place'>): string =>
  r.place.kind === 'household' ? maskRoom(r.place.label) : r.place.label

/** How a viewer reads an event's actor: the anonymous reporter's own events say 匿名居民 to other residents. */
const actorLabelFor = (r: RequestDoc, e: Pick<RequestEventDoc, 'actorId' | 'actorLabel'>, masked: boolean) =>
  masked && r.anonymous && e.actorId === r.reporterId ? ANONYMOUS_LABEL : e.actorLabel

/** Whether a list row's last event was the reporter's (rows carry no actor id: their own moves and labels tell). */
const byReporter = (r: RequestDoc, last: NonNullable<RequestDoc['last']>): boolean =>
  last.move === 'report' ||
  last.move === 'rate' ||
  last.move === 'withdraw' ||
  last.actorLabel === r.reporterLabel ||
  last.actorLabel.startsWith('反映人')

const iso0 = (d: Date | null | undefined): string | null => (d ? iso(d) : null)

/**
 * One row of a list. `masked`: the viewer is neither the reporter nor a handler (the place loses its room, an
 * anonymous reporter's name goes).
 */
export function rowOf(
  r: RequestDoc,
  settings: RequestSettings | null,
  masked: boolean,
  relation?: 'reporter' | 'follower',
): RequestRow {
  return {
    id: r._id,
    category: r.category,
    title: titleOf(r),
    placeLabel: masked ? publicPlace(r) : r.place.label,
    state: r.state,
    group: r.group,
    level: r.level,
    departmentName: r.departmentId
      ? ((settings && departmentOf(settings, r.departmentId)?.name) ?? r.departmentId)
      : null,
    urgent: r.urgentConfirmed ?? r.urgent,
    overdue: r.overdue,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    nextDueAt: iso0(r.nextDueAt),
    followerCount: r.followerCount,
    last: r.last
      ? {
          move: r.last.move,
          label: MOVE_LABELS[r.last.move],
          actorLabel: masked && r.anonymous && byReporter(r, r.last) ? ANONYMOUS_LABEL : r.last.actorLabel,
          at: iso(r.last.at),
        }
      : null,
    ...(relation ? { relation } : {}),
  }
}

/** A duplicate hint: a title, the public place, no reporter. */
export const similarOf = (r: RequestDoc, following: boolean): SimilarRow => ({
  id: r._id,
  title: titleOf(r),
  placeLabel: publicPlace(r),
  state: r.state,
  followerCount: r.followerCount,
  createdAt: iso(r.createdAt),
  following,
})

export interface DetailFacts {
  request: RequestDoc
  events: RequestEventDoc[]
  grid: Unit | null
  reporter: PersonDoc | null
  settings: RequestSettings
  viewerId: string
  /** a leader over the place or the department it is with: sees the reporter and their phone */
  handler: boolean
  following: boolean
  moves: UserMove[]
  /** the photos as this viewer may see them (server/uploads.ts seenImages), the request's and each event's by seq */
  photos: string[]
  eventPhotos: Map<number, string[]>
  /** those of them still 审核中 (the page marks them), the request's and each event's by seq */
  checkingPhotos: string[]
  eventChecking: Map<number, string[]>
  /** how many of the viewer's own photos the check refused, the request's and each event's by seq */
  withheldPhotos: number
  eventWithheld: Map<number, number>
}

export function viewOf(f: DetailFacts): RequestView {
  const r = f.request
  const isReporter = r.reporterId === f.viewerId
  const masked = !isReporter && !f.handler
  const dept = (id: string | undefined) => (id ? { id, name: departmentOf(f.settings, id)?.name ?? id } : null)
  const reporterName = f.reporter?.name ?? r.reporterLabel
  const events: RequestEventView[] = f.events.map((e) => ({
    seq: e.seq,
    move: e.move,
    label: MOVE_LABELS[e.move],
    from: e.from,
    to: e.to,
    actorLabel: actorLabelFor(r, e, masked),
    at: iso(e.at),
    note: e.note ?? (e.move === 'rate' ? (e.comment ?? null) : null),
    photos: f.eventPhotos.get(e.seq) ?? [],
    checkingPhotos: f.eventChecking.get(e.seq) ?? [],
    withheldPhotos: f.eventWithheld.get(e.seq) ?? 0,
    reason: e.reason ?? null,
    departmentName: e.departmentId ? (dept(e.departmentId)?.name ?? null) : null,
    rating: e.rating ?? null,
  }))
  return {
    id: r._id,
    category: r.category,
    categoryLabel: CATEGORY_LABELS[r.category],
    description: r.description,
    photos: f.photos,
    checkingPhotos: f.checkingPhotos,
    withheldPhotos: f.withheldPhotos,
    place: {
      kind: r.place.kind,
      label: masked ? publicPlace(r) : r.place.label,
      // a household's map point is where they live: like the room, only the reporter and the handlers see it
      location: masked && r.place.kind === 'household' ? null : (r.place.location ?? null),
    },
    grid: f.grid ? unitRef(f.grid) : { id: r.gridId, name: '', level: 'grid' },
    state: r.state,
    group: r.group,
    level: r.level,
    department: r.level === 'department' ? dept(r.departmentId) : null,
    reporter: {
      name: masked && r.anonymous ? ANONYMOUS_LABEL : reporterName,
      phone: f.handler && f.reporter ? f.reporter.phone : null,
      isMe: isReporter,
    },
    anonymous: r.anonymous,
    urgent: r.urgentConfirmed ?? r.urgent,
    urgentConfirmed: r.urgentConfirmed ?? null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    respondedAt: iso0(r.respondedAt),
    resolvedAt: iso0(r.resolvedAt),
    closedAt: iso0(r.closedAt),
    respondDueAt: iso0(r.respondDueAt),
    resolveDueAt: iso0(r.resolveDueAt),
    levelDueAt: iso0(r.levelDueAt),
    overdue: r.overdue,
    rating: r.rating ?? null,
    ratingComment: r.ratingComment ?? null,
    reopenCount: r.reopenCount,
    followerCount: r.followerCount,
    following: f.following,
    mergedInto: r.mergedInto ?? null,
    errandTaker: r.errandTakerId ? { name: r.errandTakerName ?? '', isMe: r.errandTakerId === f.viewerId } : null,
    reinspectAt: iso0(r.reinspectAt),
    reinspectWeeks: f.settings.reinspectWeeks,
    struckOff: r.struckOff === true,
    events,
    moves: f.moves,
  }
}
