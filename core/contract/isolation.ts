/**
 * The `isolation` function (居家隔离户, issue 12 item 7): staff and grid chiefs mark a household home-isolated for a
 * period; its tasks — 物资配送 and 垃圾清运 at set times each day — are made for the period with deterministic ids;
 * volunteers of the grid take a task (one holder), give it back or mark it done once (volunteer time credited once);
 * the household sees its schedule and may mark a delivery received; leaders read a grid's figures from counters
 * and the overdue tasks a page at a time.
 */
import { z } from 'zod'
import { fileID, recordId, unitId } from './fields'
import { ISOLATION_BOUNDS, TIME_OF_DAY } from '../isolation/schedule'
import type { IsolationKind, IsolationTaskState } from '../model'

export {
  ISOLATION_BOUNDS,
  ISOLATION_KIND_LABELS,
  ISOLATION_TASK_MINUTES,
  OVERDUE_AFTER_MINUTES,
} from '../isolation/schedule'

/** What notes may hold and how long pages are (pages cap their inputs with these; the function enforces them). */
export const ISOLATION_LIMITS = {
  reason: 100,
  note: 100,
  doneNote: 200,
  photos: 3,
  pageSize: 20,
  maxPageSize: 50,
} as const

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式不对')
const time = z.string().regex(TIME_OF_DAY, '时间格式不对，应如 09:30')
const times = z.array(time).max(ISOLATION_BOUNDS.timesPerKind)
const cursor = z.string().min(1).max(200)
const page = {
  cursor: cursor.optional(),
  pageSize: z.number().int().min(1).max(ISOLATION_LIMITS.maxPageSize).default(ISOLATION_LIMITS.pageSize),
}

export const isolationPayloads = {
  /** [K] Marks a household home-isolated from `startDay` (today or within a week) for `days` and makes its tasks.
   * Asked again with the same household and day it makes only what is missing. */
  mark: z
    .object({
      householdId: unitId,
      startDay: day,
      days: z.number().int().min(1).max(ISOLATION_BOUNDS.days),
      reason: z.string().trim().max(ISOLATION_LIMITS.reason).default(''),
      supplies: z.object({ times, note: z.string().trim().max(ISOLATION_LIMITS.note).default('') }).strict(),
      garbage: z.object({ times }).strict(),
    })
    .strict(),
  /** [K] Where to pick a household: a grid's buildings, or a building's households (doors only). */
  homes: z.object({ unitId }).strict(),
  /** [K] Ends an isolation early: its tasks not yet due are cancelled; the record stays. */
  end: z.object({ isolationId: recordId }).strict(),
  /** [K] The isolations under a unit, newest first (in force now, or every one), paged. */
  households: z.object({ unitId, all: z.boolean().default(false), ...page }).strict(),
  /** [L] A grid's (or each grid of a community's) figures: households isolated now, tasks due today, done, overdue. */
  figures: z.object({ unitId }).strict(),
  /** [L] Overdue tasks under a grid or community, oldest first, paged. */
  overdue: z.object({ unitId, ...page }).strict(),
  /** A volunteer's open tasks of a grid (theirs by default), due soonest first, paged; with the tasks they hold. */
  tasks: z.object({ gridId: unitId.optional(), ...page }).strict(),
  claim: z.object({ taskId: recordId }).strict(),
  release: z.object({ taskId: recordId }).strict(),
  done: z
    .object({
      taskId: recordId,
      note: z.string().trim().max(ISOLATION_LIMITS.doneNote).default(''),
      photos: z.array(fileID).max(ISOLATION_LIMITS.photos).default([]),
    })
    .strict(),
  /** A resident: their household's isolation (the latest) and its tasks of one day (today by default). */
  mine: z.object({ day: day.optional() }).strict(),
  /** A resident of the household: a delivery received (optional, once). */
  received: z.object({ taskId: recordId }).strict(),
}

export interface IsolationCard {
  id: string
  household: { id: string; name: string }
  grid: { id: string; name: string }
  startDay: string
  days: number
  /** the last Beijing day of the period as planned */
  lastDay: string
  endAt: string
  reason: string
  supplies: { times: string[]; note: string }
  garbage: { times: string[] }
  /** in force now */
  active: boolean
  endedAt: string | null
  endedBy: string | null
  tasks: number
  createdBy: string
  createdAt: string
}

export interface IsolationTaskRow {
  id: string
  isolationId: string
  household: { id: string; name: string }
  kind: IsolationKind
  day: string
  slot: string
  dueAt: string
  note: string
  state: IsolationTaskState
  /** 待领取 / 已领取 / 已完成 / 已取消, with 超时 when overdue */
  stateLabel: string
  overdue: boolean
  holderName: string | null
  mine: boolean
  claimedAt: string | null
  doneAt: string | null
  doneNote: string | null
  /** the 完成 photos as the viewer may see them: passed ones; 审核中 ones only for the volunteer and the keepers */
  photos: string[]
  /** those of `photos` still 审核中 (only their uploader and the scope's leaders get them): the page marks them 审核中 */
  checkingPhotos: string[]
  /** how many of the 完成 photos the image check refused, told only to the volunteer who took them (hidden from
   * everyone; core/uploads.ts withheldLine): 0 for anyone else */
  withheldPhotos: number
  receivedAt: string | null
}

export interface GridIsolationFigures {
  grid: { id: string; name: string }
  isolated: number
  dueToday: number
  doneToday: number
  overdue: number
}

export interface IsolationApi {
  mark: { payload: z.input<typeof isolationPayloads.mark>; result: IsolationCard }
  end: { payload: z.input<typeof isolationPayloads.end>; result: IsolationCard }
  homes: {
    payload: z.input<typeof isolationPayloads.homes>
    result: {
      unit: { id: string; name: string }
      rows: { id: string; name: string; level: 'microgrid' | 'household' }[]
    }
  }
  households: {
    payload: z.input<typeof isolationPayloads.households>
    result: { rows: IsolationCard[]; nextCursor: string | null }
  }
  figures: {
    payload: z.input<typeof isolationPayloads.figures>
    result: { day: string; grids: GridIsolationFigures[] }
  }
  overdue: {
    payload: z.input<typeof isolationPayloads.overdue>
    result: { rows: IsolationTaskRow[]; nextCursor: string | null }
  }
  tasks: {
    payload: z.input<typeof isolationPayloads.tasks>
    result: {
      grid: { id: string; name: string }
      rows: IsolationTaskRow[]
      nextCursor: string | null
      held: IsolationTaskRow[]
      /** the tasks I completed lately (due from a day back, latest first, at most 10; the first page only), each with
       * its photos as I see them — 审核中, passed, or how many the image check refused */
      finished: IsolationTaskRow[]
    }
  }
  claim: { payload: z.input<typeof isolationPayloads.claim>; result: IsolationTaskRow }
  release: { payload: z.input<typeof isolationPayloads.release>; result: IsolationTaskRow }
  done: { payload: z.input<typeof isolationPayloads.done>; result: IsolationTaskRow }
  mine: {
    payload: z.input<typeof isolationPayloads.mine>
    /** `serves`: the caller serves their home grid's tasks (a volunteer, a building head, its party leader or chief) */
    result: { isolation: IsolationCard | null; day: string; tasks: IsolationTaskRow[]; serves: boolean }
  }
  received: { payload: z.input<typeof isolationPayloads.received>; result: IsolationTaskRow }
}
