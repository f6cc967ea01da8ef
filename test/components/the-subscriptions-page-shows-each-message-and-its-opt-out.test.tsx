/**
 * 消息订阅: every message a member may get, what it is for and how many more their consent allows,
 * each with a switch that stops it altogether (the server never sends an opted-out kind). What
 * WeChat keeps for the member (总是保持以上选择, read with getSetting) goes with the request, and a
 * kind they always refuse in WeChat says so, with 去设置. 订阅更多消息 asks WeChat in the tap itself
 * for at most 3 kinds, those with the fewest left, and tells the server the answers.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { MySubscriptions, SubscriptionItem } from '../../cloudfunctions/shared/contract/marketing'
import { MEMBER_PURPOSES, PURPOSES, SUBSCRIBE_TEMPLATES, type TemplatePurpose } from '../../cloudfunctions/shared/contract/templates'
import SubscriptionsPage from '../../client/messages/pages/subscriptions/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import Taro, { toasts } from './support/taro'

jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.requestSubscribeMessage = jest.fn()
  taro.default.getSetting = jest.fn()
  taro.default.openSetting = jest.fn()
  return taro
})
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
// Jest resolves the H5 stand-in (subscribe.h5.ts) as the H5 build does; the page is tested with WeChat's.
jest.mock('../../client/services/subscribe', () => jest.requireActual('../../client/services/subscribe.ts'))

const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const wx = Taro as unknown as { requestSubscribeMessage: jest.Mock; getSetting: jest.Mock; openSetting: jest.Mock }

const SETTINGS = { mainSwitch: true, itemSettings: { [SUBSCRIBE_TEMPLATES.ticketUpdate]: 'reject' } }

function item(purpose: TemplatePurpose, overrides: Partial<SubscriptionItem> = {}): SubscriptionItem {
  const info = PURPOSES[purpose]
  return { purpose, title: info.title, description: info.purpose, templateId: SUBSCRIBE_TEMPLATES[purpose], remaining: 0, optedOut: false, keep: null, campaign: info.campaign, ...overrides }
}

/** What the server answers: every member purpose, some with consent left. */
function mine(overrides: Partial<Record<TemplatePurpose, Partial<SubscriptionItem>>> = {}, mainSwitch = true): MySubscriptions {
  const base: Partial<Record<TemplatePurpose, Partial<SubscriptionItem>>> = {
    pointsChange: { remaining: 2 },
    tierChange: { remaining: 1 },
    birthdayPerk: { remaining: 1 },
    couponExpiring: { remaining: 3 },
    activityReminder: { remaining: 2 },
    waitlistPromoted: { remaining: 1 },
    activityCancelled: { remaining: 2 },
    ticketUpdate: { keep: 'reject' },
    campaignActivity: { remaining: 1 },
    campaignCoupon: { remaining: 2 },
  }
  return { mainSwitch, items: MEMBER_PURPOSES.map((purpose) => item(purpose, { ...base[purpose], ...overrides[purpose] })) }
}

let answers: Record<string, (payload: Record<string, unknown>) => unknown>
const happened: string[] = []

beforeEach(() => {
  happened.length = 0
  let current = mine()
  answers = {
    subscriptions: () => current,
    setOptOut: (payload) => {
      current = { ...current, items: current.items.map((entry) => (entry.purpose === payload.purpose ? { ...entry, optedOut: payload.optedOut as boolean } : entry)) }
      return current
    },
  }
  server.mockReset().mockImplementation(async (_fn, action, payload) => {
    happened.push(action)
    const answer = answers[action]
    if (!answer) throw new Error(`unexpected ${action}`)
    return answer(payload)
  })
  wx.getSetting.mockReset().mockResolvedValue({ authSetting: {}, subscriptionsSetting: SETTINGS, errMsg: 'getSetting:ok' })
  wx.requestSubscribeMessage.mockReset()
  wx.openSetting.mockReset().mockResolvedValue({ authSetting: {}, errMsg: 'openSetting:ok' })
})

const calls = (action: string) => server.mock.calls.filter(([, name]) => name === action).map(([fn, , payload]) => ({ fn, payload }))
const row = (purpose: TemplatePurpose) => screen.getByTestId(`subscription-${purpose}`)

