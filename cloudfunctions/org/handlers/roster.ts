/**
 * org.rosterTemplate, org.exportRoster and org.importRoster: a community's buildings, households, residents and
 * heads as an .xlsx file (server/roster/workbook.ts), checked and planned by core/org/roster/.
 */
import {
  communityState,
  headedUnitIds,
  rosterUnitRefusal,
  unitsInUse,
  type CommunityState,
} from '../../../core/org/roster/community'
import { exportedPeople, rosterTables } from '../../../core/org/roster/export'
import { planImport } from '../../../core/org/roster/plan'
import { validateRoster } from '../../../core/org/roster/validate'
import type { Unit } from '../../../core/units'
import { RETENTION } from '../../../core/uploads'
import { recordRead } from '../../../server/audit'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { downloadFile, publishFile } from '../../../server/roster/files'
import {
  emptyRoster,
  MAX_FILE_BYTES,
  readRoster,
  UnreadableWorkbook,
  writeRoster,
} from '../../../server/roster/workbook'
import type { Action } from '../../../server/router'
import { recordExport } from '../../../server/uploads'
import type { Caller } from '../../../server/caller'
import { newPersonId, newUnitId } from '../new-ids'
import { writeImport } from '../write-import'

const community = (unit: Unit | null): Unit => {
  if (!unit) throw new AppError('NOT_FOUND')
  const refusal = rosterUnitRefusal(unit)
  if (refusal) throw new AppError('INVALID_PAYLOAD', refusal)
  return unit
}

/** The community's units in use, the people living there and whoever heads one of its grids or buildings. */
async function loadCommunity(data: Data, c: Unit): Promise<CommunityState> {
  const [under, residents] = await Promise.all([data.units.under(c.path, true), data.people.residentsUnder(c.path)])
  const units = unitsInUse(c, under)
  const heads = await data.people.holdingRolesOver(headedUnitIds(units))
  return communityState(c, units, residents, heads)
}

const rosterIssue = (reason: string) => new AppError('ROSTER_INVALID', reason, [{ reason }])

const ownerOf = (caller: Caller): string => {
  if (!caller.person) throw new AppError('NOT_REGISTERED')
  return caller.person._id
}

/** Roster files live an hour (core/uploads.ts RETENTION), their download URLs with them. */
const ROSTER_URL_SECONDS = RETENTION.exportMs / 1000

export const rosterTemplate: Action<'org', 'rosterTemplate'> = {
  async handle({ caller, data }) {
    const { file, cloudPath } = await publishFile(
      'template',
      '网格花名册模板.xlsx',
      await emptyRoster(),
      ROSTER_URL_SECONDS,
    )
    await recordExport(data, { ownerId: ownerOf(caller), purpose: 'rosterExport', fileID: file.fileID, cloudPath })
    return file
  },
}

export const exportRoster: Action<'org', 'exportRoster'> = {
  target: (payload) => payload.communityId,
  async handle({ target, caller, data }) {
    const c = community(target)
    const state = await loadCommunity(data, c)
    const tables = rosterTables(state)
    // every resident row carries a name, door and phone in full: one audit entry naming them all, written
    // before the file exists (a failed upload then over-records; a file never goes out unrecorded)
    await recordRead(data, caller, {
      action: 'org.exportRoster',
      unit: c,
      subjectIds: exportedPeople(state).map((p) => p._id),
    })
    const { file, cloudPath } = await publishFile(
      c._id,
      `${c.name}花名册.xlsx`,
      await writeRoster(tables),
      ROSTER_URL_SECONDS,
    )
    // every phone and room of the community: deleted an hour from now by the files sweep
    await recordExport(data, { ownerId: ownerOf(caller), purpose: 'rosterExport', fileID: file.fileID, cloudPath })
    return { ...file, rows: tables.residents.length }
  },
}

export const importRoster: Action<'org', 'importRoster'> = {
  target: (payload) => payload.communityId,
  async handle({ payload, target, data }) {
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
    const state = await loadCommunity(data, c)
    const checked = validateRoster(sheets, state)
    if (!checked.ok) throw new AppError('ROSTER_INVALID', `共 ${checked.issues.length} 处问题`, checked.issues)
    const newId = (kind: 'unit' | 'person') => (kind === 'unit' ? newUnitId() : newPersonId())
    const plan = planImport(checked.roster, state, newId, new Date())
    await writeImport(data, plan)
    return plan.counts
  },
}
