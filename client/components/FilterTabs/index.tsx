import { View } from '@tarojs/components'
import './index.scss'

export interface TabOption<K extends string> {
  key: K
  label: string
}

/** A row of tabs (ledger filters, till modes): lighter than a full Tabs component for a few labels. */
export function FilterTabs<K extends string>({ options, value, onChange, sticky = false }: { options: TabOption<K>[]; value: K; onChange: (key: K) => void; sticky?: boolean }) {
  return (
    <View className={`filter-tabs ${sticky ? 'filter-tabs--sticky' : ''}`} data-testid='filter-tabs'>
      {options.map((option) => (
        <View key={option.key} className={`filter-tabs__tab ${option.key === value ? 'filter-tabs__tab--on' : ''}`} onClick={() => option.key !== value && onChange(option.key)}>
          {option.label}
        </View>
      ))}
    </View>
  )
}