it('shows loading, then every member message with what it is for and how many are left, sending what WeChat keeps', async () => {
  render(<SubscriptionsPage />)
  expect(screen.getByTestId('loading')).toBeTruthy()
  await screen.findByTestId('subscriptions')

  expect(calls('subscriptions')).toEqual([{ fn: 'marketing', payload: { settings: SETTINGS } }])
  for (const purpose of MEMBER_PURPOSES) {
    expect(within(row(purpose)).getByText(PURPOSES[purpose].title)).toBeTruthy()
    expect(within(row(purpose)).getByText(PURPOSES[purpose].purpose)).toBeTruthy()
  }
  expect(screen.queryByTestId('subscription-ticketEscalation')).toBeNull()
  expect(screen.getByTestId('subscription-couponExpiring-count').textContent).toBe('剩余 3 次')
  expect(screen.getByTestId('subscription-ticketUpdate-count').textContent).toBe('未订阅')
  // The shop's offers stand apart, under their own heading, said to need the member's consent.
  expect(screen.getByText('门店优惠与活动')).toBeTruthy()
  expect(screen.getByTestId('subscriptions-campaign-note').textContent).toContain('只在您订阅后才会发送')
  expect(screen.queryByTestId('subscriptions-off')).toBeNull()
})

it('a failed load says why and 重试 loads again', async () => {
  answers.subscriptions = () => {
    throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
  }
  render(<SubscriptionsPage />)
  await screen.findByTestId('error')
  expect(screen.getByText('网络异常，请检查网络后重试')).toBeTruthy()

  answers.subscriptions = () => mine()
  fireEvent.click(screen.getByText('重试'))
  await screen.findByTestId('subscriptions')
  expect(screen.getByTestId('subscription-pointsChange-count').textContent).toBe('剩余 2 次')
})

it('a switch opts a kind out and back in, each said in a toast; a refusal leaves it as it was', async () => {
  render(<SubscriptionsPage />)
  await screen.findByTestId('subscriptions')

  fireEvent.click(screen.getByTestId('subscription-campaignActivity-switch'))
  await waitFor(() => expect(toasts).toEqual(['已退订活动通知']))
  expect(calls('setOptOut')).toEqual([{ fn: 'marketing', payload: { purpose: 'campaignActivity', optedOut: true } }])
  expect(screen.getByTestId('subscription-campaignActivity-count').textContent).toBe('已退订')
  expect(within(screen.getByTestId('subscription-campaignActivity-switch')).getByText('已退订')).toBeTruthy()

  fireEvent.click(screen.getByTestId('subscription-campaignActivity-switch'))
  await waitFor(() => expect(toasts).toEqual(['已退订活动通知', '已恢复活动通知']))
  expect(calls('setOptOut')[1].payload).toEqual({ purpose: 'campaignActivity', optedOut: false })
  expect(screen.getByTestId('subscription-campaignActivity-count').textContent).toBe('剩余 1 次')

  answers.setOptOut = () => {
    throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
  }
  fireEvent.click(screen.getByTestId('subscription-pointsChange-switch'))
  await waitFor(() => expect(toasts).toHaveLength(3))
  expect(toasts[2]).toBe('网络异常，请检查网络后重试')
  expect(screen.getByTestId('subscription-pointsChange-count').textContent).toBe('剩余 2 次')
})

it('a kind the member always refuses in WeChat says so, and 去设置 opens the settings and reads them again', async () => {
  render(<SubscriptionsPage />)
  await screen.findByTestId('subscriptions')
  expect(screen.getByTestId('subscription-ticketUpdate-refused').textContent).toContain('总是拒绝')
  expect(screen.queryByTestId('subscription-pointsChange-refused')).toBeNull()

  answers.subscriptions = () => mine({ ticketUpdate: { keep: null } })
  fireEvent.click(screen.getByTestId('subscription-ticketUpdate-settings'))
  expect(wx.openSetting).toHaveBeenCalledWith({ withSubscriptions: true })
  await waitFor(() => expect(screen.queryByTestId('subscription-ticketUpdate-refused')).toBeNull())
  expect(calls('subscriptions')).toHaveLength(2)
})

