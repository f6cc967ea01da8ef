// Staff styles first, so every admin page orders its stylesheets the same way.
import '../../components/admin.scss'
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@contract/format'
import { ROLE_LABELS, type Role } from '@contract/roles'
import type { Invitation, WhoAmI } from '@contract/staff'
import { grantableRoles, INVITABLE_ROLES, INVITATION_TTL_MS, type InvitableRole } from '@contract/workspaceFields'
import { FormField, Panel } from '../../../components/FormField'
import { EmptyView, ErrorView, LoadingView } from '../../../components/StatusView'
import { RoleGate } from '../../components/RoleGate'
import { InvitationCard } from '../../components/staff/InvitationCard'
import { QrPoster } from '../../components/staff/QrPoster'
import { ChoiceChips } from '../../components/ticket/ChoiceChips'
import { useInvitations } from '../../hooks/useInvitations'
import { confirmDialog } from '../../validation'

const TTL_HOURS = INVITATION_TTL_MS / (60 * 60 * 1000)
const invitable = (role: Role): role is InvitableRole => (INVITABLE_ROLES as readonly Role[]).includes(role)

export default function InvitePage() {
  return <RoleGate area='invite'>{(role, staff) => <InviteStaff role={role} staff={staff} />}</RoleGate>
}

export function InviteStaff({ role, staff }: { role: Role; staff: WhoAmI }) {
  const invitations = useInvitations()
  const roles = grantableRoles(role).filter(invitable)
  const [pickedRole, setPickedRole] = useState<InvitableRole | null>(roles.includes('cashier') ? 'cashier' : (roles[0] ?? null))
  const [pickedStore, setPickedStore] = useState<string | null>(null)
  usePullDownRefresh(async () => {
    await Promise.all([invitations.recent.reload(), invitations.stores.reload()])
    Taro.stopPullDownRefresh()
  })
  const stores = invitations.stores.data ?? []
  // The inviter's own store first: a manager usually hires for the shop they stand in.
  const storeId = pickedStore ?? stores.find((store) => store.id === staff.storeId)?.id ?? stores[0]?.id ?? null

  async function revoke(invitation: Invitation) {
    if (!(await confirmDialog('撤销邀请', `撤销后这张「${invitation.roleName}」邀请二维码将不能再使用`, '撤销'))) return
    if (await invitations.revoke(invitation)) void Taro.showToast({ title: '已撤销', icon: 'success' })
  }

  const { made } = invitations
  return (
    <View className='ws-screen' data-testid='invite-staff'>
      {made ? (
        <QrPoster
          title={`邀请成为${made.roleName}`}
          subtitle={`${made.storeName} · 请被邀请人用微信扫码接受`}
          imageDataUrl={made.imageDataUrl ?? ''}
          fileName={`invitation-${made.token}`}
          testId='invitation-qr'
        >
          <Text className='ws-poster__strong' data-testid='invitation-validity'>
            {TTL_HOURS} 小时内有效，至 {formatDateTime(made.expiresAt)}
          </Text>
          <Text className='ws-poster__line'>仅可使用一次，接受后自动失效</Text>
        </QrPoster>
      ) : (
        inviteForm()
      )}
      {made && (
        <View className='admin-actions'>
          <Button fill='outline' disabled={invitations.busy} onClick={() => revoke(made)} data-testid='invitation-revoke-made'>
            撤销此邀请
          </Button>
          <Button fill='outline' onClick={invitations.clearMade} data-testid='invitation-another'>
            再邀请一位
          </Button>
        </View>
      )}
      <Text className='ws-section'>最近的邀请</Text>
      {recentInvitations()}
    </View>
  )

  function inviteForm() {
    if (invitations.stores.status === 'loading') return <LoadingView />
    if (invitations.stores.status === 'error') return <ErrorView message={invitations.stores.error.message} onRetry={invitations.stores.reload} />
    if (stores.length === 0) return <EmptyView title='没有营业中的门店' description='请先由店主在门店管理中新增或重新开放门店' />
    return (
      <>
        <Panel title='邀请新员工'>
          <FormField label='岗位' error={invitations.fieldErrors.role} stacked>
            <ChoiceChips options={roles.map((key) => ({ key, label: ROLE_LABELS[key] }))} value={pickedRole} onChange={setPickedRole} testId='invite-role' />
          </FormField>
          <FormField label='门店' error={invitations.fieldErrors.storeId} stacked>
            <ChoiceChips options={stores.map((store) => ({ key: store.id, label: store.name }))} value={storeId} onChange={setPickedStore} testId='invite-store' />
          </FormField>
          <Text className='admin-note'>生成一次性二维码，{TTL_HOURS} 小时内有效；被邀请人用微信扫码，确认姓名后即成为本店员工。</Text>
        </Panel>
        <View className='admin-actions'>
          <Button
            type='primary'
            block
            loading={invitations.busy}
            disabled={invitations.busy || !pickedRole || !storeId}
            onClick={() => pickedRole && storeId && void invitations.invite(pickedRole, storeId)}
            data-testid='invite-submit'
          >
            生成邀请二维码
          </Button>
        </View>
      </>
    )
  }

  function recentInvitations() {
    const { recent } = invitations
    if (recent.status === 'loading') return <LoadingView />
    if (recent.status === 'error') return <ErrorView message={recent.error.message} onRetry={recent.reload} />
    if (recent.data.length === 0) return <Text className='ws-note'>还没有邀请；生成的邀请会在这里显示是否已被接受。</Text>
    return (
      <>
        {recent.data.map((invitation) => (
          <InvitationCard key={invitation.token} invitation={invitation}>
            {invitation.status === 'pending' && (
              <Button size='small' fill='none' className='ws-danger' disabled={invitations.busy} onClick={() => revoke(invitation)} data-testid='invitation-revoke'>
                撤销
              </Button>
            )}
          </InvitationCard>
        ))}
      </>
    )
  }
}
