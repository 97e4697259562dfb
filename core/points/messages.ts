/**
 * The subscribe messages of volunteering (一次性订阅): a new activity for its audience, and a waiting sign-up that
 * moved up. Pure: the templates the app asks for (wx.requestSubscribeMessage), what each message says, who is due
 * one, and the purposes a message is spent on (server/recipients.ts spends at most one per person per purpose).
 */
import type { ActivityDoc, SubscriptionDoc } from '../model'
import { beijingMinute } from '../notices/beijing-time'
import { clip } from '../notices/links'

/** The activity page (src/routes.ts `activity`), where both messages open. */
export const ACTIVITY_PAGE = 'points/activity/index'
export const activityPath = (activityId: string): string => `${ACTIVITY_PAGE}?id=${encodeURIComponent(activityId)}`

/**
 * The templates (a real deployment replaces the ids with those its 公众平台 account chose for these fields):
 * thing at most 20 characters, phrase at most 5, time a date and time.
 */
export const ACTIVITY_TEMPLATE = {
  id: 'wgt-activity-new',
  fields: { title: 'thing1', place: 'thing2', startAt: 'time3', origin: 'thing4' },
} as const
export const PROMOTED_TEMPLATE = {
  id: 'wgt-signup-promoted',
  fields: { title: 'thing1', role: 'thing2', startAt: 'time3', status: 'phrase4' },
} as const

type Activity = Pick<ActivityDoc, '_id' | 'title' | 'place' | 'startAt' | 'origin'>
interface To {
  openid: string
  templateId: string
}

/** A message of the activity's page to one person: every field cut to its limit by the caller. */
const toPage = (a: Activity, to: To, data: Record<string, string>) => ({
  touser: to.openid,
  templateId: to.templateId,
  page: activityPath(a._id),
  miniprogramState: 'formal',
  data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
})

/** The message announcing a new activity to one resident of its audience. */
export const activityMessage = (a: Activity, to: To) => {
  const f = ACTIVITY_TEMPLATE.fields
  return toPage(a, to, {
    [f.title]: clip(a.title, 20),
    [f.place]: clip(a.place, 20),
    [f.startAt]: beijingMinute(new Date(a.startAt)),
    [f.origin]: clip(a.origin, 20),
  })
}

/** The message telling a waiting volunteer they moved up into the role. */
export const promotedMessage = (a: Activity, roleName: string, to: To) => {
  const f = PROMOTED_TEMPLATE.fields
  return toPage(a, to, {
    [f.title]: clip(a.title, 20),
    [f.role]: clip(roleName, 20),
    [f.startAt]: beijingMinute(new Date(a.startAt)),
    [f.status]: '候补转正',
  })
}

/** What an announcement's messages are spent on: a resumed batch never spends a second one on the same activity. */
export const announcePurpose = (activityId: string): string => `activity:${activityId}`
/** One promotion of one sign-up (a sign-up promoted again after a later re-sign-up is told again). */
export const promotedPurpose = (signupId: string, promotedAt: Date): string => `promoted:${signupId}:${+promotedAt}`

/**
 * Whether an activity is still worth announcing at `now`: open, and its sign-up window not closed (a message about
 * an activity nobody can join any more is noise).
 */
export const stillAnnounced = (a: Pick<ActivityDoc, 'status' | 'signUpClosesAt'>, now: Date): boolean =>
  a.status === 'open' && +new Date(a.signUpClosesAt) > +now

/**
 * The subscribers due an activity's announcement: a subscription counts from the moment it is made, so one made
 * after the activity was posted is kept for the next one.
 */
export const dueForActivity = <R extends { sub: Pick<SubscriptionDoc, 'since'> }>(
  a: Pick<ActivityDoc, 'createdAt'>,
  subscribers: readonly R[],
): R[] => {
  const postedAt = +new Date(a.createdAt)
  return subscribers.filter((r) => !(r.sub.since && +new Date(r.sub.since) > postedAt))
}
