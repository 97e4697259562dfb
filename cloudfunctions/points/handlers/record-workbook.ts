/** The hours export as an .xlsx file (exceljs): one row per earned sign-up, as a community keeps its 志愿服务记录. */
import ExcelJS from 'exceljs'

export const HOURS_COLUMNS = [
  '姓名',
  '活动',
  '岗位',
  '地点',
  '开始',
  '结束',
  '签到',
  '签退',
  '时长（小时）',
  '积分',
  '调整原因',
] as const

const WIDTHS = [12, 24, 12, 18, 18, 18, 18, 18, 12, 8, 24]

export async function writeHours(title: string, rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '网格通'
  const sheet = book.addWorksheet('志愿服务时长', { views: [{ state: 'frozen', ySplit: 2 }] })
  sheet.columns = WIDTHS.map((width) => ({ width }))
  const heading = sheet.addRow([title])
  heading.font = { bold: true }
  const header = sheet.addRow([...HOURS_COLUMNS])
  header.font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}
