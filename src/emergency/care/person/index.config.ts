export default definePageConfig({ navigationBarTitleText: '关爱对象详情', enablePullDownRefresh: true })
