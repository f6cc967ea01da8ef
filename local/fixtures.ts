import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'

/**
 * A member document as `member.join` would write it, for tests and benches that need many members
 * without going through the join flow.
 */
export function memberFixture(openid: string, now: Date, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return {
    _id: openid,
    cardNo: makeCardNo(Math.random),
    profile: { name: '测试会员', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null },
    tier: 'regular',
    tierSince: now,
    pointsBalance: 0,
    lifetimePoints: 0,
    pointLots: [],
    nextExpiryAt: null,
    source: { store: 'store-001', referrer: null, scene: null },
    tags: [],
    joinedAt: now,
    lastActiveAt: now,
    ...overrides,
  }
}
