export default definePageConfig({ navigationBarTitleText: '服务时限', enablePullDownRefresh: true })
