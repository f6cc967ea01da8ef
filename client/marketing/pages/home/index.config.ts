export default definePageConfig({ navigationBarTitleText: '营销中心', enablePullDownRefresh: true })
