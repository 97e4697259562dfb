/**
 * The `requests` function (诉求, issue 11): a resident, a leader on patrol, a merchant or an enterprise reports a
 * request; it is accepted, handled, escalated grid → community → street → a department (吹哨报到) on deadlines, and
 * closed only by the reporter's rating (or a quiet week); 回头看 strikes it off. Every change is one move decided by
 * core/requests/machine.ts and stored as one append-only event; the rates leaders are judged by come from counters
 * moved in the same transaction (core/requests/rates.ts), never from a scan. Patrols (巡查台账) turn findings into
 * requests in one step.
 */
import { z } from 'zod'
import type { UnitRef } from './grid'
import { fileID, recordId, unitId } from './fields'
import {
  RATINGS,
  REQUEST_LEVELS,
  STATE_GROUPS,
  USER_MOVES,
  type Move,
  type Rating,
  type RequestLevel,
  type RequestState,
  type StateGroup,
  type UserMove,
} from '../requests/states'

export * from '../requests/states'

/** What a request, a move and a patrol may hold (pages cap their inputs with these; the function enforces them). */
export const REQUEST_LIMITS = {
  description: 500,
  photos: 6,
  note: 300,
  reason: 200,
  comment: 200,
  /** a described spot (路口东侧路灯) and a chosen location's name */
  spot: 50,
  locationName: 100,
  route: 200,
  findings: 10,
  /** how many open duplicates the report page is shown */
  similar: 10,
  /** a list row's title: the description's opening */
  title: 40,
  pageSize: 20,
  maxPageSize: 50,
  /** per street: departments, and holidays / make-up workdays listed */
  departments: 20,
  departmentName: 20,
  days: 120,
  /** the longest response or resolution limit, in hours (60 days) */
  hours: 1440,
  autoCloseDays: 30,
  reinspectWeeks: 26,
  /** the most one errand (跑腿代购) may earn: a community cannot set a reward that drains its pool on a few */
  errandPoints: 100,
  /** how far ahead a re-inspection may be scheduled, in days */
  reinspectAheadDays: 366,
  /** how long a patrol may last, in hours */
  patrolHours: 24,
} as const

/** The categories a community may offer (each may be switched off in its settings). */
export const REQUEST_CATEGORIES = [
  'errand',
  'repair',
  'sanitation',
  'dispute',
  'hazard',
  'help',
  'enterprise',
  'other',
] as const
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number]
export const CATEGORY_LABELS: Record<RequestCategory, string> = {
  errand: '跑腿代购',
  repair: '维修',
  sanitation: '环境卫生',
  dispute: '邻里纠纷',
  hazard: '安全隐患',
  help: '求助',
  enterprise: '企业服务',
  other: '其他',
}

/** The departments a street whistles for by default (each street keeps its own list in its settings). */
export const DEFAULT_DEPARTMENTS = [
  { id: 'chengguan', name: '城管' },
  { id: 'huanwei', name: '环卫' },
  { id: 'wuye', name: '物业' },
  { id: 'paichusuo', name: '派出所' },
  { id: 'shichang', name: '市场监管' },
] as const

/** Where a request is: the reporter's household, a building (楼栋), or a described spot in a grid. */
export const PLACE_KINDS = ['household', 'building', 'spot'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  household: '我家',
  building: '所在楼栋',
  spot: '网格内地点',
}

/** How a limit counts: every hour (自然时), or only Beijing working hours (工作时, holidays and 调休 in settings). */
export const LIMIT_BASES = ['calendar', 'working'] as const
export type LimitBasis = (typeof LIMIT_BASES)[number]
export const LIMIT_BASIS_LABELS: Record<LimitBasis, string> = { calendar: '自然时', working: '工作时' }

/** A category's limits: respond (contacted the resident or arrived) and resolve, in hours of `basis`. */
export interface CategoryLimit {
  respondHours: number
  resolveHours: number
  basis: LimitBasis
}

/**
 * A request's contribution to the counters (core/requests/rates.ts figures): each 0 or 1, a pure function of its
 * stored fields. Counters are their sums per scope and cohort month.
 */
