/**
 * The activity page's button reads the server's standing: its label word for word, tappable only
 * when the standing says so. Signing up asks for the reminder consent in the tap itself, before
 * the signup is sent; a visitor is sent to join with the activity; a refusal says the server's words.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ActivityDetail, SignupResult } from '../../cloudfunctions/shared/contract/activity'
import type { Standing } from '../../cloudfunctions/shared/contract/activityFields'
import ActivityDetailPage from '../../client/activity/pages/detail/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import { requestConsent } from '../../client/services/subscribe'
import Taro, { modals, toasts } from './support/taro'
import { CONFIRMED, DETAIL, route } from './activity-fixtures'

jest.mock('@tarojs/taro', () => jest.requireActual('./activity-fixtures').taroWithPageHooks())
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/subscribe', () => ({ requestConsent: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const consent = requestConsent as jest.MockedFunction<typeof requestConsent>

/** What happened, in order: consent asked, and each action sent. */
const happened: string[] = []

function serve(detail: ActivityDetail, answers: Partial<Record<string, (payload: Record<string, unknown>) => unknown>> = {}) {
  server.mockImplementation(async (_fn, action, payload) => {
    happened.push(action)
    const answer = answers[action]
    if (answer) return answer(payload)
    if (action === 'detail') return detail
    throw new Error(`unexpected ${action}`)
  })
}

const button = () => screen.getByTestId('activity-signup') as HTMLButtonElement

beforeEach(() => {
  server.mockReset()
  consent.mockReset()
  consent.mockImplementation(async () => {
    happened.push('consent')
    return 3
  })
  happened.length = 0
  route.params = { id: DETAIL.id }
})

const STANDINGS_SHOWN: Array<[Standing, string, boolean]> = [
  ['open', '立即报名', true],
  ['joinWaitlist', '加入候补', true],
  ['notMember', '加入会员后报名', true],
  ['confirmed', '已报名', false],
  ['waitlisted', '候补第 2 位', false],
  ['full', '名额已满', false],
  ['notOpen', '未开放（优先报名 12月20日 10:00 开始）', false],
  ['closed', '已截止', false],
  ['tierTooLow', '金卡及以上可报名', false],
  ['ended', '已结束', false],
  ['checkedIn', '已签到', false],
  ['cancelled', '活动已取消', false],
]

it.each(STANDINGS_SHOWN)('standing %s: the button says %s, tappable: %s', async (state, label, actionable) => {
  serve({ ...DETAIL, standing: { state, label, actionable } })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().textContent).toBe(label))
  expect(button().disabled).toBe(!actionable)
})

it('立即报名 asks for the reminders in the tap, then signs up, says so and shows the new standing', async () => {
  const signedUp: SignupResult = { duplicate: false, activity: { ...DETAIL, confirmed: 13, seatsLeft: 7, standing: { state: 'confirmed', label: '已报名', actionable: false }, mine: CONFIRMED } }
  serve(DETAIL, { signup: () => signedUp })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().disabled).toBe(false))

  fireEvent.click(button())
  // Asked synchronously in the tap: before the signup was even sent.
  expect(consent).toHaveBeenCalledWith(['activityReminder', 'waitlistPromoted', 'activityCancelled'])
  await waitFor(() => expect(button().textContent).toBe('已报名'))
  expect(happened).toEqual(['detail', 'consent', 'signup'])
  expect(server).toHaveBeenCalledWith('activity', 'signup', { activityId: DETAIL.id })
  expect(toasts).toEqual(['报名成功'])
  expect(button().disabled).toBe(true)
  expect(screen.getByTestId('my-signup-status').textContent).toBe('已报名，期待您的到来')
})

it('加入候补 says which place in the queue the member took', async () => {
  const waiting: SignupResult = {
    duplicate: false,
    activity: {
      ...DETAIL,
      seatsLeft: 0,
      confirmed: 20,
      waitlistCount: 3,
      standing: { state: 'waitlisted', label: '候补第 3 位', actionable: false },
      mine: { ...CONFIRMED, status: 'waitlisted', position: 3 },
    },
  }
  serve({ ...DETAIL, seatsLeft: 0, confirmed: 20, waitlistCount: 2, standing: { state: 'joinWaitlist', label: '加入候补', actionable: true } }, { signup: () => waiting })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().textContent).toBe('加入候补'))
  fireEvent.click(button())
  await waitFor(() => expect(toasts).toEqual(['已加入候补，第 3 位']))
  expect(button().textContent).toBe('候补第 3 位')
})

