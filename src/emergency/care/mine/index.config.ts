export default definePageConfig({ navigationBarTitleText: '我包联的', enablePullDownRefresh: true })
