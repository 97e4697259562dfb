/** Pages and tab bar, from the one list of page routes (src/routes.ts). The persona picker (local demo login)
 * exists only in the h5 build. */
import { ROUTES, type Route } from './routes'

const tab = (pagePath: Route, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tabbar/${icon}.png`,
  selectedIconPath: `assets/tabbar/${icon}-active.png`,
})

const TABS = [
  tab(ROUTES.home, '首页', 'home'),
  tab(ROUTES.notices, '通知', 'notice'),
  tab(ROUTES.points, '积分', 'points'),
  tab(ROUTES.requests, '诉求', 'request'),
  tab(ROUTES.me, '我的', 'me'),
]

/** A sub-package: its root and its pages as paths under it (a page outside the root fails the build). */
function subPackage(root: string, ...routes: Route[]): { root: string; pages: string[] } {
  const pages = routes.map((route) => {
    if (!route.startsWith(`${root}/`)) throw new Error(`${route} is not under the sub-package ${root}`)
    return route.slice(root.length + 1)
  })
  return { root, pages }
}

export default defineAppConfig({
  pages: [...TABS.map((t) => t.pagePath), ...(ROUTES.personas ? [ROUTES.personas] : [])],
  subPackages: [
    // Residents: 加入网格 (invite cards and QR codes open pages/join/index) and 我的申请; 楼栋邻里.
    subPackage('pages/join', ROUTES.join, ROUTES.claims),
    subPackage('pages/grid/neighbours', ROUTES.neighbours),
    // 通知详情 (also what a grid's notice share card opens: ?id=<noticeId>&grid=<gridId>).
    subPackage('pages/notices/detail', ROUTES.noticeDetail),
    // Leaders: 网格管理, 组织架构, 审计日志; 发布通知, 通知触达, 我发布的, 转发到本网格群; 入格海报 (?unit=<id>).
    subPackage(
      'manage',
      ROUTES.households,
      ROUTES.org,
      ROUTES.audit,
      ROUTES.publish,
      ROUTES.reach,
      ROUTES.published,
      ROUTES.relay,
      ROUTES.poster,
      // 积分: 发布活动, 签到管理 (?id=<activityId>), 调整积分, 发布兑换, 核销, 核销对账
      ROUTES.postActivity,
      ROUTES.attendance,
      ROUTES.adjustPoints,
      ROUTES.postService,
      ROUTES.verifyVoucher,
      ROUTES.statement,
      // 积分规则, 导出志愿时长 (?activity=<activityId>), 新建服务队
      ROUTES.pointsRules,
      ROUTES.exportHours,
      ROUTES.createTeam,
      // 诉求: 诉求待办, 巡查台账, 诉求统计, 诉求设置
      ROUTES.requestInbox,
      ROUTES.patrol,
      ROUTES.requestRates,
      ROUTES.requestSettings,
    ),
    // 积分, residents: 志愿活动, 活动详情 (also what an activity's share card opens: ?id=<activityId>), 积分兑换,
    // 兑换详情, 我的兑换券, 兑换券 (code + QR), 积分明细, 志愿服务记录, 服务队与排行榜.
    subPackage(
      'points',
      ROUTES.activities,
      ROUTES.activity,
      ROUTES.services,
      ROUTES.service,
      ROUTES.vouchers,
      ROUTES.voucher,
      ROUTES.wallet,
      ROUTES.record,
      ROUTES.teams,
    ),
    // 诉求: 我要反映 (duplicate hints, 我也遇到了), 诉求详情 (?id=<requestId>: the timeline, and the moves of whoever opens
    // it — the reporter's 评价, a handler's 受理 … 办结).
    subPackage('requests', ROUTES.requestReport, ROUTES.requestDetail),
    // 应急 (issue 12): 应急须知 (?id=<emergencyId>, what 首页's banner opens), 应急状态 (staff declare and end; the
    // history), 我的应急力量 (register, my call-ups), 应急力量 and 召集详情 (staff); the other slices' pages follow.
    subPackage(
      'emergency',
      ROUTES.emergency,
      ROUTES.emergencyManage,
      ROUTES.reserveMine,
      ROUTES.reserveManage,
      ROUTES.callUpDetail,
      // 卡口值守 (E2): 卡口 (list, new, warnings), 卡口排班 (?id=<checkpointId>), 我的值守, 值守班次 (?id=<shiftId>)
      ROUTES.dutyCheckpoints,
      ROUTES.dutyRoster,
      ROUTES.dutyMine,
      ROUTES.dutyShift,
      // 错时采样 (E3): 错时采样 (rounds, new), 采样覆盖 (?roundId&unitId), 采样点工作台, 我的采样时段
      ROUTES.testingRounds,
      ROUTES.testingCoverage,
      ROUTES.testingSite,
      ROUTES.testingSlot,
      // 居家隔离户: 隔离户 (figures, mark, in force, overdue), 隔离服务任务 (volunteers), 我家的隔离服务 (the household)
      ROUTES.isolationHouseholds,
      ROUTES.isolationTasks,
      ROUTES.isolationHome,
      // 战时网格: a grid's (split, the leaders from the reserve force), one (its leader, buildings, reach, retire)
      ROUTES.microGrids,
      ROUTES.microGrid,
      // 关爱对象 (item 6): 关爱对象 (grid chiefs, staff), 关爱对象详情 (?id=<personId>), 我包联的
      ROUTES.careList,
      ROUTES.carePerson,
      ROUTES.careMine,
    ),
    // 三长议事 (issue 13): 议事 (a grid's proposals by status), 发起议题 (相似议题 first), 议题详情 (支持, status, outcome)
    subPackage(
      'council',
      ROUTES.councilProposals,
      ROUTES.councilPropose,
      ROUTES.councilProposal,
      // meetings and votes: H6 (append below this line)
      // 议事会 (a grid's meetings, 召集议事会), 会议详情 (表决, 现场表决, 结束表决, 会议纪要)
      ROUTES.councilMeetings,
      ROUTES.councilMeeting,
    ),
    // 数据看板 (issue 13 item 3): figures and charts of a grid, community or street, drilling down (?unit=<unitId>);
    // the chart library (@qiun/ucharts) is used only here, so it stays out of the main package
    subPackage(
      'dashboard',
      ROUTES.dashboard,
      // 今日调度 (issue 13 item 4): today's list of a grid, community or street (?unit=<unitId>)
      ROUTES.dispatch,
      // 周例会 / 月通报 (issue 13 item 5): a community's or street's reports (?unit=), one report (?id=)
      ROUTES.reports,
      ROUTES.report,
    ),
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '网格通',
    navigationBarTextStyle: 'white',
    // Taro's h5 router draws its own bar (title, back or 首页) only for 'default'; weapp's default anyway.
    navigationStyle: 'default',
  },
  // 用户隐私保护指引: base libraries before 2.32.3 hold privacy APIs until agreed only with this switch on; the report
  // page's wx.chooseLocation is refused unless declared here (and in the guide: docs/deploy.md)
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true, requiredPrivateInfos: ['chooseLocation'] } : {}),
  tabBar: {
    color: '#6b7280',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS,
  },
})
