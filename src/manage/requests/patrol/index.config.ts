export default definePageConfig({ navigationBarTitleText: '巡查台账', enablePullDownRefresh: true })
