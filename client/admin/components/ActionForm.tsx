import { useState, type ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { PatternRule } from '@contract/fields'
import { AmountInput } from '../../components/AmountInput'
import { FormField, Panel } from '../../components/FormField'
import { useSubmit } from '../../hooks/useSubmit'
import { confirmDialog, shownError } from '../validation'

interface ActionFormProps {
  title?: string
  /** The fields, in one panel. */
  children: ReactNode
  submitLabel: string
  onSubmit: () => void
  busy: boolean
  testId: string
  /** Buttons before the main one (扫码); with none, the main button takes the whole row. */
  secondary?: ReactNode
}

/**
 * How every staff form is laid out: its fields in a panel and one main button (the answer, an
 * ActionResult, goes right after). The till's forms, the adjustment and publishing rules share it.
 */
export function ActionForm({ title, children, submitLabel, onSubmit, busy, testId, secondary }: ActionFormProps) {
  return (
    <>
      <Panel title={title}>{children}</Panel>
      <View className='admin-actions'>
        {secondary}
        <Button type='primary' block={!secondary} loading={busy} disabled={busy} onClick={onSubmit} data-testid={testId}>
          {submitLabel}
        </Button>
      </View>
    </>
  )
}

interface ActionResultProps {
  testId: string
  /** Said first, in orange: a repeat that changed nothing, or a refusal. */
  warn?: ReactNode
  title?: ReactNode
  /** The figure the cashier reads out (+120 积分, 减 ¥10.00). */
  figure?: ReactNode
  children?: ReactNode
}

export function ActionResult({ testId, warn, title, figure, children }: ActionResultProps) {
  return (
    <View className='admin-result' data-testid={testId}>
      {warn && <Text className='admin-result__warn'>{warn}</Text>}
      {title && <Text className='admin-result__title'>{title}</Text>}
      {figure && <Text className='admin-result__big'>{figure}</Text>}
      {children}
    </View>
  )
}

export function ResultLine({ children, warn = false, testId }: { children: ReactNode; warn?: boolean; testId?: string }) {
  return (
    <Text className={warn ? 'admin-result__warn' : 'admin-result__line'} data-testid={testId}>
      {children}
    </Text>
  )
}

interface FieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** The contract's check of what is typed (shown once something is), then the server's word on the field. */
  error: string | null
  serverError?: string
  testId?: string
}

/** One line of text: receipt numbers, points. */
export function TextField({
  label,
  value,
  onChange,
  error,
  serverError,
  testId,
  placeholder,
  maxlength,
  type = 'text',
  code = false,
  onConfirm,
}: FieldProps & { placeholder: string; maxlength?: number; type?: 'text' | 'number'; code?: boolean; onConfirm?: () => void }) {
  return (
    <FormField label={label} error={shownError(value, error) ?? serverError}>
      <Input
        className={code ? 'admin-input redemption-lookup__code' : 'admin-input'}
        type={type}
        placeholder={placeholder}
        value={value}
        maxlength={maxlength}
        onInput={(event) => onChange(event.detail.value)}
        onConfirm={onConfirm}
        data-testid={testId}
      />
    </FormField>
  )
}

/** Room for the spaces a cashier types when reading a code off the member's screen in two halves. */
const TYPED_SPACES = 4

/** A redemption or coupon code, in the code's own monospace; `error` is the contract's check of the normalised code. */
export function CodeField({ rule, ...props }: FieldProps & { rule: PatternRule; onConfirm?: () => void }) {
  return <TextField {...props} code placeholder={`${rule.maxLength} 位${props.label}`} maxlength={rule.maxLength + TYPED_SPACES} />
}

export function AmountField({ label, value, onChange, error, serverError, testId }: FieldProps) {
  return (
    <FormField label={label} error={shownError(value, error) ?? serverError}>
      <AmountInput value={value} onChange={onChange} testId={testId} />
    </FormField>
  )
}

/**
 * One staff action: the cashier confirms what will be sent, it is sent once (a second tap while
 * it is in flight does nothing), and the answer is kept for the result panel.
 */
export function useAction<R>() {
  const submit = useSubmit()
  const [result, setResult] = useState<R | null>(null)

  async function run(confirm: { title: string; content: string; confirmText?: string } | null, send: () => Promise<R>): Promise<R | undefined> {
    if (confirm && !(await confirmDialog(confirm.title, confirm.content, confirm.confirmText))) return undefined
    setResult(null)
    const answer = await submit.run(send)
    if (answer) setResult(answer)
    return answer
  }

  return { run, result, clearResult: () => setResult(null), busy: submit.busy, fieldErrors: submit.fieldErrors }
}
