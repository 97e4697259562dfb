export default definePageConfig({ navigationBarTitleText: '应急状态', enablePullDownRefresh: true })
