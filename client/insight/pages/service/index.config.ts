export default definePageConfig({ navigationBarTitleText: '活动与服务', enablePullDownRefresh: true })
