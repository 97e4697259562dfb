export default definePageConfig({ navigationBarTitleText: '我的值守', enablePullDownRefresh: true })
