/**
 * The request state machine: the only code that changes a request. `decide` checks who may make a move (the owners
 * of the current level, the reporter, a follower, the errand's taker, the timer) and what it needs, and returns the
 * one event the move appends and the request after it; `applyEvent` is how an event changes a request, so the
 * request is always the fold of its events (rates.ts replays them for a recount). `allowedMoves` is what the
 * detail page offers, read off the same checks. Pure: the handler reads, calls this, writes.
 *
 * Owners of a level: grid — 网格长 / 党小组长 over the grid, 楼栋长 over the request's building; community — 社区工作者
 * over it; street — 街道干部 over it; department — the `department` grant of the street for that departmentId.
 */
import type { ErrorCode } from '../envelope'
import { REQUEST_LIMITS, type MoveInput } from '../contract/requests'
import { departmentScopeKey, requestEventId } from '../ids'
import type { RequestDoc, RequestEventDoc } from '../model'
import type { ScopedGrant } from '../permissions'
import { ROLE_LABELS } from '../roles'
import { ancestorPath, isWithin } from '../units'
import { levelDueAt, nextDueAt, passedDeadlines, promises } from './deadlines'
import { departmentOf, URGENT_CATEGORIES, type RequestSettings } from './settings'
import {
  LEVEL_ABOVE,
  REPORT_MOVE,
  STATE_GROUP,
  USER_MOVES,
  type Move,
  type RequestLevel,
  type RequestState,
  type UserMove,
} from './states'

/** Who makes a move. Whether they reported it or took the errand is read off the request (reporterId,
 * errandTakerId), never taken from the caller; following it the handler knows from the follower records. */
export interface Actor {
  personId: string
  name: string
  /** the caller's grants in force, with paths (department grants carry their departmentId) */
  roles: readonly ScopedGrant[]
  /** has a follower record of the request (我也遇到了) */
  isFollower: boolean
  /** @deprecated ignored: the machine compares personId with the request's reporterId */
  isReporter?: boolean
  /** @deprecated ignored: the machine compares personId with the request's errandTakerId */
  isErrandTaker?: boolean
  /** a registered volunteer (PersonDoc.volunteer): only volunteers take errands */
  volunteer?: boolean
  /** the timer */
  system?: true
}

export const SYSTEM_ACTOR: Actor = {
  personId: 'system',
  name: '系统',
  roles: [],
  isFollower: false,
  system: true,
}

/** A move and what it carries (the act payload without id and tapId). */
export type MoveRequest = { move: Exclude<Move, typeof REPORT_MOVE> } & MoveInput

/** What some moves need besides the request: merge, the surviving request. */
export interface MoveContext {
  survivor?: RequestDoc | null
}

export type Decision =
  | {
      ok: true
      /** the whole request after the move (write it as is) */
      next: RequestDoc
      event: RequestEventDoc
      /** this move closed an errand rated 满意 / 基本满意 and set errandPaidAt: post the taker's points in the same
       * transaction (core/ids.ts errandEarnId, so a retry posts once) */
      payErrand: boolean
      /** a merge: the survivor after it and the event its timeline gets (合并了 1 件重复诉求), written in the same
       * transaction as the duplicate's */
      absorbed?: { next: RequestDoc; event: RequestEventDoc }
    }
  | { ok: false; code: ErrorCode; detail?: string }

type Refusal = { ok: false; code: ErrorCode; detail?: string }
const refuse = (code: ErrorCode, detail?: string): Refusal => ({ ok: false, code, ...(detail ? { detail } : {}) })

/** How the actor may make a move: as which role (for the event) and under what label. */
interface As {
  role: string
  label: string
}

/** The scope key of a request's owner at a level (the inbox's ownerKey). */
export function ownerKeyOf(
  r: Pick<RequestDoc, 'gridId' | 'communityId' | 'streetId'>,
  level: RequestLevel,
  departmentId?: string,
): string {
  if (level === 'grid') return r.gridId
  if (level === 'community') return r.communityId
  if (level === 'street') return r.streetId
  return departmentScopeKey(r.streetId, departmentId ?? '')
}

const gridPathOf = (r: Pick<RequestDoc, 'path'>): string => ancestorPath(r.path, 'grid') ?? r.path

