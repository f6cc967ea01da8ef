import type { Role } from '@contract/roles'
import { maskPhone, seesFullPhone } from '@contract/workspaceFields'

/**
 * A member's phone as this staff member may see it. The server masks it already; the page masks
 * again, so a full number can reach only the owner's screen even if an answer carried one.
 */
export function phoneFor(role: Role, phone: string | null): string {
  const shown = seesFullPhone(role) ? phone : maskPhone(phone)
  return shown ?? '未绑定手机'
}
