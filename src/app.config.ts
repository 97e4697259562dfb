/** Pages and tab bar. The persona picker (local demo login) exists only in the h5 build. */
const TABS = [
  { pagePath: 'pages/grid/home/index', text: '首页' },
  { pagePath: 'pages/notices/list/index', text: '通知' },
  { pagePath: 'pages/points/home/index', text: '积分' },
  { pagePath: 'pages/requests/list/index', text: '诉求' },
  { pagePath: 'pages/grid/me/index', text: '我的' },
]

export default defineAppConfig({
  pages: [...TABS.map((t) => t.pagePath), ...(process.env.TARO_ENV === 'h5' ? ['pages/local/personas/index'] : [])],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '网格通',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS,
  },
})
