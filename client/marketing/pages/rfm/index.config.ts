export default definePageConfig({ navigationBarTitleText: '分类规则', enablePullDownRefresh: true })
