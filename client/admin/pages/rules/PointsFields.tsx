import { typedRange } from '@contract/fields'
import { EXPIRY_MONTHS, MAX_CASH_SHARE, POINTS_PER_CASH_YUAN, POINTS_PER_YUAN } from '@contract/rulesFields'
import { FormField, Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { Chips } from '../../components/Chips'
import { fieldAnchor, type RulesForm } from './draftForm'

type PointsForm = RulesForm['points']

const RETURN_COUPON = [
  { key: true, label: '退回' },
  { key: false, label: '不退' },
]

interface PointsFieldsProps {
  points: PointsForm
  errorAt: (path: string) => string | undefined
  attempted: boolean
  onChange: (patch: Partial<PointsForm>) => void
}

/** The points rules: earning, paying with points, expiry. */
export function PointsFields({ points, errorAt, attempted, onChange }: PointsFieldsProps) {
  const field = (path: string) => ({ id: fieldAnchor(`points.${path}`), serverError: errorAt(`points.${path}`), attempted })
  return (
    <Panel title='积分规则'>
      <NumberField
        label='每消费 ¥1 得'
        rule={POINTS_PER_YUAN}
        placeholder={`积分，${typedRange(POINTS_PER_YUAN)}`}
        value={points.pointsPerYuan}
        onChange={(pointsPerYuan) => onChange({ pointsPerYuan })}
        testId='rules-points-per-yuan'
        {...field('pointsPerYuan')}
      />
      <NumberField
        label='抵 ¥1 需'
        rule={POINTS_PER_CASH_YUAN}
        placeholder={`积分，${typedRange(POINTS_PER_CASH_YUAN)}`}
        value={points.pointsPerCashYuan}
        onChange={(pointsPerCashYuan) => onChange({ pointsPerCashYuan })}
        {...field('pointsPerCashYuan')}
      />
      <NumberField
        label='最多抵扣（%）'
        rule={MAX_CASH_SHARE}
        placeholder={`订单金额的百分比，${typedRange(MAX_CASH_SHARE)}`}
        value={points.maxCashSharePercent}
        onChange={(maxCashSharePercent) => onChange({ maxCashSharePercent })}
        {...field('maxCashShare')}
      />
      <NumberField label='有效期（月）' rule={EXPIRY_MONTHS} value={points.expiryMonths} onChange={(expiryMonths) => onChange({ expiryMonths })} {...field('expiryMonths')} />
      <FormField label='整单退款时优惠券'>
        <Chips options={RETURN_COUPON} value={points.returnCouponOnRefund} onChange={(returnCouponOnRefund) => onChange({ returnCouponOnRefund })} testId='rules-return-coupon' />
      </FormField>
    </Panel>
  )
}
