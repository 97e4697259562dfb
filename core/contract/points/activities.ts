/**
 * The `points` function, volunteering half: activities recruited by 接龙 (roles with quotas, a waiting list that
 * moves up), attendance with a code that changes every minute, earning by the role's rule on confirmation (once per
 * sign-up, through the ledger), teams and honours, and the volunteer's record (志愿服务记录). The wallet half
 * (balances, services, vouchers, 核销) is in ./wallet.ts.
 */
import { z } from 'zod'
import { recordId, unitId } from '../fields'
import type { RoleView, UnitRef } from '../grid'

/** What an activity, a role and a reason may hold (发布活动 and 调整工时 cap their inputs with these). */
export const ACTIVITY_LIMITS = {
  title: 40,
  description: 1000,
  place: 60,
  roles: 8,
  roleName: 12,
  quota: 500,
  pointsPerHour: 100,
  nightMultiplier: 3,
  cap: 1000,
  /** Hours before the start after which cancelling counts as a no-show. */
  cancelBeforeHours: 72,
  reason: 100,
  teamName: 30,
  teamDescription: 200,
} as const

/** Who may sign up: the residents under a grid or a community, or the members of a team. */
export const AUDIENCE_KINDS = ['grid', 'community', 'team'] as const
export type AudienceKind = (typeof AUDIENCE_KINDS)[number]

/** Where a sign-up stands. `waiting` ones move up in order when a confirmed one cancels. */
export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled', 'noShow'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已报名',
  waiting: '候补中',
  cancelled: '已取消',
  noShow: '缺席',
}

