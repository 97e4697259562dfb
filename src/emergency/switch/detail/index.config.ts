export default definePageConfig({ navigationBarTitleText: '应急须知', enablePullDownRefresh: true })
