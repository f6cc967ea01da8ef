import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

/** A bottom sheet: tapping the shade outside it closes it unless something is being sent. */
export function Sheet({ title, text, onClose, busy, children, testId }: { title: string; text?: string; onClose: () => void; busy: boolean; children: ReactNode; testId: string }) {
  return (
    <View className='mk-sheet' onClick={() => !busy && onClose()} data-testid={testId}>
      <View className='mk-sheet__panel' onClick={(event) => event.stopPropagation()}>
        <Text className='mk-sheet__title'>{title}</Text>
        {text && <Text className='mk-sheet__text'>{text}</Text>}
        {children}
      </View>
    </View>
  )
}
