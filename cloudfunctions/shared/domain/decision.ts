import type { ErrorCode, FieldIssue } from '../contract/errors'
import type { CouponDoc } from './coupons'
import type { LedgerRow } from './ledger'
import type { MemberDoc } from './member'
import type { Message } from './messages'
import { nextExpiry, type PointsState } from './points'
import type { RefundProgress } from './refund'
import type { RedemptionDoc, RewardDoc } from './rewards'
import type { TierChangeRow } from './tierMoves'

/**
 * The member fields a decision may change. Points, lots, activity and tier are written only
 * through a Decision (data/applyDecision), so every movement leaves its ledger row beside it.
 */
export type MemberPatch = Partial<
  Pick<
    MemberDoc,
    'pointsBalance' | 'lifetimePoints' | 'pointLots' | 'nextExpiryAt' | 'activity' | 'tier' | 'tierSince' | 'tierUntil' | 'lastActiveAt' | 'lastBirthdayPerk' | 'lastPurchaseAt' | 'recentPurchases'
  >
>

/**
 * What one command does to one member, decided from what the transaction read: everything
 * applyDecision writes in that transaction, and the messages to send once it has committed.
 * The first record written (the first ledger row, else the coupon) carries the command's
 * idempotency key: finding it taken means the command was carried out before.
 */
export interface Decision {
  kind: 'decision'
  openid: string
  /** Appended in order, each under its own key. */
  ledger: LedgerRow[]
  member: MemberPatch
  tierChange: TierChangeRow | null
  coupon: CouponDoc | null
  /** An existing coupon used by an order, or given back by its refund. */
  couponUpdate: CouponUpdate | null
  /** A reward redeemed: the redemption record, and the reward's stock after it. */
  redemption: { record: RedemptionDoc; reward: Pick<RewardDoc, 'stock' | 'updatedAt'> } | null
  /** An order's refund progress after this refund (replaces the stored one). */
  refund: RefundProgress | null
  /** Coupons that end now, unused: a member's open coupons when their membership is erased. */
  voidCoupons: { ids: string[]; at: Date } | null
  messages: Message[]
}

export function decision(openid: string, parts: Partial<Omit<Decision, 'kind' | 'openid'>>): Decision {
  return { kind: 'decision', openid, ledger: [], member: {}, tierChange: null, coupon: null, couponUpdate: null, redemption: null, refund: null, voidCoupons: null, messages: [], ...parts }
}

export interface CouponUpdate {
  id: string
  patch: Pick<CouponDoc, 'status' | 'usedAt' | 'usedBy' | 'orderNo'>
}

/** A command the rules refuse: nothing is written, and the caller answers with this code. */
export interface Refusal {
  kind: 'refused'
  code: ErrorCode
  /** The Chinese text shown instead of the code's own, when the situation says more. */
  message?: string
  fields?: FieldIssue[]
}

/** A till's scanned code names a member the shop no longer has (or never had). */
export const NOT_MEMBER_AT_THE_TILL: Refusal = { kind: 'refused', code: 'NOT_MEMBER', message: '该会员不存在或已注销' }

export function refuse(code: ErrorCode, message?: string, field?: string): Refusal {
  return { kind: 'refused', code, ...(message ? { message } : {}), ...(field && message ? { fields: [{ path: field, message }] } : {}) }
}

/**
 * The member's points fields after a movement. `nextExpiryAt` is derived here and only here: the
 * expiry job finds due members by it, so it must always agree with the lots.
 */
export function pointsPatch(state: PointsState): Required<Pick<MemberPatch, 'pointsBalance' | 'lifetimePoints' | 'pointLots' | 'nextExpiryAt'>> {
  return { pointsBalance: state.pointsBalance, lifetimePoints: state.lifetimePoints, pointLots: state.pointLots, nextExpiryAt: nextExpiry(state.pointLots) }
}
