import type { TierId } from '../contract/enums'

/** The points rules in force. Versioned: every ledger row records the version it was decided under. */
export interface PointsRules {
  version: number
  /** Points per ¥1 spent, before the tier multiplier; fractions of a point are dropped. */
  pointsPerYuan: number
  /** Points that make ¥1 off at the till. */
  pointsPerCashYuan: number
  /** The most of an order that points may pay, as a share (0.5 = half). */
  maxCashShare: number
  /** Earned points expire at the end of this many months after the month they were earned in. */
  expiryMonths: number
  /** Whether a fully refunded checkout gives its coupon back; absent (rules published before it existed) means yes. */
  returnCouponOnRefund?: boolean
  tierMultipliers: Record<TierId, number>
}

export const DEFAULT_POINTS_RULES: PointsRules = {
  version: 1,
  pointsPerYuan: 1,
  pointsPerCashYuan: 100,
  maxCashShare: 0.5,
  expiryMonths: 12,
  tierMultipliers: { regular: 1, silver: 1, gold: 1, diamond: 1 },
}