/** The actor's grant that owns the request at its current level, if any. */
export function ownerGrant(
  r: Pick<RequestDoc, 'level' | 'path' | 'streetId' | 'departmentId' | 'buildingId'>,
  roles: readonly ScopedGrant[],
): ScopedGrant | undefined {
  const grid = gridPathOf(r)
  return roles.find((g) => {
    switch (r.level) {
      case 'grid':
        // heads own at their own level only, as core/grants.ts headsInForce counts them: a grid chief's grant over
        // a community heads no grid
        return (
          ((g.role === 'gridChief' || g.role === 'partyLeader') && g.path === grid) ||
          (g.role === 'buildingHead' && r.buildingId !== undefined && g.path === ancestorPath(r.path, 'microgrid'))
        )
      case 'community':
        return g.role === 'communityStaff' && isWithin(r.path, g.path)
      case 'street':
        return g.role === 'streetStaff' && isWithin(r.path, g.path)
      case 'department':
        return (
          g.role === 'department' &&
          g.unitId === r.streetId &&
          r.departmentId !== undefined &&
          g.departmentId === r.departmentId
        )
    }
  })
}

function ownerAs(r: RequestDoc, actor: Actor, settings: RequestSettings): As | null {
  if (actor.system) return null
  const g = ownerGrant(r, actor.roles)
  if (!g) return null
  const title =
    g.role === 'department'
      ? (departmentOf(settings, g.departmentId)?.name ?? ROLE_LABELS.department)
      : ROLE_LABELS[g.role]
  return { role: g.role, label: `${title} ${actor.name}` }
}

const reporterAs = (actor: Actor): As => ({ role: 'reporter', label: `反映人 ${actor.name}` })
const residentOfGrid = (r: RequestDoc, actor: Actor): boolean =>
  actor.roles.some((g) => g.role === 'resident' && isWithin(g.path, gridPathOf(r)))

const isOpen = (r: RequestDoc) => r.group === 'open'
/** Closed after it had been resolved (rated, or closed unrated): what 回头看 is for. */
const closedAfterDone = (r: RequestDoc) => r.state === 'rated' || (r.state === 'closed' && r.resolvedAt !== undefined)
const reinspectionPending = (r: RequestDoc) => r.reinspectAt !== undefined && r.reinspectedAt === undefined

/**
 * Whether the actor may make the move on the request now, ignoring what the move carries: the state first
 * (MOVE_NOT_ALLOWED: nobody may, now), then the actor (NOT_REQUEST_OWNER for a handler's move, FORBIDDEN for the
 * reporter's own moves).
 */
