import { View, Text, Input } from '@tarojs/components'
import type { CouponKind } from '@contract/coupons'
import { typedRange } from '@contract/fields'
import { COUPON_ITEM_NAME, COUPON_TITLE, COUPON_VALID_DAYS, COUPON_VALUE, POINTS_MULTIPLIER, TIER_DISCOUNT, TIER_NAME } from '@contract/rulesFields'
import { formatZhe } from '@contract/format'
import { FormField, Panel } from '../../../components/FormField'
import { Chips } from './Chips'
import { NEW_COUPON, type CouponForm, type RulesForm, type TierForm } from './draftForm'

const KINDS: { key: CouponKind; label: string }[] = [
  { key: 'fixed', label: '代金券' },
  { key: 'percent', label: '折扣券' },
  { key: 'item', label: '赠品券' },
]
const YES_NO = [
  { key: true, label: '是' },
  { key: false, label: '否' },
]

interface TierFieldsProps {
  tier: TierForm
  index: number
  basis: RulesForm['basis']
  errorAt: (path: string) => string | undefined
  onChange: (patch: Partial<TierForm>) => void
}

/** One tier of the draft: name, threshold, multiplier, discount, birthday perk, priority signup. */
export function TierFields({ tier, index, basis, errorAt, onChange }: TierFieldsProps) {
  const at = `tiers.${index}`
  const coupon = tier.birthdayCoupon
  const setCoupon = (patch: Partial<CouponForm>) => coupon && onChange({ birthdayCoupon: { ...coupon, ...patch } })
  return (
    <Panel>
      <View className='rules-tier__head'>
        <View className='rules-tier__dot' style={{ background: tier.color }} />
        <Text className='form-panel__title'>第 {index + 1} 级</Text>
      </View>
      <FormField label='等级名称' error={errorAt(`${at}.name`)}>
        <Input
          className='admin-input'
          maxlength={TIER_NAME.max}
          placeholder={`最多 ${TIER_NAME.max} 个字`}
          value={tier.name}
          onInput={(event) => onChange({ name: event.detail.value })}
          data-testid={`rules-tier-${index}-name`}
        />
      </FormField>
      <FormField label={basis === 'spend' ? '门槛（元）' : '门槛（积分）'} error={errorAt(`${at}.threshold`)}>
        <Input
          className='admin-input'
          type='digit'
          disabled={index === 0}
          placeholder={index === 0 ? '0' : basis === 'spend' ? '近 12 个月消费' : '近 12 个月获得积分'}
          value={tier.threshold}
          onInput={(event) => onChange({ threshold: event.detail.value })}
          data-testid={`rules-tier-${index}-threshold`}
        />
      </FormField>
      <FormField label='积分倍率' error={errorAt(`${at}.pointsMultiplier`)}>
        <Input
          className='admin-input'
          type='digit'
          placeholder={`${typedRange(POINTS_MULTIPLIER)}，如 1.5`}
          value={tier.pointsMultiplier}
          onInput={(event) => onChange({ pointsMultiplier: event.detail.value })}
          data-testid={`rules-tier-${index}-multiplier`}
        />
      </FormField>
      <FormField label='折扣（%）' error={errorAt(`${at}.discountPercent`)}>
        <Input
          className='admin-input'
          type='digit'
          placeholder={`${typedRange(TIER_DISCOUNT)}，5 即 ${formatZhe(5)}`}
          value={tier.discountPercent}
          onInput={(event) => onChange({ discountPercent: event.detail.value })}
          data-testid={`rules-tier-${index}-discount`}
        />
      </FormField>
      <FormField label='生日积分' error={errorAt(`${at}.birthdayPoints`)}>
        <Input className='admin-input' type='number' placeholder='0 即不送' value={tier.birthdayPoints} onInput={(event) => onChange({ birthdayPoints: event.detail.value })} />
      </FormField>
      <FormField label='生日礼券'>
        <Chips options={YES_NO} value={coupon !== null} onChange={(on) => onChange({ birthdayCoupon: on ? (coupon ?? NEW_COUPON) : null })} testId={`rules-tier-${index}-coupon`} />
      </FormField>
      {coupon && (
        <View className='rules-coupon'>
          <FormField label='券名称' error={errorAt(`${at}.birthdayCoupon.title`)}>
            <Input
              className='admin-input'
              maxlength={COUPON_TITLE.max}
              placeholder={`最多 ${COUPON_TITLE.max} 个字`}
              value={coupon.title}
              onInput={(event) => setCoupon({ title: event.detail.value })}
            />
          </FormField>
          <FormField label='类型'>
            <Chips options={KINDS} value={coupon.kind} onChange={(kind) => setCoupon({ kind })} />
          </FormField>
          {coupon.kind === 'item' ? (
            <FormField label='赠品' error={errorAt(`${at}.birthdayCoupon.itemName`)}>
              <Input className='admin-input' maxlength={COUPON_ITEM_NAME.max} placeholder='如 生日蛋糕' value={coupon.itemName} onInput={(event) => setCoupon({ itemName: event.detail.value })} />
            </FormField>
          ) : (
            <FormField label={coupon.kind === 'fixed' ? '减免（元）' : '折扣（%）'} error={errorAt(`${at}.birthdayCoupon.value`)}>
              <Input
                className='admin-input'
                type='digit'
                placeholder={coupon.kind === 'fixed' ? '如 10' : `${typedRange(COUPON_VALUE.percent)}，20 即 ${formatZhe(20)}`}
                value={coupon.value}
                onInput={(event) => setCoupon({ value: event.detail.value })}
              />
            </FormField>
          )}
          <FormField label='满（元）可用' error={errorAt(`${at}.birthdayCoupon.minSpendFen`)}>
            <Input className='admin-input' type='digit' placeholder='0 即无门槛' value={coupon.minSpendYuan} onInput={(event) => setCoupon({ minSpendYuan: event.detail.value })} />
          </FormField>
          <FormField label='有效天数' error={errorAt(`${at}.birthdayCoupon.validDays`)}>
            <Input className='admin-input' type='number' placeholder={typedRange(COUPON_VALID_DAYS)} value={coupon.validDays} onInput={(event) => setCoupon({ validDays: event.detail.value })} />
          </FormField>
        </View>
      )}
      <FormField label='优先报名'>
        <Chips options={YES_NO} value={tier.prioritySignup} onChange={(prioritySignup) => onChange({ prioritySignup })} />
      </FormField>
    </Panel>
  )
}
