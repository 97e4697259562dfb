/**
 * The `care` function (关爱对象 / 重点人员 and 四包一, issue 12 item 6): community or street staff mark a resident as a
 * care person (flags and a note; clearing every flag unmarks them, the history stays) and name the four helpers of
 * their care team (社区干部, 网格员, 民警, 家庭医生); any helper makes the daily check (每日探访: seen, temperature,
 * needs) once per Beijing day — a second is an update of the same day's record; a timer after
 * CARE_CHECK_CUTOFF_HOUR raises one alert per care person per day nobody checked on them. Flags and checks are shown
 * only to the person's team, grid chiefs over their grid and staff over them (core/care/visibility.ts), and every
 * read that shows them is written to the audit log.
 */
import { z } from 'zod'
import { CARE_FLAGS, type CareFlag } from '../model'
import { recordId, unitId } from './fields'

/** The four seats of a care team (四包一). */
export const CARE_SLOTS = ['cadre', 'gridWorker', 'police', 'doctor'] as const
export type CareSlot = (typeof CARE_SLOTS)[number]
export const CARE_SLOT_LABELS: Record<CareSlot, string> = {
  cadre: '社区干部',
  gridWorker: '网格员',
  police: '民警',
  doctor: '家庭医生',
}

/** After this Beijing hour, a care person nobody checked on today raises the day's alert (未探访). */
export const CARE_CHECK_CUTOFF_HOUR = 20
/** How many days of checks a care person's page shows. */
export const CARE_DETAIL_DAYS = 14

/** What a note, the needs of a check and a name search may hold; the temperature's range (°C). */
export const CARE_LIMITS = {
  note: 200,
  needs: 200,
  search: 20,
  temperatureMin: 35,
  temperatureMax: 42,
  pageSize: 20,
  maxPageSize: 50,
  /** A helper's own list (我包联的) is read whole up to this many. */
  mine: 100,
  /** People a name search answers. */
  found: 20,
} as const

const cursor = z.string().min(1).max(200)
const helper = recordId.nullable()

export const CARE_LIST_FILTERS = ['all', 'missed'] as const
export type CareListFilter = (typeof CARE_LIST_FILTERS)[number]

export const carePayloads = {
  /** [staff over the person's home] Sets a person's care flags with a note; no flags: no longer a care person. */
  mark: z
    .object({
      personId: recordId,
      flags: z
        .array(z.enum(CARE_FLAGS))
        .max(CARE_FLAGS.length)
        .refine((f) => new Set(f).size === f.length, '关爱标记重复了'),
      note: z.string().trim().max(CARE_LIMITS.note).default(''),
    })
    .strict(),
  /** [staff over the person's home] The four helpers (null: the seat is empty), each a joined person of the community. */
  team: z
    .object({
      personId: recordId,
      team: z.object({ cadre: helper, gridWorker: helper, police: helper, doctor: helper }).strict(),
    })
    .strict(),
  /** [staff over the unit] People of the unit's community whose name contains the text (whom to mark; the helper picker). */
  findPeople: z.object({ unitId, name: z.string().trim().min(1).max(CARE_LIMITS.search) }).strict(),
  /** [grid chief, staff over the unit] The care persons under a unit, paged; 'missed': those with an open 未探访. */
  list: z
    .object({
      unitId,
      filter: z.enum(CARE_LIST_FILTERS).default('all'),
      cursor: cursor.optional(),
      pageSize: z.number().int().min(1).max(CARE_LIMITS.maxPageSize).default(CARE_LIMITS.pageSize),
    })
    .strict(),
  /** A care person's page: their team, the grid chief over them and staff over them (the handler checks). */
  detail: z.object({ personId: recordId }).strict(),
  /** A helper's daily check (打卡) of a care person: once per helper per Beijing day, a second updates it. */
  check: z
    .object({
      personId: recordId,
      seen: z.boolean(),
      temperature: z
        .number()
        .min(CARE_LIMITS.temperatureMin, `体温应在 ${CARE_LIMITS.temperatureMin}–${CARE_LIMITS.temperatureMax}℃ 之间`)
        .max(CARE_LIMITS.temperatureMax, `体温应在 ${CARE_LIMITS.temperatureMin}–${CARE_LIMITS.temperatureMax}℃ 之间`)
        .nullable()
        .default(null),
      needs: z.string().trim().max(CARE_LIMITS.needs).default(''),
    })
    .strict(),
  /** The care persons I help (我包联的), with whether today's check is done. */
  mine: z.object({}).strict(),
}

