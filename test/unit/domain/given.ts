import type { MemberDoc } from '../../../cloudfunctions/shared/domain/member'
import type { Lot } from '../../../cloudfunctions/shared/domain/points'
import { DEFAULT_RULES, type Rules } from '../../../cloudfunctions/shared/domain/rules'

/** What the decision tests are given: a member as the transaction would read them, and the rules in force. */

/** 20 May 2026, 10:00 in Beijing. */
export const NOW = new Date('2026-05-20T10:00:00+08:00')
/** Lots end with their month, on the shop's calendar. */
export const APRIL_END = new Date('2026-04-30T23:59:59.999+08:00')
export const JUNE_END = new Date('2026-06-30T23:59:59.999+08:00')
export const DECEMBER_END = new Date('2026-12-31T23:59:59.999+08:00')
/** Where points earned at NOW expire: the end of May 2027. */
export const EARNED_NOW_EXPIRES = new Date('2027-05-31T23:59:59.999+08:00')

export const RULES: Rules = { ...DEFAULT_RULES, version: 7 }

export function aMember(overrides: Partial<MemberDoc> & { lots?: Lot[] } = {}): MemberDoc {
  const { lots = [], ...rest } = overrides
  const balance = lots.reduce((sum, lot) => sum + lot.remaining, 0)
  return {
    _id: 'member-1',
    cardNo: '1234567897',
    profile: { name: '林晓雨', gender: 'female', birthday: '1990-05-20', birthdayMD: '05-20', avatarFileId: null, phone: null },
    tier: 'regular',
    tierSince: new Date('2025-01-01T00:00:00+08:00'),
    tierUntil: null,
    pointsBalance: balance,
    lifetimePoints: balance,
    pointLots: lots,
    nextExpiryAt: lots[0]?.expiresAt ?? null,
    source: { store: 'store-001', referrer: null, scene: null },
    tags: [],
    joinedAt: new Date('2024-03-01T10:00:00+08:00'),
    lastActiveAt: new Date('2026-01-01T00:00:00+08:00'),
    ...rest,
  }
}
