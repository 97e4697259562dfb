/** points.activities, points.activity, points.postActivity: open activities for me, one activity, posting one. */
import { randomBytes } from 'node:crypto'
import type { ActivityDetail } from '../../../core/contract'
import type { ActivityDoc } from '../../../core/model'
import { originLine } from '../../../core/notices/origin'
import { ORGANISERS } from '../../../core/permissions'
import { timesProblem } from '../../../core/points/activity'
import { noShowWindowText } from '../../../core/points/settings'
import { noShowBar } from '../../../core/points/signup'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { announcementOf } from '../announce'
import { activityCard, activityOr404, audienceIdsOf, inAudience, mineOf, organises } from './activities-views'
import { rulesFor } from './rules'

/** The share card into the grid's group: its title shows filled / quota per role (信息录入 1/2 · 秩序维护 3/4). */
export function shareOf(a: ActivityDoc): { path: string; title: string } {
  const roles = a.roles.map((r) => `${r.name} ${r.filled}/${r.quota}`).join(' · ')
  return { path: `/points/activity/index?id=${a._id}`, title: `【志愿接龙】${a.title}｜${roles}` }
}

export async function detailOf(data: Data, caller: Caller, a: ActivityDoc): Promise<ActivityDetail> {
  const personId = caller.person?._id
  const [mine, volunteer, organiser, rules] = await Promise.all([
    personId ? mineOf(data, a, personId) : [],
    personId ? data.volunteers.get(personId) : null,
    organises(data, caller, a),
    rulesFor(data, a.communityId),
  ])
  // the bar of the activity's community (its staff set the no-show rules)
  const bar = noShowBar(volunteer?.noShows ?? [], new Date(), rules)
  return {
    ...activityCard(a),
    description: a.description,
    cancelBeforeHours: a.cancelBeforeHours,
    mine,
    barred: bar
      ? {
          noShows: bar.noShows,
          until: iso(bar.until),
          reason: `${noShowWindowText(rules.noShowWindowDays)}缺席 ${bar.noShows} 次（报名后未到场或开始前临时取消），暂停报名至 ${beijingDay(bar.until)}`,
        }
      : null,
    organiser,
    confirmedAt: a.confirmedAt ? iso(a.confirmedAt) : null,
    share: shareOf(a),
  }
}

/** 2026年12月20日 (北京时间). */
export const beijingDay = (d: Date): string => {
  const b = new Date(d.getTime() + 8 * 3_600_000)
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日`
}

export const activities: Action<'points', 'activities'> = {
  async handle({ payload, caller, data }) {
    if (payload.filter === 'organising') {
      // 我组织的: what the caller posted, open or confirmed, latest start first
      const personId = caller.person?._id
      const found = personId
        ? await data.activities.organisedBy(personId, payload.page * payload.pageSize, payload.pageSize + 1)
        : []
      return {
        rows: found.slice(0, payload.pageSize).map(activityCard),
        page: payload.page,
        pageSize: payload.pageSize,
        more: found.length > payload.pageSize,
      }
    }
    const ids = await audienceIdsOf(data, caller)
    if (ids.length === 0) return { rows: [], page: payload.page, pageSize: payload.pageSize, more: false }
    const found = await data.activities.open(ids, new Date(), payload.page * payload.pageSize, payload.pageSize + 1)
    return {
      rows: found.slice(0, payload.pageSize).map(activityCard),
      page: payload.page,
      pageSize: payload.pageSize,
      more: found.length > payload.pageSize,
    }
  },
}

export const activity: Action<'points', 'activity'> = {
  async handle({ payload, caller, data }) {
    const a = await activityOr404(data, payload.activityId)
    // someone outside the audience who does not organise it learns nothing of it
    if (!(await inAudience(data, caller, a)) && !(await organises(data, caller, a))) throw new AppError('NOT_FOUND')
    return detailOf(data, caller, a)
  },
}

/** The unit, community and name of the audience, when the caller may post for it. */
async function audienceOf(
  data: Data,
  caller: Caller,
  audience: { kind: 'grid' | 'community' | 'team'; id: string },
): Promise<{ unit: Unit; name: string; speaker: string }> {
  const organiserOver = (u: Unit) =>
    caller.grants
      .filter((g) => ORGANISERS.includes(g.role) && isWithin(u.path, g.path))
      .sort((x, y) => x.path.length - y.path.length)[0]
  if (audience.kind === 'team') {
    const team = await data.teams.get(audience.id)
    if (!team) throw new AppError('NOT_FOUND')
    const unit = await data.units.get(team.unitId)
    if (!unit) throw new AppError('NOT_FOUND')
    const leads = team.leaders.some((l) => l.id === caller.person?._id)
    if (!leads && !organiserOver(unit)) throw new AppError('ACTIVITY_NOT_ORGANISER')
    return { unit, name: team.name, speaker: team.name }
  }
  const unit = await data.units.get(audience.id)
  if (!unit || unit.retired || unit.level !== audience.kind) throw new AppError('NOT_FOUND')
  const grant = organiserOver(unit)
  if (!grant) throw new AppError('ACTIVITY_NOT_ORGANISER', `「${unit.name}」不在你可以发布活动的范围内`)
  return { unit, name: unit.name, speaker: caller.units.get(grant.unitId)?.name ?? unit.name }
}

export const postActivity: Action<'points', 'postActivity'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const now = new Date()
    const times = {
      startAt: new Date(payload.startAt),
      endAt: new Date(payload.endAt),
      signUpOpensAt: payload.signUpOpensAt ? new Date(payload.signUpOpensAt) : now,
      signUpClosesAt: payload.signUpClosesAt ? new Date(payload.signUpClosesAt) : new Date(payload.startAt),
    }
    const problem = timesProblem(times, now)
    if (problem) throw new AppError('ACTIVITY_TIMES_INVALID', problem)
    const { unit, name, speaker } = await audienceOf(data, caller, payload.audience)
    const communityId = ancestorAt(unit.path, 'community')
    const community = communityId ? await data.units.get(communityId) : null
    if (!community) throw new AppError('NOT_FOUND')

    // refused text: CONTENT_RISKY, and nothing is stored
    await checkText(
      caller.openid,
      payload.title,
      [payload.description, payload.place, ...payload.roles.map((r) => r.name)].join('\n'),
    )

    const doc: ActivityDoc = {
      _id: randomBytes(12).toString('hex'),
      title: payload.title,
      description: payload.description,
      place: payload.place,
      ...times,
      audience: { ...payload.audience, name },
      unitId: unit._id,
      unitPath: unit.path,
      communityId: community._id,
      communityName: community.name,
      roles: payload.roles.map((r) => ({ ...r, filled: 0, waiting: 0, seq: 0 })),
      cancelBeforeHours: payload.cancelBeforeHours ?? (await rulesFor(data, community._id)).cancelBeforeHours,
      secret: randomBytes(16).toString('hex'),
      organiserId: person._id,
      origin: originLine(speaker, person.name),
      status: 'open',
      createdAt: now,
    }
    await data.activities.add(doc)
    // its subscribe messages go out from the announce timer: the post's cost does not grow with the audience
    await data.activityMessages.add(announcementOf(doc))
    return detailOf(data, caller, doc)
  },
}