function check(
  r: RequestDoc,
  move: MoveRequest['move'],
  actor: Actor,
  now: Date,
  settings: RequestSettings,
): As | Refusal {
  const state = r.state
  const owner = () => ownerAs(r, actor, settings) ?? refuse('NOT_REQUEST_OWNER')
  const isReporter = !actor.system && r.reporterId === actor.personId
  const isTaker = !actor.system && r.errandTakerId !== undefined && r.errandTakerId === actor.personId
  const notNow = refuse('MOVE_NOT_ALLOWED')
  if (actor.system && move !== 'autoEscalate' && move !== 'autoClose') return refuse('FORBIDDEN')
  switch (move) {
    case 'accept':
      return state === 'submitted' && r.level !== 'department' ? owner() : notNow
    case 'respond': {
      if (!isOpen(r) || r.respondedAt) return notNow
      if (r.level === 'department' && state !== 'processing') return notNow
      if (isTaker && r.category === 'errand' && state === 'processing')
        return { role: 'errandTaker', label: `跑腿志愿者 ${actor.name}` }
      return owner()
    }
    case 'escalate':
      return isOpen(r) && LEVEL_ABOVE[r.level] ? owner() : notNow
    case 'dispatch':
      return isOpen(r) && r.level === 'street' ? owner() : notNow
    case 'checkIn':
      return state === 'submitted' && r.level === 'department' ? owner() : notNow
    case 'return':
      return isOpen(r) ? owner() : notNow
    case 'complete':
      if (state !== 'processing') return notNow
      if (isTaker && r.category === 'errand') return { role: 'errandTaker', label: `跑腿志愿者 ${actor.name}` }
      return owner()
    case 'confirmUrgent':
      return isOpen(r) && r.urgent && r.urgentConfirmed === undefined ? owner() : notNow
    case 'comment': {
      if (!isOpen(r) && r.group !== 'resolved') return notNow
      if (isReporter) return reporterAs(actor)
      const o = ownerAs(r, actor, settings)
      if (o) return o
      if (isTaker) return { role: 'errandTaker', label: `跑腿志愿者 ${actor.name}` }
      if (actor.isFollower) return { role: 'follower', label: `居民 ${actor.name}` }
      return refuse('FORBIDDEN', '只有反映人、关注的居民和处理人可以补充说明')
    }
    case 'rate':
      if (state !== 'done') return notNow
      return isReporter ? reporterAs(actor) : refuse('FORBIDDEN', '只有反映人可以评价')
    case 'withdraw':
      if (!(state === 'submitted' && r.level === 'grid' && r.acceptedAt === undefined)) return notNow
      return isReporter ? reporterAs(actor) : refuse('FORBIDDEN', '只有反映人可以撤回')
    case 'merge':
      return isOpen(r) ? owner() : notNow
    case 'takeErrand':
      if (!(r.category === 'errand' && state === 'submitted' && r.level === 'grid' && r.errandTakerId === undefined))
        return notNow
      if (isReporter || !actor.volunteer || !residentOfGrid(r, actor))
        return refuse('FORBIDDEN', '只有本网格的志愿者可以接单，反映人自己不能接')
      return { role: 'errandTaker', label: `跑腿志愿者 ${actor.name}` }
    case 'scheduleReinspection':
      return closedAfterDone(r) && !reinspectionPending(r) && !r.struckOff ? owner() : notNow
    case 'reinspect':
      return closedAfterDone(r) && reinspectionPending(r) ? owner() : notNow
    case 'autoEscalate':
      if (!actor.system) return refuse('FORBIDDEN')
      return passedDeadlines(r, now).length ? { role: 'system', label: '系统' } : notNow
    case 'autoClose':
      if (!actor.system) return refuse('FORBIDDEN')
      return state === 'done' &&
        r.resolvedAt !== undefined &&
        +r.resolvedAt + settings.autoCloseDays * 86_400_000 <= +now
        ? { role: 'system', label: '系统' }
        : notNow
  }
}

/** The moves the viewer may make now: the detail page's buttons (requests.act accepts exactly these). */
export function allowedMoves(r: RequestDoc, actor: Actor, now: Date, settings: RequestSettings): UserMove[] {
  return USER_MOVES.filter((m) => !('ok' in check(r, m, actor, now, settings)))
}

const DAY_MS = 86_400_000

/**
 * Decides a move. Refused: a stable code (and a detail sharpening its message). Accepted: the request after it and
 * the one event it appends (seq + 1, id requestEventId), to be written in one transaction with the counters' delta.
 */
