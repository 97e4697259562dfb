/** The roster .xlsx: what it writes reads back, numbers typed into cells read as text, other files refused. */
import ExcelJS from 'exceljs'
import { validateRoster } from '../../../core/org/roster/validate'
import { readRoster, UnreadableWorkbook, writeRoster } from '../../../server/roster/workbook'
import { B_HEAD, empty, R_HEAD } from '../../core/org/roster/fixtures'

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
