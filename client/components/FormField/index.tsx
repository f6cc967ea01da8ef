import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

/**
 * One labelled row of a form, with its error (from the client's check or the envelope's `fields`)
 * below. `id` lets a form scroll to the field it refuses (Taro.pageScrollTo's selector).
 */
export function FormField({ label, error, children, stacked = false, id }: { label: string; error?: string | null; children: ReactNode; stacked?: boolean; id?: string }) {
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''}`} id={id}>
      <View className={`form-field__row ${stacked ? 'form-field__row--stacked' : ''}`}>
        <Text className='form-field__label'>{label}</Text>
        {children}
      </View>
      {error && (
        <Text className='form-field__error' data-testid='field-error'>
          {error}
        </Text>
      )}
    </View>
  )
}

/** A white rounded block that holds form fields or results. */
export function Panel({ title, children, className = '' }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <View className={`form-panel ${className}`}>
      {title && <Text className='form-panel__title'>{title}</Text>}
      {children}
    </View>
  )
}
