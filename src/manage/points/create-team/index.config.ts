export default definePageConfig({ navigationBarTitleText: '新建服务队' })
