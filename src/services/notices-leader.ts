/**
 * Notices as leaders see them (sub-package manage/): publish down the tree, follow its reach per grid and
 * building, knock on the unreached doors (已上门告知), remind them, list what one published, and (grid chiefs)
 * relay notices from above into the grid's group. Typed from core/contract/notices.ts.
 */
import type { NoticesApi, Urgency, VisitMethod } from '../../core/contract'
import { call } from './transport'

export type { NoticeCard, ReachResult, ReachRow, UnreachedRow, Urgency, VisitMethod } from '../../core/contract'
export { URGENCIES, URGENCY_LABELS, VISIT_LABELS, VISIT_METHODS } from '../../core/contract'

type R<A extends keyof NoticesApi> = NoticesApi[A]['result']

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

export const getReach = (noticeId: string, unitId: string): Promise<R<'reach'>> =>
  call('notices', 'reach', { noticeId, unitId })

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

export const myPublished = (page: number, pageSize = 20): Promise<R<'published'>> =>
  call('notices', 'published', { page, pageSize })

export const relayInbox = (): Promise<R<'relayInbox'>> => call('notices', 'relayInbox', {})

/** The grid chief's relay; the result's path is what the share card opens. */
export const relayNotice = (noticeId: string, gridId: string, note?: string): Promise<R<'relay'>> =>
  call('notices', 'relay', { noticeId, gridId, ...(note?.trim() ? { note: note.trim() } : {}) })

/** Share of households reached, as a whole percentage (0 when there are none). */
export const percent = (reached: number, households: number): number =>
  households > 0 ? Math.round((reached / households) * 100) : 0
