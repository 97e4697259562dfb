export default definePageConfig({ navigationBarTitleText: '周例会与月通报' })
