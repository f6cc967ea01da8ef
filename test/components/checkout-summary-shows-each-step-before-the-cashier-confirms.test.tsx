/**
 * What the cashier sees at 结账 for a given quote and selection, before anything is confirmed: the
 * member's coupons (the unusable ones greyed with the server's reason), the most points this order
 * may take, and 原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付 as the points function will record it.
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import type { CheckoutQuote, QuotedCoupon } from '../../cloudfunctions/shared/contract/checkout'
import { CheckoutPanel, type CheckoutPanelProps } from '../../client/admin/components/till/CheckoutPanel'

function coupon(overrides: Partial<QuotedCoupon>): QuotedCoupon {
  return {
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
    ...overrides,
  }
}

/** 林晓雨 as the quote for ¥300 has her: gold, 5 % off, 5,780 points, the default points rule. */
const QUOTE: CheckoutQuote = {
  memberName: '林晓雨',
  cardNo: '8000000017',
  tier: 'gold',
  tierName: '金卡',
  discountPercent: 5,
  pointsBalance: 5780,
  pointsPerCashYuan: 100,
  maxCashShare: 0.5,
  pointsPerPaidYuan: 1.5,
  coupons: [coupon({}), coupon({ id: 'manual:demo-member-gold:big', code: 'PT5EXQ8MCA', title: '满500减50', value: 5000, minSpendFen: 50_000, usable: false, unusableReason: '满¥500可用' })],
}

function show(selection: Partial<CheckoutPanelProps> = {}) {
  const props: CheckoutPanelProps = { quote: QUOTE, amountFen: 30_000, couponId: null, pointsText: '', onPickCoupon: jest.fn(), onPoints: jest.fn(), ...selection }
  render(<CheckoutPanel {...props} />)
  return props
}

/** Each step as one line: `会员折扣 金卡 9.5折 -¥15.00`. */
function steps(): string[] {
  return ['amount', 'tier', 'coupon', 'points', 'payable'].map((key) =>
    Array.from(screen.getByTestId(`checkout-step-${key}`).children)
      .map((part) => part.textContent)
      .join(' '),
  )
}

describe('the checkout summary', () => {
  it('prices ¥300 with 5 % off, the ¥10 coupon and 2,000 points step by step', () => {
    show({ couponId: 'manual:demo-member-gold:welcome10', pointsText: '2000' })
    expect(steps()).toEqual(['原价 ¥300.00', '会员折扣 金卡 9.5折 -¥15.00', '优惠券 ¥10 代金券 -¥10.00', '积分抵扣 2,000 积分 -¥20.00', '应付 ¥255.00'])
    expect(screen.getByTestId('checkout-earn-rate').textContent).toBe('实付每 ¥1 得 1.5 积分')
  })

  it('with nothing picked shows only the tier discount, and says so', () => {
    show()
    expect(steps()).toEqual(['原价 ¥300.00', '会员折扣 金卡 9.5折 -¥15.00', '优惠券 未使用 —', '积分抵扣 未使用 —', '应付 ¥285.00'])
  })

  it('shows the points cap before anything is confirmed: the balance, in whole yuan, under half of what is left', () => {
    const props = show({ couponId: 'manual:demo-member-gold:welcome10' })
    expect(screen.getByTestId('points-max').textContent).toBe('最多 5,700 积分，抵 ¥57 · 100 积分抵 ¥1 · 余额 5,780')
    fireEvent.click(screen.getByTestId('points-all'))
    expect(props.onPoints).toHaveBeenCalledWith('5700')
  })

  it('caps by the rule when the balance is larger: half of ¥105 after discount and coupon', () => {
    show({ quote: { ...QUOTE, pointsBalance: 100_000 }, amountFen: 12_105, couponId: 'manual:demo-member-gold:welcome10' })
    // ¥121.05 − 5 % (¥6.05) − ¥10 = ¥105.00; half is ¥52.50, and points pay whole yuan: ¥52.
    expect(screen.getByTestId('points-max').textContent).toMatch(/^最多 5,200 积分，抵 ¥52 /)
  })

  it.each([
    ['6000', '积分不足：可用 5,780 积分'],
    ['150', '积分抵扣须为 100 的整数倍'],
    ['1.5', '使用积分须为 1–100,000,000 的整数'],
  ])('refuses %s points in the contract’s words and prices without them', (typed, message) => {
    show({ couponId: 'manual:demo-member-gold:welcome10', pointsText: typed })
    expect(screen.getByTestId('points-error').textContent).toBe(message)
    expect(steps().slice(3)).toEqual(['积分抵扣 未使用 —', '应付 ¥275.00'])
  })

  it('greys a coupon this order cannot use, with the server’s reason, and will not pick it', () => {
    const props = show()
    const [usable, unusable] = screen.getAllByTestId('coupon-option')
    expect(within(unusable).getByTestId('coupon-option-reason').textContent).toBe('满¥500可用 · 至 2027年1月30日')
    expect(unusable.className).toContain('coupon-picker__row--off')
    expect(usable.className).not.toContain('coupon-picker__row--off')
    fireEvent.click(unusable)
    expect(props.onPickCoupon).not.toHaveBeenCalled()
    fireEvent.click(usable)
    expect(props.onPickCoupon).toHaveBeenCalledWith('manual:demo-member-gold:welcome10')
  })

  it('prices without a coupon the quote no longer offers', () => {
    show({ couponId: 'manual:demo-member-gold:big', pointsText: '2000' })
    expect(steps()[2]).toBe('优惠券 未使用 —')
    expect(screen.getByTestId('coupon-option-none').className).toContain('coupon-picker__row--on')
  })
})
