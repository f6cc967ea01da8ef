import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RedeemCouponResult } from '@contract/coupons'
import { formatCardNo } from '@contract/format'
import { CouponCard } from '../../../components/CouponCard'
import { couponValue, minSpendText } from '../../../components/CouponCard/value'
import { FormField, Panel } from '../../../components/FormField'
import { COUPON_CODE, normalizeCouponCode, useCouponRedeem } from '../../../hooks/useCouponRedeem'
import { asCloudError, describeError, useSubmit } from '../../../hooks/useSubmit'
import { scanMemberCode } from '../../../services/scan'
import { confirmDialog, orderNoError, shownError, toast } from '../../validation'


function codeError(code: string): string | null {
  if (!code) return '请输入券码'
  return COUPON_CODE.test(code) ? null : '券码应为 10 位字母数字'
}

/** 核销优惠券: scan or type the member's coupon code, check what it is and whose, then apply it once. */
export function CouponRedeemForm() {
  const coupons = useCouponRedeem()
  const [codeText, setCodeText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [inspected, setInspected] = useState<RedeemCouponResult | null>(null)
  const [redeemed, setRedeemed] = useState<RedeemCouponResult | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const lookup = useSubmit()
  const submit = useSubmit()
  const code = normalizeCouponCode(codeText)
  const error = codeError(code)
  const orderError = orderNo.trim() ? orderNoError(orderNo) : null

  async function inspect(text = codeText) {
    const normalized = normalizeCouponCode(text)
    const problem = codeError(normalized)
    if (problem) return toast(problem)
    setInspected(null)
    setRedeemed(null)
    setRefusal(null)
    const found = await lookup.run(() => coupons.inspect(normalized))
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
    if (!(await confirmDialog('确认核销', `「${inspected.title}」${couponValue(inspected)}\n${minSpendText(inspected.minSpendFen)}\n会员 ${inspected.memberName}`, '核销'))) return
    setRefusal(null)
    const done = await submit.run(async () => {
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
      setRedeemed(done)
      setInspected(null)
      setCodeText('')
      setOrderNo('')
    }
  }

  return (
    <View data-testid='coupon-redeem'>
      <Panel title='核销优惠券'>
        <FormField label='券码' error={shownError(codeText, error) ?? lookup.fieldErrors.code}>
          <Input className='admin-input redemption-lookup__code' placeholder='10 位券码' value={codeText} maxlength={14} onInput={(event) => setCodeText(event.detail.value)} onConfirm={() => void inspect()} data-testid='coupon-code-input' />
        </FormField>
      </Panel>
      <View className='admin-actions'>
        <Button fill='outline' onClick={scan} data-testid='coupon-scan'>
          扫码
        </Button>
        <Button type='primary' loading={lookup.busy} disabled={lookup.busy} onClick={() => void inspect()} data-testid='coupon-inspect'>
          查询
        </Button>
      </View>
      {inspected && (
        <View data-testid='coupon-inspected'>
          <CouponCard coupon={inspected}>
            <Text className='coupon-card__dates'>
              会员 {inspected.memberName} · {formatCardNo(inspected.cardNo)}
            </Text>
          </CouponCard>
          {inspected.status === 'available' ? (
            <>
              <Panel>
                <FormField label='单号' error={shownError(orderNo, orderError) ?? submit.fieldErrors.orderNo}>
                  <Input className='admin-input' placeholder='选填，小票上的单号' value={orderNo} maxlength={32} onInput={(event) => setOrderNo(event.detail.value)} data-testid='coupon-order' />
                </FormField>
              </Panel>
              <View className='admin-actions'>
                <Button type='primary' block onClick={redeem} loading={submit.busy} disabled={submit.busy} data-testid='coupon-redeem-submit'>
                  确认核销
                </Button>
              </View>
            </>
          ) : (
            <Text className='admin-hint' data-testid='coupon-unusable'>
              {inspected.status === 'used' ? '该券已被使用' : '该券已过期，不能核销'}
            </Text>
          )}
        </View>
      )}
      {refusal && (
        <View className='admin-result' data-testid='coupon-refused'>
          <Text className='admin-result__warn'>{refusal}</Text>
        </View>
      )}
      {redeemed && (
        <View className='admin-result' data-testid='coupon-result'>
          <Text className='admin-result__title'>「{redeemed.title}」已核销</Text>
          <Text className='admin-result__big'>{couponValue(redeemed)}</Text>
          <Text className='admin-result__line'>
            {minSpendText(redeemed.minSpendFen)} · 会员 {redeemed.memberName} · {formatCardNo(redeemed.cardNo)}
          </Text>
        </View>
      )}
    </View>
  )
}
