import type { StaffEntry } from '@contract/staff'
import { SERVICE_ROLES } from '@contract/access'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'

/** Who a ticket may be handed to (指派): the staff who work tickets, service first. Owners and admins only may list staff. */
export function useTicketAssignees() {
  return useCloudQuery<StaffEntry[]>(async () => {
    const staff = await callCloud('staff', 'list', {})
    const order = (role: StaffEntry['role']) => ['service', 'admin', 'owner'].indexOf(role)
    return staff.filter((entry) => (SERVICE_ROLES as readonly string[]).includes(entry.role)).sort((a, b) => order(a.role) - order(b.role))
  })
}
