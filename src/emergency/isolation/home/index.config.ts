export default definePageConfig({ navigationBarTitleText: '我家的隔离服务', enablePullDownRefresh: false })
