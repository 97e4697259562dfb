export default definePageConfig({ navigationBarTitleText: '值守班次', enablePullDownRefresh: true })
