/**
 * Notices on the resident's side: the feed of the 通知 tab, one notice (opening it marks it read), 收到, the
 * unread badge on the tab, and 订阅通知 (one subscribe message per accepted request).
 * weapp: the subscription is WeChat's wx.requestSubscribeMessage for the notices template (core/notice-links,
 * the id the cloud delivers with), then notices.subscribe records it. h5 (local cloud): there is no WeChat to ask,
 * so notices.subscribe is called directly — a simulated subscription whose messages land in the local outbox.
 */
import Taro from '@tarojs/taro'
import type { AckResult, NoticeCard, NoticeDetail } from '../../core/contract'
import { NOTICE_DETAIL_PAGE, NOTICE_TEMPLATE, noticePath } from '../../core/notices/links'
import { ERROR_MESSAGES } from '../../core/envelope'
import { ServiceError } from './errors'
import { knownMe, mayCall } from './grid'
import { currentPersona, sessionEpoch } from './session'
import { call } from './transport'

export type { AckResult, NoticeCard, NoticeDetail, Urgency } from '../../core/contract'
export { URGENCY_LABELS } from '../../core/contract'

export const FEED_PAGE_SIZE = 20

/** The notice detail page (sub-package pages/notices/detail), as navigateTo wants it. */
export const NOTICE_PAGE = `/${NOTICE_DETAIL_PAGE}`
export const NOTICES_TAB = '/pages/notices/list/index'

/** The detail page of a notice; with `gridId`, as that grid's share card opens it (with the relay note). */
export const noticeDetailUrl = (noticeId: string, gridId?: string): string => `/${noticePath(noticeId, gridId)}`

/** The feed of my home. Someone whose roles get no feed (staff, merchants, who left) is answered as the cloud would
 * answer them, without the call that would only be refused. */
export async function feed(page: number, pageSize = FEED_PAGE_SIZE): Promise<{ rows: NoticeCard[]; unread: number }> {
  await refuseUnlessMay('notices.feed')
  return call('notices', 'feed', { page, pageSize })
}

export const unreadCount = (): Promise<number> => call('notices', 'unreadCount', {}).then((r) => r.unread)

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
export async function subscribeNotices(): Promise<SubscribeOutcome> {
  const templateId = NOTICE_TEMPLATE.id
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

/** Asks the cloud for the unread count and shows it. A caller whose roles get no feed (staff, merchants, someone
 * who left) gets no badge and sends no call that would only be refused. */
export function refreshNoticeBadge(): Promise<void> {
  const forWhom = viewer()
  if (refreshing && badgeFor === forWhom) return refreshing
  badgeFor = forWhom
  const mine: Promise<void> = mayCall('notices.unreadCount')
    .then((may) => (may ? unreadCount() : 0))
    .then(
      (n) => (badgeFor === forWhom ? setNoticeBadge(n) : undefined),
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