export const ACTIVITY_STATUSES = ['open', 'confirmed'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

/** Which check a code is for. */
export const CHECK_KINDS = ['in', 'out'] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

/** Star levels (星级志愿者) by total hours, lowest first; a person with fewer hours than the first has no star. */
export const STAR_LABELS = ['一星', '二星', '三星', '四星', '五星'] as const

const activityId = recordId
const signupId = recordId
const teamId = recordId
const page = z.number().int().min(0).max(10_000).default(0)
const pageSize = z.number().int().min(1).max(50).default(20)
const isoTime = z.string().datetime({ offset: true })

/** A role's points rule: points per hour; night hours (22:00–06:00 北京时间) count `nightMultiplier` times; at most
 * `cap` points per sign-up. */
export const pointsRule = z
  .object({
    pointsPerHour: z.number().int().min(0).max(ACTIVITY_LIMITS.pointsPerHour),
    nightMultiplier: z.number().min(1).max(ACTIVITY_LIMITS.nightMultiplier).default(1),
    cap: z.number().int().min(1).max(ACTIVITY_LIMITS.cap),
  })
  .strict()

export const activityRole = z
  .object({
    name: z.string().trim().min(1).max(ACTIVITY_LIMITS.roleName),
    quota: z.number().int().min(1).max(ACTIVITY_LIMITS.quota),
    rule: pointsRule,
  })
  .strict()

export const audience = z.object({ kind: z.enum(AUDIENCE_KINDS), id: recordId }).strict()

export const activityPayloads = {
  /** The 积分 tab's one call: balance and what expires soon (the ledger), my next sign-ups, the first page of open
   * activities I may join, and how many unused vouchers I hold. */
  home: z.object({}).strict(),
  /** Open activities the caller may sign up for (their grid, community and teams), soonest first, paged; with
   * `filter: 'organising'` (我组织的), the ones the caller posted, open or confirmed, latest start first. */
  activities: z.object({ page, pageSize, filter: z.enum(['open', 'organising']).default('open') }).strict(),
  /** One activity: roles with filled / quota / waiting, my sign-ups, whether I am barred, and whether I organise it. */
  activity: z.object({ activityId }).strict(),
  /** A leader posts an activity for a grid or community in their scope, or a team leader for their team. Text passes
   * the content check first (CONTENT_RISKY, nothing stored). */
  postActivity: z
    .object({
      title: z.string().trim().min(1).max(ACTIVITY_LIMITS.title),
      description: z.string().trim().max(ACTIVITY_LIMITS.description).default(''),
      place: z.string().trim().min(1).max(ACTIVITY_LIMITS.place),
      startAt: isoTime,
      endAt: isoTime,
      /** When sign-up opens (default now) and closes (default the start). */
      signUpOpensAt: isoTime.optional(),
      signUpClosesAt: isoTime.optional(),
      audience,
      roles: z.array(activityRole).min(1).max(ACTIVITY_LIMITS.roles),
      /** Cancelling later than this many hours before the start counts as a no-show (default: the community's
       * rule, points.rules). */
      cancelBeforeHours: z.number().int().min(0).max(ACTIVITY_LIMITS.cancelBeforeHours).optional(),
    })
    .strict(),
  /** 接龙: one sign-up per person per activity and role; a full role puts the caller on its waiting list, in order. */
  signUp: z
    .object({
      activityId,
      roleIndex: z
        .number()
        .int()
        .min(0)
        .max(ACTIVITY_LIMITS.roles - 1),
    })
    .strict(),
  /** Cancels my sign-up; the first waiting one of the role moves up. Late cancelling counts as a no-show. */
  cancelSignUp: z.object({ signupId }).strict(),
  /** The organiser's check-in (or check-out) code of this minute: 6 digits and the QR code's text. */
  checkCode: z.object({ activityId, kind: z.enum(CHECK_KINDS) }).strict(),
  /** A volunteer checks in with the organiser's code (typed, or the QR code's text as wx.scanCode reads it). */
  checkIn: z.object({ activityId, code: z.string().trim().min(6).max(120) }).strict(),
  /** A volunteer checks out the same way. */
  checkOut: z.object({ activityId, code: z.string().trim().min(6).max(120) }).strict(),
  /** The organiser's attendance sheet: confirmed sign-ups with check-in, check-out and hours, paged. */
  attendance: z.object({ activityId, page, pageSize: z.number().int().min(1).max(100).default(50) }).strict(),
  /** The organiser checks a volunteer in or out from the list (now). */
  markAttendance: z.object({ signupId, kind: z.enum(CHECK_KINDS) }).strict(),
  /** The organiser sets a row's minutes before confirming; a reason is required and kept with the row. */
  adjustAttendance: z
    .object({
      signupId,
      minutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
      reason: z.string().trim().min(2).max(ACTIVITY_LIMITS.reason),
    })
    .strict(),
  /** The organiser confirms the sheet after the activity: every attendee earns by their role's rule, exactly once;
   * confirmed sign-ups with no hours become no-shows. Safe to send again (it finishes what is left). */
  confirmAttendance: z.object({ activityId }).strict(),
  /** Teams of the caller's community (mine first), paged. */
  teams: z.object({ page, pageSize }).strict(),
  /** One team: leaders, members paged by hours, its totals. */
  team: z.object({ teamId, page, pageSize }).strict(),
  /** Community staff (or a grid chief for their grid) creates a team; the leader named becomes its first member. */
  createTeam: z
    .object({
      name: z.string().trim().min(1).max(ACTIVITY_LIMITS.teamName),
      description: z.string().trim().max(ACTIVITY_LIMITS.teamDescription).default(''),
      /** The grid or community the team belongs to. */
      unitId,
      /** The person who leads it (default: the caller). */
      leaderId: recordId.optional(),
    })
    .strict(),
  joinTeam: z.object({ teamId }).strict(),
  leaveTeam: z.object({ teamId }).strict(),
  /** Volunteers by hours in my grid, or in a team, with my own rank; people who opted out are left out. */
  leaderboard: z
    .object({ scope: z.enum(['grid', 'team']), teamId: teamId.optional(), page, pageSize })
    .strict()
    .refine((p) => p.scope === 'grid' || p.teamId !== undefined, { message: '请选择服务队', path: ['teamId'] }),
  /** Opt out of (or back into) the leaderboards. */
  setLeaderboardVisibility: z.object({ visible: z.boolean() }).strict(),
  /** My 志愿服务记录: totals, star level and every confirmed activity with its hours, issued by its community. */
  record: z.object({ page, pageSize }).strict(),
  /** Staff export attendance and hours to Excel for one activity, one team or a period of their community. */
  exportHours: z
    .object({
      by: z.enum(['activity', 'team', 'period']),
      activityId: activityId.optional(),
      teamId: teamId.optional(),
      /** The community (for a period or a team); default the caller's. */
      unitId: unitId.optional(),
      from: isoTime.optional(),
      to: isoTime.optional(),
    })
    .strict()
    .refine(
      (p) =>
        (p.by === 'activity' && p.activityId !== undefined) ||
        (p.by === 'team' && p.teamId !== undefined) ||
        (p.by === 'period' && p.from !== undefined && p.to !== undefined && p.unitId !== undefined),
      { message: '请选择要导出的活动、服务队或时间段' },
    ),
}

export interface ActivityRoleView {
  index: number
  name: string
  quota: number
  filled: number
  waiting: number
  rule: { pointsPerHour: number; nightMultiplier: number; cap: number }
}

export interface ActivityCard {
  id: string
  title: string
  place: string
  startAt: string
  endAt: string
  signUpOpensAt: string
  signUpClosesAt: string
  /** 第3网格 / 和平里社区 / 服务队名 */
  audience: { kind: AudienceKind; id: string; name: string }
  roles: ActivityRoleView[]
  status: ActivityStatus
  /** Who posted it: 和平里社区 · 许玉兰. */
  origin: string
}

export interface MySignup {
  id: string
  activityId: string
  roleIndex: number
  roleName: string
  status: SignupStatus
  /** 1-based place on the role's waiting list while waiting. */
  waitingPlace: number | null
  /** Set when this sign-up moved up from the waiting list (shown once on the page: 你已从候补转为报名成功). */
  promotedAt: string | null
  checkInAt: string | null
  checkOutAt: string | null
  minutes: number | null
  points: number | null
  /** Until when free cancelling lasts; after it, cancelling counts as a no-show. */
  freeCancelUntil: string
}

/** Why the caller cannot sign up right now (N no-shows in a year). */
export interface SignupBar {
  noShows: number
  until: string
  reason: string
}

export interface ActivityDetail extends ActivityCard {
  description: string
  cancelBeforeHours: number
  mine: MySignup[]
  barred: SignupBar | null
  /** The caller organises it: they see the code, the sheet and confirm. */
  organiser: boolean
  confirmedAt: string | null
  /** The grid group card to share (wx share path and title), for a grid or community activity. */
  share: { path: string; title: string }
}

export interface SignUpResult {
  signup: MySignup
  activity: ActivityCard
}

export interface CheckCodeResult {
  kind: CheckKind
  code: string
  /** The text of the QR code the volunteer scans with wx.scanCode. */
  qr: string
  /** When this code stops being accepted (it changes every minute; the one before stays valid a minute more). */
  validUntil: string
  /** Whether checking (in or out) is open now, and the window. */
  open: boolean
  opensAt: string
  closesAt: string
}

export interface AttendanceRow {
  signupId: string
  personId: string
  name: string
  roleIndex: number
  roleName: string
  status: SignupStatus
  checkInAt: string | null
  checkOutAt: string | null
  /** Hours from check-in and check-out within the activity's time, or as the organiser adjusted them. */
  minutes: number
  adjusted: { minutes: number; reason: string; by: string; at: string } | null
  /** Points by the role's rule for these minutes (earned once the sheet is confirmed). */
  points: number
  earned: boolean
}

export interface AttendanceSheet {
  activity: ActivityCard
  rows: AttendanceRow[]
  total: number
  page: number
  pageSize: number
  checkedIn: number
  confirmedAt: string | null
}

export interface ConfirmResult {
  /** attendees who earned in this call, the points they earned, and sign-ups turned no-shows */
  earned: number
  points: number
  noShows: number
  /** rows left for another call (a very long sheet): the activity is confirmed once none is left */
  remaining: number
  confirmedAt: string
}

export interface TeamCard {
  id: string
  name: string
  description: string
  unit: UnitRef
  leaders: { id: string; name: string }[]
  members: number
  minutes: number
  points: number
  mine: boolean
}

export interface RankRow {
  rank: number
  personId: string
  name: string
  minutes: number
  points: number
  star: number
}

export interface TeamDetail extends TeamCard {
  rows: RankRow[]
  total: number
  page: number
  pageSize: number
  /** The caller leads it (may post activities for it). */
  leading: boolean
}

export interface Leaderboard {
  scope: 'grid' | 'team'
  name: string
  rows: RankRow[]
  total: number
  page: number
  pageSize: number
  /** My own row (null when I opted out or have no hours); `visible` is my setting. */
  me: RankRow | null
  visible: boolean
}

export interface RecordRow {
  signupId: string
  activityId: string
  title: string
  place: string
  roleName: string
  startAt: string
  endAt: string
  minutes: number
  points: number
  /** The community that recorded it and issues the record (民政部令第67号). */
  issuer: string
  confirmedAt: string
}

export interface VolunteerRecord {
  name: string
  minutes: number
  points: number
  activities: number
  /** 0 (none) … 5; `nextStarHours` is the hours the next star needs (null at five stars). */
  star: number
  nextStarHours: number | null
  rows: RecordRow[]
  total: number
  page: number
  pageSize: number
}

export interface PointsHome {
  balance: number
  /** Points expiring within the next 90 days, and the soonest date. */
  expiring: { points: number; at: string | null }
  /** My coming sign-ups (confirmed or waiting), soonest first. */
  next: (MySignup & { title: string; startAt: string; place: string })[]
  activities: ActivityCard[]
  vouchers: number
  minutes: number
  star: number
  /** The caller's roles (as grid.me gives them): which leader and merchant entries the tab shows. Always sent;
   * optional so that clients built before it (and their fixtures) still type-check. */
  roles?: RoleView[]
  /** Activities the caller organises that are not confirmed yet, soonest first (their 签到管理). Always sent. */
  organising?: ActivityCard[]
}

export interface ActivitiesApi {
  home: { payload: z.input<typeof activityPayloads.home>; result: PointsHome }
  activities: {
    payload: z.input<typeof activityPayloads.activities>
    result: { rows: ActivityCard[]; page: number; pageSize: number; more: boolean }
  }
  activity: { payload: z.input<typeof activityPayloads.activity>; result: ActivityDetail }
  postActivity: { payload: z.input<typeof activityPayloads.postActivity>; result: ActivityDetail }
  signUp: { payload: z.input<typeof activityPayloads.signUp>; result: SignUpResult }
  cancelSignUp: {
    payload: z.input<typeof activityPayloads.cancelSignUp>
    result: { signup: MySignup; noShow: boolean; promoted: string | null }
  }
  checkCode: { payload: z.input<typeof activityPayloads.checkCode>; result: CheckCodeResult }
  checkIn: { payload: z.input<typeof activityPayloads.checkIn>; result: { signups: MySignup[]; at: string } }
  checkOut: { payload: z.input<typeof activityPayloads.checkOut>; result: { signups: MySignup[]; at: string } }
  attendance: { payload: z.input<typeof activityPayloads.attendance>; result: AttendanceSheet }
  markAttendance: { payload: z.input<typeof activityPayloads.markAttendance>; result: AttendanceRow }
  adjustAttendance: { payload: z.input<typeof activityPayloads.adjustAttendance>; result: AttendanceRow }
  confirmAttendance: { payload: z.input<typeof activityPayloads.confirmAttendance>; result: ConfirmResult }
  teams: {
    payload: z.input<typeof activityPayloads.teams>
    result: { rows: TeamCard[]; page: number; pageSize: number; more: boolean }
  }
  team: { payload: z.input<typeof activityPayloads.team>; result: TeamDetail }
  createTeam: { payload: z.input<typeof activityPayloads.createTeam>; result: TeamCard }
  joinTeam: { payload: z.input<typeof activityPayloads.joinTeam>; result: TeamCard }
  leaveTeam: { payload: z.input<typeof activityPayloads.leaveTeam>; result: { left: true } }
  leaderboard: { payload: z.input<typeof activityPayloads.leaderboard>; result: Leaderboard }
  setLeaderboardVisibility: {
    payload: z.input<typeof activityPayloads.setLeaderboardVisibility>
    result: { visible: boolean }
  }
  record: { payload: z.input<typeof activityPayloads.record>; result: VolunteerRecord }
  exportHours: {
    payload: z.input<typeof activityPayloads.exportHours>
    result: { fileID: string; url: string; rows: number; fileName: string }
  }
}
