export default definePageConfig({ navigationBarTitleText: '隔离户', enablePullDownRefresh: false })
