import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MemberTicket } from '@contract/ticket'
import { TICKET_REASON, TICKET_REPLY } from '@contract/ticketFields'
import { textProblem } from '@contract/fields'
import { formatDateTime } from '@contract/format'
import { TicketRatingForm } from './Rating'
import { TextBox } from './TextBox'

type Done = Promise<MemberTicket | undefined>

interface ResolutionProps {
  ticket: MemberTicket
  busy: boolean
  fieldError: (path: string) => string | null
  onConfirm: () => Done
  onReopen: (reason: string) => Done
  onRate: (score: number, comment: string) => Done
}

/** What the member may do with a resolution (as `can` says): confirm it, reopen the ticket with a reason, rate it. */
export function ResolutionActions({ ticket, busy, fieldError, onConfirm, onReopen, onRate }: ResolutionProps) {
  const { can } = ticket
  const [open, setOpen] = useState<'reopen' | 'rate' | null>(null)
  if (!can.confirm && !can.reopen && !can.rate) return null

  async function confirm() {
    if (await onConfirm()) void Taro.showToast({ title: '感谢您的确认', icon: 'success' })
  }
  async function closeAfter(done: Done) {
    const result = await done
    if (result) setOpen(null)
    return result
  }

  return (
    <View className='ticket-actions' data-testid='ticket-actions'>
      {can.reopen && ticket.reopenUntil && (
        <Text className='ticket-actions__hint' data-testid='ticket-reopen-until'>
          {`问题仍未解决？可在 ${formatDateTime(ticket.reopenUntil)} 前重新打开`}
        </Text>
      )}
      <View className='ticket-actions__buttons'>
        {can.reopen && (
          <Button size='small' disabled={busy} onClick={() => setOpen(open === 'reopen' ? null : 'reopen')} data-testid='ticket-reopen'>
            重新打开
          </Button>
        )}
        {can.rate && (
          <Button size='small' disabled={busy} onClick={() => setOpen(open === 'rate' ? null : 'rate')} data-testid='ticket-rate'>
            评价
          </Button>
        )}
        {can.confirm && (
          <Button type='primary' size='small' disabled={busy} loading={busy && open === null} onClick={confirm} data-testid='ticket-confirm'>
            确认已解决
          </Button>
        )}
      </View>
      {open === 'reopen' && can.reopen && <ReopenForm busy={busy} serverError={fieldError('reason')} onSubmit={(reason) => closeAfter(onReopen(reason))} onCancel={() => setOpen(null)} />}
      {open === 'rate' && can.rate && (
        <TicketRatingForm
          busy={busy}
          closes={ticket.status === 'pending'}
          serverError={(field) => fieldError(field)}
          onSubmit={(score, comment) => closeAfter(onRate(score, comment))}
          onCancel={() => setOpen(null)}
        />
      )}
    </View>
  )
}

function ReopenForm({ busy, serverError, onSubmit, onCancel }: { busy: boolean; serverError: string | null; onSubmit: (reason: string) => Done; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const problem = textProblem(reason, TICKET_REASON)

  async function submit() {
    setTried(true)
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    if (await onSubmit(reason.trim())) void Taro.showToast({ title: '已重新打开', icon: 'success' })
  }

  return (
    <View className='ticket-panel' data-testid='ticket-reopen-form'>
      <Text className='ticket-panel__title'>重新打开工单</Text>
      <TextBox value={reason} onInput={setReason} rule={TICKET_REASON} placeholder='请说明还有哪些问题没有解决' error={(tried && problem) || serverError} testId='ticket-reopen-reason' />
      <View className='ticket-panel__actions'>
        <Button size='small' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' size='small' disabled={busy} loading={busy} onClick={submit} data-testid='ticket-reopen-submit'>
          提交
        </Button>
      </View>
    </View>
  )
}

/** 补充说明: the member adds to the thread while the ticket is open. */
export function ReplyBox({ busy, serverError, onSend }: { busy: boolean; serverError: string | null; onSend: (text: string) => Done }) {
  const [text, setText] = useState('')
  const [tried, setTried] = useState(false)
  const problem = textProblem(text, TICKET_REPLY)

  async function send() {
    setTried(true)
    if (problem) return void Taro.showToast({ title: problem, icon: 'none' })
    if (await onSend(text.trim())) {
      setText('')
      setTried(false)
      void Taro.showToast({ title: '已发送', icon: 'success' })
    }
  }

  return (
    <View className='ticket-reply' data-testid='ticket-reply'>
      <TextBox value={text} onInput={setText} rule={TICKET_REPLY} placeholder='补充说明问题，客服会看到' error={(tried && problem) || serverError} testId='ticket-reply-text' />
      <View className='ticket-panel__actions'>
        <Button type='primary' size='small' disabled={busy} loading={busy} onClick={send} data-testid='ticket-reply-send'>
          发送
        </Button>
      </View>
    </View>
  )
}
