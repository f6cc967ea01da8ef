export default definePageConfig({ navigationBarTitleText: '分群列表', enablePullDownRefresh: true })
