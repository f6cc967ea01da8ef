export default definePageConfig({ navigationBarTitleText: '流失预警', enablePullDownRefresh: true })
