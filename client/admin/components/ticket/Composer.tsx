import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { textProblem, type TextRule } from '@contract/fields'
import './ticket.scss'

/** Typed text is never cut short: one too long stays on screen and says so. */
const NO_CUT = -1

interface ComposerProps {
  rule: TextRule
  placeholder: string
  sendLabel: string
  busy: boolean
  /** Whether another action is under way: this one waits. */
  locked: boolean
  serverError?: string
  onSend: (text: string) => Promise<boolean>
  inputTestId: string
  sendTestId: string
}

/** A reply or a note: checked with the contract's rule as it is typed, and cleared once the server has it. */
export function Composer({ rule, placeholder, sendLabel, busy, locked, serverError, onSend, inputTestId, sendTestId }: ComposerProps) {
  const [text, setText] = useState('')
  const [attempted, setAttempted] = useState(false)
  const length = text.trim().length
  const problem = textProblem(text, rule)
  const shown = ((attempted || length > rule.max) && problem) || serverError || null

  async function send() {
    setAttempted(true)
    if (problem) return
    if (await onSend(text.trim())) {
      setText('')
      setAttempted(false)
    }
  }

  return (
    <View className='ticket-composer'>
      <Textarea className='ticket-composer__input' placeholder={placeholder} maxlength={NO_CUT} value={text} onInput={(event) => setText(event.detail.value)} data-testid={inputTestId} />
      <View className='ticket-composer__foot'>
        {shown ? (
          <Text className='ticket-error' data-testid='field-error'>
            {shown}
          </Text>
        ) : (
          <Text className={`ticket-counter ${length > rule.max ? 'ticket-counter--over' : ''}`}>
            {length}/{rule.max}
          </Text>
        )}
        <Button type='primary' size='small' loading={busy} disabled={busy || locked} onClick={() => void send()} data-testid={sendTestId}>
          {sendLabel}
        </Button>
      </View>
    </View>
  )
}