export interface CareHelperView {
  slot: CareSlot
  personId: string
  name: string
  /** In full for the team, the grid chief and staff (拨打). */
  phone: string
}

export interface CareRow {
  personId: string
  name: string
  /** 5栋2单元402 */
  door: string
  flags: CareFlag[]
  /** The seats filled, in CARE_SLOTS order. */
  team: { slot: CareSlot; name: string }[]
  /** The latest Beijing day anyone checked (YYYY-MM-DD), or null. */
  lastCheckDay: string | null
  checkedToday: boolean
  /** The day of an alert nobody has answered with a check since (未探访), or null. */
  missedDay: string | null
}

export interface CareMineRow extends CareRow {
  mySlot: CareSlot
  /** Whether I checked today (another helper's check shows in checkedToday). */
  mineToday: boolean
}

export interface CareCheckView {
  day: string
  helperName: string
  slot: CareSlot | null
  seen: boolean
  temperature: number | null
  needs: string
  at: string
}

export interface CareDetail {
  personId: string
  name: string
  door: string
  phone: string
  /** The home's building and grid: 代办诉求 reports there. */
  buildingId: string | null
  gridId: string | null
  flags: CareFlag[]
  note: string
  active: boolean
  team: Record<CareSlot, CareHelperView | null>
  /** The last CARE_DETAIL_DAYS days of checks, newest first. */
  checks: CareCheckView[]
  /** Days of the last CARE_DETAIL_DAYS nobody checked after the cutoff (the alerts raised), newest first. */
  missedDays: string[]
  openMissedDay: string | null
  today: string
  /** The caller's seat on the team, if any: they may check. */
  mySlot: CareSlot | null
  /** Staff over the person: they may mark and name the team. */
  canEdit: boolean
  /** Marks and unmarks, newest first (staff only; empty for the others). */
  history: { flags: CareFlag[]; note: string; by: string; at: string }[]
}

export interface FoundPerson {
  personId: string
  name: string
  /** Where they live, masked (3栋2单元***), or the role they hold (社区工作者). */
  where: string
  /** Whether they use the mini-program: only they can be helpers (anyone living there can be marked). */
  joined: boolean
}

/** What care stored about the caller, in their 导出我的数据 (core/privacy/care.ts). */
export interface MyCare {
  record: {
    flags: CareFlag[]
    note: string
    active: boolean
    team: { slot: CareSlot; name: string }[]
    checks: number
    history: { flags: CareFlag[]; note: string; by: string; at: string }[]
  } | null
  helping: { name: string; slot: CareSlot; active: boolean }[]
  checksMade: { day: string; name: string; seen: boolean; temperature: number | null; needs: string }[]
}

export interface CareApi {
  mark: { payload: z.input<typeof carePayloads.mark>; result: CareDetail }
  team: { payload: z.input<typeof carePayloads.team>; result: CareDetail }
  findPeople: { payload: z.input<typeof carePayloads.findPeople>; result: { rows: FoundPerson[] } }
  list: {
    payload: z.input<typeof carePayloads.list>
    result: { rows: CareRow[]; nextCursor: string | null; today: string }
  }
  detail: { payload: z.input<typeof carePayloads.detail>; result: CareDetail }
  check: { payload: z.input<typeof carePayloads.check>; result: CareDetail }
  mine: { payload: z.input<typeof carePayloads.mine>; result: { rows: CareMineRow[]; today: string } }
}
