import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CheckoutResult } from '@contract/checkout'
import { ERROR_MESSAGES } from '@contract/errors'
import { patternProblem } from '@contract/fields'
import { formatFen } from '@contract/format'
import { AMOUNT, ORDER_NO } from '@contract/staffFields'
import { FormField, Panel } from '../../../components/FormField'
import { readPoints, useCheckout } from '../../../hooks/useCheckout'
import { asCloudError } from '../../../hooks/useSubmit'
import type { Till } from '../../../hooks/useTill'
import { toast } from '../../validation'
import { AmountField, TextField, useAction } from '../ActionForm'
import { CheckoutPanel } from './CheckoutPanel'
import { CheckoutReceipt } from './CheckoutReceipt'
import { useShopCategories } from '../../hooks/useShopCategories'
import { OrderItems, readItems, type ItemDraft } from './OrderItems'
import { newOrderNo, priceSelection, quotedSteps, stepLine } from './checkoutSteps'
import './till.scss'

/**
 * 结账: the amount, then on one screen the tier discount, the member's coupons and the points the
 * rule allows, priced step by step; one confirm records it all as one order. The result replaces
 * the form until 下一位.
 */
export function CheckoutForm({ till }: { till: Till }) {
  const [amountText, setAmountText] = useState('')
  const [orderNo, setOrderNo] = useState(() => newOrderNo(new Date()))
  const [couponId, setCouponId] = useState<string | null>(null)
  const [pointsText, setPointsText] = useState('')
  /** A number the server says another order already has: a receipt typed twice, or a till's number reused. */
  const [takenOrderNo, setTakenOrderNo] = useState<string | null>(null)
  const [itemDrafts, setItemDrafts] = useState<ItemDraft[]>([])
  const listed = itemDrafts.length > 0
  // The shop's categories are asked for once the first line is added: a checkout without lines calls nothing more.
  const categories = useShopCategories(listed)
  const items = readItems(itemDrafts, categories.status === 'ready' ? categories.names : [])
  // With lines listed, the order's amount is their total: the server refuses lines that do not add up.
  const checkout = useCheckout(till, listed ? (items.totalFen === null ? '' : (items.totalFen / 100).toFixed(2)) : amountText)
  const action = useAction<CheckoutResult>()
  const { quote, amountFen } = checkout
  const orderError = patternProblem(orderNo, ORDER_NO)
  const typedPoints = readPoints(pointsText)
  const priced = quote && amountFen !== null ? priceSelection(quote, { amountFen, couponId, points: typedPoints.value }) : null

  async function confirm() {
    const problem = orderError ?? (listed ? items.error : null) ?? checkout.amount.error ?? checkout.codeProblem ?? typedPoints.error ?? priced?.pointsProblem ?? null
    if (problem !== null) return toast(problem)
    if (!quote || !priced || checkout.amount.value === null) return toast(checkout.quoting ? '正在计算优惠，请稍候' : AMOUNT.empty)
    const content = `${quote.memberName} · 单号 ${orderNo.trim()}\n${quotedSteps(quote, priced).map(stepLine).join('\n')}`
    await action.run({ title: '确认结账', content, confirmText: '确认收款' }, async () => {
      try {
        return await checkout.checkout({
          orderNo: orderNo.trim(),
          amount: checkout.amount.value!,
          couponId: priced.coupon?.id ?? null,
          points: priced.price.pointsUsed,
          expectedPayableFen: priced.price.payableFen,
          items: listed && items.lines ? items.lines : undefined,
        })
      } catch (failure) {
        const error = asCloudError(failure)
        if (error.code === 'IDEMPOTENCY_MISMATCH') setTakenOrderNo(orderNo.trim())
        // A category the shop no longer keeps: the list changed since it was loaded, so load it again.
        if (error.code === 'INVALID_INPUT' && error.fields?.some((field) => field.path === 'items') && 'retry' in categories) categories.retry()
        throw failure
      }
    })
  }

  function newOrder() {
    setAmountText('')
    setOrderNo(newOrderNo(new Date()))
    setCouponId(null)
    setPointsText('')
    setItemDrafts([])
    action.clearResult()
  }

  if (action.result)
    return (
      <CheckoutReceipt
        result={action.result}
        onAgain={newOrder}
        onNext={() => {
          newOrder()
          till.clear()
        }}
      />
    )
  return (
    <View data-testid='checkout'>
      {checkout.codeProblem && (
        <View className='till-alert' data-testid='checkout-code-problem'>
          <Text className='till-alert__text'>{checkout.codeProblem}，已填写的内容会保留</Text>
          <Button size='small' type='primary' loading={till.scanning} onClick={till.scan} data-testid='checkout-rescan'>
            重新扫码
          </Button>
        </View>
      )}
      <Panel title='订单'>
        {listed ? (
          <FormField label='消费金额'>
            <Text className='order-items__amount' data-testid='checkout-amount-total'>
              {items.totalFen === null ? '—' : formatFen(items.totalFen)}（按商品明细合计）
            </Text>
          </FormField>
        ) : (
          <AmountField label='消费金额' value={amountText} onChange={setAmountText} error={checkout.amount.error} serverError={action.fieldErrors.amount} testId='checkout-amount' />
        )}
        <TextField
          label='单号'
          placeholder='小票上的单号'
          value={orderNo}
          onChange={setOrderNo}
          maxlength={ORDER_NO.maxLength}
          error={orderError}
          serverError={takenOrderNo === orderNo.trim() ? ERROR_MESSAGES.IDEMPOTENCY_MISMATCH : action.fieldErrors.orderNo}
          code
          testId='checkout-order'
        />
        {takenOrderNo === orderNo.trim() && (
          <Button size='small' fill='outline' onClick={() => setOrderNo(newOrderNo(new Date()))} data-testid='checkout-order-renew'>
            换一个单号
          </Button>
        )}
        <OrderItems drafts={itemDrafts} onChange={setItemDrafts} serverError={itemsError(action.fieldErrors)} categories={categories} />
      </Panel>
      {quote && amountFen !== null ? (
        <CheckoutPanel quote={quote} amountFen={amountFen} couponId={couponId} pointsText={pointsText} onPickCoupon={setCouponId} onPoints={setPointsText} serverErrors={action.fieldErrors} />
      ) : (
        <Text className='admin-hint' data-testid='checkout-waiting'>
          {checkout.quoteError ?? (checkout.quoting ? '正在计算会员优惠…' : `${checkout.codeProblem ? '重新扫码' : '输入消费金额'}后，显示会员折扣、可用优惠券和积分抵扣`)}
        </Text>
      )}
      <View className='admin-actions'>
        <Button type='primary' block loading={action.busy} disabled={action.busy || !priced} onClick={confirm} data-testid='checkout-submit'>
          {priced ? `确认结账 ${formatFen(priced.price.payableFen)}` : '确认结账'}
        </Button>
      </View>
    </View>
  )
}

/** The server names a line's field (`items.2.name`) or the lines as a whole (`items`). */
function itemsError(fieldErrors: Record<string, string>): string | undefined {
  const path = Object.keys(fieldErrors).find((key) => key === 'items' || key.startsWith('items.'))
  if (!path) return undefined
  const line = /^items\.(\d+)/.exec(path)
  return line ? `第 ${Number(line[1]) + 1} 行：${fieldErrors[path]}` : fieldErrors[path]
}
