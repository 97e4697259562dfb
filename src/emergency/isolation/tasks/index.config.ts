export default definePageConfig({ navigationBarTitleText: '隔离服务任务', enablePullDownRefresh: false })
