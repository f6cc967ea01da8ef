/**
 * Consent (订阅消息): WeChat's dialog is asked first thing in the tap (a call after an `await` fails
 * with "can only be invoked by user TAP gesture"), for at most 3 templates; the answers then go to
 * marketing.consent with what WeChat keeps (getSetting's subscriptionsSetting), which is what lets
 * the server count the messages it may send. A report that fails is never shown: consent is the
 * member's choice. On joining, the answers wait until the member exists.
 */
import type { ReactNode } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { CONSENT_MOMENTS, SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import JoinPage from '../../client/pages/join/index'
import { callCloud, CloudError } from '../../client/services/cloud'
import Taro, { toasts } from './support/taro'
import { switchedTo } from './activity-fixtures'

jest.mock('@tarojs/taro', () => {
  const taro = jest.requireActual('./activity-fixtures').taroWithPageHooks()
  taro.default.requestSubscribeMessage = jest.fn()
  taro.default.getSetting = jest.fn()
  return { ...taro, useLoad: (callback: () => void) => jest.requireActual('react').useEffect(callback, []) }
})
jest.mock('@tarojs/components', () => ({
  ...jest.requireActual('@tarojs/components'),
  // The date picker, as a tap that picks a birthday.
  Picker: ({ children, onChange }: { children: ReactNode; onChange: (event: { detail: { value: string } }) => void }) => (
    <div onClick={() => onChange({ detail: { value: '1996-03-08' } })}>{children}</div>
  ),
}))
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
jest.mock('../../client/services/upload', () => ({ pickAvatarOnTap: jest.fn(), uploadAvatar: jest.fn() }))
// Jest resolves the H5 stand-in as the H5 build does; the join page is tested with WeChat's.
jest.mock('../../client/services/subscribe', () => jest.requireActual('../../client/services/subscribe.ts'))

const weapp: typeof import('../../client/services/subscribe') = jest.requireActual('../../client/services/subscribe.ts')
// The same module path as the mocked one above: only requireActual reaches the stand-in itself.
const h5: typeof import('../../client/services/subscribe.h5') = jest.requireActual('../../client/services/subscribe.h5.ts')
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const wx = Taro as unknown as { requestSubscribeMessage: jest.Mock; getSetting: jest.Mock }
const fetchMock = jest.fn()

const TIER = SUBSCRIBE_TEMPLATES.tierChange
const BIRTHDAY = SUBSCRIBE_TEMPLATES.birthdayPerk
const POINTS = SUBSCRIBE_TEMPLATES.pointsChange
const happened: string[] = []
let answer: (action: string, payload: Record<string, unknown>) => unknown

beforeEach(() => {
  happened.length = 0
  answer = () => ({ items: [], mainSwitch: true })
  server.mockReset().mockImplementation(async (_fn, action, payload) => {
    happened.push(action)
    return answer(action, payload)
  })
  wx.requestSubscribeMessage.mockReset().mockImplementation(async ({ tmplIds }: { tmplIds: string[] }) => {
    happened.push('dialog')
    return { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id, index) => [id, index === 1 ? 'reject' : 'accept'])) }
  })
  wx.getSetting.mockReset().mockResolvedValue({
    authSetting: {},
    // A system message type and a value WeChat may add later come along; only kept choices are told.
    subscriptionsSetting: { mainSwitch: true, itemSettings: { [TIER]: 'accept', SYS_MSG_TYPE_INTERACTIVE: 'accept', [POINTS]: 'later', 'not an id': 'ban' } },
    errMsg: 'getSetting:ok',
  })
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

const reported = () => server.mock.calls.filter(([, action]) => action === 'consent').map(([fn, , payload]) => ({ fn, payload }))

