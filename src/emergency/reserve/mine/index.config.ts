export default definePageConfig({ navigationBarTitleText: '我的应急力量', enablePullDownRefresh: true })
