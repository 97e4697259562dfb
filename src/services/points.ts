/**
 * The `points` function as pages see it: 用志愿换积分、用积分换服务.
 * Volunteering: the 积分 tab's one call, activities and 接龙 (sign up, cancel), check-in and check-out with the
 * organiser's code (scanned or typed), the organiser's code, sheet and confirmation, teams, leaderboards and my
 * 志愿服务记录. The wallet: my points and their history, services and 兑换, my vouchers, and the merchant's 核销
 * and statement. Amounts are never sent: the cloud computes every point from its own rules.
 */
import Taro from '@tarojs/taro'
import { beijingClock, beijingDay, dateText as beijingDateText, monthDayTime } from '../../core/beijing-time'
import type { AdjustDirection, CheckKind, PointsApi } from '../../core/contract'
import { ServiceError } from './errors'
import { call } from './transport'

export type {
  ActivityCard,
  ActivityDetail,
  ActivityRoleView,
  AttendanceRow,
  AttendanceSheet,
  AudienceKind,
  CheckCodeResult,
  CheckKind,
  ConfirmResult,
  Leaderboard,
  MySignup,
  PointsHome,
  RankRow,
  RecordRow,
  RulesView,
  VolunteerRules,
  SignupBar,
  SignupStatus,
  TeamCard,
  TeamDetail,
  VolunteerRecord,
  AdjustDirection,
  AdjustResult,
  HistoryRow,
  ServiceCard,
  ServiceDetail,
  Statement,
  StatementRow,
  VerifyResult,
  VoucherCard,
  VoucherState,
  VoucherView,
  Wallet,
} from '../../core/contract'
export {
  ACTIVITY_LIMITS,
  SIGNUP_STATUS_LABELS,
  STAR_LABELS,
  TRANSFER_KIND_LABELS,
  VOUCHER_STATUS_LABELS,
  WALLET_LIMITS,
} from '../../core/contract'

type R<A extends keyof PointsApi> = PointsApi[A]['result']
type P<A extends keyof PointsApi> = PointsApi[A]['payload']

export const PAGE_SIZE = 20

// ---- the 积分 tab ----

/** Balance, what expires soon, my next sign-ups, open activities and my vouchers: the tab's one call. */
export const getPointsHome = (): Promise<R<'home'>> => call('points', 'home', {})

// ---- activities and 接龙 ----

/** Open activities I may join; `organising`: the ones I posted (我组织的), open or confirmed, latest first. */
export const getActivities = (
  page: number,
  pageSize = PAGE_SIZE,
  filter: 'open' | 'organising' = 'open',
): Promise<R<'activities'>> =>
  call('points', 'activities', filter === 'open' ? { page, pageSize } : { page, pageSize, filter })

export const getActivity = (activityId: string): Promise<R<'activity'>> => call('points', 'activity', { activityId })

/** A leader posts an activity; a text the content check refuses fails with CONTENT_RISKY (nothing stored). */
export const postActivity = (input: P<'postActivity'>): Promise<R<'postActivity'>> =>
  call('points', 'postActivity', input)

/** 接龙 for one role: confirmed while it has room, else on its waiting list in order. */
export const signUp = (activityId: string, roleIndex: number): Promise<R<'signUp'>> =>
  call('points', 'signUp', { activityId, roleIndex })

/** Free until the activity's cancel deadline; later it counts as a no-show (the result says so). */
export const cancelSignUp = (signupId: string): Promise<R<'cancelSignUp'>> =>
  call('points', 'cancelSignUp', { signupId })

/** Checks in (or out) with the organiser's code: the 6 digits typed, or the QR code's text as scanned. */
export const checkIn = (activityId: string, code: string): Promise<R<'checkIn'>> =>
  call('points', 'checkIn', { activityId, code: code.trim() })

export const checkOut = (activityId: string, code: string): Promise<R<'checkOut'>> =>
  call('points', 'checkOut', { activityId, code: code.trim() })

/** The text of a QR code the camera reads (wx.scanCode); null when the person backs out. */
export async function scanCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e))) return null
    throw new ServiceError('INTERNAL', '无法打开扫码，请直接输入数字码')
  }
}

// ---- the organiser ----

/** This minute's check-in (or check-out) code: 6 digits and the QR code's text. */
export const getCheckCode = (activityId: string, kind: CheckKind): Promise<R<'checkCode'>> =>
  call('points', 'checkCode', { activityId, kind })

export const getAttendance = (activityId: string, page: number, pageSize = 50): Promise<R<'attendance'>> =>
  call('points', 'attendance', { activityId, page, pageSize })

/** The organiser checks a volunteer in or out from the list, now. */
export const markAttendance = (signupId: string, kind: CheckKind): Promise<R<'markAttendance'>> =>
  call('points', 'markAttendance', { signupId, kind })

/** Sets a row's minutes; the reason is kept with the row. */
export const adjustAttendance = (signupId: string, minutes: number, reason: string): Promise<R<'adjustAttendance'>> =>
  call('points', 'adjustAttendance', { signupId, minutes, reason: reason.trim() })

/** Confirms the sheet: every attendee earns by the rule, exactly once (sending it again finishes what is left). */
export const confirmAttendance = (activityId: string): Promise<R<'confirmAttendance'>> =>
  call('points', 'confirmAttendance', { activityId })

// ---- teams, leaderboards, the record ----

export const getTeams = (page: number, pageSize = PAGE_SIZE): Promise<R<'teams'>> =>
  call('points', 'teams', { page, pageSize })

