import { View } from '@tarojs/components'

/** A few exclusive choices as chips (basis, coupon kind, yes/no). */
export function Chips<K extends string | boolean>({ options, value, onChange, testId }: { options: { key: K; label: string }[]; value: K | null; onChange: (key: K) => void; testId?: string }) {
  return (
    <View className='admin-chips' data-testid={testId}>
      {options.map((option) => (
        <View key={String(option.key)} className={`admin-chip ${option.key === value ? 'admin-chip--on' : ''}`} onClick={() => onChange(option.key)}>
          {option.label}
        </View>
      ))}
    </View>
  )
}
