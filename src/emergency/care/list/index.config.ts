export default definePageConfig({ navigationBarTitleText: '关爱对象', enablePullDownRefresh: true })
