/**
 * The `notices` function, for residents and leaders alike.
 * Residents: the feed of the 通知 tab, one notice (opening it marks it read), 收到, the unread badge on the tab,
 * and 订阅通知 (one subscribe message per accepted request).
 * weapp: the subscription is WeChat's wx.requestSubscribeMessage for the notices template (core/notices/links,
 * the id the cloud delivers with), then notices.subscribe records it. h5 (local cloud): there is no WeChat to ask,
 * so notices.subscribe is called directly — a simulated subscription whose messages land in the local outbox.
 * Leaders (sub-package manage/): publish down the tree, follow its reach per grid and building, knock on the
 * unreached doors (已上门告知), remind them, list what one published, and (grid chiefs) relay notices from above
 * into the grid's group.
 */
import Taro from '@tarojs/taro'
import type { AckResult, NoticeCard, NoticeDetail, NoticesApi, Urgency, VisitMethod } from '../../core/contract'
import { NOTICE_TEMPLATE } from '../../core/notices/links'
import { ERROR_MESSAGES } from '../../core/envelope'
import { ServiceError } from './errors'
import { askedSoFar, homeAskedAfter, knownMe, mayCall, whoKnown } from './grid'
import { currentPersona, sessionEpoch } from './session'
import { call } from './transport'

export type {
  AckResult,
  NoticeCard,
  NoticeDetail,
  ReachResult,
  ReachRow,
  UnreachedRow,
  Urgency,
  VisitMethod,
} from '../../core/contract'
export { URGENCIES, URGENCY_LABELS, VISIT_LABELS, VISIT_METHODS } from '../../core/contract'

type R<A extends keyof NoticesApi> = NoticesApi[A]['result']

export const FEED_PAGE_SIZE = 20

/** The feed of my home. Someone whose roles get no feed (staff, merchants, who left) is answered as the cloud would
 * answer them, without the call that would only be refused. */
export async function getFeed(
  page: number,
  pageSize = FEED_PAGE_SIZE,
): Promise<{ rows: NoticeCard[]; unread: number }> {
  await refuseUnlessMay('notices.feed')
  return call('notices', 'feed', { page, pageSize })
}

export const getUnreadCount = (): Promise<number> => call('notices', 'unreadCount', {}).then((r) => r.unread)

/** One notice; `gridId` when opened from that grid's share card (its relay note comes along). Marks it read. */
export const getNotice = (noticeId: string, gridId?: string): Promise<NoticeDetail> =>
  call('notices', 'detail', gridId ? { noticeId, gridId } : { noticeId })

/** 收到: idempotent on the server; the page keeps a second tap from sending while the first is in flight. */
export const ackNotice = (noticeId: string): Promise<AckResult> => call('notices', 'ack', { noticeId })

/** Throws the refusal the cloud would send when my roles can never pass `action` (core/permissions). */
async function refuseUnlessMay(action: 'notices.feed'): Promise<void> {
  if (await mayCall(action)) return
  const code = (await knownMe()).person ? 'FORBIDDEN' : 'NOT_REGISTERED'
  throw new ServiceError(code, ERROR_MESSAGES[code])
}

// ---- 订阅通知 ----

export type SubscribeOutcome =
  | { status: 'accepted'; remaining: number; simulated: boolean }
  /** The user declined, or has turned notice messages off in the mini-program's settings. */
  | { status: 'declined' }

/**
 * Asks for one more subscribe message of notices and records it. Must run inside a tap handler in weapp
 * (WeChat only shows the request on a user's tap).
 */
export const subscribeNotices = (): Promise<SubscribeOutcome> => subscribeTo(NOTICE_TEMPLATE.id)

/**
 * Asks for one more subscribe message of a template — notices', or volunteering's (core/points/messages.ts: new
 * activities, a waiting sign-up moved up) — and records it through notices.subscribe, which keeps every template's
 * subscriptions. Inside a tap handler in weapp, like subscribeNotices.
 */
export async function subscribeTo(templateId: string): Promise<SubscribeOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    const { remaining } = await call('notices', 'subscribe', { templateId })
    return { status: 'accepted', remaining, simulated: true }
  }
  let answer: string | undefined
  try {
    // Taro's typing also demands Alipay's entityIds; WeChat takes tmplIds only.
    const option = { tmplIds: [templateId] } as unknown as Taro.requestSubscribeMessage.Option
    const res = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>
    answer = res[templateId]
  } catch {
    // 20004: the user switched subscribe messages off for this mini-program; others: nothing shown
    throw new ServiceError('INTERNAL', '没能打开订阅，请在小程序设置中允许接收通知后重试')
  }
  if (answer !== 'accept') return { status: 'declined' }
  const { remaining } = await call('notices', 'subscribe', { templateId })
  return { status: 'accepted', remaining, simulated: false }
}

// ---- the unread badge on the 通知 tab ----

const NOTICE_TAB_INDEX = 1
/** The last count we were asked to show, and whether the tab bar has shown it yet. */
let badge: { count: number; shown: boolean } | null = null
let refreshing: Promise<void> | null = null
/** Whose count the badge shows, and in which session: the person can change without the app being shown
 * again (h5 persona switch; leaving the household or deleting, in both builds). */
let badgeFor: string | undefined

const viewer = (): string =>
  `${process.env.TARO_ENV === 'h5' ? (currentPersona()?.openid ?? '') : 'wechat'}#${sessionEpoch()}`

/** Shows `count` on the 通知 tab (none at 0). When the tab bar refuses (weapp: the current page is not a tab
 * page), the count waits for the next tab page to show (reapplyNoticeBadge). */
export async function setNoticeBadge(count: number): Promise<void> {
  badge = { count, shown: false }
  await showBadge()
}

