import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { formatDateTime } from '@contract/format'
import type { Invitation } from '@contract/staff'
import type { InvitationStatus } from '@contract/workspaceFields'
import './staff.scss'

const TAG: Record<InvitationStatus, string> = { pending: '', accepted: 'ws-tag--green', revoked: 'ws-tag--grey', expired: 'ws-tag--grey' }

/** One invitation as its maker follows it: for which role and store, by whom, and where it stands. */
export function InvitationCard({ invitation, children }: { invitation: Invitation; children?: ReactNode }) {
  return (
    <View className='ws-card' data-testid='invitation-card'>
      <View className='ws-card__head'>
        <Text className='ws-card__title'>
          {invitation.roleName} · {invitation.storeName}
        </Text>
        <Text className={`ws-tag ${TAG[invitation.status]}`} data-testid='invitation-status'>
          {invitation.statusLabel}
        </Text>
      </View>
      <Text className='ws-card__meta'>
        {invitation.createdByName} 邀请于 {formatDateTime(invitation.createdAt)}
      </Text>
      {invitation.status === 'pending' && <Text className='ws-card__line'>有效期至 {formatDateTime(invitation.expiresAt)}</Text>}
      {invitation.status === 'accepted' && invitation.acceptedByName && <Text className='ws-card__line'>已由「{invitation.acceptedByName}」接受</Text>}
      {children && <View className='ws-card__actions'>{children}</View>}
    </View>
  )
}
