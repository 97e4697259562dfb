/** Planning what an import writes: parents first, nothing twice, heads handed over as the file says. */
import type { PersonDoc } from '../../../../core/model'
import { apply, empty, plan, sheets } from './fixtures'

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
