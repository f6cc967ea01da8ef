import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './ticket.scss'

/** A bottom sheet over the ticket: tapping the shade outside it closes it unless something is being sent. */
export function Sheet({ title, text, onClose, busy, children, testId }: { title: string; text?: string; onClose: () => void; busy: boolean; children: ReactNode; testId: string }) {
  return (
    <View className='ticket-sheet' onClick={() => !busy && onClose()} data-testid={testId}>
      <View className='ticket-sheet__panel' onClick={(event) => event.stopPropagation()}>
        <Text className='ticket-sheet__title'>{title}</Text>
        {text && <Text className='ticket-sheet__text'>{text}</Text>}
        {children}
      </View>
    </View>
  )
}
