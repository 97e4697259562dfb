/**
 * requests.updateSettings: community staff set their community's half of the request settings (categories
 * switched off, per-category limits, the urgent limit, auto-close days, re-inspection weeks); street staff their
 * street's half (departments with their 报到 limits, holidays, 调休 workdays). Fields left out keep what is stored;
 * the result is validated whole by core/requests/settings.ts (settingsIssues: every problem at once, nothing
 * written), then written in ONE transaction with its audit entry (who changed what, core/privacy/audit.ts).
 */
import type { RequestCategory } from '../../../core/contract/requests'
import { CATEGORY_LABELS } from '../../../core/contract/requests'
import { requestSettingsId } from '../../../core/ids'
import type { RequestSettingsDoc } from '../../../core/model'
import { settingsIssues } from '../../../core/requests/settings'
import type { Unit } from '../../../core/units'
import { recordActInTx } from '../../../server/audit'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { HALF_EDITORS, holdsOver, settingsView } from '../settings-view'

type Fields = Omit<RequestSettingsDoc, '_id' | 'level' | 'updatedAt' | 'updatedBy'>

/** The fields each half holds: the community's and the street's (a stored doc only ever holds its own half). */
const COMMUNITY_FIELDS = [
  'disabled',
  'limits',
  'urgentHours',
  'autoCloseDays',
  'reinspectWeeks',
  'errandPoints',
] as const
const STREET_FIELDS = ['departments', 'holidays', 'workdays'] as const

const HALVES = {
  community: { level: 'community', fields: COMMUNITY_FIELDS, wrong: '请选择一个社区' },
  street: { level: 'street', fields: STREET_FIELDS, wrong: '请选择一个街道' },
} as const satisfies Record<
  'community' | 'street',
  { level: Unit['level']; fields: readonly (keyof Fields)[]; wrong: string }
>

const list = (items: readonly string[]): string => (items.length ? items.join('、') : '无')

/** What changed, in the words of the person reviewing the audit log (one line per field given). */
function describe(patch: Fields): string {
  const parts: string[] = []
  if (patch.disabled) {
    parts.push(`停用类别：${list(patch.disabled.map((c) => CATEGORY_LABELS[c]))}`)
  }
  if (patch.limits) {
    const limits = Object.entries(patch.limits).map(([c, l]) => {
      const basis = l.basis === 'working' ? '工作时' : '自然时'
      return `${CATEGORY_LABELS[c as RequestCategory]} 响应 ${l.respondHours} 小时、办结 ${l.resolveHours} 小时（${basis}）`
    })
    parts.push(`时限：${list(limits)}`)
  }
  if (patch.urgentHours !== undefined) parts.push(`紧急时限 ${patch.urgentHours} 小时`)
  if (patch.autoCloseDays !== undefined) parts.push(`未评价 ${patch.autoCloseDays} 天后自动关闭`)
  if (patch.reinspectWeeks !== undefined) parts.push(`办结 ${patch.reinspectWeeks} 周后回头看`)
  if (patch.errandPoints !== undefined) parts.push(`跑腿代购每件 ${patch.errandPoints} 积分`)
  if (patch.departments) {
    parts.push(`职能部门：${list(patch.departments.map((d) => `${d.name}（报到 ${d.reportInHours} 小时）`))}`)
  }
  if (patch.holidays) parts.push(`节假日 ${patch.holidays.length} 天`)
  if (patch.workdays) parts.push(`调休上班日 ${patch.workdays.length} 天`)
  return parts.join('；')
}

export const updateSettings: Action<'requests', 'updateSettings'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const actor = caller.person
    if (!actor) throw new AppError('NOT_REGISTERED')
    const half = HALVES[payload.scope]
    if (unit.level !== half.level) throw new AppError('INVALID_PAYLOAD', half.wrong)
    // the community's half is the community's staff's, the street's the street's (not each other's); the view's
    // `editable` says the same, so the settings page offers only this
    if (!holdsOver(caller, HALF_EDITORS[payload.scope], unit.path)) throw new AppError('FORBIDDEN')

    const given = payload as Partial<Record<keyof Fields, unknown>>
    const patch = Object.fromEntries(
      half.fields.flatMap((f) => (given[f] === undefined ? [] : [[f, given[f]]])),
    ) as Fields
    if (patch.departments) patch.departments = patch.departments.map((d) => ({ ...d, name: d.name.trim() }))
    if (patch.holidays) patch.holidays = [...new Set(patch.holidays)].sort()
    if (patch.workdays) patch.workdays = [...new Set(patch.workdays)].sort()
    if (patch.disabled) patch.disabled = [...new Set(patch.disabled)]
    if (!Object.keys(patch).length) throw new AppError('INVALID_PAYLOAD', '没有要保存的设置')

    const id = requestSettingsId(unit._id)
    const now = new Date()
    await data.transaction(async (tx) => {
      const held = await tx.requestSettings.get(id)
      const kept = Object.fromEntries(
        half.fields.flatMap((f) => (held?.[f] === undefined ? [] : [[f, held[f]]])),
      ) as Fields
      const next: Fields = { ...kept, ...patch }
      // validated whole: a new holiday must not be a stored workday, and so on
      const issues = settingsIssues(next)
      if (issues.length) {
        throw new AppError(
          'REQUEST_SETTINGS_INVALID',
          issues[0],
          issues.map((reason) => ({ reason })),
        )
      }
      await tx.requestSettings.set(id, { ...next, level: half.level, updatedAt: now, updatedBy: actor._id })
      // named by the unit and the moment: a retried round writes the same entry once
      await recordActInTx(
        tx,
        `settings_${unit._id}_${+now}`,
        caller,
        { action: 'requests.updateSettings', unit, subjectIds: [], note: describe(patch) },
        now,
      )
    })
    return settingsView(data, caller, unit)
  },
}
