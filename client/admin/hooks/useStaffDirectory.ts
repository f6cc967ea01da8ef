import type { Role } from '@contract/roles'
import type { StaffEntry } from '@contract/staff'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { useSubmit } from '../../hooks/useSubmit'
import { useOpenStores } from './useStores'

/**
 * 员工管理: the staff list as the server describes it for the caller (who is manageable is its
 * word), the open stores a colleague can move to, and the changes. Every change reloads the list:
 * a transfer changes two rows and the caller's own powers.
 */
export function useStaffDirectory() {
  const staff = useCloudQuery<StaffEntry[]>(() => callCloud('staff', 'list', {}))
  const stores = useOpenStores()
  const submit = useSubmit()

  async function change<T>(send: () => Promise<T>): Promise<T | undefined> {
    const answer = await submit.run(send)
    if (answer !== undefined) void staff.reload()
    return answer
  }

  return {
    staff,
    stores,
    changeRole: (entry: StaffEntry, role: Role) => change(() => callCloud('staff', 'updateStaff', { staffOpenid: entry.openid, role })),
    moveStore: (entry: StaffEntry, storeId: string) => change(() => callCloud('staff', 'updateStaff', { staffOpenid: entry.openid, storeId })),
    /** True once revoked (the action answers null, which useSubmit cannot tell from a failure). */
    revoke: async (entry: StaffEntry) =>
      (await change(async () => {
        await callCloud('staff', 'revokeStaff', { staffOpenid: entry.openid })
        return true
      })) === true,
    transfer: async (entry: StaffEntry, confirmName: string) => {
      const answer = await submit.run(() => callCloud('staff', 'transferOwnership', { staffOpenid: entry.openid, confirmName }))
      if (answer) staff.setData(answer)
      return answer
    },
    busy: submit.busy,
    fieldErrors: submit.fieldErrors,
    clearFieldErrors: submit.clearFieldErrors,
  }
}
