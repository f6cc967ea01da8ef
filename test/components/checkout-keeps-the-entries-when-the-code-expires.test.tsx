/**
 * The checkout form against a server that says no: an expired live code (it lasts 60 s) offers
 * 重新扫码 and keeps what the cashier typed and picked; a payable the server no longer agrees with
 * brings a new quote. The server is `callCloud`, answered here as the points function would.
 */
import './checkout-store'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CheckoutQuote, CheckoutResult } from '../../cloudfunctions/shared/contract/checkout'
import type { StaffMemberView } from '../../cloudfunctions/shared/contract/member'
import { CheckoutForm } from '../../client/admin/components/till/CheckoutForm'
import type { Till } from '../../client/hooks/useTill'
import { callCloud, CloudError } from '../../client/services/cloud'
import { modals } from './support/taro'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

const QUOTE: CheckoutQuote = {
  memberName: '林晓雨',
  cardNo: '1006646713',
  tier: 'gold',
  tierName: '金卡',
  discountPercent: 5,
  pointsBalance: 5780,
  pointsPerCashYuan: 100,
  maxCashShare: 0.5,
  pointsPerPaidYuan: 1.5,
  coupons: [
    {
      id: 'manual:demo-member-gold:welcome10',
      code: 'JX8T2DEMQK',
      title: '¥10 代金券',
      kind: 'fixed',
      value: 1000,
      itemName: null,
      minSpendFen: 5000,
      validFrom: '2026-11-21T00:00:00.000Z',
      validUntil: '2027-01-30T15:59:59.999Z',
      status: 'available',
      source: 'manual',
      usedAt: null,
      usable: true,
      unusableReason: null,
    },
  ],
}

const RESULT: CheckoutResult = {
  orderNo: 'R-1',
  memberName: '林晓雨',
  cardNo: '1006646713',
  price: { amountFen: 30_000, tierDiscountFen: 1500, couponDiscountFen: 1000, maxPoints: 5700, pointsUsed: 2000, cashFen: 2000, payableFen: 25_500 },
  coupon: { code: 'JX8T2DEMQK', title: '¥10 代金券' },
  pointsEarned: 382,
  pointsBalance: 4162,
  duplicate: false,
  tierChange: null,
}

function tillWith(memberCode: string): Till {
  const member = { name: '林晓雨', cardNo: '1006646713', tier: 'gold', tierName: '金卡', pointsBalance: 5780, discountPercent: 5 } as StaffMemberView
  return { member, memberCode, scan: jest.fn(), scanning: false, clear: jest.fn(), setBalance: jest.fn(), redeemAtTill: jest.fn() } as unknown as Till
}

const refusal = (code: 'INVALID_INPUT' | 'CONFLICT', path: string, message: string) => new CloudError({ code, message, fields: [{ path, message }] })
const calls = (action: string) => server.mock.calls.filter(([, called]) => called === action)
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } })

async function pickTheUsual() {
  type('checkout-amount', '300')
  await screen.findByTestId('checkout-summary')
  fireEvent.click(screen.getByTestId('coupon-option'))
  type('points-input', '2000')
  await waitFor(() => expect(screen.getByTestId('checkout-submit').textContent).toBe('确认结账 ¥255.00'))
}

beforeEach(() => server.mockReset())

it('an expired code keeps the amount, the coupon and the points, and a rescan checks out what was shown', async () => {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'quote') return QUOTE
    throw refusal('INVALID_INPUT', 'memberCode', '会员码已过期，请让会员刷新')
  })
  const { rerender } = render(<CheckoutForm till={tillWith('code-1')} />)
  await pickTheUsual()
  fireEvent.click(screen.getByTestId('checkout-submit'))
  await screen.findByTestId('checkout-code-problem')
  expect(modals[0].content).toContain('应付 ¥255.00')
  expect(screen.getByTestId('checkout-code-problem').textContent).toContain('会员码已过期，请让会员刷新')
  expect((screen.getByTestId('checkout-amount') as HTMLInputElement).value).toBe('300')
  expect((screen.getByTestId('points-input') as HTMLInputElement).value).toBe('2000')
  expect(screen.getByTestId('checkout-submit').textContent).toBe('确认结账 ¥255.00')

  server.mockImplementation(async (_fn, action) => (action === 'quote' ? QUOTE : RESULT))
  rerender(<CheckoutForm till={tillWith('code-2')} />)
  await waitFor(() => expect(calls('quote').at(-1)?.[2]).toEqual({ memberCode: 'code-2', amount: 300 }))
  await waitFor(() => expect(screen.queryByTestId('checkout-code-problem')).toBeNull())
  fireEvent.click(screen.getByTestId('checkout-submit'))
  await screen.findByTestId('checkout-receipt')
  expect(calls('checkout').at(-1)?.[2]).toMatchObject({ memberCode: 'code-2', amount: 300, couponId: 'manual:demo-member-gold:welcome10', points: 2000, expectedPayable: 255 })
  expect(screen.getByTestId('receipt-earned').textContent).toBe('获得 +382 积分')
  expect(screen.getByTestId('receipt-balance').textContent).toBe('当前余额 4,162 积分')
})

it('a payable the server no longer agrees with asks for a new quote instead of charging it', async () => {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'quote') return QUOTE
    throw refusal('CONFLICT', 'expectedPayable', '应付金额已变为 ¥285.00，请重新确认')
  })
  render(<CheckoutForm till={tillWith('code-1')} />)
  await pickTheUsual()
  const quotesBefore = calls('quote').length
  fireEvent.click(screen.getByTestId('checkout-submit'))
  await waitFor(() => expect(calls('quote').length).toBe(quotesBefore + 1))
  expect(screen.queryByTestId('checkout-receipt')).toBeNull()
})

it('an order number another order has is said under 单号, with a new one offered', async () => {
  server.mockImplementation(async (_fn, action) => {
    if (action === 'quote') return QUOTE
    throw new CloudError({ code: 'IDEMPOTENCY_MISMATCH', message: '该单号已用于另一笔不同的操作' })
  })
  render(<CheckoutForm till={tillWith('code-1')} />)
  type('checkout-order', 'A001')
  await pickTheUsual()
  fireEvent.click(screen.getByTestId('checkout-submit'))
  await screen.findByTestId('checkout-order-renew')
  expect(screen.getByTestId('field-error').textContent).toBe('该单号已用于另一笔不同的操作')
  fireEvent.click(screen.getByTestId('checkout-order-renew'))
  expect((screen.getByTestId('checkout-order') as HTMLInputElement).value).toMatch(/^\d{8}-\d{6}-\d{2}$/)
  expect(screen.queryByTestId('checkout-order-renew')).toBeNull()
})
