/**
 * Validating an uploaded roster: every row of both sheets checked against each other and against the community
 * as it is, every problem named with the row Excel shows, or the roster to import (entries.ts).
 */
import type { Issue } from '../../envelope'
import { doorLabel } from '../../units'
import type { CommunityState } from './community'
import { householdKey, type BuildingEntry, type GridEntry, type HouseholdEntry, type Roster } from './entries'
import { HEAD_LABEL } from './heads'
import { cellField, readBuildingRow, readResidentRow } from './rows'
import { dataRows, type RosterSheets, type SheetData } from './sheets'
import { BUILDING_COLUMNS, BUILDING_SHEET, HEADER_ROW, MAX_ROWS, RESIDENT_COLUMNS, RESIDENT_SHEET } from './template'

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)]

function checkHeader(sheetName: string, sheet: SheetData | null, columns: readonly string[], issues: Issue[]): boolean {
  if (!sheet) {
    issues.push({ field: sheetName, reason: `缺少工作表“${sheetName}”，请使用下载的模板` })
    return false
  }
  const header = columns.map((_, i) => sheet.header[i] ?? '')
  if (header.join('|') !== columns.join('|')) {
    issues.push({
      row: HEADER_ROW,
      field: sheetName,
      reason: `表头应为：${columns.join('、')}（现为：${header.map((h) => h || '空').join('、')}）`,
    })
    return false
  }
  return true
}

/**
 * Checks every row of both sheets against each other and against the community as it is, and returns either
 * every problem found (each with the row number Excel shows) or the roster to import.
 */
export function validateRoster(
  sheets: RosterSheets,
  state: CommunityState,
): { ok: true; roster: Roster } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = []
  const okB = checkHeader(BUILDING_SHEET, sheets.buildings, BUILDING_COLUMNS, issues)
  const okR = checkHeader(RESIDENT_SHEET, sheets.residents, RESIDENT_COLUMNS, issues)
  if (!okB || !okR || !sheets.buildings || !sheets.residents) return { ok: false, issues }
  const bRows = dataRows(sheets.buildings)
  const rRows = dataRows(sheets.residents)
  if (bRows.length + rRows.length > MAX_ROWS) {
    return { ok: false, issues: [{ reason: `表格行数超过 ${MAX_ROWS} 行，请分社区或分批导入` }] }
  }

  const byId = new Map(state.units.map((u) => [u._id, u]))
  const existingBuildings = new Map(state.units.filter((u) => u.level === 'microgrid').map((u) => [u.name, u]))

  // 楼栋 sheet: grids and buildings
  const grids = new Map<string, GridEntry>()
  const buildings = new Map<string, BuildingEntry>()
  const mentioned = new Set<string>()
  for (const line of bRows) {
    const { row, grid, building, wartime, issues: rowIssues } = readBuildingRow(line)
    const f = (c: string) => cellField(BUILDING_SHEET, c)
    issues.push(...rowIssues)
    // a building named on a bad row still exists for the 住户 sheet: one mistake, one issue
    if (building) mentioned.add(building)
    if (rowIssues.length) continue
    if (!grids.has(grid)) grids.set(grid, { name: grid, row })
    if (!building) continue
    const seen = buildings.get(building)
    if (seen) {
      issues.push({
        row,
        field: f('楼栋'),
        reason:
          seen.grid === grid
            ? `楼栋“${building}”重复（第 ${seen.row} 行已有）`
            : `楼栋“${building}”在第 ${seen.row} 行属于“${seen.grid}”，这里又属于“${grid}”`,
      })
      continue
    }
    const existing = existingBuildings.get(building)
    const existingGrid = existing?.parentId ? byId.get(existing.parentId) : undefined
    if (existingGrid && existingGrid.name !== grid) {
      issues.push({
        row,
        field: f('网格'),
        reason: `楼栋“${building}”现属“${existingGrid.name}”，与表中“${grid}”不符；调整楼栋所属网格请在组织架构中移动`,
      })
      continue
    }
    buildings.set(building, { name: building, grid, wartime, row })
  }

  // 住户 sheet: households and their members
  const knownBuilding = (name: string) => mentioned.has(name) || existingBuildings.has(name)
  const households = new Map<string, HouseholdEntry>()
  const headsAt = new Map<string, number>() // `${role}@${unit name}` → first row naming it
  for (const line of rRows) {
    const read = readResidentRow(line, knownBuilding)
    const { row, building, entrance, room, name, phone, vacant, heads, careFlags, issues: rowIssues } = read
    const f = (c: string) => cellField(RESIDENT_SHEET, c)
    issues.push(...rowIssues)
    if (rowIssues.length) continue

    const key = householdKey(building, entrance, room)
    let household = households.get(key)
    if (!household) {
      household = { row, building, entrance, room, people: [] }
      households.set(key, household)
    } else if (vacant || household.people.length === 0) {
      issues.push({
        row,
        field: f('房号'),
        reason: `房间“${doorLabel({ building, entrance, room })}”重复（第 ${household.row} 行已有${vacant ? '' : '空户'}）`,
      })
      continue
    }
    if (vacant) continue
    const twin = household.people.find((p) => p.name === name)
    if (twin) {
      issues.push({
        row,
        field: f('姓名'),
        reason: `“${name}”在${doorLabel({ building, entrance, room })}重复（第 ${twin.row} 行已有）`,
      })
      continue
    }
    for (const role of unique(heads)) {
      const unitName = role === 'buildingHead' ? building : gridOfBuilding(building)
      const at = `${role}@${unitName}`
      const first = headsAt.get(at)
      if (first !== undefined) {
        issues.push({
          row,
          field: f('身份'),
          reason: `“${unitName}”的${HEAD_LABEL[role]}只能有一位（第 ${first} 行已有）`,
        })
      } else headsAt.set(at, row)
    }
    household.people.push({ row, name, phone, heads: unique(heads), careFlags: unique(careFlags) })
  }

  if (issues.length) return { ok: false, issues: issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) }
  return {
    ok: true,
    roster: { grids: [...grids.values()], buildings: [...buildings.values()], households: [...households.values()] },
  }

  function gridOfBuilding(building: string): string {
    const entry = buildings.get(building)
    if (entry) return entry.grid
    const parent = existingBuildings.get(building)?.parentId
    return (parent && byId.get(parent)?.name) || ''
  }
}
