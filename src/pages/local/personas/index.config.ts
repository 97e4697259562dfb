export default definePageConfig({ navigationBarTitleText: '本地演示 · 选择身份' })
