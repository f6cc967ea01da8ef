import { View, Text } from '@tarojs/components'
import { ROLE_LABELS } from '@contract/roles'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useTicketAssignees } from '../../hooks/useTicketAssignees'
import { Sheet } from './Sheet'
import './ticket.scss'

interface AssignSheetProps {
  currentOpenid: string | null
  busy: boolean
  onPick: (openid: string, name: string) => Promise<boolean>
  onClose: () => void
}

/** 指派: the staff who work tickets (客服, 管理员, 店主); the one holding the ticket now is marked. */
export function AssignSheet({ currentOpenid, busy, onPick, onClose }: AssignSheetProps) {
  const staff = useTicketAssignees()
  async function pick(openid: string, name: string) {
    if (openid === currentOpenid || busy) return
    if (await onPick(openid, name)) onClose()
  }
  return (
    <Sheet title='指派处理人' text='指派后由该同事跟进，工单转为处理中。' busy={busy} onClose={onClose} testId='assign-sheet'>
      {staff.status === 'loading' && <LoadingView />}
      {staff.status === 'error' && <ErrorView message={staff.error.message} onRetry={staff.reload} />}
      {staff.status === 'ready' && staff.data.length === 0 && <Text className='ticket-muted'>没有可指派的客服或管理员</Text>}
      {staff.status === 'ready' &&
        staff.data.map((entry) => (
          <View
            key={entry.openid}
            className={`ticket-staff ${entry.openid === currentOpenid ? 'ticket-staff--current' : ''}`}
            onClick={() => void pick(entry.openid, entry.name)}
            data-testid={`assign-to-${entry.openid}`}
          >
            <Text>{entry.name}</Text>
            <Text className='ticket-staff__role'>{entry.openid === currentOpenid ? '当前处理人' : ROLE_LABELS[entry.role]}</Text>
          </View>
        ))}
    </Sheet>
  )
}
