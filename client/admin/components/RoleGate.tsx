import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Role } from '@contract/roles'
import type { WhoAmI } from '@contract/staff'
import { PrivacyDialog } from '../../components/PrivacyDialog'
import { ErrorView, LoadingView } from '../../components/StatusView'
import { useStaffRole } from '../../hooks/useStaffRole'
import { allows, type StaffArea } from '../access'
import './admin.scss'

/**
 * Staff pages render their content (and so start their data hooks) only for a role that may use
 * them; anyone else sees 无权限 and a way back. The server refuses them anyway. The page is handed
 * the whole whoami answer too: the till and check-in record the staff member's store. Every staff
 * page hosts the privacy dialog: saving a QR to the album and picking a picture need the agreement.
 */
export function RoleGate({ area, children }: { area: StaffArea | 'any'; children: (role: Role, staff: WhoAmI) => ReactNode }) {
  const staff = useStaffRole()
  const role = staff.data?.role
  return (
    <View className='admin-page'>
      {staff.status === 'loading' && <LoadingView />}
      {staff.status === 'error' && <ErrorView message={staff.error.message} onRetry={staff.reload} />}
      {staff.status === 'ready' && (allows(role, area) ? children(role, staff.data) : <NoAccess />)}
      <PrivacyDialog />
    </View>
  )
}

function NoAccess() {
  function back() {
    Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))
  }
  return (
    <View className='status-view' data-testid='no-access'>
      <Text className='status-view__title'>无权限</Text>
      <Text className='status-view__text'>此页面仅限门店相应岗位的员工使用</Text>
      <Button type='primary' size='small' onClick={back}>
        返回
      </Button>
    </View>
  )
}
