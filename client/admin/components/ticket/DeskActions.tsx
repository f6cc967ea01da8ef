import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { StaffTicket } from '@contract/ticket'
import type { DeskAction } from '../../hooks/useTicketDesk'
import './ticket.scss'

export type DeskSheet = 'assign' | 'resolve' | 'escalate' | 'close' | 'reopen' | 'closeRevisit'

interface DeskActionsProps {
  ticket: StaffTicket
  busy: DeskAction | null
  onTake: () => void
  onOpen: (sheet: DeskSheet) => void
}

/** The buttons the server says this staff member may use on the ticket now (`can`), and no others. */
export function DeskActions({ ticket, busy, onTake, onOpen }: DeskActionsProps) {
  const { can } = ticket
  const buttons = [
    can.assign && (
      <Button key='take' type='primary' loading={busy === 'take'} disabled={busy !== null} onClick={onTake} data-testid='ticket-take'>
        {ticket.assignee ? '改由我处理' : '受理'}
      </Button>
    ),
    can.resolve && (
      <Button key='resolve' type='primary' disabled={busy !== null} onClick={() => onOpen('resolve')} data-testid='ticket-resolve-open'>
        提交处理结果
      </Button>
    ),
    can.assignOthers && (
      <Button key='assign' fill='outline' disabled={busy !== null} onClick={() => onOpen('assign')} data-testid='ticket-assign-open'>
        指派
      </Button>
    ),
    can.reopen && (
      <Button key='reopen' fill='outline' disabled={busy !== null} onClick={() => onOpen('reopen')} data-testid='staff-reopen-open'>
        重新打开
      </Button>
    ),
    can.escalate && (
      <Button key='escalate' fill='outline' type='warning' disabled={busy !== null} onClick={() => onOpen('escalate')} data-testid='ticket-escalate-open'>
        升级
      </Button>
    ),
    can.close && (
      <Button key='close' fill='outline' type='danger' disabled={busy !== null} onClick={() => onOpen('close')} data-testid='ticket-close-open'>
        关闭工单
      </Button>
    ),
  ].filter(Boolean)
  if (buttons.length === 0) return null
  return (
    <View className={`ticket-actions ${buttons.length === 1 ? 'ticket-actions--single' : ''}`} data-testid='ticket-actions'>
      {buttons}
    </View>
  )
}
