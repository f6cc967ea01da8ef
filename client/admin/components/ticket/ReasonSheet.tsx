import { useState } from 'react'
import { View, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { textProblem } from '@contract/fields'
import { TICKET_REASON } from '@contract/ticketFields'
import { FormField } from '../../../components/FormField'
import { Sheet } from './Sheet'
import './ticket.scss'

export interface ReasonStep {
  title: string
  /** What the step does, said before it is done: who is told, what cannot be taken back. */
  text: string
  placeholder: string
  submitLabel: string
  danger?: boolean
  /** `<testId>-reason` and `<testId>-submit`. */
  testId: string
}

interface ReasonSheetProps {
  step: ReasonStep
  busy: boolean
  serverError?: string
  onSubmit: (reason: string) => Promise<boolean>
  onClose: () => void
}

/** 升级, 关闭, 重新打开, 结束回访: each asks why (the contract's TICKET_REASON), and the reason goes into the timeline. */
export function ReasonSheet({ step, busy, serverError, onSubmit, onClose }: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const problem = textProblem(reason, TICKET_REASON)
  const shown = ((attempted || reason.trim().length > TICKET_REASON.max) && problem) || serverError || null

  async function submit() {
    setAttempted(true)
    if (!problem && (await onSubmit(reason.trim()))) onClose()
  }

  return (
    <Sheet title={step.title} text={step.text} busy={busy} onClose={onClose} testId={`${step.testId}-sheet`}>
      <FormField label='原因' error={shown} stacked>
        <Textarea className='admin-textarea' placeholder={step.placeholder} maxlength={-1} value={reason} onInput={(event) => setReason(event.detail.value)} data-testid={`${step.testId}-reason`} />
      </FormField>
      <View className='ticket-sheet__actions'>
        <Button fill='outline' disabled={busy} onClick={onClose}>
          返回
        </Button>
        <Button type={step.danger ? 'danger' : 'primary'} loading={busy} disabled={busy} onClick={() => void submit()} data-testid={`${step.testId}-submit`}>
          {step.submitLabel}
        </Button>
      </View>
    </Sheet>
  )
}
