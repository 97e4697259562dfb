export default definePageConfig({ navigationBarTitleText: '导出志愿时长' })
