export default definePageConfig({ navigationBarTitleText: '采样覆盖' })