export function decide(
  r: RequestDoc,
  req: MoveRequest,
  actor: Actor,
  now: Date,
  settings: RequestSettings,
  ctx: MoveContext = {},
): Decision {
  const as = check(r, req.move, actor, now, settings)
  if ('ok' in as) return as
  const base: Omit<RequestEventDoc, 'to'> = {
    _id: requestEventId(r._id, r.seq + 1),
    requestId: r._id,
    seq: r.seq + 1,
    move: req.move,
    from: { state: r.state, level: r.level },
    actorId: actor.personId,
    actorRole: as.role,
    actorLabel: as.label,
    actorName: actor.name,
    at: now,
  }
  const to = (state: RequestState, level: RequestLevel = r.level) => ({ state, level })
  const ev = (fields: Partial<RequestEventDoc> & Pick<RequestEventDoc, 'to'>): RequestEventDoc => ({
    ...base,
    ...fields,
  })
  const note = req.note?.trim() || undefined
  const photos = req.photos?.length ? { photos: req.photos } : {}
  const levelDue = (level: RequestLevel, department?: { reportInHours: number } | null) =>
    levelDueAt(r, level, now, settings, department)

  let event: RequestEventDoc
  switch (req.move) {
    case 'accept':
      event = ev({ to: to('processing'), ...(note ? { note } : {}) })
      break
    case 'respond':
      event = ev({ to: to(r.state === 'submitted' ? 'processing' : r.state), ...(note ? { note } : {}), ...photos })
      break
    case 'escalate': {
      const above = LEVEL_ABOVE[r.level] as RequestLevel
      event = ev({
        to: to('submitted', above),
        ...(note ? { note } : {}),
        due: { respond: r.respondDueAt, resolve: r.resolveDueAt, level: levelDue(above) },
      })
      break
    }
    case 'dispatch': {
      const dept = departmentOf(settings, req.departmentId)
      if (!dept) return refuse('REQUEST_DEPARTMENT_UNKNOWN')
      event = ev({
        to: to('submitted', 'department'),
        departmentId: dept.id,
        ...(note ? { note } : {}),
        due: { respond: r.respondDueAt, resolve: r.resolveDueAt, level: levelDue('department', dept) },
      })
      break
    }
    case 'checkIn':
      if (r.levelDueAt && +now > +r.levelDueAt) return refuse('REQUEST_CHECKIN_LATE')
      event = ev({ to: to('processing'), ...(note ? { note } : {}) })
      break
    case 'return': {
      const reason = req.reason?.trim()
      if (!reason) return refuse('REQUEST_REASON_REQUIRED')
      if (r.level === 'grid') event = ev({ to: to('returned'), reason })
      else event = ev({ to: to('processing', r.sentFrom[r.sentFrom.length - 1] ?? 'grid'), reason })
      break
    }
    case 'complete':
      if (!note) return refuse('REQUEST_NOTE_REQUIRED')
      event = ev({ to: to('done'), note, ...photos })
      break
    case 'confirmUrgent': {
      if (req.pass === undefined) return refuse('INVALID_PAYLOAD', '请选择是否按紧急处理')
      const ruled = { ...r, urgentConfirmed: req.pass }
      const p = promises(ruled, settings)
      const level =
        r.state === 'submitted'
          ? levelDueAt(ruled, r.level, r.levelSince, settings, departmentOf(settings, r.departmentId))
          : r.levelDueAt
      event = ev({
        to: to(r.state),
        pass: req.pass,
        ...(note ? { note } : {}),
        due: { respond: p.respondDueAt, resolve: p.resolveDueAt, level },
      })
      break
    }
    case 'comment':
      if (!note) return refuse('REQUEST_NOTE_REQUIRED', '请写下要补充的内容')
      event = ev({ to: to(r.state), note, ...photos })
      break
    case 'rate': {
      if (!req.rating) return refuse('REQUEST_RATING_REQUIRED')
      const comment = req.comment?.trim()
      const reopen = req.rating === 'unsatisfied'
      event = ev({
        to: reopen ? to('processing', r.resolvedLevel ?? r.level) : to('rated'),
        rating: req.rating,
        ...(comment ? { comment } : {}),
        ...(reopen ? { due: reopened(r, now, settings) } : {}),
      })
      break
    }
    case 'withdraw':
      event = ev({ to: to('withdrawn'), ...(note ? { note } : {}) })
      break
    case 'merge': {
      const s = ctx.survivor
      if (!s || s._id !== req.into || s._id === r._id || s.gridId !== r.gridId || !isOpen(s))
        return refuse('REQUEST_MERGE_INVALID')
      event = ev({ to: to('merged'), into: s._id, ...(note ? { note } : {}) })
      const absorbedEvent: RequestEventDoc = {
        ...base,
        _id: requestEventId(s._id, s.seq + 1),
        requestId: s._id,
        seq: s.seq + 1,
        from: { state: s.state, level: s.level },
        to: { state: s.state, level: s.level },
        mergedFrom: [r._id],
        note: mergedNote([r]),
      }
      const next = applyEvent(r, event)
      return {
        ok: true,
        next,
        event,
        payErrand: false,
        absorbed: { next: applyEvent(s, absorbedEvent), event: absorbedEvent },
      }
    }
    case 'takeErrand':
      event = ev({ to: to('processing'), ...(note ? { note } : {}) })
      break
    case 'scheduleReinspection': {
      const at = req.reinspectAt ? new Date(req.reinspectAt) : new Date(+now + settings.reinspectWeeks * 7 * DAY_MS)
      if (!(+at > +now && +at <= +now + REQUEST_LIMITS.reinspectAheadDays * DAY_MS))
        return refuse('REQUEST_REINSPECT_DATE_INVALID')
      event = ev({ to: to(r.state), reinspectAt: at, ...(note ? { note } : {}) })
      break
    }
    case 'reinspect': {
      if (req.pass === undefined) return refuse('INVALID_PAYLOAD', '请选择回头看是否通过')
      event = ev({
        to: req.pass ? to(r.state) : to('processing', r.resolvedLevel ?? r.level),
        pass: req.pass,
        ...(note ? { note } : {}),
        ...photos,
        ...(req.pass ? {} : { due: reopened(r, now, settings) }),
      })
      break
    }
    case 'autoEscalate': {
      const passed = passedDeadlines(r, now)
      const above = LEVEL_ABOVE[r.level]
      event = above
        ? ev({
            to: to('submitted', above),
            overdue: passed,
            note: `${overdueText(passed)}，自动上报`,
            due: { respond: r.respondDueAt, resolve: r.resolveDueAt, level: levelDue(above) },
          })
        : ev({ to: to(r.state), overdue: passed, note: `${overdueText(passed)}，已标记超时` })
      break
    }
    case 'autoClose':
      event = ev({ to: to('closed'), note: `办结后 ${settings.autoCloseDays} 天未评价，自动关闭（已办结，未经确认）` })
      break
  }
  const next = applyEvent(r, event)
  const payErrand = next.errandPaidAt !== undefined && r.errandPaidAt === undefined
  return { ok: true, next, event, payErrand }
}

