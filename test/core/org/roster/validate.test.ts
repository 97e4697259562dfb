/** Roster rules without a cloud: checking rows, planning what an import writes, and the export's shape. */
import ExcelJS from 'exceljs'
import type { PersonDoc } from '../../core/model'
import {
  planImport,
  rosterTables,
  validateRoster,
  type CommunityState,
  type Roster,
  type RosterSheets,
  type SheetData,
} from '../../core/roster'
import type { Unit } from '../../core/units'
import { readRoster, UnreadableWorkbook, writeRoster } from '../../server/roster/workbook'

const B_HEAD = ['网格', '楼栋', '是否战时']
const R_HEAD = ['楼栋', '单元', '房号', '姓名', '手机号', '身份', '关爱标记']
const sheet = (header: string[], rows: string[][]): SheetData => ({
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
})
const sheets = (buildings: string[][], residents: string[][]): RosterSheets => ({
  buildings: sheet(B_HEAD, buildings),
  residents: sheet(R_HEAD, residents),
})

const community: Unit = { _id: 'c', level: 'community', name: '测试社区', parentId: 's', path: '/s/c/' }
const empty: CommunityState = { community, units: [], people: [] }

const valid = (s: RosterSheets, state = empty): Roster => {
  const res = validateRoster(s, state)
  if (!res.ok) throw new Error(JSON.stringify(res.issues))
  return res.roster
}
let ids = 0
const plan = (s: RosterSheets, state = empty) =>
  planImport(valid(s, state), state, (k) => `${k}${++ids}`, new Date(Date.UTC(2025, 0, 1)))
/** The community after applying a plan (what the database would hold). */
const apply = (state: CommunityState, p: ReturnType<typeof plan>): CommunityState => {
  const updated = new Map(p.updates.map((u) => [u.id, u]))
  return {
    community,
    units: [...state.units, ...p.units],
    people: [
      ...state.people.map((x) => (updated.has(x._id) ? { ...x, ...updated.get(x._id), _id: x._id } : x)),
      ...p.people,
    ],
  }
}

describe('validateRoster', () => {
  it('accepts the empty template, skipping the row of notes and blank rows', () => {
    const notes = ['说明：网格名称', '说明：楼栋', '说明：是否']
    expect(valid(sheets([notes, ['', '', '']], []))).toEqual({ grids: [], buildings: [], households: [] })
  })

  it('refuses a file without the sheets or with other headers, saying what the header should be', () => {
    const res = validateRoster({ buildings: null, residents: sheet(['姓名'], []) }, empty)
    expect(res).toEqual({
      ok: false,
      issues: [
        { field: '楼栋', reason: '缺少工作表“楼栋”，请使用下载的模板' },
        {
          row: 1,
          field: '住户',
          reason: expect.stringContaining('表头应为：楼栋、单元、房号、姓名、手机号、身份、关爱标记'),
        },
      ],
    })
  })

  it('reads grids without buildings, wartime micro-grids, empty households and several roles in one cell', () => {
    const roster = valid(
      sheets(
        [
          ['第1网格', '1栋', '否'],
          ['第1网格', '隔离点', '是'],
          ['第9网格', '', ''],
        ],
        [
          ['1栋', '1单元', '101', '', '', '', ''],
          ['1栋', '1单元', '102', '张三', '13800138000', '楼栋长，网格长', '独居老人、慢病'],
          ['1栋', '1单元', '102', '李四', '13800138001', '', ''],
        ],
      ),
    )
    expect(roster.grids.map((g) => g.name)).toEqual(['第1网格', '第9网格'])
    expect(roster.buildings.map((b) => [b.name, b.wartime])).toEqual([
      ['1栋', false],
      ['隔离点', true],
    ])
    expect(roster.households.map((h) => [h.room, h.people.map((p) => [p.name, p.heads, p.careFlags])])).toEqual([
      ['101', []],
      [
        '102',
        [
          ['张三', ['buildingHead', 'gridChief'], ['elderlyAlone', 'chronicIllness']],
          ['李四', [], []],
        ],
      ],
    ])
  })

  it('names a building the community has under another grid than the file says', () => {
    const g1: Unit = { _id: 'g1', level: 'grid', name: '第1网格', parentId: 'c', path: '/s/c/g1/' }
    const b1: Unit = { _id: 'b1', level: 'microgrid', name: '1栋', parentId: 'g1', path: '/s/c/g1/b1/' }
    const res = validateRoster(sheets([['第2网格', '1栋', '否']], []), { community, units: [g1, b1], people: [] })
    expect(res).toEqual({
      ok: false,
      issues: [{ row: 2, field: '楼栋·网格', reason: expect.stringContaining('楼栋“1栋”现属“第1网格”') }],
    })
    // a building the community already has needs no row in the 楼栋 sheet
    expect(
      valid(sheets([], [['1栋', '1单元', '101', '张三', '13800138000', '', '']]), {
        community,
        units: [g1, b1],
        people: [],
      }).households,
    ).toHaveLength(1)
  })
})