it('订阅消息 turned off says so with 去设置, and nothing can be asked', async () => {
  answers.subscriptions = () => mine({}, false)
  render(<SubscriptionsPage />)
  await screen.findByTestId('subscriptions')
  expect(screen.getByTestId('subscriptions-off').textContent).toContain('订阅消息已关闭')
  fireEvent.click(screen.getByTestId('subscriptions-off-settings'))
  expect((screen.getByTestId('subscriptions-more') as HTMLButtonElement).disabled).toBe(true)
  expect(wx.openSetting).toHaveBeenCalled()
  await waitFor(() => expect(calls('subscriptions')).toHaveLength(2))
})

it('订阅更多消息 asks WeChat in the tap for the 3 kinds with the fewest left, then tells the server the answers and what WeChat keeps', async () => {
  // Opted out of one with none left; the member always refuses 工单进度通知 in WeChat (never asked).
  answers.subscriptions = () => mine({ couponExpiring: { remaining: 0, optedOut: true } })
  const after = mine({ tierChange: { remaining: 2 }, birthdayPerk: { remaining: 1 }, waitlistPromoted: { remaining: 2 }, couponExpiring: { remaining: 0, optedOut: true } })
  answers.consent = () => after
  const tierChange = SUBSCRIBE_TEMPLATES.tierChange
  const birthdayPerk = SUBSCRIBE_TEMPLATES.birthdayPerk
  const waitlistPromoted = SUBSCRIBE_TEMPLATES.waitlistPromoted
  wx.requestSubscribeMessage.mockImplementation(async () => {
    happened.push('requestSubscribeMessage')
    return { errMsg: 'requestSubscribeMessage:ok', [tierChange]: 'accept', [birthdayPerk]: 'reject', [waitlistPromoted]: 'accept' }
  })
  render(<SubscriptionsPage />)
  await screen.findByTestId('subscriptions')
  happened.length = 0

  fireEvent.click(screen.getByTestId('subscriptions-more'))
  // Asked synchronously in the tap, before anything is awaited: WeChat refuses it otherwise.
  expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  expect(happened).toEqual(['requestSubscribeMessage'])
  const { tmplIds } = wx.requestSubscribeMessage.mock.calls[0][0] as { tmplIds: string[] }
  expect(tmplIds.length).toBeLessThanOrEqual(3)
  // The fewest left (1 each), in the page's order; not 优惠券到期提醒 (opted out) nor 工单进度通知 (always refused).
  expect(tmplIds).toEqual([tierChange, birthdayPerk, waitlistPromoted])

  await waitFor(() => expect(calls('consent')).toHaveLength(1))
  expect(calls('consent')[0]).toEqual({ fn: 'marketing', payload: { answers: { [tierChange]: 'accept', [birthdayPerk]: 'reject', [waitlistPromoted]: 'accept' }, settings: SETTINGS } })
  await waitFor(() => expect(screen.getByTestId('subscription-tierChange-count').textContent).toBe('剩余 2 次'))
  expect(toasts).toEqual(['已订阅 2 种消息'])
  // The server's answer is the new state: no second load.
  expect(calls('subscriptions')).toHaveLength(1)
})

it('a dialog WeChat would not show, or a report that fails, shows no error', async () => {
  render(<SubscriptionsPage />)
  await screen.findByTestId('subscriptions')

  wx.requestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail main switch is off' })
  fireEvent.click(screen.getByTestId('subscriptions-more'))
  await waitFor(() => expect(calls('subscriptions')).toHaveLength(2))
  expect(calls('consent')).toHaveLength(0)

  wx.requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', [SUBSCRIBE_TEMPLATES.tierChange]: 'accept' })
  answers.consent = () => {
    throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
  }
  await act(async () => {
    fireEvent.click(screen.getByTestId('subscriptions-more'))
  })
  await waitFor(() => expect(calls('subscriptions')).toHaveLength(3))
  expect(calls('consent')).toHaveLength(1)
  expect(toasts).toEqual(['已订阅 1 种消息'])
  expect(screen.queryByTestId('error')).toBeNull()
})
