/** Checking the rows of an uploaded roster against each other and against the community as it is. */
import { validateRoster } from '../../../../core/org/roster/validate'
import type { Unit } from '../../../../core/units'
import { community, empty, sheet, sheets, valid } from './fixtures'

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
