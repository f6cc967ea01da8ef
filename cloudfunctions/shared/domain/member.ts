import type { Gender, TierId } from '../contract/enums'
import { DEFAULT_TIER_NAMES } from '../contract/enums'
import type { JoinPayload, MemberCard } from '../contract/member'
import { monthDay, shopDate } from './calendar'
import type { BirthdayPerkMark } from './birthdayPerk'
import type { Lot, PointsState } from './points'
import type { RfmClass } from '../contract/marketingFields'
import type { MessagingState } from './messaging'
import { NEVER_PURCHASED } from './rfm'
import type { MonthlyActivity, TierState } from './tiers'

export interface MemberSource {
  store: string | null
  referrer: string | null
  scene: string | null
  /** The activity whose share link brought them, when it exists (absent on members from before). */
  activity?: string | null
}

export interface MemberDoc {
  _id: string // OPENID
  cardNo: string
  /** `phone4`: the number's last four digits, indexed, so staff find a member by them. */
  profile: { name: string; gender: Gender; birthday: string; birthdayMD: string; avatarFileId?: string | null; phone?: string | null; phone4?: string | null }
  tier: TierId
  tierSince: Date
  /** The tier is held until then; the daily evaluation looks at members past it (indexed). Null at the lowest tier. */
  tierUntil?: Date | null
  /** Spend and points per month, the last 12 months: what the tier is judged by. */
  activity?: MonthlyActivity
  /** The last rules version whose notice the member has seen. */
  noticeSeenVersion?: number
  pointsBalance: number
  lifetimePoints: number
  /** Unexpired earned points by expiry date, oldest first (see domain/points). */
  pointLots: Lot[]
  /** Earliest lot expiry, indexed, so the expiry job finds due members without a scan. */
  nextExpiryAt: Date | null
  source: MemberSource
  tags: string[]
  joinedAt: Date
  lastActiveAt: Date
  /** Set when the shop removes a member: their codes stop working, their history stays. */
  removedAt?: Date | null
  /** Set when the member's personal data was erased (注销): the document keeps only what the accounts need. */
  erasedAt?: Date | null
  /** The member's last 我的数据 file in cloud storage (each download replaces it; erasure deletes it). */
  dataFileId?: string | null
  /** This year's birthday perk, once issued (see domain/birthdayPerk). */
  lastBirthdayPerk?: BirthdayPerkMark | null
  /** The latest purchase (NEVER_PURCHASED, 1970, for none: see domain/rfm) and the last few, newest first. */
  lastPurchaseAt?: Date | null
  recentPurchases?: Date[]
  /** The RFM class (indexed) and the figures segments filter on, as the daily job last computed them. */
  rfm?: RfmClass | null
  rfmAt?: Date | null
  seg?: { spend12mFen: number; purchases12m: number }
  /** Subscription-message consent, opt-outs and campaign history (see domain/messaging). */
  messaging?: MessagingState
}

export function tierStateOf(member: Pick<MemberDoc, 'tier' | 'tierSince' | 'tierUntil'>): TierState {
  return { tier: member.tier, tierSince: new Date(member.tierSince), tierUntil: member.tierUntil ? new Date(member.tierUntil) : null }
}

/** The member's points as the rules take them, each lot's expiry as a Date. */
export function pointsStateOf(member: MemberDoc): PointsState {
  return {
    pointsBalance: member.pointsBalance,
    lifetimePoints: member.lifetimePoints,
    pointLots: (member.pointLots ?? []).map((lot) => ({ expiresAt: new Date(lot.expiresAt), remaining: lot.remaining })),
  }
}

/** A member who can earn, spend and show a code. */
export function isActiveMember(member: MemberDoc | null): member is MemberDoc {
  return member !== null && !member.removedAt
}

export type JoinDecision = { ok: true; member: MemberDoc } | { ok: false; field: string; message: string }

/** A new member as the join form describes them; everyone starts at the lowest tier with no points. */
export function decideJoin(input: { openid: string; form: JoinPayload; cardNo: string; source: MemberSource; now: Date; granted?: string[] }): JoinDecision {
  const { openid, form, cardNo, source, now, granted = [] } = input
  if (form.birthday > shopDate(now)) return { ok: false, field: 'birthday', message: '生日不能晚于今天' }
  return {
    ok: true,
    member: {
      _id: openid,
      cardNo,
      profile: { name: form.name, gender: form.gender, birthday: form.birthday, birthdayMD: monthDay(form.birthday), avatarFileId: form.avatarFileId ?? null, phone: null },
      tier: 'regular',
      tierSince: now,
      pointsBalance: 0,
      lifetimePoints: 0,
      pointLots: [],
      nextExpiryAt: null,
      source,
      tags: [],
      joinedAt: now,
      lastActiveAt: now,
      // Countable by segments from the first day: new, never bought.
      lastPurchaseAt: NEVER_PURCHASED,
      rfm: 'new',
      rfmAt: now,
      seg: { spend12mFen: 0, purchases12m: 0 },
      ...(granted.length ? { messaging: { consent: Object.fromEntries(granted.map((templateId) => [templateId, 1])) } } : {}),
    },
  }
}

export function toMemberCard(doc: MemberDoc, tierNames: Record<TierId, string> = DEFAULT_TIER_NAMES): MemberCard {
  return {
    cardNo: doc.cardNo,
    name: doc.profile.name,
    avatarUrl: null,
    phoneBound: Boolean(doc.profile.phone),
    gender: doc.profile.gender,
    birthday: doc.profile.birthday,
    tier: doc.tier,
    tierName: tierNames[doc.tier],
    pointsBalance: doc.pointsBalance,
    lifetimePoints: doc.lifetimePoints,
    joinedAt: new Date(doc.joinedAt).toISOString(),
  }
}
