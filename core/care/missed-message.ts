/**
 * The subscribe message of a missed daily check (未探访): when the missedChecks timer raises a care person's alert for
 * a day, each of their helpers (the team when it was raised) and the grid chiefs of their grid who accepted this
 * template get ONE message, opening the care person's page. Pure: cloudfunctions/care/messages.ts sends what this
 * returns through server/message-jobs.ts. It names the person and the day only — never the care flags.
 */
import type { CareAlertDoc } from '../model'
import { clip } from '../notices/links'

/** The page it opens: 关爱对象详情 (src/routes.ts carePerson), where a helper records the check. */
export const CARE_PERSON_PAGE = 'emergency/care/person/index'

/**
 * The missed-check template (一次性订阅; a real deployment replaces the id with its 公众平台 one, docs/deploy.md):
 * thing at most 20 characters, date a YYYY-MM-DD day.
 */
export const CARE_MISSED_TEMPLATE = {
  id: 'wgt-care-missed',
  fields: { name: 'thing1', day: 'date2', hint: 'thing3' },
} as const

/** What an alert's messages are spent on: one per person per care person per day, whatever the firings do. */
export const careMissedPurpose = (alertId: string): string => `careMissed:${alertId}`

/** The hint the message ends with. */
export const CARE_MISSED_HINT = '当天无人探访，请尽快上门或电话确认'

/** The message telling one helper or grid chief that nobody checked on the care person that day. */
export function careMissedMessage(
  a: Pick<CareAlertDoc, 'carePersonId' | 'name' | 'day'>,
  to: { openid: string; templateId: string },
) {
  const f = CARE_MISSED_TEMPLATE.fields
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: `${CARE_PERSON_PAGE}?id=${encodeURIComponent(a.carePersonId)}`,
    miniprogramState: 'formal',
    data: {
      [f.name]: { value: clip(a.name, 20) },
      [f.day]: { value: a.day },
      [f.hint]: { value: clip(CARE_MISSED_HINT, 20) },
    },
  }
}
