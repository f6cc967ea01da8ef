/**
 * Activities as the activity function answers them, for the member screens' component tests, and
 * the Taro hooks those pages use that the shared stand-in (support/taro.ts) leaves out.
 */
import type { ActivityDetail, ActivitySummary, MySignup } from '../../cloudfunctions/shared/contract/activity'

export const SUMMARY: ActivitySummary = {
  id: 'act-launch',
  title: '冬季新品品鉴会',
  type: 'launch',
  typeLabel: '新品发布会',
  coverUrl: null,
  startAt: '2026-12-24T11:30:00.000Z',
  endAt: '2026-12-24T13:30:00.000Z',
  place: '会员通示范店 二楼',
  capacity: 20,
  confirmed: 12,
  seatsLeft: 8,
  waitlistCount: 0,
  minTier: 'regular',
  minTierName: '普通',
  pointsCost: 0,
  attendancePoints: 50,
  status: 'published',
  phase: 'upcoming',
}

export const DETAIL: ActivityDetail = {
  ...SUMMARY,
  description: '新品抢先尝，现场讲解与试饮。',
  signupOpensAt: '2026-12-01T02:00:00.000Z',
  signupClosesAt: '2026-12-24T10:00:00.000Z',
  cancelCutoffAt: '2026-12-23T10:00:00.000Z',
  priorityOpensAt: '2026-12-01T02:00:00.000Z',
  priorityHours: 0,
  waitlist: true,
  cancelReason: null,
  standing: { state: 'open', label: '立即报名', actionable: true },
  mine: null,
}

export const CONFIRMED: MySignup = {
  status: 'confirmed',
  position: null,
  signedUpAt: '2026-12-02T03:00:00.000Z',
  checkedInAt: null,
  pointsPaid: 0,
  rating: null,
  canCancel: true,
  canRate: false,
  refunded: false,
  showCheckInCode: false,
}

/** The page's query, as `useRouter().params` answers it under `taroWithPageHooks`. */
export const route: { params: Record<string, string> } = { params: {} }

/**
 * The Taro stand-in plus the page hooks it has no use for elsewhere, for
 * `jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())`;
 * `switchTab` is recorded (`switchedTo`).
 */
export function taroWithPageHooks() {
  const actual = jest.requireActual('@tarojs/taro')
  // The 活动 tab is a tab page; the stand-in's Taro is shared with the page, so a test can read what it was asked.
  actual.default.switchTab ??= jest.fn(async () => undefined)
  return { __esModule: true, ...actual, useRouter: () => route, useReachBottom: () => undefined, useShareAppMessage: () => undefined, useDidHide: () => undefined }
}

/** Where the pages asked `Taro.switchTab` to go. */
export function switchedTo(): string[] {
  const switchTab = (jest.requireActual('@tarojs/taro').default as { switchTab: jest.Mock }).switchTab
  return switchTab.mock.calls.map(([options]: [{ url: string }]) => options.url)
}
