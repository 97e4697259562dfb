export default definePageConfig({ navigationBarTitleText: '发布兑换服务' })