export const REQUEST_FIGURES = [
  'reported',
  'responseDue',
  'respondedOnTime',
  'resolved',
  'resolvedOnTime',
  'ended',
  'openOverdue',
  'rated',
  'satisfied',
  'basic',
  'unsatisfied',
  'reopened',
  'escalated',
  'struckOff',
] as const
export type RequestFigure = (typeof REQUEST_FIGURES)[number]
export type RequestFigures = Record<RequestFigure, number>

/** The rates of a scope and month; null where the divisor is 0 (formulas in docs/api.md, core/requests/rates.ts). */
export interface RequestRates {
  /** 响应率 = respondedOnTime ÷ responseDue */
  response: number | null
  /** 解决率 = resolved ÷ (ended + openOverdue) */
  resolution: number | null
  /** 满意率 = (satisfied + basic) ÷ rated */
  satisfaction: number | null
  /** 按时办结率 = resolvedOnTime ÷ (ended + openOverdue) */
  onTime: number | null
  /** 重办率 = reopened ÷ resolved */
  reopen: number | null
}

/** The client's id for one tap: a retried report, move or patrol writes once. */
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
const id = recordId
/** A department of a street's settings: a short lowercase id (chengguan). */
export const departmentId = z.string().regex(/^[a-z][a-z0-9]{1,19}$/, '部门编号格式不对')
const cursor = z.string().min(1).max(500)
const pageSize = z.number().int().min(1).max(REQUEST_LIMITS.maxPageSize).default(REQUEST_LIMITS.pageSize)
const isoTime = z.string().datetime({ offset: true })
/** A Beijing calendar month, YYYY-MM. */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式不对')
/** A Beijing calendar day, YYYY-MM-DD. */
export const beijingDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式不对')
const text = (max: number) => z.string().trim().max(max)
const photos = z.array(fileID).max(REQUEST_LIMITS.photos).default([])
const category = z.enum(REQUEST_CATEGORIES)

const location = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: text(REQUEST_LIMITS.locationName).default(''),
  })
  .strict()

/** household: the reporter's own (unitId = it); building: a 楼栋 (microgrid) id; spot: a grid id and a described
 * spot (label required), with the location wx.chooseLocation gave where there is one. */
const place = z
  .object({
    kind: z.enum(PLACE_KINDS),
    unitId,
    label: text(REQUEST_LIMITS.spot).default(''),
    location: location.optional(),
  })
  .strict()

const categoryLimit = z
  .object({
    respondHours: z.number().min(0.5).max(REQUEST_LIMITS.hours),
    resolveHours: z.number().min(1).max(REQUEST_LIMITS.hours),
    basis: z.enum(LIMIT_BASES),
  })
  .strict()

const finding = z
  .object({
    description: z.string().trim().min(1).max(REQUEST_LIMITS.description),
    photos,
    category,
    /** true: it becomes a request (reported by the patroller, at the grid) in the same call */
    asRequest: z.boolean(),
    /** where in the grid (路口东侧) */
    spot: text(REQUEST_LIMITS.spot).default(''),
    location: location.optional(),
  })
  .strict()

