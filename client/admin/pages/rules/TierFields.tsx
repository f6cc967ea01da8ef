import { View, Text, Input } from '@tarojs/components'
import type { CouponKind } from '@contract/coupons'
import { textProblem, typedRange } from '@contract/fields'
import { BIRTHDAY_POINTS, COUPON_ITEM_NAME, COUPON_MIN_SPEND, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE, POINTS_MULTIPLIER, TIER_DISCOUNT, TIER_NAME, TIER_THRESHOLD } from '@contract/rulesFields'
import { formatDiscount } from '@contract/format'
import { FormField, Panel } from '../../../components/FormField'
import { NumberField } from '../../../components/FormField/NumberField'
import { Chips } from '../../components/Chips'
import { ColorField } from './ColorField'
import { fieldAnchor, NEW_COUPON, type CouponForm, type RulesForm, type TierForm } from './draftForm'

const KINDS: { key: CouponKind; label: string }[] = [
  { key: 'fixed', label: '代金券' },
  { key: 'percent', label: '折扣券' },
  { key: 'item', label: '赠品券' },
]
const YES_NO = [
  { key: true, label: '是' },
  { key: false, label: '否' },
]
/** Typed names are never cut short: one too long stays on screen and says so. */
const NO_CUT = -1

interface TierFieldsProps {
  tier: TierForm
  index: number
  basis: RulesForm['basis']
  /** The form's own problem at a path (an order of thresholds), else the server's. */
  errorAt: (path: string) => string | undefined
  attempted: boolean
  onChange: (patch: Partial<TierForm>) => void
}

/** One tier of the draft: name, colour, threshold, multiplier, discount, birthday perk, priority signup. */
export function TierFields({ tier, index, basis, errorAt, attempted, onChange }: TierFieldsProps) {
  const at = `tiers.${index}`
  const coupon = tier.birthdayCoupon
  const setCoupon = (patch: Partial<CouponForm>) => coupon && onChange({ birthdayCoupon: { ...coupon, ...patch } })
  const field = (path: string) => ({ id: fieldAnchor(`${at}.${path}`), serverError: errorAt(`${at}.${path}`), attempted })
  return (
    <Panel>
      <View className='rules-tier__head'>
        <View className='rules-tier__dot' style={{ background: tier.color }} />
        <Text className='form-panel__title'>第 {index + 1} 级</Text>
      </View>
      <FormField label='等级名称' error={textProblem(tier.name, TIER_NAME) ?? errorAt(`${at}.name`)} id={fieldAnchor(`${at}.name`)}>
        <Input
          className='admin-input'
          maxlength={NO_CUT}
          placeholder={`最多 ${TIER_NAME.max} 个字`}
          value={tier.name}
          onInput={(event) => onChange({ name: event.detail.value })}
          data-testid={`rules-tier-${index}-name`}
        />
      </FormField>
      <ColorField color={tier.color} onChange={(color) => onChange({ color })} serverError={errorAt(`${at}.color`)} id={fieldAnchor(`${at}.color`)} testId={`rules-tier-${index}-color`} />
      <NumberField
        label={basis === 'spend' ? '门槛（元）' : '门槛（积分）'}
        rule={TIER_THRESHOLD[basis]}
        disabled={index === 0}
        placeholder={index === 0 ? '0' : basis === 'spend' ? '近 12 个月消费' : '近 12 个月获得积分'}
        value={tier.threshold}
        onChange={(threshold) => onChange({ threshold })}
        testId={`rules-tier-${index}-threshold`}
        {...field('threshold')}
      />
      <NumberField
        label='积分倍率'
        rule={POINTS_MULTIPLIER}
        placeholder={`${typedRange(POINTS_MULTIPLIER)}，如 1.5`}
        value={tier.pointsMultiplier}
        onChange={(pointsMultiplier) => onChange({ pointsMultiplier })}
        testId={`rules-tier-${index}-multiplier`}
        {...field('pointsMultiplier')}
      />
      <NumberField
        label='折扣（%）'
        rule={TIER_DISCOUNT}
        placeholder={`${typedRange(TIER_DISCOUNT)}，5 即 ${formatDiscount(5)}`}
        value={tier.discountPercent}
        onChange={(discountPercent) => onChange({ discountPercent })}
        testId={`rules-tier-${index}-discount`}
        {...field('discountPercent')}
      />
      <NumberField
        label='生日积分'
        rule={BIRTHDAY_POINTS}
        placeholder='0 即不送'
        value={tier.birthdayPoints}
        onChange={(birthdayPoints) => onChange({ birthdayPoints })}
        {...field('birthdayPoints')}
      />
      <FormField label='生日礼券'>
        <Chips options={YES_NO} value={coupon !== null} onChange={(on) => onChange({ birthdayCoupon: on ? (coupon ?? NEW_COUPON) : null })} testId={`rules-tier-${index}-coupon`} />
      </FormField>
      {coupon && (
        <View className='rules-coupon'>
          <FormField label='券名称' error={textProblem(coupon.title, COUPON_TITLE) ?? errorAt(`${at}.birthdayCoupon.title`)} id={fieldAnchor(`${at}.birthdayCoupon.title`)}>
            <Input className='admin-input' maxlength={NO_CUT} placeholder={`最多 ${COUPON_TITLE.max} 个字`} value={coupon.title} onInput={(event) => setCoupon({ title: event.detail.value })} />
          </FormField>
          <FormField label='类型'>
            <Chips options={KINDS} value={coupon.kind} onChange={(kind) => setCoupon({ kind })} />
          </FormField>
          {coupon.kind === 'item' ? (
            <FormField label='赠品' error={textProblem(coupon.itemName, COUPON_ITEM_NAME) ?? errorAt(`${at}.birthdayCoupon.itemName`)} id={fieldAnchor(`${at}.birthdayCoupon.itemName`)}>
              <Input className='admin-input' maxlength={NO_CUT} placeholder='如 生日蛋糕' value={coupon.itemName} onInput={(event) => setCoupon({ itemName: event.detail.value })} />
            </FormField>
          ) : (
            <NumberField
              key={coupon.kind}
              label={coupon.kind === 'fixed' ? '减免（元）' : '折扣（%）'}
              rule={COUPON_VALUE[coupon.kind]}
              placeholder={coupon.kind === 'fixed' ? '如 10' : `${typedRange(COUPON_VALUE.percent)}，20 即 ${formatDiscount(20)}`}
              value={coupon.value}
              onChange={(value) => setCoupon({ value })}
              {...field('birthdayCoupon.value')}
            />
          )}
          <NumberField
            label='满（元）可用'
            rule={COUPON_MIN_SPEND}
            placeholder='0 即无门槛'
            value={coupon.minSpendYuan}
            onChange={(minSpendYuan) => setCoupon({ minSpendYuan })}
            {...field('birthdayCoupon.minSpendFen')}
          />
          <NumberField label='有效天数' rule={COUPON_VALID_DAYS} value={coupon.validDays} onChange={(validDays) => setCoupon({ validDays })} {...field('birthdayCoupon.validDays')} />
        </View>
      )}
      <FormField label='优先报名'>
        <Chips options={YES_NO} value={tier.prioritySignup} onChange={(prioritySignup) => onChange({ prioritySignup })} />
      </FormField>
    </Panel>
  )
}
