/** Which rows of a sheet carry data, and the items of a list cell. */
import { dataRows, splitList } from '../../../../core/org/roster/sheets'

describe('dataRows', () => {
  it('leaves out the header, the row of notes and blank rows, keeping the row numbers Excel shows', () => {
    const rows = [
      { row: 1, cells: ['网格', '楼栋', '是否战时'] },
      { row: 2, cells: ['说明：网格名称', '说明：楼栋', ''] },
      { row: 3, cells: ['第1网格', '1栋', ''] },
      { row: 4, cells: ['', '', ''] },
      { row: 5, cells: ['第2网格', '', ''] },
    ]
    expect(dataRows({ header: rows[0].cells, rows }).map((r) => r.row)).toEqual([3, 5])
  })
})

describe('splitList', () => {
  it.each([
    ['独居老人，慢病', ['独居老人', '慢病']],
    ['独居老人,慢病', ['独居老人', '慢病']],
    ['独居老人、慢病；孕产妇;残疾人', ['独居老人', '慢病', '孕产妇', '残疾人']],
    [' 楼栋长 ， 网格长 ', ['楼栋长', '网格长']],
    ['网格长，，', ['网格长']],
    ['', []],
  ])('%s', (cell, items) => {
    expect(splitList(cell)).toEqual(items)
  })
})
