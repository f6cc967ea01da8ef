export default definePageConfig({ navigationBarTitleText: '员工后台' })
