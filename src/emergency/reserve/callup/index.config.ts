export default definePageConfig({ navigationBarTitleText: '召集详情', enablePullDownRefresh: true })
