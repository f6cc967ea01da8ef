import { View, Text, Input } from '@tarojs/components'
import './index.scss'

const MAX_YUAN = 1_000_000

export type ParsedYuan = { yuan: number; error: null } | { yuan: null; error: string }

/**
 * The till's amount rules, checked before the server sees them (the server checks again): a
 * positive number of yuan, at most two decimals, at most ¥1,000,000.
 */
export function parseYuan(text: string): ParsedYuan {
  const trimmed = text.trim()
  const fail = (error: string): ParsedYuan => ({ yuan: null, error })
  if (!trimmed) return fail('请输入金额')
  if (!/^\d+(\.\d*)?$/.test(trimmed)) return fail('金额必须是数字')
  if (!/^\d+(\.\d{0,2})?$/.test(trimmed)) return fail('金额最多两位小数')
  const yuan = Number(trimmed)
  if (!(yuan > 0)) return fail('金额必须大于 0')
  if (yuan > MAX_YUAN) return fail('金额不能超过 ¥1,000,000')
  return { yuan, error: null }
}

/** `¥88.50` from a parsed amount, for confirmations. */
export function formatYuan(yuan: number): string {
  return `¥${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

interface AmountInputProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  testId?: string
}

/** A yuan amount: decimal keypad, ¥ in front; the caller shows parseYuan's error where it fits. */
export function AmountInput({ value, onChange, placeholder = '0.00', testId }: AmountInputProps) {
  return (
    <View className='amount-input'>
      <Text className='amount-input__prefix'>¥</Text>
      <Input className='amount-input__field' type='digit' value={value} placeholder={placeholder} maxlength={12} onInput={(event) => onChange(event.detail.value)} data-testid={testId} />
    </View>
  )
}
