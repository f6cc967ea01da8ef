import { View, Input } from '@tarojs/components'
import type { CouponKind } from '@contract/coupons'
import { textProblem, typedRange } from '@contract/fields'
import { COUPON_ITEM_NAME, COUPON_MIN_SPEND, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE } from '@contract/rulesFields'
import { formatDiscount } from '@contract/format'
import { FormField } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { ChoiceChips } from './ChoiceChips'
import type { CouponForm } from './resolveForm'
import './ticket.scss'

const KINDS: { key: CouponKind; label: string }[] = [
  { key: 'fixed', label: '代金券' },
  { key: 'percent', label: '折扣券' },
  { key: 'item', label: '赠品券' },
]
const AT = 'compensation.coupon'

interface CouponFieldsProps {
  coupon: CouponForm
  onChange: (patch: Partial<CouponForm>) => void
  /** The form's own problem at a payload path, else the server's. */
  errorAt: (path: string) => string | undefined
  attempted: boolean
}

/** A compensation coupon, with the same fields and rules as the birthday coupon in the tier rules. */
export function CouponFields({ coupon, onChange, errorAt, attempted }: CouponFieldsProps) {
  const textError = (text: string, problem: string | null, path: string) => ((attempted || text.trim()) && problem) || errorAt(path)
  return (
    <View data-testid='resolve-coupon'>
      <FormField label='券名称' error={textError(coupon.title, textProblem(coupon.title, COUPON_TITLE), `${AT}.title`)}>
        <Input
          className='admin-input'
          maxlength={-1}
          placeholder={`最多 ${COUPON_TITLE.max} 个字`}
          value={coupon.title}
          onInput={(event) => onChange({ title: event.detail.value })}
          data-testid='resolve-coupon-title'
        />
      </FormField>
      <FormField label='类型'>
        <ChoiceChips options={KINDS} value={coupon.kind} onChange={(kind) => onChange({ kind })} testId='resolve-coupon-kind' />
      </FormField>
      {coupon.kind === 'item' ? (
        <FormField label='赠品' error={textError(coupon.itemName, textProblem(coupon.itemName, COUPON_ITEM_NAME), `${AT}.itemName`)}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder='如 招牌甜品一份'
            value={coupon.itemName}
            onInput={(event) => onChange({ itemName: event.detail.value })}
            data-testid='resolve-coupon-item'
          />
        </FormField>
      ) : (
        <NumberField
          key={coupon.kind}
          label={coupon.kind === 'fixed' ? '减免（元）' : '折扣（%）'}
          rule={COUPON_VALUE[coupon.kind]}
          placeholder={coupon.kind === 'fixed' ? '如 20' : `${typedRange(COUPON_VALUE.percent)}，20 即 ${formatDiscount(20)}`}
          value={coupon.value}
          onChange={(value) => onChange({ value })}
          serverError={errorAt(`${AT}.value`)}
          attempted={attempted}
          testId='resolve-coupon-value'
        />
      )}
      <NumberField
        label='门槛（元）'
        rule={COUPON_MIN_SPEND}
        placeholder='满多少元可用，0 即无门槛'
        value={coupon.minSpendYuan}
        onChange={(minSpendYuan) => onChange({ minSpendYuan })}
        serverError={errorAt(`${AT}.minSpendFen`)}
        attempted={attempted}
        testId='resolve-coupon-min-spend'
      />
      <NumberField
        label='有效天数'
        rule={COUPON_VALID_DAYS}
        value={coupon.validDays}
        onChange={(validDays) => onChange({ validDays })}
        serverError={errorAt(`${AT}.validDays`)}
        attempted={attempted}
        testId='resolve-coupon-days'
      />
    </View>
  )
}
