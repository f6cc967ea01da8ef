export default definePageConfig({ navigationBarTitleText: '会员分析', enablePullDownRefresh: true })
