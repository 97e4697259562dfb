/** Pages and tab bar. The persona picker (local demo login) exists only in the h5 build. */
const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tabbar/${icon}.png`,
  selectedIconPath: `assets/tabbar/${icon}-active.png`,
})

const TABS = [
  tab('pages/grid/home/index', '首页', 'home'),
  tab('pages/notices/list/index', '通知', 'notice'),
  tab('pages/points/home/index', '积分', 'points'),
  tab('pages/requests/list/index', '诉求', 'request'),
  tab('pages/grid/me/index', '我的', 'me'),
]

export default defineAppConfig({
  pages: [...TABS.map((t) => t.pagePath), ...(process.env.TARO_ENV === 'h5' ? ['pages/local/personas/index'] : [])],
  subPackages: [
    // Residents: 加入网格 (invite cards and QR codes open pages/join/index) and 我的申请; 楼栋邻里.
    { root: 'pages/join', pages: ['index', 'claims/index'] },
    { root: 'pages/neighbours', pages: ['index'] },
    // 通知详情 (also what a grid's notice share card opens: ?id=<noticeId>&grid=<gridId>).
    { root: 'pages/notices/detail', pages: ['index'] },
    // Leaders: 网格管理, 组织架构, 审计日志; 发布通知, 通知触达, 我发布的, 转发到本网格群; 入格海报 (?unit=<id>).
    {
      root: 'manage',
      pages: [
        'households/index',
        'org/index',
        'audit/index',
        'notices/publish/index',
        'notices/reach/index',
        'notices/mine/index',
        'notices/relay/index',
        'poster/index',
      ],
    },
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
  // 用户隐私保护指引: base libraries before 2.32.3 hold privacy APIs until agreed only with this switch on
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
  tabBar: {
    color: '#6b7280',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS,
  },
})
