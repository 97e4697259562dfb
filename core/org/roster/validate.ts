/**
 * Rosters (花名册) as tables of strings: the template's columns, validation of every row of an uploaded file
 * against the community as it is, the plan of what an import creates, and a community's current data in the
 * same shape for export. Pure: the .xlsx side (exceljs) and the database live in server/.
 */
import { mobile } from './contract/fields'
import { CARE_FLAGS, CARE_FLAG_LABELS, type CareFlag, type PersonDoc } from './model'
import type { Role, RoleGrant } from './roles'
import { childPath, doorLabel, type Unit } from './units'

export const BUILDING_SHEET = '楼栋'
export const RESIDENT_SHEET = '住户'
export const BUILDING_COLUMNS = ['网格', '楼栋', '是否战时'] as const
export const RESIDENT_COLUMNS = ['楼栋', '单元', '房号', '姓名', '手机号', '身份', '关爱标记'] as const

/** Row 1 is the header, row 2 explains each column (its cells start with NOTE_MARK), data starts at row 3. */
export const HEADER_ROW = 1
export const FIRST_DATA_ROW = 3
export const NOTE_MARK = '说明：'

export const BUILDING_NOTES: readonly string[] = [
  `${NOTE_MARK}网格名称，如 第1网格；同一社区内不重名，没有的会新建`,
  `${NOTE_MARK}楼栋或村民小组名称，如 5栋；同一社区内不重名；留空表示只建网格`,
  `${NOTE_MARK}填 是 或 否（留空为否）；战时网格为临时划出的楼栋或片区，如 隔离点`,
]
export const RESIDENT_NOTES: readonly string[] = [
  `${NOTE_MARK}须是楼栋表中或社区已有的楼栋`,
  `${NOTE_MARK}如 2单元`,
  `${NOTE_MARK}如 502；同一楼栋同一单元内不重复`,
  `${NOTE_MARK}住户成员姓名；姓名与手机号都留空表示空户`,
  `${NOTE_MARK}11 位手机号`,
  `${NOTE_MARK}居民、楼栋长、党小组长 或 网格长（留空为居民；兼任用逗号隔开）`,
  `${NOTE_MARK}可空；多个用逗号隔开：${CARE_FLAGS.map((f) => CARE_FLAG_LABELS[f]).join('、')}`,
]

/** The three heads a roster names; 楼栋长 heads the micro-grid of their building, the others its grid. */
export type HeadRole = Extract<Role, 'buildingHead' | 'partyLeader' | 'gridChief'>
export const IDENTITY_LABELS = {
  居民: null,
  楼栋长: 'buildingHead',
  党小组长: 'partyLeader',
  网格长: 'gridChief',
} as const
export const HEAD_ROLES: readonly HeadRole[] = ['buildingHead', 'partyLeader', 'gridChief']
const HEAD_LABEL: Record<HeadRole, string> = { buildingHead: '楼栋长', partyLeader: '党小组长', gridChief: '网格长' }
const headLevel = (role: HeadRole): 'microgrid' | 'grid' => (role === 'buildingHead' ? 'microgrid' : 'grid')

/** Lists in one cell: 独居老人，慢病 (full-width or ASCII commas, or 、). */
const LIST_SEPARATOR = /[,，、;；]/
/** What export writes between items of a list. */
export const LIST_JOIN = '，'
export const YES = '是'
export const NO = '否'
const MAX_NAME = 30
const MAX_DOOR_PART = 10
export const MAX_ROWS = 10_000

/** One row as the spreadsheet shows it: its number and its cells as text, trimmed, in column order. */
export interface SheetRow {
  row: number
  cells: string[]
}
/** A sheet as read: null when the file has no sheet of that name. */
export interface SheetData {
  header: string[]
  rows: SheetRow[]
}
export interface RosterSheets {
  buildings: SheetData | null
  residents: SheetData | null
}

export interface Issue {
  row?: number
  field?: string
  reason: string
}

/** The community as it is, before an import: its units in use and the people living in them. */
export interface CommunityState {
  community: Unit
  /** Grids, micro-grids and households under the community that are not retired. */
  units: Unit[]
  /** People whose home is under the community, and anyone holding a head role over one of its units. */
  people: PersonDoc[]
}

