import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RedeemCouponResult } from '@contract/coupons'
import { patternProblem } from '@contract/fields'
import { COUPON_CODE, ORDER_NO, normalizeCode } from '@contract/staffFields'
import { formatCardNo } from '@contract/format'
import { CouponCard } from '../../../components/CouponCard'
import { couponValue, minSpendText } from '../../../components/CouponCard/value'
import { useCouponRedeem } from '../../../hooks/useCouponRedeem'
import { asCloudError, describeError, useSubmit } from '../../../hooks/useSubmit'
import { scanMemberCode } from '../../../services/scan'
import { toast } from '../../validation'
import { ActionForm, ActionResult, CodeField, ResultLine, TextField, useAction } from '../ActionForm'

const codeError = (text: string) => patternProblem(normalizeCode(text), COUPON_CODE)

/** 核销优惠券: scan or type the member's coupon code, check what it is and whose, then apply it once. */
export function CouponRedeemForm() {
  const coupons = useCouponRedeem()
  const [codeText, setCodeText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [inspected, setInspected] = useState<RedeemCouponResult | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const lookup = useSubmit()
  const action = useAction<RedeemCouponResult>()
  const orderError = orderNo.trim() ? patternProblem(orderNo, ORDER_NO) : null

  async function inspect(text = codeText) {
    const problem = codeError(text)
    if (problem) return toast(problem)
    setInspected(null)
    setRefusal(null)
    action.clearResult()
    const found = await lookup.run(() => coupons.inspect(normalizeCode(text)))
    if (found) setInspected(found)
  }

  async function scan() {
    const scanned = await scanMemberCode()
    if (!scanned) return
    setCodeText(scanned)
    await inspect(scanned)
  }

  async function redeem() {
    if (!inspected) return
    if (orderError) return toast(orderError)
    setRefusal(null)
    const content = `「${inspected.title}」${couponValue(inspected)}\n${minSpendText(inspected.minSpendFen)}\n会员 ${inspected.memberName}`
    const done = await action.run({ title: '确认核销', content, confirmText: '核销' }, async () => {
      try {
        return await coupons.redeem(inspected.code, orderNo.trim() || undefined)
      } catch (failure) {
        // The server says why (该券已被使用 when another till got there first, 该券已过期 …); show it and the coupon as it is now.
        setRefusal(describeError(asCloudError(failure)))
        void coupons.inspect(inspected.code).then(setInspected, () => undefined)
        throw failure
      }
    })
    if (done) {
      setInspected(null)
      setCodeText('')
      setOrderNo('')
    }
  }

  const redeemed = action.result
  return (
    <View data-testid='coupon-redeem'>
      <ActionForm
        title='核销优惠券'
        secondary={
          <Button fill='outline' onClick={scan} data-testid='coupon-scan'>
            扫码
          </Button>
        }
        submitLabel='查询'
        onSubmit={() => void inspect()}
        busy={lookup.busy}
        testId='coupon-inspect'
      >
        <CodeField
          label='券码'
          rule={COUPON_CODE}
          value={codeText}
          onChange={setCodeText}
          error={codeError(codeText)}
          serverError={lookup.fieldErrors.code}
          onConfirm={() => void inspect()}
          testId='coupon-code-input'
        />
      </ActionForm>
      {inspected && (
        <View data-testid='coupon-inspected'>
          <CouponCard coupon={inspected}>
            <Text className='coupon-card__dates'>
              会员 {inspected.memberName} · {formatCardNo(inspected.cardNo)}
            </Text>
          </CouponCard>
          {inspected.status === 'available' ? (
            <ActionForm submitLabel='确认核销' onSubmit={redeem} busy={action.busy} testId='coupon-redeem-submit'>
              <TextField
                label='单号'
                placeholder='选填，小票上的单号'
                value={orderNo}
                onChange={setOrderNo}
                maxlength={ORDER_NO.maxLength}
                error={orderError}
                serverError={action.fieldErrors.orderNo}
                testId='coupon-order'
              />
            </ActionForm>
          ) : (
            <Text className='admin-hint' data-testid='coupon-unusable'>
              {inspected.status === 'used' ? '该券已被使用' : '该券已过期，不能核销'}
            </Text>
          )}
        </View>
      )}
      {refusal && <ActionResult testId='coupon-refused' warn={refusal} />}
      {redeemed && (
        <ActionResult testId='coupon-result' title={`「${redeemed.title}」已核销`} figure={couponValue(redeemed)}>
          <ResultLine>
            {minSpendText(redeemed.minSpendFen)} · 会员 {redeemed.memberName} · {formatCardNo(redeemed.cardNo)}
          </ResultLine>
        </ActionResult>
      )}
    </View>
  )
}
