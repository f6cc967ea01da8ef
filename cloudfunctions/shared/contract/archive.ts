import { z } from 'zod'
import { textField } from './validators'
import { cardNoField } from './member'
import type { Gender, TierId } from './enums'
import type { Coupon } from './coupons'
import type { LedgerEntry, OrderRecord } from './points'
import { ERASE_REASON, MEMBER_NOTE, MEMBER_QUERY, type MemberQueryKind } from './workspaceFields'

/**
 * The member archive (staff): search, the whole member on one page, staff notes, removing a
 * member; and the member's own data rights: downloading their data and erasing their account.
 */

const cursor = z.string().max(200).optional()

export const searchMembersPayload = z.strictObject({ query: textField(MEMBER_QUERY), cursor })
export interface MemberHit {
  cardNo: string
  name: string
  /** Masked (`138****1234`) for everyone but the owner. */
  phone: string | null
  tier: TierId
  tierName: string
  pointsBalance: number
  joinedAt: string
  removed: boolean
}
export interface MemberSearchPage {
  by: MemberQueryKind
  members: MemberHit[]
  nextCursor: string | null
}

export const archivePayload = z.strictObject({ cardNo: cardNoField })
export interface MemberNote {
  id: string
  text: string
  authorName: string
  at: string
}
export interface TierHistoryEntry {
  at: string
  fromName: string | null
  toName: string
  /** Why: 消费升级, 保级到期, 规则发布 … */
  reason: string
}
export interface ArchiveSignup {
  activityId: string
  title: string
  startAt: string
  status: string
  statusLabel: string
}
export interface ArchiveTicket {
  id: string
  no: string
  category: string
  status: string
  statusLabel: string
  summary: string
  createdAt: string
}
/** A member whole, for the 360 page. Longer lists page on with points.memberHistory / points.orders. */
export interface MemberArchive {
  cardNo: string
  name: string
  gender: Gender
  birthday: string | null
  /** Masked for everyone but the owner. */
  phone: string | null
  phoneFull: boolean
  avatarUrl: string | null
  joinedAt: string
  lastActiveAt: string
  storeName: string | null
  tags: string[]
  removed: boolean
  erasedAt: string | null
  tier: TierId
  tierName: string
  tierSince: string
  tierUntil: string | null
  tierHistory: TierHistoryEntry[]
  pointsBalance: number
  lifetimePoints: number
  nextExpiry: { at: string; points: number } | null
  spend12mFen: number
  orders12m: number
  rfmLabel: string | null
  ledger: LedgerEntry[]
  ledgerCursor: string | null
  orders: OrderRecord[]
  ordersCursor: string | null
  coupons: Coupon[]
  activities: ArchiveSignup[]
  tickets: ArchiveTicket[]
  notes: MemberNote[]
}

export const addNotePayload = z.strictObject({
  cardNo: cardNoField,
  text: textField(MEMBER_NOTE),
  /** The tap's id: a retried tap adds the note once. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号不正确'),
})

/** The owner erases a member, with a reason. */
export const removeMemberPayload = z.strictObject({ cardNo: cardNoField, reason: textField(ERASE_REASON) })
/** The member erases their own account; `confirm` is the checkbox they ticked. */
export const eraseSelfPayload = z.strictObject({ confirm: z.literal(true, { error: '请确认已了解注销的后果' }) })
export interface ErasureResult {
  cardNo: string
  erasedAt: string
  /** Points the erasure took off the balance (a ledger row says so; the rows before it stay). */
  forfeitedPoints: number
  couponsVoided: number
  signupsCancelled: number
  /** True when the member had already been erased: nothing changed. */
  already: boolean
}

export const myDataPayload = z.strictObject({})
export interface MyDataFile {
  fileName: string
  /** A temporary link to the JSON file. */
  url: string
  bytes: number
}
