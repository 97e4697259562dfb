export default definePageConfig({ navigationBarTitleText: '我的兑换券', enablePullDownRefresh: true })