it('a visitor is taken to join with the activity, and nothing is signed up', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo')
  serve({ ...DETAIL, standing: { state: 'notMember', label: '加入会员后报名', actionable: true } })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().textContent).toBe('加入会员后报名'))
  fireEvent.click(button())
  await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: `/pages/join/index?activity=${DETAIL.id}` }))
  expect(happened).toEqual(['detail'])
  expect(consent).not.toHaveBeenCalled()
  navigate.mockRestore()
})

it('a refusal shows the server’s words and reloads, so the button says where the member stands now', async () => {
  let full = false
  serve(DETAIL, {
    detail: () => (full ? { ...DETAIL, seatsLeft: 0, confirmed: 20, standing: { state: 'full', label: '名额已满', actionable: false } } : DETAIL),
    signup: () => {
      full = true
      throw new CloudError({ code: 'ACTIVITY_FULL', message: '活动名额已满' })
    },
  })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().disabled).toBe(false))
  fireEvent.click(button())
  await waitFor(() => expect(button().textContent).toBe('名额已满'))
  expect(toasts).toEqual(['活动名额已满'])
  expect(button().disabled).toBe(true)
})

it('取消报名 asks first, then cancels and shows the activity as the server answers it', async () => {
  const mine = { ...DETAIL, standing: { state: 'confirmed' as const, label: '已报名', actionable: false }, mine: { ...CONFIRMED, pointsPaid: 200 } }
  serve(mine, { cancelSignup: () => ({ ...DETAIL, mine: { ...CONFIRMED, status: 'cancelled', canCancel: false } }) })
  render(<ActivityDetailPage />)
  fireEvent.click(await screen.findByText('取消报名'))
  await waitFor(() => expect(button().textContent).toBe('立即报名'))
  expect(modals.map((modal) => modal.content)).toEqual(['确定取消「冬季新品品鉴会」的报名吗？已使用的 200 积分将退还。'])
  expect(server).toHaveBeenCalledWith('activity', 'cancelSignup', { activityId: DETAIL.id })
  expect(toasts).toEqual(['已取消报名'])
  expect(screen.queryByText('取消报名')).toBeNull()
})

it('a confirmed member sees the live member code to check in with when the server says it is due', async () => {
  const soon = Date.now() + 2 * 60 * 60 * 1000
  const today = {
    ...DETAIL,
    startAt: new Date(soon).toISOString(),
    endAt: new Date(soon + 7_200_000).toISOString(),
    standing: { state: 'confirmed' as const, label: '已报名', actionable: false },
    mine: { ...CONFIRMED, showCheckInCode: true },
  }
  serve(today, { code: () => ({ code: 'SEALED-CODE', expiresAt: new Date(soon).toISOString(), refreshInSeconds: 50 }) })
  render(<ActivityDetailPage />)
  expect((await screen.findByTestId('check-in-code')).textContent).toContain('到场后请出示此码签到')
  await screen.findByTestId('qr-code')
  expect(server).toHaveBeenCalledWith('member', 'code', {})
})

it('the code shows while the activity is under way, and goes once the member is checked in', async () => {
  const underWay = { ...DETAIL, phase: 'ongoing' as const, standing: { state: 'confirmed' as const, label: '已报名', actionable: false }, mine: { ...CONFIRMED, showCheckInCode: true } }
  serve(underWay, { code: () => ({ code: 'SEALED-CODE', expiresAt: DETAIL.endAt, refreshInSeconds: 50 }) })
  const { unmount } = render(<ActivityDetailPage />)
  await screen.findByTestId('check-in-code')
  unmount()

  serve({ ...underWay, standing: { state: 'checkedIn', label: '已签到', actionable: false }, mine: { ...CONFIRMED, checkedInAt: '2026-12-24T11:35:00.000Z', showCheckInCode: false } })
  render(<ActivityDetailPage />)
  await waitFor(() => expect(button().textContent).toBe('已签到'))
  expect(screen.queryByTestId('check-in-code')).toBeNull()
  expect(screen.getByTestId('my-signup-status').textContent).toBe('已签到 · 2026年12月24日 19:35')
})

it('a link to an activity that is gone says so and offers the others, not 重试', async () => {
  server.mockImplementation(async () => {
    throw new CloudError({ code: 'NOT_FOUND', message: '活动不存在或未发布' })
  })
  render(<ActivityDetailPage />)
  expect((await screen.findByTestId('activity-gone')).textContent).toContain('活动不存在或未发布')
  expect(screen.queryByText('重试')).toBeNull()
})
