/**
 * The roster as an .xlsx file (exceljs): writing the template and exports, reading uploads into plain rows of
 * text for core/org/roster/validate.ts to check. Every cell is written as text, so Excel keeps 0-led rooms and
 * does not turn phone numbers into 1.38E+10.
 */
import ExcelJS from 'exceljs'
import type { RosterSheets, RosterTables, SheetData } from '../../core/org/roster/sheets'
import {
  BUILDING_COLUMNS,
  BUILDING_NOTES,
  BUILDING_SHEET,
  HEADER_ROW,
  MAX_ROWS,
  RESIDENT_COLUMNS,
  RESIDENT_NOTES,
  RESIDENT_SHEET,
} from '../../core/org/roster/template'

/** Uploads bigger than this are refused before parsing (600 households are about 60 KB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024

const WIDTHS: Record<string, number> = { 姓名: 12, 手机号: 16, 身份: 14, 关爱标记: 22, 网格: 14, 楼栋: 12 }

function addSheet(
  book: ExcelJS.Workbook,
  name: string,
  columns: readonly string[],
  notes: readonly string[],
  rows: string[][],
): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] })
  sheet.columns = columns.map((c) => ({ width: WIDTHS[c] ?? 10, style: { numFmt: '@' } }))
  const header = sheet.addRow([...columns])
  header.font = { bold: true }
  columns.forEach((_, i) => {
    header.getCell(i + 1).note = notes[i]
  })
  const noteRow = sheet.addRow([...notes])
  noteRow.font = { italic: true, color: { argb: 'FF808080' } }
  noteRow.alignment = { wrapText: true, vertical: 'top' }
  for (const r of rows) sheet.addRow(r)
}

/** The roster workbook: sheet 楼栋, sheet 住户, each with a header row and a row explaining the columns. */
export async function writeRoster(tables: RosterTables): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '网格通'
  addSheet(book, BUILDING_SHEET, BUILDING_COLUMNS, BUILDING_NOTES, tables.buildings)
  addSheet(book, RESIDENT_SHEET, RESIDENT_COLUMNS, RESIDENT_NOTES, tables.residents)
  return Buffer.from(await book.xlsx.writeBuffer())
}

export const emptyRoster = (): Promise<Buffer> => writeRoster({ buildings: [], residents: [] })

/** A cell as the user sees it (numbers, rich text and formula results alike), trimmed. */
const text = (cell: ExcelJS.Cell): string => {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  return (cell.text ?? '').trim()
}

function readSheet(sheet: ExcelJS.Worksheet | undefined, width: number): SheetData | null {
  if (!sheet) return null
  const rows: SheetData['rows'] = []
  let header: string[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (rows.length > MAX_ROWS) return
    const cells = Array.from({ length: width }, (_, i) => text(row.getCell(i + 1)))
    if (number === HEADER_ROW) header = cells
    else rows.push({ row: number, cells })
  })
  return { header, rows }
}

export class UnreadableWorkbook extends Error {}

/** The two sheets of an uploaded roster as text; throws UnreadableWorkbook when it is not an .xlsx at all. */
export async function readRoster(file: Buffer): Promise<RosterSheets> {
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(file as unknown as ExcelJS.Buffer)
  } catch {
    throw new UnreadableWorkbook('not an xlsx file')
  }
  return {
    buildings: readSheet(book.getWorksheet(BUILDING_SHEET), BUILDING_COLUMNS.length),
    residents: readSheet(book.getWorksheet(RESIDENT_SHEET), RESIDENT_COLUMNS.length),
  }
}
