import type { Role } from '../../cloudfunctions/shared/contract/roles'
import type { StaffEntry, Store } from '../../cloudfunctions/shared/contract/staff'
import { ROLE_LABELS } from '../../cloudfunctions/shared/contract/roles'

export const STORES: Store[] = [
  { id: 'store-001', name: '会员通示范店', address: '上海市静安区示范路 88 号', phone: '021-12345678', closed: false, createdAt: '2026-01-01T00:00:00.000Z', staffCount: 4 },
  { id: 'store-002', name: '徐汇店', address: '上海市徐汇区漕溪北路 1 号', phone: '', closed: false, createdAt: '2026-06-01T00:00:00.000Z', staffCount: 1 },
]

/** A colleague as `staff.list` describes them to the caller. */
export function staffEntry(openid: string, name: string, role: Role, overrides: Partial<StaffEntry> = {}): StaffEntry {
  return { openid, name, role, roleName: ROLE_LABELS[role], storeId: 'store-001', storeName: '会员通示范店', joinedAt: '2026-03-01T02:00:00.000Z', manageable: false, you: false, ...overrides }
}
