/**
 * The roster template (花名册模板): its two sheets, their columns and the row explaining each column, and the
 * words its cells use. Writing and reading the .xlsx itself is server/roster/workbook.ts.
 */
import { CARE_FLAGS, CARE_FLAG_LABELS } from '../../model'

export const BUILDING_SHEET = '楼栋'
export const RESIDENT_SHEET = '住户'
export const BUILDING_COLUMNS = ['网格', '楼栋', '是否战时'] as const
export const RESIDENT_COLUMNS = ['楼栋', '单元', '房号', '姓名', '手机号', '身份', '关爱标记'] as const

/** Row 1 is the header, row 2 explains each column (its cells start with NOTE_MARK), data starts at row 3. */
export const HEADER_ROW = 1
export const FIRST_DATA_ROW = 3
export const NOTE_MARK = '说明：'

export const BUILDING_NOTES: readonly string[] = [
  `${NOTE_MARK}网格名称，如 第1网格；同一社区内不重名，没有的会新建`,
  `${NOTE_MARK}楼栋或村民小组名称，如 5栋；同一社区内不重名；留空表示只建网格`,
  `${NOTE_MARK}填 是 或 否（留空为否）；战时网格为临时划出的楼栋或片区，如 隔离点`,
]
export const RESIDENT_NOTES: readonly string[] = [
  `${NOTE_MARK}须是楼栋表中或社区已有的楼栋`,
  `${NOTE_MARK}如 2单元`,
  `${NOTE_MARK}如 502；同一楼栋同一单元内不重复`,
  `${NOTE_MARK}住户成员姓名；姓名与手机号都留空表示空户`,
  `${NOTE_MARK}11 位手机号`,
  `${NOTE_MARK}居民、楼栋长、党小组长 或 网格长（留空为居民；兼任用逗号隔开）`,
  `${NOTE_MARK}可空；多个用逗号隔开：${CARE_FLAGS.map((f) => CARE_FLAG_LABELS[f]).join('、')}`,
]

/** What export writes between items of a list. */
export const LIST_JOIN = '，'
export const YES = '是'
export const NO = '否'
export const MAX_ROWS = 10_000
