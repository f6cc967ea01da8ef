import { DEFAULT_RFM_THRESHOLDS, type SegmentFilter } from '../cloudfunctions/shared/contract/marketingFields'
import { SUBSCRIBE_TEMPLATES } from '../cloudfunctions/shared/contract/templates'
import type { SegmentDoc } from '../cloudfunctions/shared/data/segments'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import { classify, NEVER_PURCHASED, recordPurchase, segmentFigures } from '../cloudfunctions/shared/domain/rfm'

/**
 * The demo's marketing side: a crowd of members in every RFM class beside the four named ones (so
 * 会员分群 has something to count), consent for some of them (the 沉睡 ones can receive a 唤醒
 * campaign's 优惠到账 message), and two saved segments. The crowd's purchases go through the same
 * demo ledger as everyone's (demoData.ts), so the shop still reconciles.
 */

const DAY = 24 * 60 * 60 * 1000

/** One crowd member: when they joined and the days-ago of each purchase (yuan). */
export interface CrowdMember {
  openid: string
  name: string
  gender: 'male' | 'female'
  birthday: string
  joinedDaysAgo: number
  purchases: Array<{ daysAgo: number; yuan: number }>
  tags: string[]
  /** Templates they accepted (one send each). */
  consent: Array<keyof typeof SUBSCRIBE_TEMPLATES>
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = ['子涵', '欣怡', '浩宇', '梓萱', '俊熙', '雨桐', '嘉怡', '一诺', '思远', '若曦', '明轩', '诗涵']

/** Profiles of each class, as days-ago of purchases. */
const PROFILES: Array<{ label: string; count: number; joined: number; purchases: number[]; tags: string[]; consent: CrowdMember['consent'] }> = [
  { label: 'new', count: 4, joined: 12, purchases: [8], tags: [], consent: ['tierChange'] },
  { label: 'active', count: 6, joined: 300, purchases: [70, 40, 18, 6], tags: ['咖啡控'], consent: ['campaignActivity'] },
  { label: 'regular', count: 5, joined: 240, purchases: [120, 70], tags: [], consent: [] },
  { label: 'atRisk', count: 4, joined: 320, purchases: [110, 80, 60], tags: ['咖啡控'], consent: ['campaignCoupon'] },
  { label: 'dormant', count: 7, joined: 420, purchases: [300, 200, 150], tags: [], consent: ['campaignCoupon', 'campaignActivity'] },
]

export function demoCrowd(): CrowdMember[] {
  const crowd: CrowdMember[] = []
  let n = 0
  for (const profile of PROFILES) {
    for (let i = 0; i < profile.count; i++, n++) {
      crowd.push({
        openid: `demo-crowd-${String(n + 1).padStart(2, '0')}`,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[n % GIVEN.length]}`,
        gender: n % 2 ? 'male' : 'female',
        birthday: `19${80 + (n % 20)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
        joinedDaysAgo: profile.joined + i,
        purchases: profile.purchases.map((daysAgo, k) => ({ daysAgo: daysAgo + i, yuan: 38 + ((n * 7 + k * 13) % 90) })),
        tags: profile.tags,
        consent: profile.consent,
      })
    }
  }
  return crowd
}

/** The class and figures every member carries, as the daily job would have left them today. */
export function classified(member: MemberDoc, purchaseTimes: Date[], now: Date): MemberDoc {
  const facts = purchaseTimes.reduce<{ lastPurchaseAt: Date | null; recentPurchases: Date[] }>((state, at) => recordPurchase(state, at), { lastPurchaseAt: null, recentPurchases: [] })
  const rfm = classify({ joinedAt: member.joinedAt, ...facts }, DEFAULT_RFM_THRESHOLDS, now)
  return { ...member, lastPurchaseAt: facts.lastPurchaseAt ?? NEVER_PURCHASED, recentPurchases: facts.recentPurchases, rfm, rfmAt: now, seg: segmentFigures(member.activity, now) }
}

/** Consent counted on the member, as their reports would have left it. */
export function withConsent(member: MemberDoc, purposes: CrowdMember['consent']): MemberDoc {
  if (purposes.length === 0) return member
  return { ...member, messaging: { consent: Object.fromEntries(purposes.map((purpose) => [SUBSCRIBE_TEMPLATES[purpose], 1])) } }
}

/** Two segments the marketing pages open on: the dormant to wake, and the coffee lovers at risk. */
export function demoSegments(now: Date, members: MemberDoc[]): SegmentDoc[] {
  const count = (filter: SegmentFilter) =>
    members.filter((member) => (filter.rfm ? filter.rfm.includes(member.rfm!) : true) && (filter.tags ? filter.tags.every((tag) => member.tags.includes(tag)) : true)).length
  const segment = (id: string, name: string, filter: SegmentFilter, daysAgo: number): SegmentDoc => ({
    _id: id,
    name,
    filter,
    members: count(filter),
    createdAt: new Date(now.getTime() - daysAgo * DAY),
    updatedAt: new Date(now.getTime() - daysAgo * DAY),
    updatedBy: 'demo-marketing',
  })
  return [segment('S-demo-dormant', '沉睡会员唤醒', { rfm: ['dormant'] }, 3), segment('S-demo-coffee-risk', '流失风险·咖啡控', { rfm: ['atRisk'], tags: ['咖啡控'] }, 1)]
}
