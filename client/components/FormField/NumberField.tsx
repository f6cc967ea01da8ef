import { readNumber, typedRange, type NumberRule } from '@contract/fields'
import { AmountInput } from '../AmountInput'
import { FormField } from './index'

interface NumberFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** The contract's rule for the field (fields.ts, staffFields.ts, rulesFields.ts): its limits and its messages. */
  rule: NumberRule
  /** The server's word on the field, from the envelope's `fields`. */
  serverError?: string
  /** After a submit, an empty field is asked for too; before it, an empty form is not all red. */
  attempted?: boolean
  placeholder?: string
  testId?: string
  disabled?: boolean
  /** Anchor for scrolling to the field (FormField's id). */
  id?: string
}

/**
 * One number in a form, checked as it is typed with the contract's own rule: what the rule cannot
 * take ("-50", "1.5" for points, "12.345" for yuan, "abc", over the limit) stays as typed, turns
 * red and says why, in the contract's words.
 */
export function NumberField({ label, value, onChange, rule, serverError, attempted = false, placeholder, testId, disabled, id }: NumberFieldProps) {
  const { error } = readNumber(value, rule)
  const shown = (value.trim() || attempted ? error : null) ?? serverError ?? null
  const money = rule.shift === 2
  return (
    <FormField label={label} error={shown} id={id}>
      <AmountInput
        compact
        value={value}
        onChange={onChange}
        unit={money ? '¥' : ''}
        decimals={rule.decimals + rule.shift > 0}
        invalid={shown !== null}
        placeholder={placeholder ?? typedRange(rule)}
        disabled={disabled}
        testId={testId}
      />
    </FormField>
  )
}
