export default defineAppConfig({
  pages: ['pages/card/index', 'pages/activities/index', 'pages/me/index', 'pages/join/index', 'pages/profile/index'],
  subPackages: [
    { root: 'points', pages: ['pages/history/index', 'pages/rewards/index', 'pages/reward/index', 'pages/tiers/index', 'pages/wallet/index'] },
    {
      root: 'admin',
      pages: [
        'pages/home/index',
        'pages/till/index',
        'pages/member/index',
        'pages/rewards/index',
        'pages/adjust/index',
        'pages/rules/index',
        'pages/activities/index',
        'pages/activity/index',
        'pages/roster/index',
        'pages/checkin/index',
        'pages/evaluation/index',
      ],
    },
    { root: 'activity', pages: ['pages/detail/index', 'pages/mine/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1f2a44',
    navigationBarTitleText: '会员通',
    navigationBarTextStyle: 'white',
    // WeChat's own default; Taro H5 draws its navigation bar (the page's title) only when it is said.
    navigationStyle: 'default',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#c8963e',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/card/index', text: '会员卡', iconPath: 'assets/tab-card.png', selectedIconPath: 'assets/tab-card-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tab-activity.png', selectedIconPath: 'assets/tab-activity-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab-me.png', selectedIconPath: 'assets/tab-me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
})
