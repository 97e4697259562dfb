import type { NoticeDoc, NoticeSource } from '../model'
import { URGENCY_LABELS } from '../contract/notices'
import { beijingMinute } from './beijing-time'

/**
 * Where a notice opens in the mini-program, and the one subscribe-message template notices are sent with.
 * Pure: the share card a grid chief relays (转发到本网格群), the subscribe message's `page`, and the detail page's
 * own links all come from here, so the client and the cloud function agree on one path.
 */

/** The notice detail page (registered in src/app.config.ts). */
export const NOTICE_DETAIL_PAGE = 'pages/notices/detail/index'

/**
 * The path of a notice's detail page; with `gridId` it is the share card of that grid's relay, so the page shows
 * the grid chief's note (notices.detail `{ noticeId, gridId }`).
 */
export const noticePath = (noticeId: string, gridId?: string): string =>
  `${NOTICE_DETAIL_PAGE}?id=${encodeURIComponent(noticeId)}${gridId ? `&grid=${encodeURIComponent(gridId)}` : ''}`

/** The query of the detail page back into notices.detail's payload; null when it names no notice. */
export function parseNoticeQuery(
  query: Record<string, string | undefined>,
): { noticeId: string; gridId?: string } | null {
  const noticeId = query.id ? decodeURIComponent(query.id) : ''
  if (!noticeId) return null
  const gridId = query.grid ? decodeURIComponent(query.grid) : ''
  return gridId ? { noticeId, gridId } : { noticeId }
}

/**
 * Where a notice's source opens (a route of src/routes.ts and its query) and what the button says: an emergency's
 * 应急须知, the household's own testing slot, a council decision's proposal (议题详情: outcome and reason).
 */
export function sourceLink(source: NoticeSource): {
  route: 'emergency' | 'testingSlot' | 'councilProposal'
  query: Record<string, string>
  label: string
} {
  switch (source.kind) {
    case 'emergency':
      return { route: 'emergency', query: { id: source.id }, label: '查看应急须知' }
    case 'testing':
      return { route: 'testingSlot', query: {}, label: '查看我家的采样时段' }
    case 'council':
      return { route: 'councilProposal', query: { id: source.id }, label: '查看议题和表决结果' }
  }
}

/**
 * The subscribe-message template for new notices (一次性订阅). A real deployment replaces the id with the one its
 * 公众平台 account chose for these fields; the app asks for this id (wx.requestSubscribeMessage) and
 * notices.subscribe records it, and delivery sends with the id each subscription recorded.
 */
export const NOTICE_TEMPLATE = {
  id: 'wgt-notice-new',
  /** thing: at most 20 characters; phrase: at most 5; time: a date and time. */
  fields: { title: 'thing1', origin: 'thing2', urgency: 'phrase3', publishedAt: 'time4' },
} as const

/** Cuts a value to a subscribe-message field's limit (WeChat refuses longer values with 47003). */
export const clip = (value: string, max: number): string =>
  [...value].length <= max ? value : `${[...value].slice(0, max - 1).join('')}…`

/**
 * The subscribe message announcing a notice to one subscriber; a reminder to the unreached overrides the origin
 * and urgency lines. Every field is cut to its limit.
 */
export function noticeMessage(
  notice: Pick<NoticeDoc, '_id' | 'title' | 'origin' | 'urgency' | 'publishedAt'>,
  to: { openid: string; templateId: string },
  lines: { origin?: string; urgency?: string } = {},
) {
  const f = NOTICE_TEMPLATE.fields
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: noticePath(notice._id),
    miniprogramState: 'formal',
    data: {
      [f.title]: { value: clip(notice.title, 20) },
      [f.origin]: { value: clip(lines.origin ?? notice.origin, 20) },
      [f.urgency]: { value: lines.urgency ?? URGENCY_LABELS[notice.urgency] },
      [f.publishedAt]: { value: beijingMinute(new Date(notice.publishedAt)) },
    },
  }
}
