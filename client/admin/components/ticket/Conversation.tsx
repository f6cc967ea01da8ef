import { View, Text } from '@tarojs/components'
import type { StaffTicket } from '@contract/ticket'
import { TICKET_NOTE, TICKET_REPLY } from '@contract/ticketFields'
import { formatDateTime } from '@contract/format'
import type { TicketDesk } from '../../hooks/useTicketDesk'
import { Composer } from './Composer'
import './ticket.scss'

/** The public thread: what the member and the staff said to each other; the member sees all of it. */
export function Thread({ ticket, desk, onSend }: { ticket: StaffTicket; desk: TicketDesk; onSend: (text: string) => Promise<boolean> }) {
  return (
    <View className='ticket-card' data-testid='ticket-thread'>
      <View className='ticket-card__head'>
        <Text className='ticket-card__title'>沟通记录</Text>
        <Text className='ticket-card__count'>会员可见</Text>
      </View>
      {ticket.thread.length === 0 && <Text className='ticket-muted'>还没有回复。首次回复即算作响应会员。</Text>}
      <View className='ticket-thread'>
        {ticket.thread.map((entry, index) => (
          <View key={`${entry.at}-${index}`} className={`ticket-message ticket-message--${entry.from}`} data-testid='thread-entry'>
            <Text className='ticket-message__who'>
              {entry.from === 'member' ? `${entry.name}（会员）` : entry.name} · {formatDateTime(entry.at)}
            </Text>
            <Text className='ticket-message__bubble'>{entry.text}</Text>
          </View>
        ))}
      </View>
      {ticket.can.reply && (
        <Composer
          rule={TICKET_REPLY}
          placeholder='回复会员，会员会在工单中看到'
          sendLabel='发送回复'
          busy={desk.busy === 'reply'}
          locked={desk.busy !== null}
          serverError={desk.errorOf('reply', 'text')}
          onSend={onSend}
          inputTestId='staff-reply-text'
          sendTestId='staff-reply-send'
        />
      )}
    </View>
  )
}

/** 内部备注: for the staff only, never shown to the member; marked so nobody mistakes it for the thread. */
export function InternalNotes({ ticket, desk, onSend }: { ticket: StaffTicket; desk: TicketDesk; onSend: (text: string) => Promise<boolean> }) {
  return (
    <View className='ticket-card ticket-card--internal' data-testid='ticket-notes'>
      <View className='ticket-card__head'>
        <Text className='ticket-card__title'>内部备注</Text>
        <Text className='ticket-internal-badge'>内部备注，会员不可见</Text>
      </View>
      {ticket.notes.length === 0 && <Text className='ticket-muted'>暂无备注</Text>}
      {ticket.notes.map((note, index) => (
        <View key={`${note.at}-${index}`} className='ticket-note' data-testid='note-entry'>
          <Text className='ticket-muted'>
            {note.name} · {formatDateTime(note.at)}
          </Text>
          <Text className='ticket-note__text'>{note.text}</Text>
        </View>
      ))}
      {ticket.can.note && (
        <Composer
          rule={TICKET_NOTE}
          placeholder='写给同事的备注，会员看不到'
          sendLabel='添加备注'
          busy={desk.busy === 'note'}
          locked={desk.busy !== null}
          serverError={desk.errorOf('note', 'text')}
          onSend={onSend}
          inputTestId='staff-note-text'
          sendTestId='staff-note-send'
        />
      )}
    </View>
  )
}
