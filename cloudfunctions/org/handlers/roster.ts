/**
 * org.rosterTemplate, org.exportRoster and org.importRoster: a community's buildings, households, residents and
 * heads as an .xlsx file (server/roster/workbook.ts), checked and planned by core/org/roster/.
 */
import { randomBytes } from 'node:crypto'
import type { ImportResult, Payload, Result } from '../../../core/contract'
import { communityState, headedUnitIds, unitsInUse, type CommunityState } from '../../../core/org/roster/community'
import { exportedPeople, rosterTables } from '../../../core/org/roster/export'
import { planImport } from '../../../core/org/roster/plan'
import { validateRoster } from '../../../core/org/roster/validate'
import type { Unit } from '../../../core/units'
import { recordRead } from '../../../server/audit'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import { downloadFile, publishFile } from '../../../server/roster/files'
import {
  emptyRoster,
  MAX_FILE_BYTES,
  readRoster,
  UnreadableWorkbook,
  writeRoster,
} from '../../../server/roster/workbook'
import type { ActionDef } from '../../../server/router'
import { createTreeStore, type TreeStore } from '../../../server/tree-store'

const community = (unit: Unit | null): Unit => {
  if (!unit) throw new AppError('NOT_FOUND')
  if (unit.level !== 'community') throw new AppError('INVALID_PAYLOAD', '花名册按社区导入导出，请选择一个社区')
  return unit
}

/** The community's units in use, the people living there and whoever heads one of its grids or buildings. */
async function loadCommunity(store: TreeStore, c: Unit): Promise<CommunityState> {
  const [under, residents] = await Promise.all([store.unitsUnder(c.path, true), store.peopleUnder(c.path)])
  const units = unitsInUse(c, under)
  const heads = await store.roleHolders(headedUnitIds(units))
  return communityState(c, units, residents, heads)
}

const rosterIssue = (reason: string) => new AppError('ROSTER_INVALID', reason, [{ reason }])

export const rosterTemplate: ActionDef<Payload<'org', 'rosterTemplate'>, Result<'org', 'rosterTemplate'>> = {
  async handle() {
    return publishFile('template', '网格花名册模板.xlsx', await emptyRoster())
  },
}

export const exportRoster: ActionDef<Payload<'org', 'exportRoster'>, Result<'org', 'exportRoster'>> = {
  target: (payload) => payload.communityId,
  async handle({ target, caller }) {
    const c = community(target)
    const state = await loadCommunity(createTreeStore(), c)
    const tables = rosterTables(state)
    // every resident row carries a name, door and phone in full: one audit entry naming them all, written
    // before the file exists (a failed upload then over-records; a file never goes out unrecorded)
    await recordRead(privacyStore(), caller, {
      action: 'org.exportRoster',
      unit: c,
      subjectIds: exportedPeople(state).map((p) => p._id),
    })
    const file = await publishFile(c._id, `${c.name}花名册.xlsx`, await writeRoster(tables))
    return { ...file, rows: tables.residents.length }
  },
}

export const importRoster: ActionDef<Payload<'org', 'importRoster'>, ImportResult> = {
  target: (payload) => payload.communityId,
  async handle({ payload, target }) {
    const c = community(target)
    if (c.retired) throw new AppError('INVALID_PAYLOAD', `“${c.name}”已撤销`)
    const file = await downloadFile(payload.fileID)
    if (!file) throw new AppError('NOT_FOUND', '上传的文件不存在，请重新上传')
    if (file.length > MAX_FILE_BYTES) throw rosterIssue('文件超过 5MB，请分批导入')
    let sheets
    try {
      sheets = await readRoster(file)
    } catch (error) {
      if (error instanceof UnreadableWorkbook) throw rosterIssue('无法读取这个文件，请上传用模板填写的 .xlsx 表格')
      throw error
    }
    const store = createTreeStore()
    const state = await loadCommunity(store, c)
    const checked = validateRoster(sheets, state)
    if (!checked.ok) throw new AppError('ROSTER_INVALID', `共 ${checked.issues.length} 处问题`, checked.issues)
    const newId = (kind: 'unit' | 'person') => `${kind === 'unit' ? 'u' : 'p'}${randomBytes(8).toString('hex')}`
    const plan = planImport(checked.roster, state, newId, new Date())
    await store.writeImport(plan)
    return plan.counts
  },
}