interface GridEntry {
  name: string
  row: number
}
interface BuildingEntry {
  name: string
  grid: string
  wartime: boolean
  row: number
}
interface PersonEntry {
  row: number
  name: string
  phone: string
  heads: HeadRole[]
  careFlags: CareFlag[]
}
interface HouseholdEntry {
  row: number
  building: string
  entrance: string
  room: string
  people: PersonEntry[]
}
/** A roster that passed every check. */
export interface Roster {
  grids: GridEntry[]
  buildings: BuildingEntry[]
  households: HouseholdEntry[]
}

const field = (sheet: string, column: string): string => `${sheet}·${column}`
const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c === '')
const isNote = (cells: readonly string[]): boolean => cells.some((c) => c.startsWith(NOTE_MARK))
/** Rows that carry data: not blank, not the explanation row. */
const dataRows = (sheet: SheetData): SheetRow[] =>
  sheet.rows.filter((r) => r.row > HEADER_ROW && !isBlank(r.cells) && !isNote(r.cells))

const splitList = (cell: string): string[] =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)

const CARE_FLAG_BY_LABEL = new Map(CARE_FLAGS.map((f) => [CARE_FLAG_LABELS[f], f]))
const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)]
const householdKey = (building: string, entrance: string, room: string): string =>
  `${building}\u0000${entrance}\u0000${room}`
