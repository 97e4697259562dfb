export default definePageConfig({ navigationBarTitleText: '我的采样时段' })
