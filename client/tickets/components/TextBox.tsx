import { View, Text, Textarea } from '@tarojs/components'
import type { TextRule } from '@contract/fields'

interface Props {
  value: string
  onInput: (value: string) => void
  rule: TextRule
  placeholder: string
  error?: string | null
  testId: string
  tall?: boolean
}

/** A textarea with its count against the contract's limit, and what is wrong with it beside it. */
export function TextBox({ value, onInput, rule, placeholder, error, testId, tall = false }: Props) {
  const length = value.trim().length
  return (
    <View className={`ticket-textbox ${error ? 'ticket-textbox--invalid' : ''}`}>
      {/* -1: no cut-off (WeChat's default is 140); a longer text is refused with the rule's words. */}
      <Textarea
        className={`ticket-textbox__input ${tall ? 'ticket-textbox__input--tall' : ''}`}
        value={value}
        maxlength={-1}
        placeholder={placeholder}
        onInput={(event) => onInput(event.detail.value)}
        data-testid={testId}
      />
      <View className='ticket-textbox__foot'>
        <Text className='ticket-textbox__error' data-testid={error ? 'field-error' : undefined}>
          {error ?? ''}
        </Text>
        <Text className={`ticket-textbox__count ${length > rule.max ? 'ticket-textbox__count--over' : ''}`}>{`${length}/${rule.max}`}</Text>
      </View>
    </View>
  )
}