const personKey = (householdKey: string, name: string, phone: string): string =>
  `${householdKey}\u0000${name}\u0000${phone}`

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
  for (const { row, cells } of bRows) {
    const [grid = '', building = '', wartimeCell = ''] = cells
    const f = (c: string) => field(BUILDING_SHEET, c)
    const rowIssues: Issue[] = []
    if (!grid) rowIssues.push({ row, field: f('网格'), reason: '网格不能为空' })
    else if (grid.length > MAX_NAME) rowIssues.push({ row, field: f('网格'), reason: `网格名称超过 ${MAX_NAME} 个字` })
    if (building.length > MAX_NAME) rowIssues.push({ row, field: f('楼栋'), reason: `楼栋名称超过 ${MAX_NAME} 个字` })
    if (![YES, NO, ''].includes(wartimeCell)) {
      rowIssues.push({ row, field: f('是否战时'), reason: `应填“是”或“否”，不认识“${wartimeCell}”` })
    }
    if (!building && wartimeCell === YES) {
      rowIssues.push({ row, field: f('楼栋'), reason: '战时网格须填写楼栋名称' })
    }
    issues.push(...rowIssues)
    // a building named on a bad row still exists for the 住户 sheet: one mistake, one issue
    if (building) mentioned.add(building)
    if (rowIssues.length) continue
    if (!grids.has(grid)) grids.set(grid, { name: grid, row })
    if (!building) continue
    const wartime = wartimeCell === YES
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
  for (const { row, cells } of rRows) {
    const [building = '', entrance = '', room = '', name = '', phone = '', identity = '', care = ''] = cells
    const f = (c: string) => field(RESIDENT_SHEET, c)
    const rowIssues: Issue[] = []
    const required = (value: string, column: string, max: number) => {
      if (!value) rowIssues.push({ row, field: f(column), reason: `${column}不能为空` })
      else if (value.length > max) rowIssues.push({ row, field: f(column), reason: `${column}超过 ${max} 个字` })
    }
    required(building, '楼栋', MAX_NAME)
    required(entrance, '单元', MAX_DOOR_PART)
    required(room, '房号', MAX_DOOR_PART)
    if (building && !knownBuilding(building)) {
      rowIssues.push({ row, field: f('楼栋'), reason: `楼栋“${building}”不在楼栋表中，社区里也没有` })
    }
    const vacant = !name && !phone && !identity && !care
    if (!vacant) {
      required(name, '姓名', MAX_NAME)
      if (!phone) rowIssues.push({ row, field: f('手机号'), reason: '手机号不能为空' })
      else if (!mobile.safeParse(phone).success) {
        rowIssues.push({ row, field: f('手机号'), reason: `手机号“${phone}”格式不对，应为 11 位数字` })
      }
    }
    const heads: HeadRole[] = []
    for (const label of splitList(identity)) {
      if (!Object.prototype.hasOwnProperty.call(IDENTITY_LABELS, label)) {
        rowIssues.push({
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
        rowIssues.push({
          row,
          field: f('关爱标记'),
          reason: `不认识的关爱标记“${label}”，可用：${CARE_FLAGS.map((c) => CARE_FLAG_LABELS[c]).join('、')}`,
        })
      }
    }
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

/** What an import writes, in the order it must be written: every parent before its children. */
export interface ImportPlan {
  /** New units, grids then micro-grids then households. */
  units: Unit[]
  /** Micro-grids whose 战时 flag the file changes. */
  wartime: { id: string; wartime: boolean }[]
  /** New people. */
  people: PersonDoc[]
  /** Existing people whose roles or care flags the file changes. */
  updates: { id: string; roles: RoleGrant[]; careFlags: CareFlag[] }[]
  counts: { grids: number; buildings: number; households: number; residents: number; heads: number }
}

/**
 * Turns a valid roster into the documents to write: what exists (grids and buildings by name, households by
 * building + unit + room, people by household + name + phone) is reused, so importing the same file twice
 * creates nothing the second time. Heads: the file decides the heads of every person it lists, and a head it
 * names replaces whoever held that role over that unit.
 */
export function planImport(
  roster: Roster,
  state: CommunityState,
  newId: (kind: 'unit' | 'person') => string,
  now: Date,
): ImportPlan {
  const units: Unit[] = []
  const inUse = state.units
  // copies: the plan edits roles and flags of the people it touches
  const current = state.people.map((p) => ({ ...p, roles: [...p.roles] }))
  /** People whose roles or care flags the plan changed. */
  const touched = new Set<PersonDoc>()
  const grids = new Map(inUse.filter((u) => u.level === 'grid').map((u) => [u.name, u]))
  const buildings = new Map(inUse.filter((u) => u.level === 'microgrid').map((u) => [u.name, u]))
  const households = new Map(
    inUse
      .filter((u) => u.level === 'household')
      .map((u) => [householdKey(u.building ?? '', u.entrance ?? '', u.room ?? ''), u]),
  )
  const counts = { grids: 0, buildings: 0, households: 0, residents: 0, heads: 0 }
  const create = (level: Unit['level'], name: string, parent: Unit, extra: Partial<Unit> = {}): Unit => {
    const _id = newId('unit')
    const u: Unit = { _id, level, name, parentId: parent._id, path: childPath(parent.path, _id), ...extra }
    units.push(u)
    return u
  }

  for (const g of roster.grids) {
    if (grids.has(g.name)) continue
    grids.set(g.name, create('grid', g.name, state.community))
    counts.grids++
  }
  const wartime: ImportPlan['wartime'] = []
  for (const b of roster.buildings) {
    const existing = buildings.get(b.name)
    if (existing) {
      if (Boolean(existing.wartime) !== b.wartime) wartime.push({ id: existing._id, wartime: b.wartime })
      continue
    }
    const grid = grids.get(b.grid) as Unit
    buildings.set(b.name, create('microgrid', b.name, grid, b.wartime ? { wartime: true } : {}))
    counts.buildings++
  }

  const peopleByKey = new Map<string, PersonDoc>()
  for (const p of current) {
    if (p.householdId) peopleByKey.set(personKey(p.householdId, p.name, p.phone), p)
  }
  const newPeople: PersonDoc[] = []
  /** Head grants each listed person should hold over this community's grids and micro-grids. */
  const wantedHeads = new Map<PersonDoc, RoleGrant[]>()
  const named = new Map<string, PersonDoc>() // `${role}@${unitId}` → the person the file names
  for (const h of roster.households) {
    const key = householdKey(h.building, h.entrance, h.room)
    let home = households.get(key)
    if (!home) {
      const building = buildings.get(h.building) as Unit
      const door = { building: h.building, entrance: h.entrance, room: h.room }
      home = create('household', doorLabel(door), building, door)
      households.set(key, home)
      counts.households++
    }
    const micro = buildings.get(h.building) as Unit
    const gridId = micro.parentId as string
    for (const entry of h.people) {
      let person = peopleByKey.get(personKey(home._id, entry.name, entry.phone))
      if (!person) {
        person = {
          _id: newId('person'),
          name: entry.name,
          phone: entry.phone,
          householdId: home._id,
          homePath: home.path,
          roles: [{ role: 'resident', unitId: home._id }],
          ...(entry.careFlags.length ? { careFlags: entry.careFlags } : {}),
          // one millisecond apart in file order, so "who joined first" keeps the file's order
          createdAt: new Date(now.getTime() + newPeople.length),
        }
        newPeople.push(person)
        peopleByKey.set(personKey(home._id, entry.name, entry.phone), person)
        counts.residents++
      } else if (sameFlags(person.careFlags ?? [], entry.careFlags) === false) {
        person.careFlags = entry.careFlags
        touched.add(person)
      }
      const grants = entry.heads.map((role) => ({ role, unitId: role === 'buildingHead' ? micro._id : gridId }))
      wantedHeads.set(person, grants)
      for (const g of grants) named.set(`${g.role}@${g.unitId}`, person)
    }
  }

  // heads: listed people hold exactly the heads the file gives them within this community; a head the
  // file names replaces anyone else holding that role over that unit
  const communityUnits = new Set([...grids.values(), ...buildings.values()].map((u) => u._id))
  const isHeadHere = (g: RoleGrant) => HEAD_ROLES.includes(g.role as HeadRole) && communityUnits.has(g.unitId)
  const everyone = [...current, ...newPeople]
  for (const person of unique(everyone)) {
    const wanted = wantedHeads.get(person)
    const kept = person.roles.filter((g) => {
      if (!isHeadHere(g)) return true
      if (wanted) return wanted.some((w) => w.role === g.role && w.unitId === g.unitId)
      const replacement = named.get(`${g.role}@${g.unitId}`)
      return !replacement || replacement === person
    })
    const added = (wanted ?? []).filter((w) => !kept.some((g) => g.role === w.role && g.unitId === w.unitId))
    counts.heads += added.length
    const roles = [...kept, ...added]
    if (roles.length !== person.roles.length || added.length) {
      person.roles = roles
      touched.add(person)
    }
  }

  const fresh = new Set(newPeople)
  return {
    units,
    wartime,
    people: newPeople,
    updates: [...touched]
      .filter((p) => !fresh.has(p))
      .map((p) => ({ id: p._id, roles: p.roles, careFlags: p.careFlags ?? [] })),
    counts,
  }
}
const sameFlags = (a: readonly CareFlag[], b: readonly CareFlag[]): boolean =>
  a.length === b.length && a.every((f) => b.includes(f))

/** The community's data in the template's shape: cells as strings, rows in a stable order. */
export interface RosterTables {
  buildings: string[][]
  residents: string[][]
}

const collator = new Intl.Collator('zh-CN', { numeric: true })
const compareRows = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = collator.compare(a[i] ?? '', b[i] ?? '')
    if (c !== 0) return c
  }
  return 0
}

/**
 * Exports a community: every grid with its buildings (a grid without buildings gets a row of its own), every
 * household with one row per member (an empty household gets one row without a name). Heads are written where
 * they head their own building or grid. Rows are sorted by name the way people count (2栋 before 10栋).
 */
export function rosterTables(state: CommunityState): RosterTables {
  const units = state.units.filter((u) => !u.retired)
  const byId = new Map(units.map((u) => [u._id, u]))
  const grids = units.filter((u) => u.level === 'grid' && u.parentId === state.community._id)
  const micros = units.filter((u) => u.level === 'microgrid' && byId.has(u.parentId ?? ''))
  const buildingRows = [
    ...micros.map((m) => [byId.get(m.parentId as string)?.name ?? '', m.name, m.wartime ? YES : NO]),
    ...grids.filter((g) => !micros.some((m) => m.parentId === g._id)).map((g) => [g.name, '', '']),
  ].sort(compareRows)

  const members = new Map<string, PersonDoc[]>()
  for (const p of state.people) {
    if (!p.householdId || p.deletedAt) continue
    members.set(p.householdId, [...(members.get(p.householdId) ?? []), p])
  }
  const residentRows: string[][] = []
  for (const h of units.filter((u) => u.level === 'household' && byId.has(u.parentId ?? ''))) {
    const micro = byId.get(h.parentId as string) as Unit
    const door = [micro.name, h.entrance ?? '', h.room ?? '']
    const living = members.get(h._id) ?? []
    if (living.length === 0) residentRows.push([...door, '', '', '', ''])
    for (const p of living) {
      const heads = HEAD_ROLES.filter((role) =>
        p.roles.some(
          (g) => g.role === role && g.unitId === (headLevel(role) === 'microgrid' ? micro._id : micro.parentId),
        ),
      )
      const careFlags = CARE_FLAGS.filter((f) => p.careFlags?.includes(f)).map((f) => CARE_FLAG_LABELS[f])
      residentRows.push([
        ...door,
        p.name,
        p.phone,
        heads.length ? heads.map((r) => HEAD_LABEL[r]).join(LIST_JOIN) : '居民',
        careFlags.join(LIST_JOIN),
      ])
    }
  }
  residentRows.sort(compareRows)
  return { buildings: buildingRows, residents: residentRows }
}
