import type { Role } from '../../shared/contract/roles'

/** Who works the till, and who may look at a member's records. */
export const TILL_ROLES: readonly Role[] = ['owner', 'admin', 'cashier']
export const RECORD_ROLES: readonly Role[] = ['owner', 'admin', 'cashier', 'service']
export const ADJUST_ROLES: readonly Role[] = ['owner', 'admin']
