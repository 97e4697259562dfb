export default definePageConfig({ navigationBarTitleText: '入格海报' })
