import { useState } from 'react'
import type { InvitableRole } from '@contract/workspaceFields'
import type { Invitation } from '@contract/staff'
import { callCloud } from '../../services/cloud'
import { useAttemptId } from '../../hooks/useAttemptId'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'
import { useOpenStores } from './useStores'

/**
 * 邀请员工: making one invitation (its QR comes only with that answer), the recent ones and
 * revoking a pending one. A retried tap for the same role and store is the same attempt, so a lost
 * answer never leaves two live invitations behind.
 */
export function useInvitations() {
  const recent = useCloudQuery<Invitation[]>(() => callCloud('staff', 'invitations', {}))
  const stores = useOpenStores()
  const attempt = useAttemptId()
  const submit = useSubmit()
  const [made, setMade] = useState<Invitation | null>(null)

  async function invite(role: InvitableRole, storeId: string): Promise<Invitation | undefined> {
    const requestId = attempt.idFor(`${role}:${storeId}`)
    const invitation = await submit.run(() => callCloud('staff', 'invite', { role, storeId, requestId }))
    if (invitation) {
      attempt.settle()
      setMade(invitation)
      void recent.reload()
    }
    return invitation
  }

  async function revoke(invitation: Invitation): Promise<Invitation | undefined> {
    const revoked = await submit.run(() => callCloud('staff', 'revokeInvitation', { token: invitation.token }))
    if (revoked) {
      if (recent.data) recent.setData(recent.data.map((each) => (each.token === revoked.token ? revoked : each)))
      if (made?.token === revoked.token) setMade(null)
    }
    return revoked
  }

  return { recent, stores, made, clearMade: () => setMade(null), invite, revoke, busy: submit.busy, fieldErrors: submit.fieldErrors }
}
