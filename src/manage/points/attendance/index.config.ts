export default definePageConfig({ navigationBarTitleText: '签到管理', enablePullDownRefresh: true })
