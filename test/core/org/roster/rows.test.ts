/** One row of each sheet read on its own: its values, and every problem it has without looking at other rows. */
import { readBuildingRow, readResidentRow } from '../../../../core/org/roster/rows'

describe('readBuildingRow', () => {
  it.each<[string, string[], { grid: string; building: string; wartime: boolean }, string[]]>([
    ['a grid with a building', ['第1网格', '5栋', '否'], { grid: '第1网格', building: '5栋', wartime: false }, []],
    ['a grid alone', ['第1网格', '', ''], { grid: '第1网格', building: '', wartime: false }, []],
    ['a wartime building', ['第1网格', '隔离点', '是'], { grid: '第1网格', building: '隔离点', wartime: true }, []],
    ['no grid', ['', '5栋', ''], { grid: '', building: '5栋', wartime: false }, ['楼栋·网格: 网格不能为空']],
    [
      'a grid name too long',
      ['网'.repeat(31), '', ''],
      { grid: '网'.repeat(31), building: '', wartime: false },
      ['楼栋·网格: 网格名称超过 30 个字'],
    ],
    [
      'a word 是否战时 does not know',
      ['第1网格', '5栋', '对'],
      { grid: '第1网格', building: '5栋', wartime: false },
      ['楼栋·是否战时: 应填“是”或“否”，不认识“对”'],
    ],
    [
      'a wartime grid without a building',
      ['第1网格', '', '是'],
      { grid: '第1网格', building: '', wartime: true },
      ['楼栋·楼栋: 战时网格须填写楼栋名称'],
    ],
  ])('%s', (_name, cells, values, issues) => {
    const read = readBuildingRow({ row: 7, cells })
    expect(read).toMatchObject({ row: 7, ...values })
    expect(read.issues.map((i) => `${i.field}: ${i.reason}`)).toEqual(issues)
    expect(read.issues.every((i) => i.row === 7)).toBe(true)
  })
})

describe('readResidentRow', () => {
  const known = (name: string) => name === '1栋'
  it.each<[string, string[], Record<string, unknown>, string[]]>([
    [
      'a member with two roles and two care flags',
      ['1栋', '1单元', '101', '张三', '13800138000', '楼栋长，网格长', '独居老人、慢病'],
      {
        vacant: false,
        heads: ['buildingHead', 'gridChief'],
        careFlags: ['elderlyAlone', 'chronicIllness'],
      },
      [],
    ],
    ['an empty household', ['1栋', '1单元', '102', '', '', '', ''], { vacant: true, heads: [], careFlags: [] }, []],
    ['居民 is no head role', ['1栋', '1单元', '101', '李四', '13800138001', '居民', ''], { heads: [] }, []],
    [
      'a building neither sheet nor community has',
      ['9栋', '1单元', '101', '', '', '', ''],
      { building: '9栋' },
      ['住户·楼栋: 楼栋“9栋”不在楼栋表中，社区里也没有'],
    ],
    [
      'no door',
      ['', '', '', '张三', '13800138000', '', ''],
      {},
      ['住户·楼栋: 楼栋不能为空', '住户·单元: 单元不能为空', '住户·房号: 房号不能为空'],
    ],
    [
      'a member without a name or phone',
      ['1栋', '1单元', '101', '', '', '楼栋长', ''],
      { vacant: false },
      ['住户·姓名: 姓名不能为空', '住户·手机号: 手机号不能为空'],
    ],
    [
      'a phone that is not one',
      ['1栋', '1单元', '101', '张三', '1380013800', '', ''],
      {},
      ['住户·手机号: 手机号“1380013800”格式不对，应为 11 位数字'],
    ],
    [
      'words 身份 and 关爱标记 do not know',
      ['1栋', '1单元', '101', '张三', '13800138000', '社长', '很老'],
      { heads: [], careFlags: [] },
      [
        '住户·身份: 不认识的身份“社长”，应为 居民、楼栋长、党小组长 或 网格长',
        expect.stringMatching(/^住户·关爱标记: 不认识的关爱标记“很老”，可用：独居老人、/),
      ],
    ],
  ])('%s', (_name, cells, values, issues) => {
    const read = readResidentRow({ row: 4, cells }, known)
    expect(read).toMatchObject(values)
    expect(read.issues.map((i) => `${i.field}: ${i.reason}`)).toEqual(issues)
  })
})
