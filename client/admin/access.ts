import type { Role } from '@contract/roles'

/**
 * Which roles see which staff page. The server checks every action itself; this only decides what
 * the console offers, so nobody is shown a page that would answer FORBIDDEN.
 */
export const ACCESS = {
  till: ['owner', 'admin', 'cashier'],
  lookup: ['owner', 'admin', 'cashier', 'service'],
  rewards: ['owner', 'admin'],
  adjust: ['owner', 'admin'],
  rules: ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>

export type StaffArea = keyof typeof ACCESS

export function allows(role: Role | null | undefined, area: StaffArea | 'any'): role is Role {
  if (!role) return false
  return area === 'any' || (ACCESS[area] as readonly Role[]).includes(role)
}
