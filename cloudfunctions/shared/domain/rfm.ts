import { RECENT_PURCHASES_KEPT, type RfmClass, type RfmThresholds } from '../contract/marketingFields'
import type { MonthlyActivity } from './tiers'
import { windowMonths } from './tiers'

const DAY_MS = 24 * 60 * 60 * 1000

/** Members who never bought carry this as their last purchase, so "no purchase for N days" is one range on one index. */
export const NEVER_PURCHASED = new Date(0)

/** What the class is judged by: when the member joined, and their last purchases (newest first). */
export interface PurchaseFacts {
  joinedAt: Date
  lastPurchaseAt?: Date | null
  recentPurchases?: Date[]
}

/** The member's purchase memory after one more purchase at `at`: the latest, and the last few kept for "was active". */
export function recordPurchase(facts: Pick<PurchaseFacts, 'lastPurchaseAt' | 'recentPurchases'>, at: Date): { lastPurchaseAt: Date; recentPurchases: Date[] } {
  const recent = [at, ...(facts.recentPurchases ?? []).map((each) => new Date(each))].sort((a, b) => b.getTime() - a.getTime()).slice(0, RECENT_PURCHASES_KEPT)
  const last = facts.lastPurchaseAt ? new Date(facts.lastPurchaseAt) : NEVER_PURCHASED
  return { lastPurchaseAt: at > last ? at : last, recentPurchases: recent }
}

/**
 * The member's RFM class on `now`:
 * 新会员 joined within newDays; 活跃 bought within activeDays with ≥ activeMinPurchases in activeWindowDays;
 * 沉睡 no purchase for dormantDays (never bought counts from the join); 流失风险 silent atRiskDays–dormantDays
 * after having been active (activeMinPurchases within activeWindowDays up to the last purchase); else 普通.
 */
export function classify(facts: PurchaseFacts, thresholds: RfmThresholds, now: Date): RfmClass {
  const days = (at: Date) => (now.getTime() - new Date(at).getTime()) / DAY_MS
  if (days(facts.joinedAt) <= thresholds.newDays) return 'new'
  const purchases = (facts.recentPurchases ?? []).map((each) => new Date(each))
  const last = facts.lastPurchaseAt && new Date(facts.lastPurchaseAt).getTime() > NEVER_PURCHASED.getTime() ? new Date(facts.lastPurchaseAt) : null
  if (!last) return days(facts.joinedAt) >= thresholds.dormantDays ? 'dormant' : 'regular'
  const silent = days(last)
  const within = (end: Date) => purchases.filter((at) => at <= end && end.getTime() - at.getTime() <= thresholds.activeWindowDays * DAY_MS).length
  if (silent <= thresholds.activeDays && within(now) >= thresholds.activeMinPurchases) return 'active'
  if (silent >= thresholds.dormantDays) return 'dormant'
  if (silent >= thresholds.atRiskDays && within(last) >= thresholds.activeMinPurchases) return 'atRisk'
  return 'regular'
}

/** The figures segments filter on, as of `now`: spend and purchases over the tier window's 12 months. */
export function segmentFigures(activity: MonthlyActivity | undefined, now: Date): { spend12mFen: number; purchases12m: number } {
  let spend12mFen = 0
  let purchases12m = 0
  for (const month of windowMonths(now)) {
    const bucket = activity?.[month]
    spend12mFen += bucket?.spendFen ?? 0
    purchases12m += bucket?.orders ?? 0
  }
  return { spend12mFen, purchases12m }
}
