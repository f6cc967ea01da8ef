export default definePageConfig({ navigationBarTitleText: '会员查询', enablePullDownRefresh: true })