describe('in WeChat', () => {
  it('asks before it returns, for at most 3 templates, then reports the answers with what WeChat keeps', async () => {
    const accepted = weapp.requestConsent(['tierChange', 'birthdayPerk', 'pointsChange', 'couponExpiring'])
    expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([TIER, BIRTHDAY, POINTS])
    await expect(accepted).resolves.toBe(2)
    expect(reported()).toEqual([
      {
        fn: 'marketing',
        payload: { answers: { [TIER]: 'accept', [BIRTHDAY]: 'reject', [POINTS]: 'accept' }, settings: { mainSwitch: true, itemSettings: { [TIER]: 'accept', SYS_MSG_TYPE_INTERACTIVE: 'accept' } } },
      },
    ])
  })

  it('a report that fails, or settings WeChat will not give, changes nothing the member sees', async () => {
    answer = () => {
      throw new CloudError({ code: 'INTERNAL', message: '网络异常，请检查网络后重试' })
    }
    wx.getSetting.mockRejectedValueOnce({ errMsg: 'getSetting:fail' })
    await expect(weapp.requestConsent(CONSENT_MOMENTS.ticket)).resolves.toBe(1)
    expect(reported()).toEqual([{ fn: 'marketing', payload: { answers: { [SUBSCRIBE_TEMPLATES.ticketUpdate]: 'accept' }, settings: null } }])
    expect(toasts).toEqual([])
  })

  it('a dialog WeChat would not show (订阅消息 off) is no consent and nothing to report', async () => {
    wx.requestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail main switch is off' })
    await expect(weapp.requestConsent(CONSENT_MOMENTS.activitySignup)).resolves.toBe(0)
    expect(reported()).toEqual([])
  })

  it('askConsent keeps the answers for reportConsent, which answers the member’s subscriptions', async () => {
    const consent = await weapp.askConsent(CONSENT_MOMENTS.join)
    expect(consent).toEqual({ answers: { [TIER]: 'accept', [BIRTHDAY]: 'reject', [POINTS]: 'accept' }, accepted: 2 })
    expect(reported()).toEqual([])
    await expect(weapp.reportConsent(consent)).resolves.toEqual({ items: [], mainSwitch: true })
    expect(reported()).toHaveLength(1)
  })
})

describe('in the local H5 build', () => {
  it('the dev server’s outbox stands in for the dialog, asked before it returns; the answers are reported without settings', async () => {
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { templateIds } = JSON.parse(init.body) as { templateIds: string[] }
      return { ok: true, json: async () => Object.fromEntries(templateIds.map((id) => [id, 'accept'])) }
    })
    const accepted = h5.requestConsent(['tierChange', 'birthdayPerk', 'pointsChange', 'couponExpiring'])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/dev/subscribe')
    expect(JSON.parse(fetchMock.mock.calls[0][1].body).templateIds).toEqual([TIER, BIRTHDAY, POINTS])
    await expect(accepted).resolves.toBe(3)
    expect(reported()).toEqual([{ fn: 'marketing', payload: { answers: { [TIER]: 'accept', [BIRTHDAY]: 'accept', [POINTS]: 'accept' }, settings: null } }])
  })

  it('a dev server that refuses is no consent', async () => {
    fetchMock.mockResolvedValue({ ok: false, json: async () => ({}) })
    await expect(h5.requestConsent(CONSENT_MOMENTS.ticket)).resolves.toBe(0)
    expect(reported()).toEqual([])
  })
})

describe('on joining', () => {
  const card = { cardNo: '880000000123', name: '苏小满', tierName: '普通' }

  async function fillIn() {
    render(<JoinPage />)
    fireEvent.change(screen.getByTestId('join-name'), { target: { value: '苏小满' } })
    fireEvent.click(screen.getByText('女'))
    fireEvent.click(screen.getByTestId('join-birthday'))
    await waitFor(() => expect(screen.getByTestId('join-birthday').textContent).toBe('1996-03-08'))
  }

  const joins = () => server.mock.calls.filter(([, action]) => action === 'join').map(([, , payload]) => payload)

  it('asks in the tap, and the join itself carries the answers (there is no member to report them to before it)', async () => {
    answer = (action) => (action === 'join' ? card : { items: [], mainSwitch: true })
    await fillIn()
    fireEvent.click(screen.getByTestId('join-submit'))
    expect(happened).toEqual(['dialog'])
    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(CONSENT_MOMENTS.join.map((purpose) => SUBSCRIBE_TEMPLATES[purpose]))
    await waitFor(() => expect(switchedTo()).toContain('/pages/card/index'))
    expect(happened).toEqual(['dialog', 'join'])
    expect(joins()[0]).toMatchObject({ consent: { [TIER]: 'accept', [BIRTHDAY]: 'reject', [POINTS]: 'accept' } })
    expect(reported()).toEqual([])
  })

  it('a refused join reports nothing; the refused tap’s answers are reported once a later join goes through, which carries its own', async () => {
    let refuse = true
    answer = (action) => {
      if (action !== 'join') return { items: [], mainSwitch: true }
      if (refuse) throw new CloudError({ code: 'INVALID_INPUT', message: '提交的信息有误', fields: [{ path: 'name', message: '姓名不能包含特殊字符' }] })
      return card
    }
    await fillIn()
    fireEvent.click(screen.getByTestId('join-submit'))
    await screen.findByText('姓名不能包含特殊字符')
    expect(reported()).toEqual([])

    refuse = false
    fireEvent.click(screen.getByTestId('join-submit'))
    await waitFor(() => expect(reported()).toHaveLength(1))
    expect(happened).toEqual(['dialog', 'join', 'dialog', 'join', 'consent'])
    expect(joins()[1]).toHaveProperty('consent')
  })
})
