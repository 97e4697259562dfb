/**
 * What a testing round says when its households are assigned (issue 12): one notice over the round's scope announcing
 * it, and to each household's members a subscribe message with THEIR slot's time and site. Pure: the testing function
 * publishes and sends what these return (server/notice-publish.ts, server/message-jobs.ts).
 */
import type { TestingBookingDoc, TestingRoundDoc } from '../model'
import { beijingMinute } from '../notices/beijing-time'
import { clip } from '../notices/links'
import { beijingMoment } from './plan'

/** The page both open on: 我的采样时段 (src/routes.ts testingSlot), the slot card with its code. */
export const TESTING_SLOT_PAGE = 'emergency/testing/slot/index'

/** How long a round's notice stays up: to the end of the day after the round's (Beijing). */
export const roundNoticeExpiry = (r: Pick<TestingRoundDoc, 'date'>): Date =>
  new Date(+beijingMoment(r.date, '00:00') + 2 * 86_400_000)

/** The round's notice: its day, its sites, and where each household finds its own time. */
export function roundNotice(r: Pick<TestingRoundDoc, 'name' | 'date' | 'sites'>): { title: string; body: string } {
  const sites = r.sites.map((s) => `${s.name}（${s.place}）`).join('、')
  return {
    title: `错时采样：${r.name}`,
    body:
      `${r.date} 开展${r.name}。各户的采样时段已排好，请在「我的采样时段」查看你家的时间和采样点，按时前往，` +
      `到场出示采样码，不要提前聚集。\n采样点：${sites}`,
  }
}

/**
 * The slot template (一次性订阅; a real deployment replaces the id with its 公众平台 one, docs/deploy.md): thing at
 * most 20 characters, time a date and time.
 */
export const SLOT_TEMPLATE = {
  id: 'wgt-testing-slot',
  fields: { round: 'thing1', startAt: 'time2', site: 'thing3', door: 'thing4' },
} as const

/** What a round's slot messages are spent on: one per person per round, whatever the firings do. */
export const slotPurpose = (roundId: string): string => `testingSlot:${roundId}`

/** The message telling one member of a household their household's slot: time, site, door. */
export function slotMessage(
  r: Pick<TestingRoundDoc, 'name' | 'sites'>,
  b: Pick<TestingBookingDoc, 'startAt' | 'siteIndex' | 'door'>,
  to: { openid: string; templateId: string },
) {
  const f = SLOT_TEMPLATE.fields
  const site = r.sites[b.siteIndex]
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: TESTING_SLOT_PAGE,
    miniprogramState: 'formal',
    data: {
      [f.round]: { value: clip(r.name, 20) },
      [f.startAt]: { value: beijingMinute(new Date(b.startAt)) },
      [f.site]: { value: clip(site ? `${site.name} ${site.place}` : '见我的采样时段', 20) },
      [f.door]: { value: clip(b.door || '你家', 20) },
    },
  }
}
