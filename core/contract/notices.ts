/**
 * The `notices` function: instructions published down the tree (指令传达), relayed unchanged (上下一个声音),
 * acknowledged per household (收到), and the reach of each notice with the unreached to visit (不落一户).
 * Cost does not grow with the audience: publishing writes one notice (+ one delivery job); a household's first
 * 收到 writes a bounded set (its receipt, the person's ack, one building counter); reach reads counters.
 */
import { z } from 'zod'
import { REACH_PAGE } from '../notices/reach'
import { childCursor, fileID, recordId, unitId } from './fields'
import type { UnitRef } from './grid'

export const URGENCIES = ['normal', 'important', 'urgent'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', important: '重要', urgent: '紧急' }

/** How a leader reached a household in person (已上门告知). */
export const VISIT_METHODS = ['door', 'phone', 'other'] as const
export type VisitMethod = (typeof VISIT_METHODS)[number]
export const VISIT_LABELS: Record<VisitMethod, string> = { door: '上门告知', phone: '电话告知', other: '其他方式' }

/** What a notice and a leader's note may hold (发布通知, 转发到本网格群 and 已上门告知 cap their inputs with these). */
export const NOTICE_LIMITS = { title: 40, body: 2000, images: 9, note: 100 } as const

const noticeId = recordId
const page = z.number().int().min(0).max(10_000).default(0)
const pageSize = z.number().int().min(1).max(100).default(20)

export const noticesPayloads = {
  /** Publishes to units inside the caller's scope (a community or chosen grids; a grid or chosen buildings;
   * one's buildings). Text passes the content-security check first (CONTENT_RISKY, nothing stored). */
  publish: z
    .object({
      title: z.string().trim().min(1).max(NOTICE_LIMITS.title),
      body: z.string().trim().min(1).max(NOTICE_LIMITS.body),
      images: z.array(fileID).max(NOTICE_LIMITS.images).default([]),
      urgency: z.enum(URGENCIES).default('normal'),
      ackRequired: z.boolean().default(true),
      /** ISO 8601; must be in the future, at most 90 days ahead. */
      expiresAt: z.string().datetime({ offset: true }),
      unitIds: z.array(unitId).min(1).max(50),
    })
    .strict(),
  /** The caller's feed: notices to any unit containing their home, newest first, urgent pinned, expired hidden. */
  feed: z.object({ page, pageSize }).strict(),
  /** Notices in the feed the caller has not yet opened or acknowledged (the tab's badge). */
  unreadCount: z.object({}).strict(),
  /** One notice, with its origin and (opened from a grid's share card) that grid's relay note. Opening marks it read. */
  detail: z.object({ noticeId, gridId: unitId.optional() }).strict(),
  /** 收到: idempotent; the household is reached when its first member acknowledges. */
  ack: z.object({ noticeId }).strict(),
  /** A grid chief relays a notice from above into the grid's group: the text stays, one note may be added. */
  relay: z.object({ noticeId, gridId: unitId, note: z.string().trim().max(NOTICE_LIMITS.note).optional() }).strict(),
  /** Notices published above the caller's grids that they have not relayed yet (转发到本网格群). */
  relayInbox: z.object({}).strict(),
  /** The notices the caller published, newest first, with their reach so far. */
  published: z.object({ page, pageSize }).strict(),
  /** Reach of a notice under a unit, by the level below it (a street's communities, a community's grids, a grid's
   * buildings), one page after `cursor` (a `nextCursor` of before); from counters, never receipts. */
  reach: z
    .object({
      noticeId,
      unitId,
      cursor: childCursor.optional(),
      pageSize: z.number().int().min(1).max(50).default(REACH_PAGE),
    })
    .strict(),
  /** Unreached households of one building, paged, with doors and phones for the leader to knock or call. */
  unreached: z.object({ noticeId, microgridId: unitId, page, pageSize }).strict(),
  /** 已上门告知: records an in-person reach of a household (by whom, when, how); it counts like a 收到. */
  visit: z
    .object({
      noticeId,
      householdId: unitId,
      method: z.enum(VISIT_METHODS),
      note: z.string().trim().max(NOTICE_LIMITS.note).optional(),
    })
    .strict(),
  /** Reminds the unreached under a unit (subscribe messages); at most once per notice per unit per day, and a
   * reminder that finds nobody to send to (NOTHING_TO_REMIND) leaves the day's reminder unused. */
  remind: z.object({ noticeId, unitId }).strict(),
  /** Records that the caller accepted one subscribe message for notices (wx.requestSubscribeMessage). */
  subscribe: z.object({ templateId: z.string().min(1).max(64) }).strict(),
}

export interface NoticeCard {
  id: string
  title: string
  /** The first ~60 characters of the body. */
  excerpt: string
  urgency: Urgency
  ackRequired: boolean
  publishedAt: string
  expiresAt: string
  /** Who published it: 和平里社区 · 许玉兰. */
  origin: string
  read: boolean
  /** Whether the caller's household has been reached (someone pressed 收到, or a leader visited). */
  householdReached: boolean
}

export interface NoticeDetail extends Omit<NoticeCard, 'excerpt'> {
  body: string
  /** Temporary URLs of the images that passed the image check (what everyone sees). */
  images: string[]
  /** 审核中: images still waiting for their check's verdict, returned only to their uploader and the leaders. */
  checkingImages: string[]
  /** How many of the caller's own images the check refused (hidden from everyone; core/uploads.ts withheldLine). */
  withheldImages: number
  targets: UnitRef[]
  /** Set when opened from a grid's share card and that grid's chief added a note. */
  relayNote: { grid: UnitRef; note: string; by: string } | null
  /** Whether the caller pressed 收到. */
  acked: boolean
  /** What published it when not a leader's own notice: an emergency (its 应急须知), a testing round (我的采样时段) or a
   * council decision (议题详情, id the proposal); the page links there (core/notices/links.ts sourceLink). */
  source: { kind: 'emergency' | 'testing' | 'council'; id: string } | null
}

export interface AckResult {
  acked: true
  /** True when this person's 收到 is what reached the household (the first of its members, and no visit before);
   * a repeat of that same 收到 (a retry, a double tap) answers the same, as an idempotent request should. Null for a
   * community's or street's notice, whose 收到 are counted within a minute (core/notices/counting.ts). */
  householdReached: boolean | null
}

export interface ReachRow extends UnitRef {
  households: number
  reached: number
}

export interface ReachResult {
  /** `ackRequired`: whether residents are asked to press 收到 (without it, reading reaches the household) */
  notice: { id: string; title: string; urgency: Urgency; ackRequired: boolean; publishedAt: string; expiresAt: string }
  unit: UnitRef
  households: number
  reached: number
  /** The level of `rows` (the one below `unit`); null for a building, whose unreached households are listed. */
  rowLevel: 'community' | 'grid' | 'microgrid' | null
  /** One page of the children of `unit` the notice went to, in name order (at most `pageSize`). */
  rows: ReachRow[]
  pageSize: number
  /** Set when more rows follow: pass it as `cursor` for the next page. */
  nextCursor?: string
  /** The notice's subscribe messages (server/delivery-progress.ts): sent of due, and whether the delivery is over. */
  delivery: { sent: number; due: number; done: boolean }
  /** 收到 pressed on this notice that are not in `reached` yet: a community's or street's notice counts them within a
   * minute (core/notices/counting.ts); always 0 for a notice counted at once. */
  counting: number
  /** Whether the unreached under this unit were already reminded today (Beijing time): 提醒未触达 waits for tomorrow. */
  remindedToday: boolean
}

export interface UnreachedRow {
  householdId: string
  door: string
  /** Phones in full: only leaders whose scope contains the building get here (audited). */
  members: { id: string; name: string; phone: string; joined: boolean }[]
}

export interface NoticesApi {
  publish: { payload: z.input<typeof noticesPayloads.publish>; result: NoticeCard & { targets: UnitRef[] } }
  feed: { payload: z.input<typeof noticesPayloads.feed>; result: { rows: NoticeCard[]; unread: number } }
  unreadCount: { payload: z.input<typeof noticesPayloads.unreadCount>; result: { unread: number } }
  detail: { payload: z.input<typeof noticesPayloads.detail>; result: NoticeDetail }
  ack: { payload: z.input<typeof noticesPayloads.ack>; result: AckResult }
  relay: { payload: z.input<typeof noticesPayloads.relay>; result: { path: string; title: string } }
  relayInbox: { payload: z.input<typeof noticesPayloads.relayInbox>; result: (NoticeCard & { grids: UnitRef[] })[] }
  published: {
    payload: z.input<typeof noticesPayloads.published>
    result: { rows: (NoticeCard & { households: number; reached: number; targets: UnitRef[] })[] }
  }
  reach: { payload: z.input<typeof noticesPayloads.reach>; result: ReachResult }
  unreached: {
    payload: z.input<typeof noticesPayloads.unreached>
    result: { total: number; page: number; pageSize: number; building: UnitRef; rows: UnreachedRow[] }
  }
  visit: { payload: z.input<typeof noticesPayloads.visit>; result: { householdReached: boolean } }
  remind: { payload: z.input<typeof noticesPayloads.remind>; result: { sent: number } }
  subscribe: { payload: z.input<typeof noticesPayloads.subscribe>; result: { remaining: number } }
}
