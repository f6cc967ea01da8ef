import { roleMayCall } from '@contract/access'
import type { Role } from '@contract/roles'

/**
 * Each staff page is named by the action it cannot work without; who may open it is whoever the
 * contract's ACCESS map lets call that action. The server checks every action itself; this only
 * decides what the console offers, so nobody is shown a page that would answer FORBIDDEN.
 */
const AREAS = {
  till: (role: Role) => roleMayCall(role, 'points', 'checkout'),
  search: (role: Role) => roleMayCall(role, 'member', 'search'),
  archive: (role: Role) => roleMayCall(role, 'member', 'archive'),
  rewards: (role: Role) => roleMayCall(role, 'rewards', 'adminList'),
  adjust: (role: Role) => roleMayCall(role, 'points', 'adjust'),
  rules: (role: Role) => roleMayCall(role, 'tiers', 'rules'),
  activities: (role: Role) => roleMayCall(role, 'activity', 'adminList'),
  checkIn: (role: Role) => roleMayCall(role, 'activity', 'checkIn'),
  roster: (role: Role) => roleMayCall(role, 'activity', 'roster'),
  evaluation: (role: Role) => roleMayCall(role, 'activity', 'evaluate'),
  tickets: (role: Role) => roleMayCall(role, 'ticket', 'queue'),
  ticketStats: (role: Role) => roleMayCall(role, 'ticket', 'stats'),
  sla: (role: Role) => roleMayCall(role, 'ticket', 'sla'),
  categories: (role: Role) => roleMayCall(role, 'points', 'setCategories'),
  marketing: (role: Role) => roleMayCall(role, 'marketing', 'segments'),
  insight: (role: Role) => roleMayCall(role, 'stats', 'overview'),
  rfmRules: (role: Role) => roleMayCall(role, 'marketing', 'setRfmThresholds'),
  stores: (role: Role) => roleMayCall(role, 'staff', 'saveStore'),
  staffList: (role: Role) => roleMayCall(role, 'staff', 'updateStaff'),
  invite: (role: Role) => roleMayCall(role, 'staff', 'invite'),
  audit: (role: Role) => roleMayCall(role, 'staff', 'audit'),
  export: (role: Role) => roleMayCall(role, 'staff', 'startExport'),
}

export type StaffArea = keyof typeof AREAS

export function allows(role: Role | null | undefined, area: StaffArea | 'any'): role is Role {
  if (!role) return false
  return area === 'any' || AREAS[area](role)
}