/** How a duplicate is named on its survivor's timeline: its opening and when it was reported (no id, no reporter:
 * residents read the survivor's timeline, and a duplicate may be anonymous). */
const duplicateName = (r: Pick<RequestDoc, 'description' | 'createdAt'>): string => {
  const text = r.description.replace(/\s+/g, ' ').trim()
  const opening = text.length > MERGED_TITLE ? `${text.slice(0, MERGED_TITLE)}…` : text
  const at = new Date(+r.createdAt + 8 * 3_600_000)
  const when = `${at.getUTCMonth() + 1}月${at.getUTCDate()}日${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`
  return `“${opening}”（${when}反映）`
}
const MERGED_TITLE = 20

/** The survivor's note for the duplicates merged into it: 合并了 2 件重复诉求：“…”（12月2日09:30反映）、“…”（…）. */
export const mergedNote = (duplicates: readonly Pick<RequestDoc, 'description' | 'createdAt'>[]): string =>
  `合并了 ${duplicates.length} 件重复诉求：${duplicates.map(duplicateName).join('、')}`

const OVERDUE_TEXT = { respond: '超过响应时限', resolve: '超过办结时限', level: '超过受理时限' } as const
const overdueText = (passed: readonly ('respond' | 'resolve' | 'level')[]): string =>
  passed.map((k) => OVERDUE_TEXT[k]).join('、')

/** Deadlines of a reopened request: a fresh resolve limit from now; the response and acceptance stay as they were. */
function reopened(r: RequestDoc, now: Date, settings: RequestSettings): NonNullable<RequestEventDoc['due']> {
  const fresh = promises({ ...r, createdAt: now }, settings)
  return { respond: r.respondDueAt, resolve: fresh.resolveDueAt, level: null }
}

/**
 * How an event changes a request: the one place fields move. decide() builds the event and applies it; a replay
 * of the stored events (rates.ts) applies them again, from the reported request, and must land on the same fields.
 */
