import { View } from '@tarojs/components'

interface ChoicesProps<K extends string | number | boolean> {
  options: readonly { key: K; label: string }[]
  /** One key (an exclusive choice) or several (tiers, classes). */
  value: K | null | readonly K[]
  onChange: (key: K) => void
  /** Each chip's test handle is `<testId>-<key>`. */
  testId: string
  disabled?: boolean
}

/** Chips for a few choices, in the admin pages' look, each with its own test handle. */
export function Choices<K extends string | number | boolean>({ options, value, onChange, testId, disabled = false }: ChoicesProps<K>) {
  const isOn = (key: K) => (Array.isArray(value) ? value.includes(key) : value === key)
  return (
    <View className='mk-chips' data-testid={testId}>
      {options.map((option) => (
        <View
          key={String(option.key)}
          className={`admin-chip ${isOn(option.key) ? 'admin-chip--on' : ''} ${disabled ? 'mk-chip--disabled' : ''}`}
          onClick={() => !disabled && onChange(option.key)}
          data-testid={`${testId}-${String(option.key)}`}
        >
          {option.label}
        </View>
      ))}
    </View>
  )
}

/** A list with `key` added or taken out, kept in the options' order. */
export function toggled<K>(list: readonly K[], key: K, order: readonly K[]): K[] {
  const next = list.includes(key) ? list.filter((item) => item !== key) : [...list, key]
  return order.filter((item) => next.includes(item))
}
