export default definePageConfig({ navigationBarTitleText: '通知触达', enablePullDownRefresh: true })
