import { Input } from '@tarojs/components'
import { typedRange } from '@contract/fields'
import { EXPIRY_MONTHS, MAX_CASH_SHARE, POINTS_PER_CASH_YUAN, POINTS_PER_YUAN } from '@contract/rulesFields'
import { FormField, Panel } from '../../../components/FormField'
import type { RulesForm } from './draftForm'

type PointsForm = RulesForm['points']

/** The points rules: earning, paying with points, expiry. */
export function PointsFields({ points, errorAt, onChange }: { points: PointsForm; errorAt: (path: string) => string | undefined; onChange: (patch: Partial<PointsForm>) => void }) {
  return (
    <Panel title='积分规则'>
      <FormField label='每消费 ¥1 得' error={errorAt('points.pointsPerYuan')}>
        <Input
          className='admin-input'
          type='digit'
          placeholder={`积分，${typedRange(POINTS_PER_YUAN)}`}
          value={points.pointsPerYuan}
          onInput={(event) => onChange({ pointsPerYuan: event.detail.value })}
          data-testid='rules-points-per-yuan'
        />
      </FormField>
      <FormField label='抵 ¥1 需' error={errorAt('points.pointsPerCashYuan')}>
        <Input
          className='admin-input'
          type='number'
          placeholder={`积分，${typedRange(POINTS_PER_CASH_YUAN)}`}
          value={points.pointsPerCashYuan}
          onInput={(event) => onChange({ pointsPerCashYuan: event.detail.value })}
        />
      </FormField>
      <FormField label='最多抵扣（%）' error={errorAt('points.maxCashShare')}>
        <Input
          className='admin-input'
          type='digit'
          placeholder={`订单金额的百分比，${typedRange(MAX_CASH_SHARE)}`}
          value={points.maxCashSharePercent}
          onInput={(event) => onChange({ maxCashSharePercent: event.detail.value })}
        />
      </FormField>
      <FormField label='有效期（月）' error={errorAt('points.expiryMonths')}>
        <Input className='admin-input' type='number' placeholder={typedRange(EXPIRY_MONTHS)} value={points.expiryMonths} onInput={(event) => onChange({ expiryMonths: event.detail.value })} />
      </FormField>
    </Panel>
  )
}
