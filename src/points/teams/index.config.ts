export default definePageConfig({ navigationBarTitleText: '服务队与排行榜' })
