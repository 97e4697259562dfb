export default definePageConfig({ navigationBarTitleText: '错时采样' })