export const getTeam = (teamId: string, page: number, pageSize = PAGE_SIZE): Promise<R<'team'>> =>
  call('points', 'team', { teamId, page, pageSize })

/** Community staff or a grid chief creates a 服务队 for a unit of theirs, led by `leaderId` (default: themselves). */
export const createTeam = (input: P<'createTeam'>): Promise<R<'createTeam'>> => call('points', 'createTeam', input)

/** Staff export hours of an activity, a team or a period as an .xlsx (its URL lasts an hour). */
export const exportHours = (input: P<'exportHours'>): Promise<R<'exportHours'>> => call('points', 'exportHours', input)

export const joinTeam = (teamId: string): Promise<R<'joinTeam'>> => call('points', 'joinTeam', { teamId })

export const leaveTeam = (teamId: string): Promise<R<'leaveTeam'>> => call('points', 'leaveTeam', { teamId })

/** My grid's leaderboard, or a team's. */
export const getLeaderboard = (
  scope: 'grid' | 'team',
  page: number,
  teamId?: string,
  pageSize = PAGE_SIZE,
): Promise<R<'leaderboard'>> =>
  call('points', 'leaderboard', teamId ? { scope, teamId, page, pageSize } : { scope, page, pageSize })

/** Opt out of the leaderboards (or back in). */
export const setLeaderboardVisibility = (visible: boolean): Promise<R<'setLeaderboardVisibility'>> =>
  call('points', 'setLeaderboardVisibility', { visible })

/** My 志愿服务记录, a page at a time. */
export const getRecord = (page: number, pageSize = PAGE_SIZE): Promise<R<'record'>> =>
  call('points', 'record', { page, pageSize })

// ---- the wallet ----

/** My balance, what expires when, and a page of my history. */
export const getWallet = (page: number, pageSize = PAGE_SIZE): Promise<R<'wallet'>> =>
  call('points', 'wallet', { page, pageSize })

/** Services open to me; `mine`: the ones I provide (a merchant, community staff). */
export const getServices = (page: number, mine = false, pageSize = PAGE_SIZE): Promise<R<'services'>> =>
  call('points', 'services', { page, pageSize, mine })

export const getService = (serviceId: string): Promise<R<'service'>> => call('points', 'service', { serviceId })

/** A merchant or community staff offers a service; fails with CONTENT_RISKY when the text is refused. */
export const postService = (input: P<'postService'>): Promise<R<'postService'>> => call('points', 'postService', input)

export const updateService = (input: P<'updateService'>): Promise<R<'updateService'>> =>
  call('points', 'updateService', input)

/** A fresh id for one tap: a retry of the same tap sends it again, so the cloud moves points once. */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 12).padEnd(10, '0')
  return `r${Date.now().toString(36)}${rand}`
}

/** 兑换: points and stock in one transaction on the cloud, a voucher back. `requestId` from newRequestId, kept
 * for retries of the same tap. */
export const redeemService = (serviceId: string, requestId: string): Promise<R<'redeem'>> =>
  call('points', 'redeem', { serviceId, requestId })

export const getVouchers = (page: number, pageSize = PAGE_SIZE): Promise<R<'vouchers'>> =>
  call('points', 'vouchers', { page, pageSize })

/** One voucher of mine with its code and the text of its QR code. */
export const getVoucher = (voucherId: string): Promise<R<'voucher'>> => call('points', 'voucher', { voucherId })

/** Cancels an unused voucher: the points come back through the ledger. */
export const cancelVoucher = (voucherId: string): Promise<R<'cancelVoucher'>> =>
  call('points', 'cancelVoucher', { voucherId })

/** 核销: the code typed, or the voucher's QR text as scanned; once only (a second try is refused). */
export const verifyVoucher = (code: string): Promise<R<'verifyVoucher'>> =>
  call('points', 'verifyVoucher', { code: code.trim() })

/** The provider's statement of a month (YYYY-MM). */
export const getStatement = (month: string, page: number, pageSize = PAGE_SIZE): Promise<R<'statement'>> =>
  call('points', 'statement', { month, page, pageSize })

/** A leader grants or deducts a resident's points, with the reason written. */
export const adjustPoints = (
  personId: string,
  direction: AdjustDirection,
  amount: number,
  reason: string,
  requestId: string,
): Promise<R<'adjustPoints'>> =>
  call('points', 'adjustPoints', { personId, direction, amount, reason: reason.trim(), requestId })

// ---- a community's rules ----

/** The rules of the community of a unit (the community, or a grid under it), with the defaults beside them. */
export const getRules = (unitId: string): Promise<R<'rules'>> => call('points', 'rules', { unitId })

/** Staff replace their community's rules; `version` as read (a change made meanwhile fails POINTS_RULES_STALE). */
export const updateRules = (input: P<'updateRules'>): Promise<R<'updateRules'>> => call('points', 'updateRules', input)

// ---- display ----

/** 2 小时 30 分 / 45 分钟 */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (!h) return `${m} 分钟`
  return m ? `${h} 小时 ${m} 分` : `${h} 小时`
}

/** 12月5日 09:00, Beijing time. */
export const dayTime = (iso: string): string => monthDayTime(iso)

/** 12月31日 this year, 2027年12月31日 another (a date that may be a year or more away: an expiry), Beijing time. */
export const dateText = (iso: string): string => beijingDateText(iso)

/** 12月5日 09:00–11:30 (the end's day too when it differs), Beijing time. */
export const timeRange = (startIso: string, endIso: string): string =>
  `${dayTime(startIso)}–${beijingDay(startIso) === beijingDay(endIso) ? beijingClock(endIso) : dayTime(endIso)}`
