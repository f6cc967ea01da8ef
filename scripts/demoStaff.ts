import type { AuditDoc } from '../cloudfunctions/shared/data/audit'
import type { StaffDoc } from '../cloudfunctions/shared/data/staff'
import type { StoreDoc } from '../cloudfunctions/shared/data/stores'
import { newInvitation, type InvitationDoc } from '../cloudfunctions/shared/domain/invitation'
import type { LedgerRow } from '../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'

/**
 * The demo's staff workspace: two stores, the team (an admin among them, 赵经理 at the second
 * store), one pending invitation for a cashier, and the audit entries the owner's adjustments in
 * the demo ledger would have left, so 操作日志 opens on something true.
 */

const DAY_MS = 24 * 60 * 60 * 1000

export const DEMO_STORE = { _id: 'store-001', name: '会员通示范店', address: '上海市静安区示范路 88 号' }
export const DEMO_SECOND_STORE = { _id: 'store-002', name: '会员通滨江店', address: '杭州市滨江区江南大道 1088 号' }

export const DEMO_STAFF = [
  { _id: 'demo-owner', name: '王店长', role: 'owner' as const, storeId: DEMO_STORE._id, joinedDaysAgo: 720 },
  { _id: 'demo-admin', name: '赵经理', role: 'admin' as const, storeId: DEMO_SECOND_STORE._id, joinedDaysAgo: 200 },
  { _id: 'demo-cashier', name: '小李', role: 'cashier' as const, storeId: DEMO_STORE._id, joinedDaysAgo: 400 },
  { _id: 'demo-service', name: '客服小周', role: 'service' as const, storeId: DEMO_STORE._id, joinedDaysAgo: 300 },
  { _id: 'demo-marketing', name: '营销小美', role: 'marketing' as const, storeId: DEMO_STORE._id, joinedDaysAgo: 150 },
]

/** Scanned in the demo as `inv=DemoInvite2Cashr` (the dev panel's scan stand-in), valid for the demo's first day. */
export const DEMO_INVITATION_TOKEN = 'DemoInvite2Cashr'

export function demoStaff(now: Date, shop: { members: MemberDoc[]; ledger: LedgerRow[] }) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const stores: StoreDoc[] = [DEMO_STORE, DEMO_SECOND_STORE].map((store, index) => ({ ...store, phone: '', closed: false, closedAt: null, createdAt: daysAgo(720 - index * 520) }))
  const staff: StaffDoc[] = DEMO_STAFF.map(({ joinedDaysAgo, ...entry }) => ({
    ...entry,
    joinedAt: daysAgo(joinedDaysAgo),
    invitedBy: entry.role === 'owner' ? null : 'demo-owner',
    updatedAt: now,
    updatedBy: null,
  }))
  const invitations: InvitationDoc[] = [
    newInvitation(
      { token: DEMO_INVITATION_TOKEN, requestId: 'demo-invite-cashier', role: 'cashier', storeId: DEMO_SECOND_STORE._id, createdBy: 'demo-admin', createdByName: '赵经理' },
      new Date(now.getTime() - 60 * 60 * 1000),
    ),
  ]
  const cardNos = new Map(shop.members.map((member) => [member._id, member.cardNo]))
  // What points.adjust's router wrote for each demo adjustment: its payload as parsed, and the member it concerned.
  const audit: AuditDoc[] = shop.ledger
    .filter((row) => row.kind === 'adjust')
    .map((row) => ({
      _id: `audit-demo-${row._id}`,
      at: new Date(row.createdAt),
      fn: 'points',
      action: 'adjust',
      actor: 'demo-owner',
      role: 'owner',
      actorName: '王店长',
      payload: { cardNo: cardNos.get(row.openid), delta: row.delta, reason: row.reason.replace(/^人工调整：/, ''), requestId: row._id.replace(/^adjust:/, '') },
      member: row.openid,
    }))
  return { stores, staff, invitations, audit }
}
