/**
 * The `requests` function as pages see it (诉求, issue 11): the settings a report page offers (categories, limits,
 * departments), duplicate hints and 我也遇到了, reporting, my requests, a request's detail with the moves the viewer
 * may make, and every move itself (the reporter's rating and 撤回 as the handlers' 受理 … 办结); the leaders'
 * inbox, rates, patrols and settings. Who may do what is decided on the cloud (core/requests/machine.ts): pages show
 * the `moves` the detail answers with and nothing else.
 */
import Taro from '@tarojs/taro'
import { dateTimeText } from '../../core/beijing-time'
import type { RequestsApi, UserMove } from '../../core/contract'
import { REQUEST_TEMPLATE } from '../../core/requests/messages'
import { call } from './transport'

export type {
  ActPayload,
  CategoryLimit,
  CategoryView,
  DepartmentView,
  LimitBasis,
  Move,
  MoveInput,
  PatrolFindingView,
  PatrolsView,
  PatrolView,
  PlaceKind,
  Rating,
  RatesView,
  ReportPayload,
  RequestCategory,
  RequestEventView,
  RequestFigures,
  RequestLevel,
  RequestRates,
  RequestRow,
  RequestState,
  RequestView,
  SettingsView,
  SimilarRow,
  StateGroup,
  UserMove,
} from '../../core/contract'
export {
  CATEGORY_LABELS,
  GROUP_LABELS,
  LIMIT_BASIS_LABELS,
  MOVE_LABELS,
  PLACE_KIND_LABELS,
  RATING_LABELS,
  RATINGS,
  REQUEST_CATEGORIES,
  REQUEST_LEVEL_LABELS,
  REQUEST_LIMITS,
  STATE_GROUP,
  STATE_LABELS,
} from '../../core/contract'

type R<A extends keyof RequestsApi> = RequestsApi[A]['result']
type P<A extends keyof RequestsApi> = RequestsApi[A]['payload']

/**
 * A fresh id for one tap (a report, a move, a patrol): a retry of the same tap sends it again, so the cloud writes
 * once. Keep it for as long as the same input is being sent; make a new one for the next tap.
 */
export function newTapId(): string {
  const rand = Math.random().toString(36).slice(2, 12).padEnd(10, '0')
  return `t${Date.now().toString(36)}${rand}`
}

// ---- residents: reporting ----

/** The settings in force where `unitId` is (a household, building or grid): categories on offer, limits, departments. */
export const getRequestSettings = (unitId: string): Promise<R<'settings'>> => call('requests', 'settings', { unitId })

/** Open requests of `category` in the building of `unitId` (else its grid): the duplicate hints while writing. */
export const getSimilarRequests = (category: P<'similar'>['category'], unitId: string): Promise<R<'similar'>> =>
  call('requests', 'similar', { category, unitId })

/** Reports a request; a text the content check refuses fails with CONTENT_RISKY and nothing is stored. */
export const reportRequest = (input: P<'report'>): Promise<R<'report'>> => call('requests', 'report', input)

/** 我也遇到了: follow a request of my grid (told of its progress; it shows on 我的诉求). */
export const followRequest = (id: string): Promise<R<'follow'>> => call('requests', 'follow', { id })

/** 我的诉求: the ones I reported and follow, most recently changed first; the next page with `nextCursor`. */
export const getMyRequests = (cursor?: string, pageSize?: number): Promise<R<'mine'>> =>
  call('requests', 'mine', { ...(cursor ? { cursor } : {}), ...(pageSize ? { pageSize } : {}) })

/** One request as I may see it, its timeline, and the moves I may make now. */
export const getRequest = (id: string): Promise<R<'detail'>> => call('requests', 'detail', { id })

/**
 * Asks WeChat for one more message about my requests (a change of state, a request reaching me) and records it
 * (requests.subscribe). Must run inside a tap handler in weapp; h5 records it at once. false when declined.
 */
export async function acceptRequestMessages(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'h5') {
    try {
      // Taro's typing also demands Alipay's entityIds; WeChat takes tmplIds only.
      const option = { tmplIds: [REQUEST_TEMPLATE.id] } as unknown as Taro.requestSubscribeMessage.Option
      const res = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>
      if (res[REQUEST_TEMPLATE.id] !== 'accept') return false
    } catch {
      // switched off for this mini-program, or nothing shown: the request is sent all the same
      return false
    }
  }
  await call('requests', 'subscribe', {})
  return true
}

// ---- every move: one call, the new view back ----

/** What a move carries besides its name (note, photos, reason, departmentId, rating, comment, into, …). */
export type MoveFields = Omit<P<'act'>, 'id' | 'move' | 'tapId'>

/** Makes one move on a request; `tapId` from newTapId, kept for retries of the same tap. Answers the new view. */
export const actOnRequest = (id: string, move: UserMove, tapId: string, fields: MoveFields = {}): Promise<R<'act'>> =>
  call('requests', 'act', { id, move, tapId, ...fields })

/** 评价: 满意 / 基本满意 close it, 不满意 reopens it where it was resolved. */
export const rateRequest = (
  id: string,
  rating: NonNullable<MoveFields['rating']>,
  comment: string,
  tapId: string,
): Promise<R<'act'>> =>
  actOnRequest(id, 'rate', tapId, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) })

