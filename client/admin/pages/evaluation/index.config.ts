export default definePageConfig({ navigationBarTitleText: '效果评估', enablePullDownRefresh: true })
