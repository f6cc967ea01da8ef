import { View, Text, Input } from '@tarojs/components'
import { MAX_ORDER_FEN } from '@contract/staffFields'
import { keypad } from './keypad'
import './index.scss'

/**
 * Room for the largest amount the contract takes, its decimals, and a few characters more: what is
 * typed past a limit stays on screen for the check to refuse aloud, never cut off without a word.
 */
const MAX_TYPED = String(MAX_ORDER_FEN / 100).length + 3 + 4

export interface AmountInputProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  testId?: string
  /** In front of the figure: ¥ for money, nothing for points, days, percent. */
  unit?: string
  /** Whether a point may be typed (yuan, multipliers); whole numbers get a keypad without one. */
  decimals?: boolean
  /** Red while what is typed is refused; the message goes under the field (FormField). */
  invalid?: boolean
  disabled?: boolean
  maxlength?: number
  /** Form-sized text, for a field among others; the till's amount stays large. */
  compact?: boolean
}

/**
 * A number as a person types it. The text is passed on exactly as typed, "-50" and "1.5" included,
 * and the caller checks it with the contract's rule (readAmount, readNumber).
 */
export function AmountInput({
  value,
  onChange,
  placeholder = '0.00',
  testId,
  unit = '¥',
  decimals = true,
  invalid = false,
  disabled = false,
  maxlength = MAX_TYPED,
  compact = false,
}: AmountInputProps) {
  return (
    <View className={`amount-input ${compact ? 'amount-input--compact' : ''} ${invalid ? 'amount-input--invalid' : ''}`}>
      {unit && <Text className='amount-input__prefix'>{unit}</Text>}
      <Input
        className='amount-input__field'
        {...keypad(decimals)}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        disabled={disabled}
        onInput={(event) => onChange(event.detail.value)}
        data-testid={testId}
      />
    </View>
  )
}