/** 补充说明 (the reporter, a follower or a handler): a note on the timeline, with photos if any. */
export const commentOnRequest = (id: string, note: string, photos: string[], tapId: string): Promise<R<'act'>> =>
  actOnRequest(id, 'comment', tapId, { note: note.trim(), ...(photos.length ? { photos } : {}) })

/** 撤回: the reporter, while nobody has taken it up at the grid yet. */
export const withdrawRequest = (id: string, tapId: string): Promise<R<'act'>> => actOnRequest(id, 'withdraw', tapId)

/** 受理 */
export const acceptRequest = (id: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'accept', tapId, note?.trim() ? { note: note.trim() } : {})

/** 已联系 / 已到场: the response the 响应率 counts. */
export const respondToRequest = (id: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'respond', tapId, note?.trim() ? { note: note.trim() } : {})

/** 上报: grid → community → street. */
export const escalateRequest = (id: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'escalate', tapId, note?.trim() ? { note: note.trim() } : {})

/** 吹哨派单: the street sends it to one of its departments. */
export const dispatchRequest = (id: string, departmentId: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'dispatch', tapId, { departmentId, ...(note?.trim() ? { note: note.trim() } : {}) })

/** 报到: the department takes it up (within its report-in limit). */
export const checkInRequest = (id: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'checkIn', tapId, note?.trim() ? { note: note.trim() } : {})

/** 退回, with the reason the resident (or the level that sent it) reads. */
export const returnRequest = (id: string, reason: string, tapId: string): Promise<R<'act'>> =>
  actOnRequest(id, 'return', tapId, { reason: reason.trim() })

/** 办结: a note is required, photos optional. */
export const completeRequest = (id: string, note: string, photos: string[], tapId: string): Promise<R<'act'>> =>
  actOnRequest(id, 'complete', tapId, { note: note.trim(), ...(photos.length ? { photos } : {}) })

/** 确认紧急: `urgent` true keeps the 紧急 limits, false handles it as normal. */
export const confirmUrgent = (id: string, urgent: boolean, tapId: string): Promise<R<'act'>> =>
  actOnRequest(id, 'confirmUrgent', tapId, { pass: urgent })

/** 合并 this duplicate into the surviving request `into` (its reporters then follow that one). */
export const mergeRequest = (id: string, into: string, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'merge', tapId, { into, ...(note?.trim() ? { note: note.trim() } : {}) })

/** 接单: a resident of the grid takes an errand (跑腿代购). */
export const takeErrand = (id: string, tapId: string): Promise<R<'act'>> => actOnRequest(id, 'takeErrand', tapId)

/** 安排回头看 at `at` (ISO time). */
export const scheduleReinspection = (id: string, at: string, tapId: string): Promise<R<'act'>> =>
  actOnRequest(id, 'scheduleReinspection', tapId, { reinspectAt: at })

/** 回头看结果: passed strikes it off (销项), failed reopens it. */
export const reinspectRequest = (id: string, pass: boolean, tapId: string, note?: string): Promise<R<'act'>> =>
  actOnRequest(id, 'reinspect', tapId, { pass, ...(note?.trim() ? { note: note.trim() } : {}) })

// ---- leaders and departments ----

/** A leader's (or a department's) inbox under `unitId`, a page at a time; filters as requests.inbox takes them. */
export const getRequestInbox = (query: P<'inbox'>): Promise<R<'inbox'>> => call('requests', 'inbox', query)

/** The counters and the three rates (and more) of a unit or a street's department for a Beijing month (YYYY-MM). */
export const getRequestRates = (unitId: string, month: string, departmentId?: string): Promise<R<'rates'>> =>
  call('requests', 'rates', { unitId, month, ...(departmentId ? { departmentId } : {}) })

/** Community staff: categories and limits; street staff: departments, holidays, 调休 workdays. */
export const updateRequestSettings = (input: P<'updateSettings'>): Promise<R<'updateSettings'>> =>
  call('requests', 'updateSettings', input)

/** 巡查台账: logs a patrol; findings marked asRequest become requests in the same call. */
export const logPatrol = (input: P<'logPatrol'>): Promise<R<'logPatrol'>> => call('requests', 'logPatrol', input)

/** A grid's patrol log, or a community's grids patrolled on `day` (YYYY-MM-DD, Beijing) or not. */
export const getPatrols = (unitId: string, day: string, cursor?: string, pageSize?: number): Promise<R<'patrols'>> =>
  call('requests', 'patrols', { unitId, day, ...(cursor ? { cursor } : {}), ...(pageSize ? { pageSize } : {}) })

// ---- display ----

/** 12月5日 09:00 (the year too when it is not this one), Beijing time. */
export const requestTime = (iso: string): string => dateTimeText(iso)

/** 12月5日 09:00 前 / 已超时, for a deadline. */
export function dueText(iso: string | null, overdue: boolean): string {
  if (overdue) return '已超时'
  if (!iso) return ''
  return new Date(iso).getTime() < Date.now() ? '已超时' : `${requestTime(iso)} 前`
}
