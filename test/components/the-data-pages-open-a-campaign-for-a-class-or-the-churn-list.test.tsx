/**
 * From a figure to a campaign in one tap: 发起营销 on an RFM class finds (or makes) the segment of
 * that class and opens a new campaign for it; 流失预警 takes 7–365 silent days (said beside the field,
 * nothing asked otherwise), pages on with the cursor, and sends to the list's own segment.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { MembersInsight } from '../../client/insight/pages/members/index'
import { ChurnWarning } from '../../client/insight/pages/churn/index'
import { callCloud } from '../../client/services/cloud'
import Taro, { toasts } from './support/taro'
import { churnPage, members } from './insight-fixtures'

jest.mock('@qiun/ucharts/u-charts.min.js', () => ({ __esModule: true, default: class {} }))
jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>
const calls = (action: string) => server.mock.calls.filter(([, called]) => called === action).map(([, , payload]) => payload)
const settle = () => act(async () => undefined)

const navigations: string[] = []

beforeEach(() => {
  server.mockReset()
  navigations.length = 0
  server.mockImplementation(async (_fn, action, payload) => {
    if (action === 'members') return members(payload.days as number)
    if (action === 'churn') return churnPage(payload.silentDays as number, payload.cursor as string | undefined)
    if (action === 'segmentFor') return { id: 'seg-42', name: payload.name, filter: payload.filter, members: 40, updatedAt: '2026-12-01T00:00:00.000Z' }
    throw new Error(`unexpected ${action}`)
  })
  const navigateTo = jest.spyOn(Taro, 'navigateTo') as unknown as jest.SpyInstance<Promise<void>, [{ url: string }]>
  navigateTo.mockImplementation(async ({ url }) => void navigations.push(url))
})
afterEach(() => jest.restoreAllMocks())

it('发起营销 on 沉睡 opens a new campaign for the segment of dormant members', async () => {
  render(<MembersInsight role='marketing' />)
  await screen.findByTestId('members-rfm')
  expect(screen.getByTestId('rfm-dormant').textContent).toContain('建议：唤醒消息、特别优惠')
  expect(screen.getByTestId('matrix-4-0').textContent).toBe('60')

  await act(async () => fireEvent.click(screen.getByTestId('rfm-campaign-dormant')))
  await settle()
  expect(calls('segmentFor')).toEqual([{ name: '沉睡会员', filter: { rfm: ['dormant'] } }])
  expect(navigations).toEqual(['/marketing/pages/campaign/index?segmentId=seg-42'])

  // 新会员 is not 新会员会员.
  await act(async () => fireEvent.click(screen.getByTestId('rfm-campaign-new')))
  expect(calls('segmentFor')[1]).toEqual({ name: '新会员', filter: { rfm: ['new'] } })
})

it('churn takes 7–365 silent days, says so beside the field, and asks nothing for a wrong one', async () => {
  render(<ChurnWarning />)
  await screen.findAllByTestId('churn-member')
  expect(calls('churn')).toEqual([{ silentDays: 30 }])
  expect(screen.getByTestId('churn-member').textContent).toContain('138****2468')

  for (const wrong of ['5', '400']) {
    fireEvent.change(screen.getByTestId('churn-days'), { target: { value: wrong } })
    expect(screen.getByTestId('field-error').textContent).toBe('沉默天数须为 7–365 的整数')
    fireEvent.click(screen.getByTestId('churn-ask'))
  }
  expect(toasts).toEqual(['沉默天数须为 7–365 的整数', '沉默天数须为 7–365 的整数'])
  expect(calls('churn')).toHaveLength(1)

  fireEvent.change(screen.getByTestId('churn-days'), { target: { value: '60' } })
  expect(screen.queryByTestId('field-error')).toBeNull()
  fireEvent.click(screen.getByTestId('churn-ask'))
  await settle()
  expect(calls('churn')).toEqual([{ silentDays: 30 }, { silentDays: 60 }])
  expect(screen.getByTestId('churn-member').textContent).toContain('90 天未消费')
})

it('pages on with the cursor and sends to the whole list through its segment', async () => {
  render(<ChurnWarning />)
  await screen.findAllByTestId('churn-member')
  expect(screen.getByTestId('churn-more').textContent).toBe('加载更多')
  fireEvent.click(screen.getByTestId('churn-more'))
  await settle()
  expect(calls('churn')).toEqual([{ silentDays: 30 }, { silentDays: 30, cursor: 'page-2' }])
  const rows = screen.getAllByTestId('churn-member')
  expect(rows).toHaveLength(2)
  expect(rows[1].textContent).toContain('赵静')
  expect(screen.getByTestId('churn-more').textContent).toBe('已全部显示')

  await act(async () => fireEvent.click(screen.getByTestId('churn-campaign')))
  await settle()
  expect(calls('segmentFor')).toEqual([{ name: '30天未消费会员', filter: { notPurchasedForDays: 30, purchasesMin: 1 } }])
  expect(navigations).toEqual(['/marketing/pages/campaign/index?segmentId=seg-42'])
})
