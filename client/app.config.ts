export default defineAppConfig({
  pages: ['pages/card/index', 'pages/activities/index', 'pages/me/index', 'pages/join/index'],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1f2a44',
    navigationBarTitleText: '会员通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#c8963e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/card/index', text: '会员卡' },
      { pagePath: 'pages/activities/index', text: '活动' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
