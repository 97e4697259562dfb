export default definePageConfig({ navigationBarTitleText: '卡口排班', enablePullDownRefresh: true })
