export default definePageConfig({ navigationBarTitleText: '数据导出', enablePullDownRefresh: true })
