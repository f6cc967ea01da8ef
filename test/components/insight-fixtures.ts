import type { ChurnPage, InsightMembers, InsightOverview, InsightRange, SeriesPoint } from '../../cloudfunctions/shared/contract/stats'

const STORES = [
  { id: 'store-001', name: '静安店' },
  { id: 'store-002', name: '徐汇店' },
]

export function range(days: number, store: string | null = null): InsightRange {
  return { from: '2026-11-01', to: '2026-11-30', days, store, stores: STORES, latestDay: '2026-11-30' }
}

export function series(days: number): SeriesPoint[] {
  return Array.from({ length: days }, (_, index) => ({
    day: `2026-11-${String(index + 1).padStart(2, '0')}`,
    members: 12_000 + index,
    newMembers: 3,
    salesFen: 250_000,
    orders: 40,
    averageOrderFen: 6_250,
    returningBuyers: 20,
    buyers: 35,
  }))
}

export function overview(days: number, store: string | null = null): InsightOverview {
  return {
    ...range(days, store),
    kpis: [
      { key: 'members', label: '会员总数', value: 12_345, previous: 12_000, unit: 'count', note: null },
      { key: 'active', label: '活跃会员', value: 3_200, previous: 3_400, unit: 'count', note: '截至 11月30日 的分类' },
      { key: 'newMembers', label: '新会员', value: 86, previous: null, unit: 'count', note: null },
      { key: 'salesFen', label: '销售额', value: 123_456_789, previous: 100_000_000, unit: 'fen', note: null },
      { key: 'repeatRate', label: '复购率', value: 41.3, previous: 38.1, unit: 'percent', note: null },
      { key: 'liabilityFen', label: '积分负债', value: 876_540, previous: 876_540, unit: 'fen', note: '全店' },
    ],
    series: series(days),
  }
}

export function members(days = 30): InsightMembers {
  return {
    ...range(days),
    snapshotDay: '2026-11-30',
    tiers: [
      { tier: 'regular', name: '普通会员', members: 180 },
      { tier: 'silver', name: '银卡会员', members: 70 },
      { tier: 'gold', name: '金卡会员', members: 35 },
      { tier: 'diamond', name: '钻石会员', members: 15 },
    ],
    rfm: [
      { rfm: 'new', label: '新会员', strategy: '欢迎礼遇、引导首单', members: 40 },
      { rfm: 'active', label: '活跃', strategy: '专属服务、专属活动', members: 90 },
      { rfm: 'regular', label: '普通', strategy: '定期活动信息、积分奖励', members: 100 },
      { rfm: 'atRisk', label: '流失风险', strategy: '优惠券挽回', members: 30 },
      { rfm: 'dormant', label: '沉睡', strategy: '唤醒消息、特别优惠', members: 40 },
    ],
    matrix: {
      rows: ['30天内', '31–90天', '91–180天', '180天以上', '从未消费'],
      columns: ['0次', '1次', '2–3次', '4–7次', '8次以上'],
      counts: [
        [0, 10, 20, 30, 40],
        [0, 12, 14, 6, 2],
        [0, 9, 5, 1, 0],
        [0, 20, 8, 0, 0],
        [60, 0, 0, 0, 0],
      ],
    },
    series: series(days),
  }
}

export function churnPage(silentDays: number, cursor: string | undefined): ChurnPage {
  const member = (cardNo: string, name: string, silent: number) => ({
    cardNo,
    name,
    tier: 'gold' as const,
    tierName: '金卡会员',
    spend12mFen: 1_234_500,
    purchases12m: 14,
    lastPurchaseAt: '2026-10-01T04:00:00.000Z',
    silentDays: silent,
    phone: '138****2468',
    lastTicket: { id: 't1', categoryLabel: '服务态度', statusLabel: '已关闭', score: 2, at: '2026-09-20T04:00:00.000Z' },
  })
  return {
    silentDays,
    members: cursor ? [member('1000000002', '赵静', silentDays + 1)] : [member('1000000001', '林晓雨', silentDays + 30)],
    nextCursor: cursor ? null : 'page-2',
    segment: { name: `${silentDays}天未消费会员`, filter: { notPurchasedForDays: silentDays, purchasesMin: 1 } },
  }
}
