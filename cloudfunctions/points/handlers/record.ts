/**
 * points.record: my 志愿服务记录 — totals, star level and every confirmed activity with its hours, issued by the
 * community that recorded it (民政部令第67号: whoever records an activity issues its proof). points.exportHours:
 * staff export attendance and hours of one activity, one team or a period to Excel.
 */
import { volunteerId } from '../../../core/ids'
import { ancestorAt } from '../../../core/units'
import type { ActivityDoc, SignupDoc } from '../../../core/model'
import { nextStarHours, starOf } from '../../../core/points/honours'
import { recordRead } from '../../../server/audit'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { publishFile } from '../../../server/roster/files'
import type { Action } from '../../../server/router'
import { recordExport } from '../../../server/uploads'
import { EXPORT_RETENTION_MS } from '../../../core/uploads'
import { iso } from '../../../server/views'
import { writeHours } from './record-workbook'
import { rulesFor } from './rules'

export const record: Action<'points', 'record'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const [volunteer, rows, total] = await Promise.all([
      data.volunteers.get(volunteerId(person._id)),
      data.signups.earned(person._id, payload.page * payload.pageSize, payload.pageSize),
      data.signups.countEarned(person._id),
    ])
    const [found, rules] = await Promise.all([
      data.activities.byIds(rows.map((s) => s.activityId)),
      // stars by the levels of the person's community (where their hours are ranked)
      rulesFor(data, volunteer?.communityId || ancestorAt(person.homePath ?? '', 'community')),
    ])
    const activities = new Map(found.map((a) => [a._id, a]))
    const minutes = volunteer?.minutes ?? 0
    return {
      name: person.name,
      minutes,
      points: volunteer?.points ?? 0,
      activities: volunteer?.activities ?? 0,
      star: starOf(minutes, rules.starHours),
      nextStarHours: nextStarHours(minutes, rules.starHours),
      rows: rows.flatMap((s) => {
        const a = activities.get(s.activityId)
        if (!a) return []
        return [
          {
            signupId: s._id,
            activityId: a._id,
            title: a.title,
            place: a.place,
            roleName: a.roles[s.roleIndex]?.name ?? '',
            startAt: iso(a.startAt),
            endAt: iso(a.endAt),
            minutes: s.minutes ?? 0,
            points: s.points ?? 0,
            issuer: a.communityName,
            confirmedAt: iso(s.earnedAt ?? a.confirmedAt ?? a.endAt),
          },
        ]
      }),
      total,
      page: payload.page,
      pageSize: payload.pageSize,
    }
  },
}

/** 2026-12-05 09:30 (北京时间) */
const beijing = (d: Date | undefined): string => {
  if (!d) return ''
  const b = new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString()
  return `${b.slice(0, 10)} ${b.slice(11, 16)}`
}

const EXPORT_URL_SECONDS = EXPORT_RETENTION_MS.hoursExport / 1000
/** The longest period one export covers. */
const MAX_PERIOD_DAYS = 366

/** Where an export's rows come from, and the unit whose staff may take it. */
async function exportScope(
  data: Data,
  p: {
    by: 'activity' | 'team' | 'period'
    activityId?: string
    teamId?: string
    unitId?: string
    from?: string
    to?: string
  },
): Promise<{ unitId: string; title: string; rows: () => Promise<SignupDoc[]> } | null> {
  const from = p.from ? new Date(p.from) : new Date(0)
  const to = p.to ? new Date(p.to) : new Date()
  if (p.by === 'activity') {
    const a = await data.activities.get(p.activityId ?? '')
    return a ? { unitId: a.unitId, title: a.title, rows: () => data.signups.earnedOfActivity(a._id) } : null
  }
  if (p.by === 'team') {
    const t = await data.teams.get(p.teamId ?? '')
    return t ? { unitId: t.unitId, title: t.name, rows: () => data.signups.earnedInTeam(t._id, from, to) } : null
  }
  const unit = await data.units.get(p.unitId ?? '')
  if (!unit) return null
  return {
    unitId: unit._id,
    title: unit.name,
    rows: async () => {
      if (unit.level !== 'community') throw new AppError('INVALID_PAYLOAD', '按时间段导出请选择一个社区')
      if (to <= from || to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000)
        throw new AppError('INVALID_PAYLOAD', '时间段应在一年以内，且结束晚于开始')
      return data.signups.earnedInCommunity(unit._id, from, to)
    },
  }
}

export const exportHours: Action<'points', 'exportHours'> = {
  target: async (p, data) => (await exportScope(data, p))?.unitId ?? null,
  async handle({ payload, caller, data, target }) {
    const scope = await exportScope(data, payload)
    if (!scope || !target) throw new AppError('NOT_FOUND')
    const signups = await scope.rows()
    const activities = new Map<string, ActivityDoc>(
      (await data.activities.byIds(signups.map((s) => s.activityId))).map((a) => [a._id, a]),
    )
    signups.sort(
      (x, y) => new Date(x.startAt).getTime() - new Date(y.startAt).getTime() || x.name.localeCompare(y.name),
    )
    const rows = signups.map((s) => {
      const a = activities.get(s.activityId)
      return [
        s.name,
        a?.title ?? '',
        a?.roles[s.roleIndex]?.name ?? '',
        a?.place ?? '',
        beijing(a?.startAt),
        beijing(a?.endAt),
        beijing(s.checkInAt),
        beijing(s.checkOutAt),
        Math.round(((s.minutes ?? 0) / 60) * 100) / 100,
        s.points ?? 0,
        s.adjusted?.reason ?? '',
      ]
    })
    // names of every volunteer in the file: one audit entry, written before the file exists
    await recordRead(data, caller, {
      action: 'points.exportHours',
      unit: target,
      subjectIds: [...new Set(signups.map((s) => s.personId))],
    })
    const fileName = `${scope.title}志愿服务时长.xlsx`
    const { file, cloudPath } = await publishFile(
      `hours-${target._id}`,
      fileName,
      await writeHours(`${scope.title} 志愿服务时长（${target.name}记录）`, rows),
      EXPORT_URL_SECONDS,
    )
    await recordExport(data, {
      ownerId: caller.person?._id ?? '',
      purpose: 'hoursExport',
      fileID: file.fileID,
      cloudPath,
    })
    return { ...file, rows: rows.length }
  },
}
