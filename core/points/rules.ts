/**
 * The volunteering rules' settings, in one place (after Engelsystem's config and the city schemes in
 * ../shared research): changing one here changes it for every community. Per activity, cancelBeforeHours and each
 * role's points rule are set when it is posted.
 */
export const VOLUNTEER_RULES = {
  /** Cancelling later than this many hours before the start counts as a no-show (an activity may set its own). */
  cancelBeforeHours: 3,
  /** This many no-shows within a year … */
  noShowLimit: 2,
  /** … bar signing up for this many days after the last of them. */
  barDays: 30,
  noShowWindowDays: 365,
  /** Check-in opens this many minutes before the start and closes this many after it; check-out the same around the end. */
  checkOpensBeforeMinutes: 30,
  checkClosesAfterMinutes: 60,
  /** Night hours (北京时间) for a role's night multiplier: from 22:00 to 06:00. */
  nightFromHour: 22,
  nightToHour: 6,
  /** Star levels (星级志愿者) by total hours (the Hangzhou/Guangzhou schemes). */
  starHours: [100, 300, 600, 1000, 1500] as readonly number[],
  /** Teams one person may belong to at once. */
  teamLimit: 5,
} as const
