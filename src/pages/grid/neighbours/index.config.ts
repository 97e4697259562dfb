export default definePageConfig({ navigationBarTitleText: '楼栋邻里', enablePullDownRefresh: true })
