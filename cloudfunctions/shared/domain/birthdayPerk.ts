import { bannerUntil, birthdayKey, couponFrom, isEligible, perkYear } from './birthday'
import type { CouponDoc } from './coupons'
import { decision, pointsPatch, type Decision } from './decision'
import { ledgerRow } from './ledger'
import { pointsStateOf, type MemberDoc } from './member'
import { birthdayPerkMessage } from './messages'
import { earn, lotExpiry } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { definitionOf } from './tiers'

/**
 * What the member document remembers of the last birthday perk: lets a repeat stop at the read
 * (no writes attempted) and lets the card's banner be one read. The ledger row and the coupon,
 * keyed `birthday:<openid>:<year>`, are what make the perk once-only; this is a convenience beside them.
 */
export interface BirthdayPerkMark {
  year: number
  points: number
  /** The coupon's `_id`, when the perk had one. */
  couponId: string | null
  /** When the birthday points' lot expires (null for a coupon-only perk). */
  pointsExpiresAt: Date | null
  /** The card shows the banner until then. */
  showUntil: Date
  issuedAt: Date
}

export type NoPerk =
  /** Not their birthday today, joined after it, removed, or no such member. */
  | { kind: 'ineligible' }
  | { kind: 'already' }
  /** Their tier's perk is empty (no points, no coupon). */
  | { kind: 'none' }

/**
 * This year's perk of the member's tier: points as an earn lot (`birthday:<openid>:<year>`) and/or
 * a coupon under the same key, and the mark on the member. `couponCode` is drawn by the caller
 * (randomness stays outside the rules).
 */
export function decideBirthdayPerk(member: MemberDoc | null, rules: Rules, now: Date, couponCode: string): Decision | NoPerk {
  if (!member || !isEligible(member, now)) return { kind: 'ineligible' }
  const year = perkYear(now)
  if (member.lastBirthdayPerk?.year === year) return { kind: 'already' }
  const perk = definitionOf(member.tier, rules.tiers).birthdayPerk
  if (perk.points <= 0 && !perk.coupon) return { kind: 'none' }
  const openid = member._id
  const key = birthdayKey(openid, year)
  const points = Math.max(0, perk.points)
  const pointsExpiresAt = points > 0 ? lotExpiry(now, pointsRulesOf(rules)) : null
  const state = pointsExpiresAt ? earn(pointsStateOf(member), points, pointsExpiresAt) : null
  const coupon: CouponDoc | null = perk.coupon
    ? { _id: key, openid, code: couponCode, ...couponFrom(perk.coupon, now), status: 'available', source: 'birthday', usedAt: null, usedBy: null, orderNo: null, createdAt: now }
    : null
  const mark: BirthdayPerkMark = { year, points, couponId: coupon?._id ?? null, pointsExpiresAt, showUntil: bannerUntil(now, coupon?.validUntil ?? null), issuedAt: now }
  return decision(openid, {
    ledger: state
      ? [
          ledgerRow({
            key,
            openid,
            kind: 'earn',
            delta: points,
            balanceAfter: state.pointsBalance,
            reason: `生日礼遇 ${year}`,
            by: 'system',
            rulesVersion: rules.version,
            at: now,
            expiresAt: pointsExpiresAt,
            ref: `tier:${member.tier}`,
          }),
        ]
      : [],
    coupon,
    member: { lastBirthdayPerk: mark, ...(state ? pointsPatch(state) : {}) },
    messages: [birthdayPerkMessage(openid, year, points, coupon?.title ?? null, coupon?.validUntil ?? pointsExpiresAt ?? now)],
  })
}
