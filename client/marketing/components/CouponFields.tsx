import { Input, View } from '@tarojs/components'
import type { CouponKind } from '@contract/coupons'
import { textProblem, typedRange } from '@contract/fields'
import { formatDiscount } from '@contract/format'
import { COUPON_ITEM_NAME, COUPON_MIN_SPEND, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE } from '@contract/rulesFields'
import { FormField } from '../../components/FormField'
import { NumberField } from '../../components/FormField/NumberField'
import type { CouponForm } from '../../admin/couponForm'
import { Choices } from './Choices'

const KINDS: { key: CouponKind; label: string }[] = [
  { key: 'fixed', label: '代金券' },
  { key: 'percent', label: '折扣券' },
  { key: 'item', label: '赠品券' },
]

interface CouponFieldsProps {
  coupon: CouponForm
  onChange: (patch: Partial<CouponForm>) => void
  /** The server's word at a payload path (`coupon.value`). */
  serverError: (path: string) => string | undefined
  attempted: boolean
  disabled?: boolean
  /** 优惠到账 announces an amount: only a cash coupon has one. */
  cashOnly?: boolean
  /** What is wrong with the kind (the form's check, else the server's). */
  kindError?: string | null
}

/** The coupon every recipient receives: the same fields and rules as the tier rules' and the ticket desk's (admin/couponForm). */
export function CouponFields({ coupon, onChange, serverError, attempted, disabled = false, cashOnly = false, kindError = null }: CouponFieldsProps) {
  const textError = (text: string, problem: string | null, path: string) => ((attempted || text.trim()) && problem) || serverError(path)
  return (
    <View data-testid='campaign-coupon'>
      <FormField label='券名称' error={textError(coupon.title, textProblem(coupon.title, COUPON_TITLE), 'coupon.title')}>
        <Input
          className='admin-input'
          maxlength={-1}
          placeholder={`最多 ${COUPON_TITLE.max} 个字`}
          value={coupon.title}
          disabled={disabled}
          onInput={(event) => onChange({ title: event.detail.value })}
          data-testid='campaign-coupon-title'
        />
      </FormField>
      <FormField label='类型' error={kindError}>
        <Choices
          options={cashOnly ? KINDS.filter((kind) => kind.key === 'fixed') : KINDS}
          value={coupon.kind}
          onChange={(kind) => onChange({ kind })}
          testId='campaign-coupon-kind'
          disabled={disabled}
        />
      </FormField>
      {coupon.kind === 'item' ? (
        <FormField label='赠品' error={textError(coupon.itemName, textProblem(coupon.itemName, COUPON_ITEM_NAME), 'coupon.itemName')}>
          <Input
            className='admin-input'
            maxlength={-1}
            placeholder='如 招牌甜品一份'
            value={coupon.itemName}
            disabled={disabled}
            onInput={(event) => onChange({ itemName: event.detail.value })}
            data-testid='campaign-coupon-item'
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
          serverError={serverError('coupon.value')}
          attempted={attempted}
          disabled={disabled}
          testId='campaign-coupon-value'
        />
      )}
      <NumberField
        label='门槛（元）'
        rule={COUPON_MIN_SPEND}
        placeholder='满多少元可用，0 即无门槛'
        value={coupon.minSpendYuan}
        onChange={(minSpendYuan) => onChange({ minSpendYuan })}
        serverError={serverError('coupon.minSpendFen')}
        attempted={attempted}
        disabled={disabled}
        testId='campaign-coupon-min-spend'
      />
      <NumberField
        label='有效天数'
        rule={COUPON_VALID_DAYS}
        value={coupon.validDays}
        onChange={(validDays) => onChange({ validDays })}
        serverError={serverError('coupon.validDays')}
        attempted={attempted}
        disabled={disabled}
        testId='campaign-coupon-days'
      />
    </View>
  )
}
