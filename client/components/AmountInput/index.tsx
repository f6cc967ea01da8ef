import { View, Text, Input } from '@tarojs/components'
import { MAX_ORDER_FEN } from '@contract/staffFields'
import './index.scss'

/** Room for the largest amount the contract takes, with its decimals. */
const MAX_TYPED = String(MAX_ORDER_FEN / 100).length + 3

/** `¥88.50` from a typed amount, for confirmations. */
export function formatYuan(yuan: number): string {
  return `¥${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

interface AmountInputProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  testId?: string
}

/** A yuan amount: decimal keypad, ¥ in front; the caller checks it with the contract's readAmount. */
export function AmountInput({ value, onChange, placeholder = '0.00', testId }: AmountInputProps) {
  return (
    <View className='amount-input'>
      <Text className='amount-input__prefix'>¥</Text>
      <Input className='amount-input__field' type='digit' value={value} placeholder={placeholder} maxlength={MAX_TYPED} onInput={(event) => onChange(event.detail.value)} data-testid={testId} />
    </View>
  )
}