export const requestsPayloads = {
  /** The settings in force for a unit's community and street (categories with labels and limits, departments):
   * the report page and the settings page read them. */
  settings: z.object({ unitId }).strict(),
  /** [P] Community staff set their community's categories and limits; street staff their street's departments,
   * holidays and make-up workdays. Absent fields keep what is stored; what is stored overrides the defaults. */
  updateSettings: z.discriminatedUnion('scope', [
    z
      .object({
        scope: z.literal('community'),
        unitId,
        /** categories switched off (the rest are offered) */
        disabled: z.array(category).max(REQUEST_CATEGORIES.length).optional(),
        limits: z.record(category, categoryLimit).optional(),
        urgentHours: z.number().min(0.5).max(72).optional(),
        autoCloseDays: z.number().int().min(1).max(REQUEST_LIMITS.autoCloseDays).optional(),
        reinspectWeeks: z.number().int().min(1).max(REQUEST_LIMITS.reinspectWeeks).optional(),
        /** the points a volunteer earns for an errand the reporter confirmed */
        errandPoints: z.number().int().min(1).max(REQUEST_LIMITS.errandPoints).optional(),
      })
      .strict(),
    z
      .object({
        scope: z.literal('street'),
        unitId,
        departments: z
          .array(
            z
              .object({
                id: departmentId,
                name: z.string().trim().min(1).max(REQUEST_LIMITS.departmentName),
                /** 报到 limit, in calendar hours */
                reportInHours: z.number().min(1).max(REQUEST_LIMITS.hours),
              })
              .strict(),
          )
          .min(1)
          .max(REQUEST_LIMITS.departments)
          .optional(),
        holidays: z.array(beijingDay).max(REQUEST_LIMITS.days).optional(),
        /** 调休: weekend days that are workdays */
        workdays: z.array(beijingDay).max(REQUEST_LIMITS.days).optional(),
      })
      .strict(),
  ]),
  /** Open requests of the category in the building (a household's or building's), else in the grid: titles only,
   * reporters never named; the report page shows them as duplicate hints (我也遇到了). */
  similar: z.object({ category, unitId }).strict(),
  /** Reports a request: text content-checked, photos attached (purpose 'request'), the reporter follows it, the
   * grid's owners are told. The same tapId reports once. */
  report: z
    .object({
      tapId,
      category,
      description: z.string().trim().min(1).max(REQUEST_LIMITS.description),
      photos,
      place,
      /** hidden from other residents (handlers still see who) */
      anonymous: z.boolean().default(false),
      /** 紧急, until the handler rules on it (confirmUrgent) */
      urgent: z.boolean().default(false),
    })
    .strict(),
  /** 我也遇到了: a resident of the request's grid follows it (once; the reporter already does). */
  follow: z.object({ id }).strict(),
  /** My requests, reported and followed, most recently changed first. */
  mine: z.object({ cursor: cursor.optional(), pageSize }).strict(),
  /** One request as the viewer may see it, its timeline, and the moves the viewer may make now. */
  detail: z.object({ id }).strict(),
  /** One move (core/requests/machine.ts decides): the request, its event and the counters in one transaction. Which
   * fields a move needs: return — reason; complete — note (photos optional); dispatch — departmentId; rate — rating
   * (comment optional); merge — into; scheduleReinspection — reinspectAt; reinspect — pass (note optional);
   * confirmUrgent — pass (true: 紧急 confirmed, false: handled as normal); comment — note. */
  act: z
    .object({
      id,
      move: z.enum(USER_MOVES),
      tapId,
      note: text(REQUEST_LIMITS.note).optional(),
      photos: z.array(fileID).max(REQUEST_LIMITS.photos).optional(),
      reason: text(REQUEST_LIMITS.reason).optional(),
      departmentId: departmentId.optional(),
      rating: z.enum(RATINGS).optional(),
      comment: text(REQUEST_LIMITS.comment).optional(),
      /** merge: the surviving request */
      into: id.optional(),
      reinspectAt: isoTime.optional(),
      pass: z.boolean().optional(),
    })
    .strict(),
  /** A leader's or department's inbox under a unit (a department: its street's unitId and its departmentId), paged:
   * `mine` (default) what the caller's level owns now, soonest due first; otherwise everything under the unit,
   * most recently changed first, filtered by group, level and overdue. */
  inbox: z
    .object({
      unitId,
      departmentId: departmentId.optional(),
      scope: z.enum(['mine', 'all']).default('mine'),
      group: z.enum(STATE_GROUPS).optional(),
      level: z.enum(REQUEST_LEVELS).optional(),
      overdue: z.boolean().optional(),
      cursor: cursor.optional(),
      pageSize,
    })
    .strict(),
  /** [P] The counters and rates of a unit (or a street's department) for a Beijing month (cohort: reported then). */
  rates: z.object({ unitId, departmentId: departmentId.optional(), month }).strict(),
  /** [P] Logs a patrol of a grid (巡查台账); each finding with asRequest becomes a request in the same call. */
  logPatrol: z
    .object({
      gridId: unitId,
      tapId,
      route: z.string().trim().min(1).max(REQUEST_LIMITS.route),
      startedAt: isoTime,
      endedAt: isoTime,
      findings: z.array(finding).max(REQUEST_LIMITS.findings).default([]),
    })
    .strict(),
  /** [P] A grid: its patrol log (newest first, paged). A community: one page of its grids, patrolled on `day` or not. */
  patrols: z.object({ unitId, day: beijingDay, cursor: cursor.optional(), pageSize }).strict(),
  /** The caller accepted one request message (wx.requestSubscribeMessage for core/requests/messages.ts
   * REQUEST_TEMPLATE): anyone registered, handlers without a home of their own too (notices.subscribe asks for one). */
  subscribe: z.object({}).strict(),
}

