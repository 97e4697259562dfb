export default definePageConfig({ navigationBarTitleText: '应急力量', enablePullDownRefresh: true })
