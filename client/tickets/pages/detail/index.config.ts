export default definePageConfig({ navigationBarTitleText: '投诉与反馈' })
