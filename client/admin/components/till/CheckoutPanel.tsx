import type { CheckoutQuote } from '@contract/checkout'
import { Panel } from '../../../components/FormField'
import { readPoints } from '../../../hooks/useCheckout'
import { CheckoutSummary } from './CheckoutSummary'
import { CouponPicker } from './CouponPicker'
import { PointsField } from './PointsField'
import { priceSelection } from './checkoutSteps'

export interface CheckoutPanelProps {
  quote: CheckoutQuote
  amountFen: number
  couponId: string | null
  pointsText: string
  onPickCoupon: (couponId: string | null) => void
  onPoints: (text: string) => void
  /** The server's word on a field after a refused checkout, by path (couponId, points). */
  serverErrors?: Record<string, string>
}

/** What the quote offers this order and what the cashier picked, priced step by step on one screen. */
export function CheckoutPanel({ quote, amountFen, couponId, pointsText, onPickCoupon, onPoints, serverErrors = {} }: CheckoutPanelProps) {
  const typed = readPoints(pointsText)
  const priced = priceSelection(quote, { amountFen, couponId, points: typed.value })
  return (
    <>
      <Panel title='优惠券'>
        <CouponPicker coupons={quote.coupons} picked={priced.coupon?.id ?? null} onPick={onPickCoupon} error={serverErrors.couponId} />
      </Panel>
      <Panel title='积分抵扣'>
        <PointsField
          value={pointsText}
          onChange={onPoints}
          rate={quote.pointsPerCashYuan}
          maxPoints={priced.price.maxPoints}
          balance={quote.pointsBalance}
          error={typed.error ?? priced.pointsProblem ?? serverErrors.points ?? null}
        />
      </Panel>
      <Panel title='结算'>
        <CheckoutSummary quote={quote} priced={priced} />
      </Panel>
    </>
  )
}
