export default definePageConfig({ navigationBarTitleText: '战时网格', enablePullDownRefresh: true })
