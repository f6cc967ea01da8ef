import { View } from '@tarojs/components'
import './ticket.scss'

export interface Choice<K extends string | number> {
  key: K
  label: string
}

interface ChoiceChipsProps<K extends string | number> {
  options: readonly Choice<K>[]
  /** One key (exclusive choice) or several (weekdays). */
  value: K | null | readonly K[]
  onChange: (key: K) => void
  /** Each chip's test handle is `<testId>-<key>`. */
  testId: string
  /** One scrolling line instead of wrapping (a filter row). */
  scroll?: boolean
  disabled?: boolean
}

/** A few choices as chips, each with its own test handle (compensation kinds, contact channels, categories, weekdays). */
export function ChoiceChips<K extends string | number>({ options, value, onChange, testId, scroll = false, disabled = false }: ChoiceChipsProps<K>) {
  const isOn = (key: K) => (Array.isArray(value) ? value.includes(key) : value === key)
  return (
    <View className={`ticket-choices ${scroll ? 'ticket-choices--scroll' : ''}`}>
      {options.map((option) => (
        <View
          key={String(option.key)}
          className={`ticket-choice ${isOn(option.key) ? 'ticket-choice--on' : ''} ${disabled ? 'ticket-choice--disabled' : ''}`}
          onClick={() => !disabled && onChange(option.key)}
          data-testid={`${testId}-${option.key}`}
        >
          {option.label}
        </View>
      ))}
    </View>
  )
}
