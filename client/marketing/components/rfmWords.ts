import type { RfmClass, RfmThresholds } from '@contract/marketingFields'

/** Each class's rule in words, from the shop's thresholds. */
export function rfmRuleWords(rfm: RfmClass, t: RfmThresholds): string {
  switch (rfm) {
    case 'new':
      return `入会 ${t.newDays} 天内`
    case 'active':
      return `${t.activeDays} 天内消费过，且 ${t.activeWindowDays} 天内消费 ≥ ${t.activeMinPurchases} 次`
    case 'atRisk':
      return `曾经活跃，已 ${t.atRiskDays}–${t.dormantDays} 天未消费`
    case 'dormant':
      return `${t.dormantDays} 天以上未消费`
    default:
      return '不属于以上分类的会员'
  }
}
