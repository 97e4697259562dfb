/** The export rows: a community in the template's shape. */
import { rosterTables } from '../../../../core/org/roster/export'
import { apply, empty, plan, sheets } from './fixtures'

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
