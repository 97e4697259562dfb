/**
 * Every page of the app, typed once. app.config.ts registers its pages and sub-packages from these, and every
 * navigateTo / redirectTo / switchTab / reLaunch and share path in src/ is built here. The two pages the cloud
 * also names (a notice's detail, the join page a card or QR code opens) come from core, so client and functions
 * agree on one path.
 */
import { JOIN_PAGE } from '../core/join/invite'
import { NOTICE_DETAIL_PAGE, noticePath } from '../core/notices/links'

/** Page routes as app.config.ts lists them (no leading '/'). */
export const ROUTES = {
  // tabs (main package)
  home: 'pages/grid/home/index',
  notices: 'pages/notices/list/index',
  points: 'pages/points/home/index',
  requests: 'pages/requests/list/index',
  me: 'pages/grid/me/index',
  /** 本地演示: the persona picker, registered in the h5 build only ('' in weapp: that bundle holds no trace of it). */
  personas: (process.env.TARO_ENV === 'h5' ? 'pages/local/personas/index' : '') as 'pages/local/personas/index' | '',
  // residents
  join: JOIN_PAGE,
  claims: 'pages/join/claims/index',
  neighbours: 'pages/grid/neighbours/index',
  noticeDetail: NOTICE_DETAIL_PAGE,
  // leaders (sub-package manage/)
  households: 'manage/households/index',
  org: 'manage/org/index',
  audit: 'manage/audit/index',
  publish: 'manage/notices/publish/index',
  reach: 'manage/notices/reach/index',
  published: 'manage/notices/published/index',
  relay: 'manage/notices/relay/index',
  poster: 'manage/poster/index',
  // volunteer points, residents (sub-package points/)
  activities: 'points/activities/index',
  activity: 'points/activity/index',
  services: 'points/services/index',
  service: 'points/service/index',
  vouchers: 'points/vouchers/index',
  voucher: 'points/voucher/index',
  wallet: 'points/wallet/index',
  record: 'points/record/index',
  teams: 'points/teams/index',
  // volunteer points, leaders and merchants (sub-package manage/)
  postActivity: 'manage/points/post-activity/index',
  attendance: 'manage/points/attendance/index',
  adjustPoints: 'manage/points/adjust/index',
  postService: 'manage/points/post-service/index',
  verifyVoucher: 'manage/points/verify/index',
  statement: 'manage/points/statement/index',
  pointsRules: 'manage/points/rules/index',
  exportHours: 'manage/points/export/index',
  createTeam: 'manage/points/create-team/index',
  // requests (诉求), leaders and departments (sub-package manage/)
  requestInbox: 'manage/requests/inbox/index',
  patrol: 'manage/requests/patrol/index',
  requestRates: 'manage/requests/rates/index',
  requestSettings: 'manage/requests/settings/index',
  // requests (诉求), residents and the handlers' moves (sub-package requests/)
  requestReport: 'requests/report/index',
  requestDetail: 'requests/detail/index',
  // testing rounds (错时采样, issue 12; sub-package emergency/)
  testingRounds: 'emergency/testing/rounds/index',
  testingCoverage: 'emergency/testing/cover/index',
  testingSite: 'emergency/testing/site/index',
  testingSlot: 'emergency/testing/slot/index',
  // emergency E1: the switch and the reserve force (sub-package emergency/)
  emergency: 'emergency/switch/detail/index',
  emergencyManage: 'emergency/switch/manage/index',
  reserveMine: 'emergency/reserve/mine/index',
  reserveManage: 'emergency/reserve/manage/index',
  callUpDetail: 'emergency/reserve/callup/index',
  // /emergency E1
  // emergency E2: checkpoints and duty shifts (卡口值守, sub-package emergency/)
  dutyCheckpoints: 'emergency/duty/checkpoints/index',
  dutyRoster: 'emergency/duty/roster/index',
  dutyMine: 'emergency/duty/mine/index',
  dutyShift: 'emergency/duty/shift/index',
  // home-isolated households (居家隔离户, sub-package emergency/)
  isolationHouseholds: 'emergency/isolation/households/index',
  isolationTasks: 'emergency/isolation/tasks/index',
  isolationHome: 'emergency/isolation/home/index',
  // care persons (关爱对象, 四包一, issue 12 item 6; sub-package emergency/)
  careList: 'emergency/care/list/index',
  carePerson: 'emergency/care/person/index',
  careMine: 'emergency/care/mine/index',
  // 战时网格 (sub-package emergency/): a grid's (?grid=<gridId>), one (?id=<microGridId>)
  microGrids: 'emergency/microgrid/list/index',
  microGrid: 'emergency/microgrid/detail/index',
  // 三长议事 (issue 13; sub-package council/): 议事 (?grid=<gridId>), 发起议题 (?grid=), 议题详情 (?id=<proposalId>)
  councilProposals: 'council/proposals/index',
  councilPropose: 'council/propose/index',
  councilProposal: 'council/proposal/index',
  // 三长议事: meetings and votes: H6 (append below this line)
  // 议事会 (?grid=<gridId>), 会议详情 (?id=<meetingId>)
  councilMeetings: 'council/meetings/index',
  councilMeeting: 'council/meeting/index',
  // 数据看板 (issue 13 item 3; sub-package dashboard/): a grid's, community's or street's figures (?unit=<unitId>)
  dashboard: 'dashboard/overview/index',
  // 今日调度 (issue 13 item 4; sub-package dashboard/): a unit's list for today (?unit=<unitId>), the page the morning
  // message opens (core/dashboard/dispatch.ts DISPATCH_PAGE)
  dispatch: 'dashboard/dispatch/index',
  // 周例会 / 月通报 (issue 13 item 5; sub-package dashboard/): a community's or street's reports (?unit=<unitId>),
  // and one report (?id=<reportId>)
  reports: 'dashboard/reports/index',
  report: 'dashboard/report/index',
} as const

export type RouteName = keyof typeof ROUTES
export type Route = (typeof ROUTES)[RouteName]

/** A page as the router and share cards want it: a leading '/', and the query (values encoded; empty ones left out). */
export function pageUrl(name: RouteName, query: Record<string, string | undefined> = {}): string {
  const q = Object.entries(query)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/${ROUTES[name]}${q ? `?${q}` : ''}`
}

/** The persona picker as navigateTo wants it; '' in weapp, where there is none. */
export const PERSONA_PAGE = ROUTES.personas ? pageUrl('personas') : ''

/** 通知详情; with `gridId`, as that grid's share card opens it (with the relay note). */
export const noticeUrl = (noticeId: string, gridId?: string): string => `/${noticePath(noticeId, gridId)}`

/** 通知触达 of a notice under a unit (a grid, a building, or the community). */
export const reachUrl = (noticeId: string, unitId: string): string => pageUrl('reach', { id: noticeId, unit: unitId })

/** 入格海报 of a grid or building. */
export const posterUrl = (unitId: string): string => pageUrl('poster', { unit: unitId })
