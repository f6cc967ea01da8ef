import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints, shortYuan } from '@contract/format'
import { AmountInput } from '../../../components/AmountInput'
import { readPoints } from '../../../hooks/useCheckout'
import './till.scss'

interface PointsFieldProps {
  value: string
  onChange: (value: string) => void
  /** Points that make ¥1 off: the stepper moves by this much. */
  rate: number
  /** The rule's cap for this order and the balance, already in multiples of the rate. */
  maxPoints: number
  balance: number
  /** Why what is typed cannot be used: the contract's check, then the price's, then the server's. */
  error: string | null
}

/** 积分抵扣: a stepper in multiples of the rate, with the most this order may take shown before anything is confirmed. */
export function PointsField({ value, onChange, rate, maxPoints, balance, error }: PointsFieldProps) {
  const points = readPoints(value).value
  const step = (by: number) => onChange(String(Math.min(maxPoints, Math.max(0, Math.floor(points / rate) * rate + by))))
  return (
    <View className='points-field' data-testid='points-field'>
      <View className='points-field__row'>
        <Button size='small' fill='outline' disabled={points <= 0} onClick={() => step(-rate)} data-testid='points-minus'>
          −
        </Button>
        <View className='points-field__input'>
          <AmountInput compact unit='' decimals={false} value={value} onChange={onChange} placeholder='0' invalid={error !== null} testId='points-input' />
        </View>
        <Button size='small' fill='outline' disabled={points >= maxPoints} onClick={() => step(rate)} data-testid='points-plus'>
          +
        </Button>
        <Button size='small' type='primary' fill='outline' disabled={maxPoints === 0 || points === maxPoints} onClick={() => onChange(String(maxPoints))} data-testid='points-all'>
          全部可用
        </Button>
      </View>
      <Text className='points-field__hint' data-testid='points-max'>
        {maxPoints > 0 ? `最多 ${formatPoints(maxPoints)} 积分，抵 ${shortYuan((maxPoints / rate) * 100)}` : '本单不能用积分抵扣'} · {formatPoints(rate)} 积分抵 ¥1 · 余额 {formatPoints(balance)}
      </Text>
      {error && (
        <Text className='form-field__error till-field-error' data-testid='points-error'>
          {error}
        </Text>
      )}
    </View>
  )
}
