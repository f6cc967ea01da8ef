import { View, Text } from '@tarojs/components'
import type { CheckoutQuote } from '@contract/checkout'
import { quotedSteps, type PricedSelection } from './checkoutSteps'
import './till.scss'

/** 原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付, and what 应付 earns: what the member will be charged, before the cashier confirms. */
export function CheckoutSummary({ quote, priced }: { quote: CheckoutQuote; priced: PricedSelection }) {
  return (
    <View className='checkout-summary' data-testid='checkout-summary'>
      {quotedSteps(quote, priced).map((step) => (
        <View key={step.key} className={`checkout-summary__step checkout-summary__step--${step.key}`} data-testid={`checkout-step-${step.key}`}>
          <Text className='checkout-summary__label'>{step.label}</Text>
          {step.detail && <Text className='checkout-summary__detail'>{step.detail}</Text>}
          <Text className='checkout-summary__figure'>{step.figure}</Text>
        </View>
      ))}
      <Text className='checkout-summary__earn' data-testid='checkout-earn-rate'>
        实付每 ¥1 得 {quote.pointsPerPaidYuan} 积分
      </Text>
    </View>
  )
}
