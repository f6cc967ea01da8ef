import type { Rules } from '../../shared/domain/rules'
import { definitionOf, type TierChange } from '../../shared/domain/tiers'
import { notify, templateTime } from '../../shared/runtime/notify'

/** The tier-change message, after commit; the member's quota decides whether it goes out. */
export async function notifyTierChange(openid: string, change: TierChange, rules: Rules, now: Date): Promise<void> {
  const toName = definitionOf(change.to, rules.tiers).name
  const what = change.reason === 'downgrade' ? `会员等级调整为${toName}` : `恭喜升级为${toName}会员`
  await notify(openid, 'tierChange', { thing1: what, phrase2: toName, time3: templateTime(now) })
}
