import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RedeemCouponResult } from '@contract/coupons'
import { patternProblem } from '@contract/fields'
import { formatCardNo, formatCode, formatPoints } from '@contract/format'
import type { ConfirmResult } from '@contract/rewards'
import { COUPON_CODE, ORDER_NO, REDEMPTION_CODE, normalizeCode } from '@contract/staffFields'
import { CouponCard } from '../../../components/CouponCard'
import { couponValue, minSpendText } from '../../../components/CouponCard/value'
import { useCouponRedeem } from '../../../hooks/useCouponRedeem'
import { asCloudError, describeError, useSubmit } from '../../../hooks/useSubmit'
import { scanMemberCode } from '../../../services/scan'
import { toast } from '../../validation'
import { ActionForm, ActionResult, ResultLine, TextField, useAction } from '../ActionForm'

/** Which code the cashier has: a reward's (8 characters) or a coupon's (10); the two alphabets are the same, the lengths are not. */
function codeKind(code: string): 'reward' | 'coupon' | null {
  if (REDEMPTION_CODE.pattern.test(code)) return 'reward'
  return COUPON_CODE.pattern.test(code) ? 'coupon' : null
}

const CODE_PROBLEM = `请输入 ${REDEMPTION_CODE.maxLength} 位兑换码或 ${COUPON_CODE.maxLength} 位券码`
const codeProblem = (code: string) => (codeKind(code) ? null : code ? CODE_PROBLEM : '请输入兑换码或券码')

/**
 * 核销: the code a member shows, scanned or typed. A coupon is looked up first (what it is, whose)
 * and applied once; a reward's code is handed over once. Each asks for confirmation first.
 */
export function CodeRedeemForm() {
  const codes = useCouponRedeem()
  const [codeText, setCodeText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [inspected, setInspected] = useState<RedeemCouponResult | null>(null)
  const [refusal, setRefusal] = useState<{ of: 'reward' | 'coupon'; message: string } | null>(null)
  const lookup = useSubmit()
  const coupon = useAction<RedeemCouponResult>()
  const reward = useAction<ConfirmResult>()
  const code = normalizeCode(codeText)
  const kind = codeKind(code)
  const orderError = orderNo.trim() ? patternProblem(orderNo, ORDER_NO) : null

  function startOver() {
    setInspected(null)
    setRefusal(null)
    coupon.clearResult()
    reward.clearResult()
  }

  async function submit(text = codeText) {
    const typed = normalizeCode(text)
    const problem = codeProblem(typed)
    if (problem) return toast(problem)
    startOver()
    if (codeKind(typed) === 'reward') {
      const content = `兑换码 ${formatCode(typed)}\n核销后请将礼品交给会员，每个兑换码只能核销一次`
      const handedOver = await reward.run({ title: '确认核销', content, confirmText: '核销' }, async () => {
        try {
          return await codes.confirmReward(typed)
        } catch (failure) {
          // 兑换码不存在, 该兑换码已核销 …: said where the cashier looks, not only in a toast.
          setRefusal({ of: 'reward', message: describeError(asCloudError(failure)) })
          throw failure
        }
      })
      if (handedOver) setCodeText('')
      return
    }
    const found = await lookup.run(() => codes.inspect(typed))
    if (found) setInspected(found)
  }

  async function scan() {
    const scanned = await scanMemberCode()
    if (!scanned) return
    setCodeText(scanned)
    await submit(scanned)
  }

  async function redeemCoupon() {
    if (!inspected) return
    if (orderError) return toast(orderError)
    setRefusal(null)
    const content = `「${inspected.title}」${couponValue(inspected)}\n${minSpendText(inspected.minSpendFen)}\n会员 ${inspected.memberName}`
    const done = await coupon.run({ title: '确认核销', content, confirmText: '核销' }, async () => {
      try {
        return await codes.redeem(inspected.code, orderNo.trim() || undefined)
      } catch (failure) {
        // The server says why (该券已被使用 when another till got there first, 该券已过期 …); show it and the coupon as it is now.
        setRefusal({ of: 'coupon', message: describeError(asCloudError(failure)) })
        void codes.inspect(inspected.code).then(setInspected, () => undefined)
        throw failure
      }
    })
    if (done) {
      setInspected(null)
      setCodeText('')
      setOrderNo('')
    }
  }

  const serverCodeError = lookup.fieldErrors.code ?? reward.fieldErrors.code
  return (
    <View data-testid='code-redeem'>
      <ActionForm
        secondary={
          <Button fill='outline' onClick={scan} data-testid='code-scan'>
            扫码
          </Button>
        }
        submitLabel={kind === 'reward' ? '核销兑换码' : '查询券码'}
        onSubmit={() => void submit()}
        busy={lookup.busy || reward.busy}
        testId='code-submit'
      >
        <TextField
          label='核销码'
          placeholder={`${REDEMPTION_CODE.maxLength} 位兑换码或 ${COUPON_CODE.maxLength} 位券码`}
          value={codeText}
          onChange={setCodeText}
          maxlength={COUPON_CODE.maxLength + 4}
          error={codeProblem(code)}
          serverError={serverCodeError}
          onConfirm={() => void submit()}
          code
          testId='code-input'
        />
      </ActionForm>
      {reward.result && (
        <ActionResult testId='reward-code-result' title={`「${reward.result.rewardName}」已核销`}>
          <ResultLine>
            会员 {reward.result.memberName} · {formatCardNo(reward.result.cardNo)}
          </ResultLine>
          <ResultLine>
            兑换码 {formatCode(reward.result.code)} · {formatPoints(reward.result.pointsSpent)} 积分
          </ResultLine>
        </ActionResult>
      )}
      {inspected && (
        <View data-testid='coupon-inspected'>
          <CouponCard coupon={inspected}>
            <Text className='coupon-card__dates'>
              会员 {inspected.memberName} · {formatCardNo(inspected.cardNo)}
            </Text>
          </CouponCard>
          {inspected.status === 'available' ? (
            <ActionForm submitLabel='确认核销' onSubmit={redeemCoupon} busy={coupon.busy} testId='coupon-redeem-submit'>
              <TextField
                label='单号'
                placeholder='选填，小票上的单号'
                value={orderNo}
                onChange={setOrderNo}
                maxlength={ORDER_NO.maxLength}
                error={orderError}
                serverError={coupon.fieldErrors.orderNo}
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
      {refusal && <ActionResult testId={refusal.of === 'reward' ? 'reward-code-refused' : 'coupon-refused'} warn={refusal.message} />}
      {coupon.result && (
        <ActionResult testId='coupon-result' title={`「${coupon.result.title}」已核销`} figure={couponValue(coupon.result)}>
          <ResultLine>
            {minSpendText(coupon.result.minSpendFen)} · 会员 {coupon.result.memberName} · {formatCardNo(coupon.result.cardNo)}
          </ResultLine>
        </ActionResult>
      )}
    </View>
  )
}
