/**
 * A roster file as plain text, both ways: the sheets of an upload as read (rows of trimmed cells with the row
 * numbers Excel shows) and the tables an export writes; which rows carry data and how a cell holds a list.
 */
import { HEADER_ROW, NOTE_MARK } from './template'

/** One row as the spreadsheet shows it: its number and its cells as text, trimmed, in column order. */
export interface SheetRow {
  row: number
  cells: string[]
}
/** A sheet as read: null when the file has no sheet of that name. */
export interface SheetData {
  header: string[]
  rows: SheetRow[]
}
export interface RosterSheets {
  buildings: SheetData | null
  residents: SheetData | null
}

/** The community's data in the template's shape: cells as strings, rows in a stable order. */
export interface RosterTables {
  buildings: string[][]
  residents: string[][]
}

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c === '')
const isNote = (cells: readonly string[]): boolean => cells.some((c) => c.startsWith(NOTE_MARK))

/** Rows that carry data: not blank, not the explanation row. */
export const dataRows = (sheet: SheetData): SheetRow[] =>
  sheet.rows.filter((r) => r.row > HEADER_ROW && !isBlank(r.cells) && !isNote(r.cells))

/** Lists in one cell: 独居老人，慢病 (full-width or ASCII commas, or 、). */
const LIST_SEPARATOR = /[,，、;；]/

/** The items of a list cell, trimmed, empty ones left out. */
export const splitList = (cell: string): string[] =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)
