export default definePageConfig({ navigationBarTitleText: '转发到本网格群', enableShareAppMessage: true })
