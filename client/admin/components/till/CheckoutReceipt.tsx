import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CheckoutResult } from '@contract/checkout'
import { formatCardNo, formatFen, formatPoints, formatSignedPoints } from '@contract/format'
import { ActionResult, ResultLine } from '../ActionForm'
import { checkoutSteps, stepLine } from './checkoutSteps'
import './till.scss'

/**
 * What the checkout recorded: the steps as the server priced them, the points earned, the new
 * balance, any upgrade. 下一位 starts over with nobody scanned; another order for the same member
 * keeps their code (while it lasts).
 */
export function CheckoutReceipt({ result, onAgain, onNext }: { result: CheckoutResult; onAgain: () => void; onNext: () => void }) {
  const { price } = result
  // The tier's discount is in the figures; the coupon is named as the server applied it.
  const steps = checkoutSteps(price, { tier: null, coupon: result.coupon && { title: result.coupon.title, goods: price.couponDiscountFen === 0 } })
  return (
    <View data-testid='checkout-result'>
      <ActionResult testId='checkout-receipt' warn={result.duplicate && '该单号已记录，以下为原记录结果'} title='已收款' figure={formatFen(price.payableFen)}>
        <Text className='admin-result__line till-order-no' data-testid='receipt-order-no'>
          单号 {result.orderNo}
        </Text>
        <ResultLine>
          {result.memberName} · {formatCardNo(result.cardNo)}
        </ResultLine>
        {steps.map((step) => (
          <ResultLine key={step.key} testId={`receipt-step-${step.key}`}>
            {stepLine(step)}
          </ResultLine>
        ))}
        <ResultLine testId='receipt-earned'>获得 {formatSignedPoints(result.pointsEarned)} 积分</ResultLine>
        <ResultLine testId='receipt-balance'>当前余额 {formatPoints(result.pointsBalance)} 积分</ResultLine>
        {result.tierChange && (
          <ResultLine warn testId='receipt-tier-change'>
            会员升级为{result.tierChange.toName}
          </ResultLine>
        )}
      </ActionResult>
      <View className='admin-actions'>
        <Button fill='outline' onClick={onAgain} data-testid='checkout-again'>
          该会员再结一单
        </Button>
        <Button type='primary' onClick={onNext} data-testid='checkout-next'>
          下一位
        </Button>
      </View>
    </View>
  )
}
