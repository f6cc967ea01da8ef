import { z } from 'zod'
import { calendarDate, textField } from './validators'
import { ROLES, type Role } from './roles'
import { storeId } from './money'
import { EXPORT_KINDS, INVITABLE_ROLES, STAFF_NAME, STORE_ADDRESS, STORE_NAME, STORE_PHONE, type ExportKind, type ExportStatus, type InvitableRole, type InvitationStatus } from './workspaceFields'

/**
 * The staff workspace: stores, invitations, the staff list, the audit log and exports. Every action
 * here is the `staff` function's; who may call it is in access.ts.
 */

const openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'openid 格式不正确')
const cursor = z.string().max(200).optional()
/** An invitation's token: the secret its QR carries (`scene` = `inv=<token>`, within WeChat's 32 characters). */
export const invitationToken = z.string().regex(/^[A-Za-z0-9]{16}$/, '邀请码不正确')

// Stores

export interface Store {
  id: string
  name: string
  address: string
  phone: string
  /** Closed stores keep their history; their join code stops greeting new members and the till cannot pick them. */
  closed: boolean
  createdAt: string | null
  /** Staff whose store this is. */
  staffCount: number
}
export const storesPayload = z.strictObject({ includeClosed: z.boolean().optional() })
/** Create (no `id`) or edit a store. */
export const saveStorePayload = z.strictObject({
  id: storeId.optional(),
  name: textField(STORE_NAME),
  address: textField(STORE_ADDRESS).default(''),
  phone: z.string().trim().regex(STORE_PHONE.pattern, STORE_PHONE.invalid).default(''),
})
export const storeRefPayload = z.strictObject({ id: storeId })

// Invitations

export const invitePayload = z.strictObject({
  role: z.enum(INVITABLE_ROLES, { error: '请选择角色' }),
  storeId,
  /** The tap's id, the same on every retry, so a retried tap answers the same invitation. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号不正确'),
})
export interface Invitation {
  token: string
  role: InvitableRole
  roleName: string
  storeId: string
  storeName: string
  status: InvitationStatus
  statusLabel: string
  createdAt: string
  expiresAt: string
  createdByName: string
  acceptedByName: string | null
  /** The QR (wxacode) as a data URL to show and save; only on the answer to `invite`. */
  imageDataUrl?: string
  /** The QR's file in cloud storage. */
  fileId: string | null
}
export const invitationsPayload = z.strictObject({})
export const invitationRefPayload = z.strictObject({ token: invitationToken })
/** What the invitee sees before accepting: the shop, the role and the store, and whether it is still open. */
export interface InvitationInfo {
  shopName: string
  roleName: string
  role: InvitableRole
  storeName: string
  status: InvitationStatus
  statusLabel: string
  expiresAt: string
  createdByName: string
  /** The caller's own role, if they are staff already (an invitation cannot be accepted then). */
  yourRole: Role | null
}
export const acceptInvitationPayload = z.strictObject({ token: invitationToken, name: textField(STAFF_NAME) })

// Staff

export const whoamiPayload = z.strictObject({})
export interface WhoAmI {
  role: Role | null
  name: string | null
  /** The staff member's store: what the till and check-in record. */
  storeId: string | null
  storeName: string | null
}

export const listStaffPayload = z.strictObject({})
export interface StaffEntry {
  openid: string
  name: string
  role: Role
  roleName: string
  storeId: string | null
  storeName: string | null
  joinedAt: string | null
  /** Whether the caller may change, move or revoke this colleague (a transfer is the owner's alone). */
  manageable: boolean
  you: boolean
}

/** Change a colleague's role or store (either or both). */
export const updateStaffPayload = z
  .strictObject({
    staffOpenid: openid,
    role: z.enum(ROLES, { error: '角色不正确' }).optional(),
    storeId: storeId.optional(),
    name: textField(STAFF_NAME).optional(),
  })
  .refine((payload) => payload.role !== undefined || payload.storeId !== undefined || payload.name !== undefined, { message: '请选择要修改的内容', path: ['role'] })
export const staffRefPayload = z.strictObject({ staffOpenid: openid })
/** The owner hands the shop to a colleague, who becomes owner; the former owner stays as an admin. */
export const transferOwnershipPayload = z.strictObject({
  staffOpenid: openid,
  /** The colleague's name as the owner typed it in the second confirmation. */
  confirmName: textField(STAFF_NAME),
})

/** Only answerable by a server-side invocation (console, CLI, `npm run owner:set`): no OPENID. */
export const bootstrapOwnerPayload = z.strictObject({
  ownerOpenid: openid,
  name: z.string().trim().min(1).max(20).default('店主'),
})

// Audit

export const auditPayload = z.strictObject({
  actorOpenid: openid.optional(),
  /** `function.action`, as AUDIT_ACTIONS lists them. */
  action: z
    .string()
    .regex(/^[a-z]+\.[A-Za-z]+$/, '操作类型不正确')
    .optional(),
  cardNo: z
    .string()
    .regex(/^\d{10}$/, '会员卡号应为 10 位数字')
    .optional(),
  from: calendarDate('开始日期').optional(),
  to: calendarDate('结束日期').optional(),
  cursor,
})
export interface AuditView {
  id: string
  at: string
  actorName: string
  actorRole: string | null
  action: string
  actionLabel: string
  memberName: string | null
  memberCardNo: string | null
  /** The whole entry as one Chinese sentence: "王店长 调整积分 林晓雨 +200 原因：…". */
  text: string
}
export interface AuditPage {
  entries: AuditView[]
  nextCursor: string | null
}

// Export

export const startExportPayload = z
  .strictObject({
    kind: z.enum(EXPORT_KINDS, { error: '请选择导出内容' }),
    from: calendarDate('开始日期'),
    to: calendarDate('结束日期'),
    /** The owner asks for full phone numbers; masked otherwise. Audited either way. */
    fullPhone: z.boolean().default(false),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号不正确'),
  })
  .refine((payload) => payload.from <= payload.to, { message: '结束日期不能早于开始日期', path: ['to'] })
export interface ExportJob {
  id: string
  kind: ExportKind
  kindLabel: string
  from: string
  to: string
  fullPhone: boolean
  status: ExportStatus
  statusLabel: string
  rows: number
  /** Rows expected, counted when the job started (the progress bar's whole). */
  total: number
  /** 0–1. */
  progress: number
  fileName: string
  createdAt: string
  finishedAt: string | null
  /** A temporary download link, once done. */
  url: string | null
  error: string | null
}
export const exportRefPayload = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '导出编号不正确') })
export const exportsPayload = z.strictObject({})
/** The timer or a hand-over runs the next chunk of a job. */
export const exportChunkPayload = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), round: z.number().int().min(0).default(0) })
