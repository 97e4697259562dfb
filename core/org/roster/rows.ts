/**
 * Reading one row of each sheet: its cells as values, with every problem the row has on its own (empty or too
 * long, a phone that is not one, a word the column does not know). What rows say about each other is
 * validate.ts.
 */
import { mobile } from '../../contract/fields'
import type { Issue } from '../../envelope'
import { CARE_FLAGS, CARE_FLAG_LABELS, type CareFlag } from '../../model'
import { IDENTITY_LABELS, type HeadRole } from './heads'
import { splitList, type SheetRow } from './sheets'
import { BUILDING_SHEET, NO, RESIDENT_SHEET, YES } from './template'

const MAX_NAME = 30
const MAX_DOOR_PART = 10

/** How an issue names the cell: 住户·手机号. */
export const cellField = (sheet: string, column: string): string => `${sheet}·${column}`

const CARE_FLAG_BY_LABEL = new Map(CARE_FLAGS.map((f) => [CARE_FLAG_LABELS[f], f]))

/** A row of the 楼栋 sheet: a grid, and a building of it unless the building cell is empty. */
export interface BuildingRow {
  row: number
  grid: string
  building: string
  wartime: boolean
  issues: Issue[]
}

export function readBuildingRow({ row, cells }: SheetRow): BuildingRow {
  const [grid = '', building = '', wartimeCell = ''] = cells
  const f = (c: string) => cellField(BUILDING_SHEET, c)
  const issues: Issue[] = []
  if (!grid) issues.push({ row, field: f('网格'), reason: '网格不能为空' })
  else if (grid.length > MAX_NAME) issues.push({ row, field: f('网格'), reason: `网格名称超过 ${MAX_NAME} 个字` })
  if (building.length > MAX_NAME) issues.push({ row, field: f('楼栋'), reason: `楼栋名称超过 ${MAX_NAME} 个字` })
  if (![YES, NO, ''].includes(wartimeCell)) {
    issues.push({ row, field: f('是否战时'), reason: `应填“是”或“否”，不认识“${wartimeCell}”` })
  }
  if (!building && wartimeCell === YES) {
    issues.push({ row, field: f('楼栋'), reason: '战时网格须填写楼栋名称' })
  }
  return { row, grid, building, wartime: wartimeCell === YES, issues }
}

/** A row of the 住户 sheet: one member of a household, or the household alone when it is vacant. */
export interface ResidentRow {
  row: number
  building: string
  entrance: string
  room: string
  name: string
  phone: string
  /** Name, phone, 身份 and 关爱标记 all empty: an empty household. */
  vacant: boolean
  /** As the cell lists them (a role written twice stays twice). */
  heads: HeadRole[]
  careFlags: CareFlag[]
  issues: Issue[]
}

/** `knownBuilding`: whether the 楼栋 sheet or the community has a building of that name. */
export function readResidentRow({ row, cells }: SheetRow, knownBuilding: (name: string) => boolean): ResidentRow {
  const [building = '', entrance = '', room = '', name = '', phone = '', identity = '', care = ''] = cells
  const f = (c: string) => cellField(RESIDENT_SHEET, c)
  const issues: Issue[] = []
  const required = (value: string, column: string, max: number) => {
    if (!value) issues.push({ row, field: f(column), reason: `${column}不能为空` })
    else if (value.length > max) issues.push({ row, field: f(column), reason: `${column}超过 ${max} 个字` })
  }
  required(building, '楼栋', MAX_NAME)
  required(entrance, '单元', MAX_DOOR_PART)
  required(room, '房号', MAX_DOOR_PART)
  if (building && !knownBuilding(building)) {
    issues.push({ row, field: f('楼栋'), reason: `楼栋“${building}”不在楼栋表中，社区里也没有` })
  }
  const vacant = !name && !phone && !identity && !care
  if (!vacant) {
    required(name, '姓名', MAX_NAME)
    if (!phone) issues.push({ row, field: f('手机号'), reason: '手机号不能为空' })
    else if (!mobile.safeParse(phone).success) {
      issues.push({ row, field: f('手机号'), reason: `手机号“${phone}”格式不对，应为 11 位数字` })
    }
  }
  const heads: HeadRole[] = []
  for (const label of splitList(identity)) {
    if (!Object.prototype.hasOwnProperty.call(IDENTITY_LABELS, label)) {
      issues.push({
        row,
        field: f('身份'),
        reason: `不认识的身份“${label}”，应为 居民、楼栋长、党小组长 或 网格长`,
      })
      continue
    }
    const role = IDENTITY_LABELS[label as keyof typeof IDENTITY_LABELS]
    if (role) heads.push(role)
  }
  const careFlags: CareFlag[] = []
  for (const label of splitList(care)) {
    const flag = CARE_FLAG_BY_LABEL.get(label)
    if (flag) careFlags.push(flag)
    else {
      issues.push({
        row,
        field: f('关爱标记'),
        reason: `不认识的关爱标记“${label}”，可用：${CARE_FLAGS.map((c) => CARE_FLAG_LABELS[c]).join('、')}`,
      })
    }
  }
  return { row, building, entrance, room, name, phone, vacant, heads, careFlags, issues }
}
