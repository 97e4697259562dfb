export default definePageConfig({ navigationBarTitleText: '卡口值守', enablePullDownRefresh: true })
