export default definePageConfig({ navigationBarTitleText: '今日调度', enablePullDownRefresh: true })
