/** How long a notice is up: from publishing until its 截止时间, which lies in the future and at most 90 days ahead. */
import type { NoticeDoc } from '../model'
import { MAX_NOTICE_DAYS } from './scope'

const DAY = 86_400_000

/** Still up at `now`: it shows in feeds, takes 收到, relays, visits, reminders and messages. */
export const isLive = (n: Pick<NoticeDoc, 'expiresAt'>, now: Date): boolean => +new Date(n.expiresAt) > +now

/** Why a notice published at `now` cannot end at `expiresAt` (shown to the publisher), or null when it can. */
export function expiryProblem(expiresAt: Date, now: Date): string | null {
  if (!(+expiresAt > +now)) return '截止时间须晚于现在'
  if (+expiresAt - +now > MAX_NOTICE_DAYS * DAY) return `截止时间最多在 ${MAX_NOTICE_DAYS} 天以后`
  return null
}
