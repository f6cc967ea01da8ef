import { conversionsOf } from './campaign'
import { shopDayStart, shopDate } from './calendar'
import type { VisitFacts } from './ledger'
import type { MemberDoc } from './member'
import { NEVER_PURCHASED } from './rfm'

/**
 * What the statistics need to know about a purchase that only the member as it stood before it can
 * tell: their first purchase of this Beijing day or not, whether they had ever bought before (the
 * day's buyers who had are its 复购), and the campaigns (messaged, not held out) whose conversion
 * window it falls in.
 */
export function visitFactsOf(member: Pick<MemberDoc, 'lastPurchaseAt' | 'messaging'>, now: Date): VisitFacts {
  const last = member.lastPurchaseAt ? new Date(member.lastPurchaseAt) : NEVER_PURCHASED
  const bought = last.getTime() > NEVER_PURCHASED.getTime()
  return {
    firstToday: !bought || last < shopDayStart(shopDate(now)),
    returning: bought,
    campaigns: conversionsOf(member.messaging, now)
      .filter((touch) => !touch.held)
      .map((touch) => touch.campaign),
  }
}