describe('planImport', () => {
  const file = sheets(
    [['第1网格', '1栋', '否']],
    [
      ['1栋', '1单元', '101', '张三', '13800138000', '网格长', ''],
      ['1栋', '1单元', '101', '李四', '13800138001', '', ''],
      ['1栋', '2单元', '201', '王五', '13800138002', '楼栋长', ''],
    ],
  )

  it('creates parents before children, with paths through the new ids, and heads over grid and building', () => {
    const p = plan(file)
    expect(p.units.map((u) => u.level)).toEqual(['grid', 'microgrid', 'household', 'household'])
    const [grid, building, home] = p.units
    expect(building.path).toBe(`/s/c/${grid._id}/${building._id}/`)
    expect(home).toMatchObject({ name: '1栋1单元101', building: '1栋', entrance: '1单元', room: '101' })
    const zhang = p.people.find((x) => x.name === '张三') as PersonDoc
    expect(zhang).toMatchObject({ householdId: home._id, homePath: home.path })
    expect(zhang.roles).toEqual([
      { role: 'resident', unitId: home._id },
      { role: 'gridChief', unitId: grid._id },
    ])
    expect(p.people.find((x) => x.name === '王五')?.roles[1]).toEqual({ role: 'buildingHead', unitId: building._id })
    expect(p.counts).toEqual({ grids: 1, buildings: 1, households: 2, residents: 3, heads: 2 })
  })

  it('creates nothing when the same file is imported again', () => {
    const state = apply(empty, plan(file))
    const again = plan(file, state)
    expect(again).toEqual({
      units: [],
      wartime: [],
      people: [],
      updates: [],
      counts: { grids: 0, buildings: 0, households: 0, residents: 0, heads: 0 },
    })
  })

  it('hands a head role over to the person the file names, and takes it from one it lists as 居民', () => {
    const state = apply(empty, plan(file))
    const next = sheets(
      [['第1网格', '1栋', '是']],
      [
        ['1栋', '1单元', '101', '张三', '13800138000', '居民', '慢病'],
        ['1栋', '1单元', '101', '李四', '13800138001', '网格长', ''],
      ],
    )
    const p = plan(next, state)
    const byName = (n: string) => state.people.find((x) => x.name === n)?._id
    expect(p.people).toEqual([])
    expect(p.wartime).toEqual([{ id: state.units[1]._id, wartime: true }])
    const updates = new Map(p.updates.map((u) => [u.id, u]))
    expect(updates.get(byName('张三') as string)?.roles.map((r) => r.role)).toEqual(['resident'])
    expect(updates.get(byName('张三') as string)?.careFlags).toEqual(['chronicIllness'])
    expect(updates.get(byName('李四') as string)?.roles.map((r) => r.role)).toEqual(['resident', 'gridChief'])
    // 王五 is not in this file: keeps being 楼栋长
    expect(updates.has(byName('王五') as string)).toBe(false)
    expect(p.counts.heads).toBe(1)
  })
})

describe('rosterTables', () => {
  it('orders rows the way people count, and writes empty grids and households as rows of their own', () => {
    const state = apply(
      empty,
      plan(
        sheets(
          [
            ['第10网格', '10栋', '否'],
            ['第2网格', '2栋', '否'],
            ['第3网格', '', ''],
          ],
          [
            ['10栋', '1单元', '1001', '赵六', '13800138003', '', ''],
            ['2栋', '10单元', '101', '', '', '', ''],
            ['2栋', '2单元', '101', '孙七', '13800138004', '党小组长', '孕产妇'],
          ],
        ),
      ),
    )
    expect(rosterTables(state)).toEqual({
      buildings: [
        ['第2网格', '2栋', '否'],
        ['第3网格', '', ''],
        ['第10网格', '10栋', '否'],
      ],
      residents: [
        ['2栋', '2单元', '101', '孙七', '13800138004', '党小组长', '孕产妇'],
        ['2栋', '10单元', '101', '', '', '', ''],
        ['10栋', '1单元', '1001', '赵六', '13800138003', '居民', ''],
      ],
    })
  })
})

describe('roster workbook', () => {
  it('reads back what it wrote, row numbers as Excel shows them', async () => {
    const tables = {
      buildings: [['第1网格', '1栋', '否']],
      residents: [['1栋', '1单元', '0101', '张三', '13800138000', '居民', '']],
    }
    const read = await readRoster(await writeRoster(tables))
    expect(read.buildings?.header).toEqual(B_HEAD)
    expect(read.residents?.rows.at(-1)).toEqual({ row: 3, cells: tables.residents[0] })
    expect(validateRoster(read, empty).ok).toBe(true)
  })

  it('reads phones and rooms typed as numbers as the digits Excel shows', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('楼栋').addRows([B_HEAD, ['第1网格', 1, '']])
    book.addWorksheet('住户').addRows([R_HEAD, [1, '1单元', 502, '张三', 13800138000, '居民', null]])
    const read = await readRoster(Buffer.from(await book.xlsx.writeBuffer()))
    expect(read.buildings?.rows[0].cells).toEqual(['第1网格', '1', ''])
    expect(read.residents?.rows[0]).toEqual({ row: 2, cells: ['1', '1单元', '502', '张三', '13800138000', '居民', ''] })
  })

  it('says a file that is not a workbook cannot be read', async () => {
    await expect(readRoster(Buffer.from('not a spreadsheet'))).rejects.toBeInstanceOf(UnreadableWorkbook)
  })
})
