/**
 * Posting an activity: the times must make sense, and who may organise it (its poster, ORGANISERS holding a role over
 * its unit, or a leader of its team).
 */
import { ORGANISERS } from '../permissions'
import type { Role } from '../roles'
import { isWithin } from '../units'

const MAX_AHEAD_DAYS = 180
const MAX_LENGTH_HOURS = 24
const DAY = 86_400_000

export interface PostedTimes {
  startAt: Date
  endAt: Date
  signUpOpensAt: Date
  signUpClosesAt: Date
}

/** Why these times cannot be posted (Chinese, shown as is), or null. */
export function timesProblem(t: PostedTimes, now: Date): string | null {
  if (t.startAt <= now) return '开始时间应在现在之后'
  if (t.endAt <= t.startAt) return '结束时间应晚于开始时间'
  if (t.endAt.getTime() - t.startAt.getTime() > MAX_LENGTH_HOURS * 3_600_000) return '一次活动不能超过 24 小时'
  if (t.startAt.getTime() - now.getTime() > MAX_AHEAD_DAYS * DAY) return '只能发布半年内的活动'
  if (t.signUpClosesAt < t.signUpOpensAt) return '报名截止时间应晚于报名开始时间'
  if (t.signUpClosesAt > t.startAt) return '报名应在活动开始前截止'
  return null
}

export interface Organisable {
  organiserId: string
  unitPath: string
}

/**
 * Whether a person organises an activity: its poster, a holder of an organiser role over its unit or above, or a
 * leader of its team. `grants` carry the path of the unit each role is held over.
 */
export function mayOrganise(
  activity: Organisable,
  personId: string,
  grants: readonly { role: Role; path: string }[],
  teamLeaderIds: readonly string[] = [],
): boolean {
  if (activity.organiserId === personId || teamLeaderIds.includes(personId)) return true
  return grants.some((g) => ORGANISERS.includes(g.role) && isWithin(activity.unitPath, g.path))
}
