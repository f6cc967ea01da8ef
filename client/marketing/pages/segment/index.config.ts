export default definePageConfig({ navigationBarTitleText: '编辑分群' })
