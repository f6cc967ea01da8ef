export default definePageConfig({ navigationBarTitleText: '会员档案', enablePullDownRefresh: true })