export function applyEvent(r: RequestDoc, e: RequestEventDoc): RequestDoc {
  const n: RequestDoc = {
    ...r,
    seq: e.seq,
    updatedAt: e.at,
    last: { move: e.move, actorLabel: e.actorLabel, at: e.at },
  }
  n.state = e.to.state
  n.group = STATE_GROUP[e.to.state]
  const levelChanged = e.to.level !== r.level || (e.departmentId !== undefined && e.departmentId !== r.departmentId)
  if (levelChanged) {
    const climbing = e.move === 'escalate' || e.move === 'autoEscalate' || e.move === 'dispatch'
    n.sentFrom = climbing ? [...r.sentFrom, r.level] : r.sentFrom.slice(0, -1)
    n.level = e.to.level
    n.levelSince = e.at
    n.levelOverdue = false
    if (e.to.level === 'department') n.departmentId = e.departmentId
    else delete n.departmentId
    if (climbing && e.to.level !== 'grid') n.escalated = true
  }
  if (e.due) {
    n.respondDueAt = e.due.respond
    n.resolveDueAt = e.due.resolve
    n.levelDueAt = e.due.level
  }
  switch (e.move) {
    case 'accept':
    case 'checkIn':
    case 'takeErrand':
      n.acceptedAt ??= e.at
      n.levelDueAt = null
      if (e.move === 'takeErrand') {
        n.errandTakerId = e.actorId
        n.errandTakerName = e.actorName ?? e.actorLabel
      }
      break
    case 'respond':
      n.respondedAt ??= e.at
      n.acceptedAt ??= e.at
      n.levelDueAt = null
      break
    case 'return':
      n.returnReason = e.reason
      n.returnedBy = e.actorLabel
      n.levelDueAt = null
      if (n.group === 'closed') n.closedAt = e.at
      break
    case 'complete':
      n.resolvedAt = e.at
      n.resolvedLevel = r.level
      // completing means the resident was reached, if nobody said so before; the first resolution is the promise
      n.respondedAt ??= e.at
      n.resolvedOnTime ??= r.resolveDueAt === null || +e.at <= +r.resolveDueAt
      break
    case 'confirmUrgent':
      n.urgentConfirmed = e.pass
      // a ruling moves the deadlines: those it moved into the past are overdue at once, the others not yet
      n.respondOverdue = !n.respondedAt && n.respondDueAt !== null && +n.respondDueAt <= +e.at
      n.resolveOverdue = n.resolveDueAt !== null && +n.resolveDueAt <= +e.at
      n.levelOverdue = n.state === 'submitted' && n.levelDueAt !== null && +n.levelDueAt <= +e.at
      break
    case 'rate':
      n.rating = e.rating
      if (e.comment) n.ratingComment = e.comment
      else delete n.ratingComment
      n.ratedAt = e.at
      if (n.group === 'closed') {
        n.closedAt = e.at
        // the errand's taker earns its points once, in the transaction of the rating that closes it
        if (n.category === 'errand' && n.errandTakerId !== undefined) n.errandPaidAt ??= e.at
      } else {
        n.reopenCount = r.reopenCount + 1
        n.resolveOverdue = false
        delete n.closedAt
      }
      break
    case 'withdraw':
    case 'autoClose':
      n.closedAt = e.at
      break
    case 'merge':
      // the duplicate closes into the survivor; the survivor's own event (mergedFrom) changes nothing but its timeline
      if (e.into !== undefined) {
        n.mergedInto = e.into
        n.closedAt = e.at
      }
      break
    case 'scheduleReinspection':
      n.reinspectAt = e.reinspectAt
      delete n.reinspectedAt
      break
    case 'reinspect':
      n.reinspectedAt = e.at
      if (e.pass) n.struckOff = true
      else {
        n.reopenCount = r.reopenCount + 1
        n.resolveOverdue = false
        delete n.closedAt
        delete n.reinspectAt
        delete n.reinspectedAt
      }
      break
    case 'autoEscalate':
      for (const k of e.overdue ?? []) {
        if (k === 'respond') n.respondOverdue = true
        if (k === 'resolve') n.resolveOverdue = true
        // a climb gave the new level a fresh acceptance deadline; only a stay marks the level's as missed
        if (k === 'level' && !levelChanged) n.levelOverdue = true
      }
      break
    case 'report':
    case 'escalate':
    case 'dispatch':
    case 'comment':
      break
  }
  n.overdue = n.respondOverdue || n.resolveOverdue || n.levelOverdue
  // the place's path while open and marked overdue: 日调度 reads a unit's by prefix, past every one that ended late
  if (n.group === 'open' && n.overdue) n.overduePath = n.path
  else delete n.overduePath
  n.ownerKey = ownerKeyOf(n, n.level, n.departmentId)
  n.nextDueAt = nextDueAt(n)
  return n
}

