/** The export rows: a community in the template's shape. */
import { exportedPeople, rosterTables } from '../../../../core/org/roster/export'
import { apply, empty, plan, sheets } from './fixtures'
import type { PersonDoc } from '../../../../core/model'

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

describe('exportedPeople', () => {
  it('names everyone living in one of the households, not deleted people or heads living elsewhere', () => {
    const state = apply(
      empty,
      plan(
        sheets(
          [['第1网格', '1栋', '否']],
          [
            ['1栋', '1单元', '101', '张三', '13800138000', '', ''],
            ['1栋', '1单元', '102', '李四', '13800138001', '', ''],
          ],
        ),
      ),
    )
    const [zhang, li] = state.people
    const head: PersonDoc = { ...zhang, _id: 'elsewhere', householdId: undefined, homePath: undefined }
    const deleted: PersonDoc = { ...li, deletedAt: new Date(0) }
    expect(exportedPeople({ ...state, people: [zhang, deleted, head] }).map((p) => p.name)).toEqual(['张三'])
  })
})
