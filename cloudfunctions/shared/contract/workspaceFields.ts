import { textRule, type PatternRule } from './fields'
import type { Role } from './roles'

/**
 * The staff workspace's rules without zod, for the admin pages' forms and the functions alike:
 * stores, invitations, who may hand out which role, notes, reasons, masking, audit and export.
 */

// Stores

export const STORE_NAME = textRule('门店名称', 2, 20)
export const STORE_ADDRESS = textRule('门店地址', 0, 60)
export const STORE_PHONE: PatternRule = { pattern: /^[0-9-]{0,20}$/, maxLength: 20, empty: '', invalid: '门店电话只能包含数字和 -' }

// Invitations and the staff list

/** An invitation QR is valid this long after it is made, and only once. */
export const INVITATION_TTL_MS = 24 * 60 * 60 * 1000
/** The roles an invitation may carry: ownership only ever moves by a transfer. */
export const INVITABLE_ROLES = ['admin', 'cashier', 'marketing', 'service'] as const satisfies readonly Role[]
export type InvitableRole = (typeof INVITABLE_ROLES)[number]
/** The roles below an admin: what an admin may invite, change and revoke. */
export const ROLES_BELOW_ADMIN = ['cashier', 'marketing', 'service'] as const satisfies readonly Role[]

/** The roles `role` may hand out by invitation or by changing someone's role (none for the rest). */
export function grantableRoles(role: Role | null | undefined): readonly Role[] {
  if (role === 'owner') return INVITABLE_ROLES
  if (role === 'admin') return ROLES_BELOW_ADMIN
  return []
}

/** Whether `actor` may change, move or revoke a colleague who holds `target` (the owner only by a transfer). */
export function mayManage(actor: Role | null | undefined, target: Role): boolean {
  if (target === 'owner') return false
  return grantableRoles(actor).includes(target)
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const
export type InvitationStatus = (typeof INVITATION_STATUSES)[number]
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = { pending: '待接受', accepted: '已接受', revoked: '已撤销', expired: '已过期' }

/** A role change or revocation reaches every function instance within the role cache's lifetime. */
export const ROLE_CACHE_SECONDS = 10
export const STAFF_NAME = textRule('员工姓名', 1, 20)

// The member archive

/** What staff type into member search: a card number, a full phone number, its last 4 digits, or the start of a name. */
export const MEMBER_QUERY = textRule('搜索内容', 1, 20)
export type MemberQueryKind = 'cardNo' | 'phone' | 'phone4' | 'name'
export const MEMBER_QUERY_LABELS: Record<MemberQueryKind, string> = { cardNo: '卡号', phone: '手机号', phone4: '手机尾号', name: '姓名' }

/** How the server reads a search: digits by their count, anything else as a name prefix. */
export function memberQueryKind(query: string): MemberQueryKind {
  const text = query.trim()
  if (/^\d{10}$/.test(text)) return 'cardNo'
  if (/^1\d{10}$/.test(text)) return 'phone'
  if (/^\d{4}$/.test(text)) return 'phone4'
  return 'name'
}

export const MEMBER_NOTE = textRule('备注内容', 1, 200)
export const ERASE_REASON = textRule('注销原因', 2, 100)
export const BIRTHDAY_REASON = textRule('修改原因', 2, 100)

/** `138****5678`: enough to recognise, not enough to call. Everyone but the owner sees this. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  const digits = phone.replace(/^\+?86/, '').replace(/\D/g, '')
  if (digits.length < 7) return '****'
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/** Who sees members' full phone numbers. */
export function seesFullPhone(role: Role | null | undefined): boolean {
  return role === 'owner'
}

/** What an erased member is called wherever their name was. */
export const ERASED_NAME = '已注销会员'

// Export

export const EXPORT_KINDS = ['members', 'ledger', 'orders'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = { members: '会员资料', ledger: '积分流水', orders: '消费记录' }
export const EXPORT_STATUSES = ['running', 'done', 'failed'] as const
export type ExportStatus = (typeof EXPORT_STATUSES)[number]
export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = { running: '导出中', done: '已完成', failed: '失败' }
/** The longest date range one export covers. */
export const EXPORT_MAX_DAYS = 366
/** A finished export's download link lasts this long (WeChat's temporary links expire on their own). */
export const EXPORT_LINK_TTL_MS = 2 * 60 * 60 * 1000

// Audit

/** Audit entries per page in the viewer. */
export const AUDIT_PAGE = 30