/** What a report carries, after the handler resolved the place. */
export interface RequestDraft {
  id: string
  category: RequestDoc['category']
  description: string
  photos: string[]
  place: RequestDoc['place']
  /** the place's unit path (a household's, a building's, or the grid's for a spot) */
  path: string
  gridId: string
  buildingId?: string
  communityId: string
  streetId: string
  anonymous: boolean
  urgent: boolean
  /** the Beijing month of now (core/points/months.ts beijingMonth) */
  month: string
  /** a deadline set by whoever made it (a council decision's task): it stands for the category's 办结时限, and 响应
   * is due no later */
  resolveBy?: Date
  /** what the request was made for, when not a resident's report */
  source?: RequestDoc['source']
}

/**
 * A new request at the grid, 待受理, with its first event (反映) holding its deadlines. Refused when the community
 * switched the category off. 紧急 is kept only where the category may be urgent.
 */
export function openRequest(
  d: RequestDraft,
  actor: Pick<Actor, 'personId' | 'name'> & { label: string },
  now: Date,
  settings: RequestSettings,
): { ok: true; request: RequestDoc; event: RequestEventDoc } | Refusal {
  if (!settings.categories[d.category].enabled) return refuse('REQUEST_CATEGORY_OFF')
  const urgent = d.urgent && URGENT_CATEGORIES.includes(d.category)
  const promised = promises({ category: d.category, urgent, createdAt: now }, settings)
  const p = d.resolveBy
    ? {
        resolveDueAt: d.resolveBy,
        respondDueAt: new Date(Math.min(+promised.respondDueAt, +d.resolveBy)),
      }
    : promised
  const level = levelDueAt({ category: d.category, urgent }, 'grid', now, settings)
  const blank: RequestDoc = {
    _id: d.id,
    category: d.category,
    description: d.description,
    photos: d.photos,
    place: d.place,
    gridId: d.gridId,
    ...(d.buildingId ? { buildingId: d.buildingId } : {}),
    communityId: d.communityId,
    streetId: d.streetId,
    path: d.path,
    reporterId: actor.personId,
    reporterLabel: actor.label,
    ...(d.source ? { source: d.source } : {}),
    anonymous: d.anonymous,
    urgent,
    state: 'submitted',
    group: 'open',
    level: 'grid',
    levelSince: now,
    ownerKey: d.gridId,
    sentFrom: [],
    createdAt: now,
    updatedAt: now,
    month: d.month,
    seq: 0,
    reopenCount: 0,
    escalated: false,
    respondOverdue: false,
    resolveOverdue: false,
    levelOverdue: false,
    overdue: false,
    respondDueAt: null,
    resolveDueAt: null,
    levelDueAt: null,
    nextDueAt: null,
    followerCount: 1,
    last: null,
  }
  const event: RequestEventDoc = {
    _id: requestEventId(d.id, 1),
    requestId: d.id,
    seq: 1,
    move: REPORT_MOVE,
    from: { state: 'submitted', level: 'grid' },
    to: { state: 'submitted', level: 'grid' },
    actorId: actor.personId,
    actorRole: 'reporter',
    actorLabel: actor.label,
    actorName: actor.name,
    at: now,
    due: { respond: p.respondDueAt, resolve: p.resolveDueAt, level },
  }
  return { ok: true, request: applyEvent(blank, event), event }
}

/** The request as it was before any event: what a replay starts from (the stored request's fixed fields). */
export function unreported(r: RequestDoc): RequestDoc {
  return {
    _id: r._id,
    category: r.category,
    description: r.description,
    photos: r.photos,
    place: r.place,
    gridId: r.gridId,
    ...(r.buildingId ? { buildingId: r.buildingId } : {}),
    communityId: r.communityId,
    streetId: r.streetId,
    path: r.path,
    reporterId: r.reporterId,
    reporterLabel: r.reporterLabel,
    ...(r.source ? { source: r.source } : {}),
    anonymous: r.anonymous,
    urgent: r.urgent,
    state: 'submitted',
    group: 'open',
    level: 'grid',
    levelSince: r.createdAt,
    ownerKey: r.gridId,
    sentFrom: [],
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
    month: r.month,
    seq: 0,
    reopenCount: 0,
    escalated: false,
    respondOverdue: false,
    resolveOverdue: false,
    levelOverdue: false,
    overdue: false,
    respondDueAt: null,
    resolveDueAt: null,
    levelDueAt: null,
    nextDueAt: null,
    followerCount: r.followerCount,
    last: null,
  }
}
