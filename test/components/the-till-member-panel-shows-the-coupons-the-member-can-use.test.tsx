/**
 * At the till, once the member's code is scanned, their panel lists the coupons they can use now
 * (coupons.memberCoupons with that code), three at most and how many more, so the cashier can
 * mention them before typing the amount; after a checkout (a new balance) the list is read again.
 */
import { render, screen, waitFor } from '@testing-library/react'
import type { Coupon } from '../../cloudfunctions/shared/contract/coupons'
import { TillCoupons } from '../../client/admin/components/till/TillCoupons'
import { callCloud, CloudError } from '../../client/services/cloud'

jest.mock('../../client/services/cloud', () => ({ ...jest.requireActual('../../client/services/cloud'), callCloud: jest.fn() }))
const server = callCloud as jest.MockedFunction<(fn: string, action: string, payload: Record<string, unknown>) => Promise<unknown>>

function coupon(code: string, overrides: Partial<Coupon> = {}): Coupon {
  return {
    code,
    title: '¥10 代金券',
    kind: 'fixed',
    value: 1000,
    itemName: null,
    minSpendFen: 5000,
    validFrom: '2026-11-01T00:00:00.000Z',
    validUntil: '2026-12-31T15:59:59.000Z',
    status: 'available',
    source: 'birthday',
    usedAt: null,
    ...overrides,
  }
}

beforeEach(() => server.mockReset())

it('lists the usable coupons read with the scanned code, three and how many more, and reads again after a checkout', async () => {
  server.mockResolvedValue([coupon('A'), coupon('B', { kind: 'percent', value: 20, title: '8折 会员折扣券', minSpendFen: 0 }), coupon('C'), coupon('D')])
  const { rerender } = render(<TillCoupons memberCode='HYM1.code' after={5780} />)
  expect((await screen.findByTestId('till-coupons')).textContent).toContain('可用优惠券 4 张')
  const lines = screen.getAllByTestId('till-coupon').map((line) => line.textContent)
  expect(lines).toHaveLength(3)
  expect(lines[0]).toBe('¥10 代金券 · 满 ¥50 可用 · 至 2026年12月31日')
  expect(lines[1]).toBe('8折 会员折扣券 · 无门槛 · 至 2026年12月31日')
  expect(screen.getByText('还有 1 张，结账时可选')).toBeTruthy()
  expect(server).toHaveBeenCalledWith('coupons', 'memberCoupons', { memberCode: 'HYM1.code' })

  server.mockResolvedValue([coupon('B')])
  rerender(<TillCoupons memberCode='HYM1.code' after={5900} />)
  await waitFor(() => expect(screen.getByTestId('till-coupons').textContent).toContain('可用优惠券 1 张'))
  expect(server).toHaveBeenCalledTimes(2)
})

it('says when there are none, and when they could not be read', async () => {
  server.mockResolvedValueOnce([])
  const { unmount } = render(<TillCoupons memberCode='HYM1.code' after={0} />)
  expect((await screen.findByTestId('till-coupons')).textContent).toBe('暂无可用优惠券')
  unmount()
  server.mockRejectedValueOnce(new CloudError({ code: 'NOT_MEMBER', message: '该会员已注销' }))
  render(<TillCoupons memberCode='HYM1.code' after={0} />)
  expect((await screen.findByTestId('till-coupons-error')).textContent).toContain('该会员已注销')
})