export type ReportPayload = z.output<typeof requestsPayloads.report>
export type ActPayload = z.output<typeof requestsPayloads.act>

/** What a move carries beyond its name (the act payload without id, move and tapId): what decide() reads. */
export type MoveInput = Omit<ActPayload, 'id' | 'move' | 'tapId'>

export interface CategoryView {
  id: RequestCategory
  label: string
  enabled: boolean
  limits: CategoryLimit
  /** the reporter may mark it 紧急 (core/requests/settings.ts URGENT_CATEGORIES) */
  urgentAllowed: boolean
}

export interface DepartmentView {
  id: string
  name: string
  reportInHours: number
}

export interface SettingsView {
  communityId: string
  streetId: string
  categories: CategoryView[]
  /** the limit of an urgent request, in calendar hours, both to respond and to resolve */
  urgentHours: number
  departments: DepartmentView[]
  holidays: string[]
  workdays: string[]
  autoCloseDays: number
  reinspectWeeks: number
  /** the points an errand earns its volunteer */
  errandPoints: number
  /** which half the caller may change (community staff / street staff) */
  editable: { community: boolean; street: boolean }
}

/** A duplicate hint: no reporter, no phone. */
export interface SimilarRow {
  id: string
  title: string
  placeLabel: string
  state: RequestState
  followerCount: number
  createdAt: string
  /** the caller already follows it (or reported it) */
  following: boolean
}

/** A list row (mine, inbox): enough for the state tag, the overdue mark and the timeline teaser. */
export interface RequestRow {
  id: string
  category: RequestCategory
  title: string
  placeLabel: string
  state: RequestState
  group: StateGroup
  level: RequestLevel
  /** the department's name at department level */
  departmentName: string | null
  urgent: boolean
  overdue: boolean
  createdAt: string
  updatedAt: string
  /** the earliest unmet deadline; null once resolved or closed */
  nextDueAt: string | null
  followerCount: number
  /** the last event: 网格长 张三 · 受理 · time */
  last: { move: Move; label: string; actorLabel: string; at: string } | null
  /** mine only: how the caller is attached */
  relation?: 'reporter' | 'follower'
}

export interface RequestEventView {
  seq: number
  move: Move
  label: string
  from: { state: RequestState; level: RequestLevel }
  to: { state: RequestState; level: RequestLevel }
  /** 网格长 张三, 城管, 系统, 反映人 (an anonymous reporter reads 匿名居民 to other residents) */
  actorLabel: string
  at: string
  note: string | null
  photos: string[]
  /** those of `photos` still 审核中 (only their uploader and the scope's leaders get them): the page marks them 审核中 */
  checkingPhotos: string[]
  /** how many of this step's photos, the viewer's own, the image check refused (hidden from everyone; core/uploads.ts
   * withheldLine): 0 for anyone else */
  withheldPhotos: number
  reason: string | null
  departmentName: string | null
  rating: Rating | null
}

