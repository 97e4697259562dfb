export default definePageConfig({ navigationBarTitleText: '采样点工作台' })