/** A tab page showed: put up a count that could not be shown earlier (no cloud call), or, when the viewer
 * changed (a new session; in h5 also none fetched yet), fetch it. */
export function reapplyNoticeBadge(): void {
  const stale = badgeFor !== viewer() && (process.env.TARO_ENV === 'h5' || badgeFor !== undefined)
  if (stale) void refreshNoticeBadge()
  else if (badge && !badge.shown) void showBadge()
}

/** When the count the badge shows was asked (as askedSoFar counts): a 首页 answer (grid.home) asked later
 * replaces it. */
let countAskedAt = 0

/** The newest unread count: 首页's when grid.home was asked after the count shown (no call of its own), else
 * notices.unreadCount. Nothing is asked before this session knows who the person is: the first screen asks that
 * (首页 with its count), so the app showing never adds a call of its own to it. */
async function unreadNow(forWhom: string): Promise<number | null> {
  await whoKnown()
  // the person changed meanwhile: the refresh for who it is now takes the count (and 首页's answer)
  if (badgeFor !== forWhom || viewer() !== forWhom) return null
  const home = homeAskedAfter(countAskedAt)
  if (home) {
    countAskedAt = home.seq
    return (await home.answer).unread
  }
  countAskedAt = askedSoFar()
  return (await mayCall('notices.unreadCount')) ? getUnreadCount() : 0
}

/** 首页 loaded (grid.home): show its unread count when it is newer than the one shown; never a call of its own. */
export function takeHomeBadge(): void {
  const home = homeAskedAfter(countAskedAt)
  if (!home || (refreshing && badgeFor === viewer())) return // a refresh under way takes it itself
  countAskedAt = home.seq
  badgeFor = viewer()
  void home.answer.then(
    (h) => setNoticeBadge(h.unread),
    () => undefined,
  )
}

/** Finds the unread count (unreadNow) and shows it. A caller whose roles get no feed (staff, merchants, someone
 * who left) gets no badge and sends no call that would only be refused. */
export function refreshNoticeBadge(): Promise<void> {
  const forWhom = viewer()
  if (refreshing && badgeFor === forWhom) return refreshing
  badgeFor = forWhom
  const mine: Promise<void> = unreadNow(forWhom)
    .then(
      (n) => (n !== null && badgeFor === forWhom ? setNoticeBadge(n) : undefined),
      () => (badgeFor === forWhom ? setNoticeBadge(0) : undefined),
    )
    .finally(() => {
      if (refreshing === mine) refreshing = null
    })
  refreshing = mine
  return mine
}

async function showBadge(): Promise<void> {
  const target = badge
  if (!target) return
  try {
    if (target.count > 0)
      await Taro.setTabBarBadge({ index: NOTICE_TAB_INDEX, text: target.count > 99 ? '99+' : String(target.count) })
    else await Taro.removeTabBarBadge({ index: NOTICE_TAB_INDEX })
    target.shown = true
  } catch {
    // not a tab page right now (or no tab bar): reapplyNoticeBadge shows it later
  }
}

// ---- leaders ----

export interface PublishInput {
  title: string
  body: string
  /** fileIDs from uploadFile */
  images: string[]
  urgency: Urgency
  ackRequired: boolean
  /** ISO 8601, in the future */
  expiresAt: string
  unitIds: string[]
}

/** Refused texts fail with CONTENT_RISKY (its message says why); nothing is stored then. */
export const publishNotice = (input: PublishInput): Promise<R<'publish'>> => call('notices', 'publish', input)

/** A notice's reach under a unit, by the level below it (a page of its communities, grids or buildings; the next
 * page after `cursor`, a `nextCursor` of before). */
export const getReach = (noticeId: string, unitId: string, cursor?: string): Promise<R<'reach'>> =>
  call('notices', 'reach', cursor ? { noticeId, unitId, cursor } : { noticeId, unitId })

/** What the rows of a reach are called, by their level. */
export const REACH_ROW_TITLES = { community: '各社区', grid: '各网格', microgrid: '各楼栋' } as const

/** A page of one building's unreached households, members' phones in full (the read is audited). */
export const getUnreached = (
  noticeId: string,
  microgridId: string,
  page: number,
  pageSize = 20,
): Promise<R<'unreached'>> => call('notices', 'unreached', { noticeId, microgridId, page, pageSize })

/** 已上门告知: the household counts as reached, once. */
export const recordVisit = (
  noticeId: string,
  householdId: string,
  method: VisitMethod,
  note?: string,
): Promise<R<'visit'>> =>
  call('notices', 'visit', { noticeId, householdId, method, ...(note?.trim() ? { note: note.trim() } : {}) })

/** At most once per notice per unit per day; a second try fails with ALREADY_REMINDED. With nobody due (no
 * unreached member holds a subscribe message) it fails with NOTHING_TO_REMIND and the day's reminder stays unused. */
export const remindUnreached = (noticeId: string, unitId: string): Promise<R<'remind'>> =>
  call('notices', 'remind', { noticeId, unitId })

export const getPublished = (page: number, pageSize = 20): Promise<R<'published'>> =>
  call('notices', 'published', { page, pageSize })

export const getRelayInbox = (): Promise<R<'relayInbox'>> => call('notices', 'relayInbox', {})

/** The grid chief's relay; the result's path is what the share card opens. */
export const relayNotice = (noticeId: string, gridId: string, note?: string): Promise<R<'relay'>> =>
  call('notices', 'relay', { noticeId, gridId, ...(note?.trim() ? { note: note.trim() } : {}) })

/** Share of households reached, as a whole percentage (0 when there are none). */
export const percent = (reached: number, households: number): number =>
  households > 0 ? Math.round((reached / households) * 100) : 0
