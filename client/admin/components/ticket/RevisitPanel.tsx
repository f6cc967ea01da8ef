import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { StaffTicket } from '@contract/ticket'
import { textProblem } from '@contract/fields'
import { CONTACT_CHANNELS, CONTACT_CHANNEL_LABELS, CONTACT_NOTE, CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS, type ContactChannel, type ContactOutcome } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import type { TicketDesk } from '../../hooks/useTicketDesk'
import { ChoiceChips } from './ChoiceChips'
import { FlagTag } from './StatusTag'
import { REVISIT_REASON_LABELS } from './words'
import './ticket.scss'

const CHANNELS = CONTACT_CHANNELS.map((key) => ({ key, label: CONTACT_CHANNEL_LABELS[key] }))
const OUTCOMES = CONTACT_OUTCOMES.map((key) => ({ key, label: CONTACT_OUTCOME_LABELS[key] }))

/**
 * 回访: why it started, each contact with the member, and (while it is open) the form to record
 * the next one; owners and admins may end it without the member's good rating.
 */
export function RevisitPanel({ ticket, desk, onCloseRevisit }: { ticket: StaffTicket; desk: TicketDesk; onCloseRevisit: () => void }) {
  const revisit = ticket.revisit
  if (!revisit) return null
  return (
    <View className='ticket-card ticket-card--revisit' data-testid='revisit-panel'>
      <View className='ticket-card__head'>
        <Text className='ticket-card__title'>回访</Text>
        <View className='queue-row__spacer' />
        {revisit.status === 'open' ? <FlagTag kind='revisit'>进行中</FlagTag> : <Text className='ticket-muted'>已结束</Text>}
      </View>
      <Text className='ticket-muted'>
        {REVISIT_REASON_LABELS[revisit.reason]} · {formatDateTime(revisit.openedAt)} 开始
      </Text>
      {revisit.status === 'closed' && revisit.closedAt && (
        <Text className='ticket-muted' data-testid='revisit-closed'>
          {formatDateTime(revisit.closedAt)} 结束{revisit.closedReason ? `：${revisit.closedReason}` : ''}
        </Text>
      )}
      {revisit.contacts.length === 0 && <Text className='ticket-muted'>还没有回访记录</Text>}
      {revisit.contacts.map((contact, index) => (
        <View key={`${contact.at}-${index}`} className='ticket-contact' data-testid='revisit-contact'>
          <View className='ticket-contact__head'>
            <Text>{CONTACT_CHANNEL_LABELS[contact.channel]}</Text>
            <Text className={`ticket-contact__outcome--${contact.outcome}`}>{CONTACT_OUTCOME_LABELS[contact.outcome]}</Text>
            <View className='queue-row__spacer' />
            <Text className='ticket-muted'>
              {contact.name} · {formatDateTime(contact.at)}
            </Text>
          </View>
          <Text className='ticket-note__text'>{contact.note}</Text>
        </View>
      ))}
      {ticket.can.logContact && <ContactForm desk={desk} />}
      {ticket.can.closeRevisit && (
        <Button fill='outline' disabled={desk.busy !== null} onClick={onCloseRevisit} data-testid='revisit-close-open'>
          结束回访
        </Button>
      )}
    </View>
  )
}

function ContactForm({ desk }: { desk: TicketDesk }) {
  const [channel, setChannel] = useState<ContactChannel | null>(null)
  const [outcome, setOutcome] = useState<ContactOutcome | null>(null)
  const [note, setNote] = useState('')
  const [attempted, setAttempted] = useState(false)
  const noteProblem = textProblem(note, CONTACT_NOTE)
  const problems = [!channel && '请选择联系方式', !outcome && '请选择回访结果', noteProblem].filter((problem): problem is string => Boolean(problem))
  const shown = (attempted && problems[0]) || (note.trim().length > CONTACT_NOTE.max && noteProblem) || desk.errorOf('contact', 'note') || null

  async function submit() {
    setAttempted(true)
    if (!channel || !outcome || noteProblem) return
    if (await desk.logContact(channel, outcome, note.trim())) {
      setChannel(null)
      setOutcome(null)
      setNote('')
      setAttempted(false)
      void Taro.showToast({ title: '回访已记录', icon: 'success' })
    }
  }

  return (
    <View className='ticket-composer' data-testid='contact-form'>
      <Text className='ticket-form-label'>联系方式</Text>
      <ChoiceChips options={CHANNELS} value={channel} onChange={setChannel} testId='contact-channel' />
      <Text className='ticket-form-label'>回访结果</Text>
      <ChoiceChips options={OUTCOMES} value={outcome} onChange={setOutcome} testId='contact-outcome' />
      <Textarea
        className='ticket-composer__input'
        placeholder={`回访记录，${CONTACT_NOTE.max} 字以内，如：电话致歉，会员接受补偿`}
        maxlength={-1}
        value={note}
        onInput={(event) => setNote(event.detail.value)}
        data-testid='contact-note'
      />
      <View className='ticket-composer__foot'>
        {shown ? (
          <Text className='ticket-error' data-testid='field-error'>
            {shown}
          </Text>
        ) : (
          <Text className='ticket-counter'>
            {note.trim().length}/{CONTACT_NOTE.max}
          </Text>
        )}
        <Button type='primary' size='small' loading={desk.busy === 'contact'} disabled={desk.busy !== null} onClick={() => void submit()} data-testid='contact-submit'>
          记录回访
        </Button>
      </View>
    </View>
  )
}
