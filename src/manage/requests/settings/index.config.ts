export default definePageConfig({ navigationBarTitleText: '诉求设置' })
