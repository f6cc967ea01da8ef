import { campaignsRepo } from '../data/campaigns'
import { conversionsOf } from '../domain/campaign'
import type { Decision } from '../domain/decision'
import type { MemberDoc } from '../domain/member'
import type { Database } from '../runtime/cloud'
import { deliver } from './deliver'

/**
 * What follows a committed purchase, outside its transaction: its messages (the member as the
 * transaction read them carries their consent, so no second read), and the purchase counted for
 * every campaign that messaged (or held out) the member within the conversion window.
 */
export async function afterPurchase(db: Database, member: MemberDoc, decision: Decision, spendFen: number, at: Date): Promise<void> {
  await deliver(decision.messages, new Map([[member._id, member.messaging ?? {}]]), db)
  const campaigns = campaignsRepo(db)
  for (const touch of conversionsOf(member.messaging, at)) await campaigns.countConversion(touch.campaign, touch.held ? 'holdout' : 'recipients', spendFen)
}