export interface RequestView {
  id: string
  category: RequestCategory
  categoryLabel: string
  description: string
  photos: string[]
  /** those of `photos` still 审核中 (only their uploader and the scope's leaders get them): the page marks them 审核中 */
  checkingPhotos: string[]
  /** how many of the report's photos, the viewer's own, the image check refused (hidden from everyone; the reporter
   * reads why on the page, core/uploads.ts withheldLine): 0 for anyone else */
  withheldPhotos: number
  place: { kind: PlaceKind; label: string; location: { latitude: number; longitude: number; name: string } | null }
  grid: UnitRef
  state: RequestState
  group: StateGroup
  level: RequestLevel
  department: { id: string; name: string } | null
  /** masked (匿名居民) to other residents when anonymous; the phone only to handlers */
  reporter: { name: string; phone: string | null; isMe: boolean }
  anonymous: boolean
  urgent: boolean
  /** true/false once a handler ruled on 紧急; null before */
  urgentConfirmed: boolean | null
  createdAt: string
  updatedAt: string
  respondedAt: string | null
  resolvedAt: string | null
  closedAt: string | null
  respondDueAt: string | null
  resolveDueAt: string | null
  levelDueAt: string | null
  overdue: boolean
  rating: Rating | null
  ratingComment: string | null
  reopenCount: number
  followerCount: number
  following: boolean
  mergedInto: string | null
  errandTaker: { name: string; isMe: boolean } | null
  reinspectAt: string | null
  /** the community's 回头看 interval in weeks (its settings): what the re-inspection sheet offers first */
  reinspectWeeks: number
  struckOff: boolean
  events: RequestEventView[]
  /** exactly the moves this viewer may make now (core/requests/machine.ts allowedMoves) */
  moves: UserMove[]
}

export interface RatesView {
  scope: { unitId: string; departmentId: string | null; name: string }
  month: string
  figures: RequestFigures
  rates: RequestRates
}

export interface PatrolFindingView {
  description: string
  photos: string[]
  /** those of `photos` still 审核中 (only their uploader and the scope's leaders get them): the page marks them 审核中 */
  checkingPhotos: string[]
  /** how many of this finding's photos the image check refused, told only to the patroller who took them (hidden
   * from everyone; core/uploads.ts withheldLine): 0 for anyone else */
  withheldPhotos: number
  category: RequestCategory
  spot: string
  requestId: string | null
}

export interface PatrolView {
  id: string
  gridId: string
  gridName: string
  personName: string
  day: string
  startedAt: string
  endedAt: string
  route: string
  findings: PatrolFindingView[]
}

/** A grid's log, or a community's grids with whether each was patrolled on the day. */
export type PatrolsView =
  | { kind: 'grid'; rows: PatrolView[]; nextCursor: string | null }
  | {
      kind: 'community'
      day: string
      grids: { gridId: string; name: string; patrolled: boolean; patrols: number; lastBy: string | null }[]
      nextCursor: string | null
    }

export interface PageOf<T> {
  rows: T[]
  /** pass as `cursor` for the next page; null on the last */
  nextCursor: string | null
}

export interface RequestsApi {
  settings: { payload: z.input<typeof requestsPayloads.settings>; result: SettingsView }
  updateSettings: { payload: z.input<typeof requestsPayloads.updateSettings>; result: SettingsView }
  similar: { payload: z.input<typeof requestsPayloads.similar>; result: { rows: SimilarRow[] } }
  report: { payload: z.input<typeof requestsPayloads.report>; result: { id: string } }
  follow: { payload: z.input<typeof requestsPayloads.follow>; result: { followerCount: number } }
  mine: { payload: z.input<typeof requestsPayloads.mine>; result: PageOf<RequestRow> }
  detail: { payload: z.input<typeof requestsPayloads.detail>; result: RequestView }
  act: { payload: z.input<typeof requestsPayloads.act>; result: RequestView }
  inbox: { payload: z.input<typeof requestsPayloads.inbox>; result: PageOf<RequestRow> }
  rates: { payload: z.input<typeof requestsPayloads.rates>; result: RatesView }
  logPatrol: { payload: z.input<typeof requestsPayloads.logPatrol>; result: { id: string; requestIds: string[] } }
  patrols: { payload: z.input<typeof requestsPayloads.patrols>; result: PatrolsView }
  subscribe: { payload: z.input<typeof requestsPayloads.subscribe>; result: { remaining: number } }
}
