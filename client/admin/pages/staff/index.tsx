// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { roleMayCall } from '@contract/access'
import { ROLES, type Role } from '@contract/roles'
import type { StaffEntry } from '@contract/staff'
import { grantableRoles, mayManage, ROLE_CACHE_SECONDS } from '@contract/workspaceFields'
import { ErrorView, LoadingView } from '../../../components/StatusView'
import { useOnReturn } from '../../../hooks/useOnReturn'
import { openPage } from '../../../services/navigate'
import { allows } from '../../access'
import { RoleGate } from '../../components/RoleGate'
import { StaffCard } from '../../components/staff/StaffCard'
import { RoleSheet, StoreSheet, TransferSheet } from '../../components/staff/StaffSheets'
import { useStaffDirectory } from '../../hooks/useStaffDirectory'
import { confirmDialog, toast } from '../../validation'

type Open = { kind: 'role' | 'store' | 'transfer'; entry: StaffEntry } | null

export default function StaffPage() {
  return <RoleGate area='staffList'>{(role) => <StaffAdmin role={role} />}</RoleGate>
}

export function StaffAdmin({ role }: { role: Role }) {
  const directory = useStaffDirectory()
  const [open, setOpen] = useState<Open>(null)
  usePullDownRefresh(async () => {
    await directory.staff.reload()
    Taro.stopPullDownRefresh()
  })
  // Back from 邀请员工, whoever accepted meanwhile is on the list.
  useOnReturn(directory.staff.reload)
  const { staff } = directory
  if (staff.status === 'loading') return <LoadingView />
  if (staff.status === 'error') return <ErrorView message={staff.error.message} onRetry={staff.reload} />
  // After a transfer the caller is an admin: the list's own row says so before the page is reopened.
  const callerRole = staff.data.find((entry) => entry.you)?.role ?? role
  const grantable = grantableRoles(callerRole)
  const manageable = (entry: StaffEntry) => entry.manageable && !entry.you && mayManage(callerRole, entry.role)
  const transferable = (entry: StaffEntry) => !entry.you && entry.role !== 'owner' && roleMayCall(callerRole, 'staff', 'transferOwnership')

  function pick(kind: 'role' | 'store', entry: StaffEntry) {
    directory.clearFieldErrors()
    if (kind === 'store') void directory.stores.reload()
    setOpen({ kind, entry })
  }

  async function save(send: () => Promise<unknown>) {
    if (await send()) {
      setOpen(null)
      toast(`已保存，${ROLE_CACHE_SECONDS} 秒内生效`)
    }
  }

  async function revoke(entry: StaffEntry) {
    const sure = await confirmDialog('移除员工', `移除后「${entry.name}」将不能再使用员工后台：${ROLE_CACHE_SECONDS} 秒内在其所有设备上生效，之后的操作都会被拒绝。`, '移除')
    if (sure && (await directory.revoke(entry))) toast(`已移除，${ROLE_CACHE_SECONDS} 秒内生效`)
  }

  async function startTransfer(entry: StaffEntry) {
    const sure = await confirmDialog('转让店主', `确定把店主身份转让给「${entry.name}」吗？转让后你将成为管理员，门店管理、数据导出等店主权限归新店主。`, '继续')
    if (!sure) return
    directory.clearFieldErrors()
    setOpen({ kind: 'transfer', entry })
  }

  async function transfer(entry: StaffEntry, typedName: string) {
    if (await directory.transfer(entry, typedName)) {
      setOpen(null)
      void Taro.showToast({ title: '已转让店主', icon: 'success' })
    }
  }

  return (
    <View className='admin-list' data-testid='staff-admin'>
      {allows(callerRole, 'invite') && (
        <View className='ws-links'>
          <Text className='ws-links__link' onClick={() => void openPage('/admin/pages/invite/index')} data-testid='staff-invite-link'>
            邀请员工 ›
          </Text>
        </View>
      )}
      <Text className='ws-note'>调整岗位、门店或移除员工后，{ROLE_CACHE_SECONDS} 秒内在其所有设备上生效。</Text>
      {ordered(staff.data).map((entry) => (
        <StaffCard key={entry.openid} entry={entry}>
          {manageable(entry) && grantable.some((grant) => grant !== entry.role) && (
            <Button size='small' fill='outline' onClick={() => pick('role', entry)} data-testid='staff-change-role'>
              调整岗位
            </Button>
          )}
          {manageable(entry) && (
            <Button size='small' fill='outline' onClick={() => pick('store', entry)} data-testid='staff-move-store'>
              调整门店
            </Button>
          )}
          {manageable(entry) && (
            <Button size='small' fill='none' className='ws-danger' disabled={directory.busy} onClick={() => revoke(entry)} data-testid='staff-revoke'>
              移除
            </Button>
          )}
          {transferable(entry) && (
            <Button size='small' fill='none' onClick={() => startTransfer(entry)} data-testid='staff-transfer'>
              转让店主
            </Button>
          )}
        </StaffCard>
      ))}
      {open?.kind === 'role' && (
        <RoleSheet entry={open.entry} roles={grantable} busy={directory.busy} onClose={() => setOpen(null)} onSave={(next) => save(() => directory.changeRole(open.entry, next))} />
      )}
      {open?.kind === 'store' && (
        <StoreSheet entry={open.entry} stores={directory.stores} busy={directory.busy} onClose={() => setOpen(null)} onSave={(storeId) => save(() => directory.moveStore(open.entry, storeId))} />
      )}
      {open?.kind === 'transfer' && (
        <TransferSheet entry={open.entry} busy={directory.busy} serverError={directory.fieldErrors.confirmName} onClose={() => setOpen(null)} onConfirm={(typed) => void transfer(open.entry, typed)} />
      )}
    </View>
  )
}

/** The owner first, then by role as ROLES ranks them, then by name: the shop's chart as people read it. */
function ordered(entries: readonly StaffEntry[]): StaffEntry[] {
  return [...entries].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'))
}
