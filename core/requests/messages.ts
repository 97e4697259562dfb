/**
 * The subscribe message of requests (一次性订阅): one template for every "something happened to a request you are on"
 * — its reporter and followers on a change of state, a new owner when it reaches them (上报, 吹哨派单, the timer's
 * 超时自动上报). Pure: the template the app asks for (wx.requestSubscribeMessage, recorded by notices.subscribe), what
 * a message says, and the purpose it is spent on (server/recipients.ts spends at most one per person per purpose, so
 * a retried move never tells anyone twice).
 */
import type { RequestDoc } from '../model'
import { beijingMinute } from '../notices/beijing-time'
import { clip } from '../notices/links'
import { STATE_GROUP, STATE_LABELS, type RequestState } from './states'

/** The detail page (src/routes.ts `requestDetail`), where every message opens. */
export const REQUEST_DETAIL_PAGE = 'requests/detail/index'
export const requestPath = (requestId: string): string => `${REQUEST_DETAIL_PAGE}?id=${encodeURIComponent(requestId)}`

/**
 * The template (a real deployment replaces the id with the one its 公众平台 account chose for these fields): thing at
 * most 20 characters, phrase at most 5, time a date and time.
 */
export const REQUEST_TEMPLATE = {
  id: 'wgt-request-update',
  fields: { title: 'thing1', status: 'phrase2', note: 'thing3', at: 'time4' },
} as const

interface To {
  openid: string
  templateId: string
}

/** Why someone is told: the state changed (reporters, followers), or the request is theirs to handle now. */
export type Tell = { kind: 'state'; state: RequestState } | { kind: 'owner' }

/** The message telling one person about one move of a request. `note` is the line under the title (who did what). */
export const requestMessage = (
  r: Pick<RequestDoc, '_id' | 'description'>,
  tell: Tell,
  note: string,
  at: Date,
  to: To,
) => {
  const f = REQUEST_TEMPLATE.fields
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: requestPath(r._id),
    miniprogramState: 'formal',
    data: {
      [f.title]: { value: clip(r.description.replace(/\s+/g, ' ').trim(), 20) },
      [f.status]: { value: tell.kind === 'owner' ? '待处理' : STATE_LABELS[tell.state] },
      [f.note]: { value: clip(note, 20) },
      [f.at]: { value: beijingMinute(at) },
    },
  }
}

/** One event of one request: a message is spent on it at most once per person. */
export const requestPurpose = (requestId: string, seq: number): string => `request:${requestId}:${seq}`

/**
 * Who a move concerns: `followers` (the reporter and 我也遇到了) when the state or the owner changed — the resident
 * follows the request up the levels —, `owner` when the request reached a new owner still to handle it (a report
 * reaches the grid, 上报, 吹哨派单, 超时自动上报, a return down a level, a reopening elsewhere). `before` null: reported.
 */
export function whoToTell(
  before: Pick<RequestDoc, 'state' | 'ownerKey'> | null,
  after: Pick<RequestDoc, 'state' | 'ownerKey' | 'group'>,
): { followers: boolean; owner: boolean } {
  if (!before) return { followers: false, owner: after.group === 'open' }
  const newOwner = after.ownerKey !== before.ownerKey
  return {
    followers: after.state !== before.state || newOwner,
    // reopened (不满意, a failed 回头看): back in an inbox though the owner is the same
    owner: after.group === 'open' && (newOwner || STATE_GROUP[before.state] !== 'open'),
  }
}
