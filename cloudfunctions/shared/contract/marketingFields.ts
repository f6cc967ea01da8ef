import type { TierId } from './enums'
import { countRule, moneyRule, textRule } from './fields'

/**
 * Segments and campaigns as plain values (no zod): the marketing pages check their forms with the
 * same rules the server's schemas are built from, and show the same words.
 */

/** The RFM class every member carries (recomputed daily, indexed as `rfm`). */
export const RFM_CLASSES = ['new', 'active', 'regular', 'atRisk', 'dormant'] as const
export type RfmClass = (typeof RFM_CLASSES)[number]

export const RFM_LABELS: Record<RfmClass, string> = { new: '新会员', active: '活跃', regular: '普通', atRisk: '流失风险', dormant: '沉睡' }

/** Each class's strategy, as the shop's brief puts it. */
export const RFM_STRATEGIES: Record<RfmClass, string> = {
  new: '欢迎礼遇、引导首单',
  active: '专属服务、专属活动',
  regular: '定期活动信息、积分奖励',
  atRisk: '优惠券挽回',
  dormant: '唤醒消息、特别优惠',
}

export interface RfmThresholds {
  /** 新会员: joined within this many days. */
  newDays: number
  /** 活跃: bought within this many days … */
  activeDays: number
  /** … and at least this many purchases … */
  activeMinPurchases: number
  /** … within this many days. */
  activeWindowDays: number
  /** 流失风险: was active, silent at least this many days (and less than dormantDays). */
  atRiskDays: number
  /** 沉睡: no purchase for this many days or more. */
  dormantDays: number
}

export const DEFAULT_RFM_THRESHOLDS: RfmThresholds = { newDays: 30, activeDays: 30, activeMinPurchases: 2, activeWindowDays: 90, atRiskDays: 45, dormantDays: 90 }
export const RFM_DAYS = countRule('天数', 1, 730)
export const RFM_PURCHASES = countRule('消费次数', 1, 100)

/** What "was active" looks at: the member's last purchase times, newest first (kept on the member). */
export const RECENT_PURCHASES_KEPT = 10

/** Where the thresholds make no sense together, the field and why; null when they do. */
export function rfmThresholdsProblem(thresholds: RfmThresholds): { field: keyof RfmThresholds; message: string } | null {
  if (thresholds.atRiskDays <= thresholds.activeDays) return { field: 'atRiskDays', message: '流失风险的沉默天数须大于活跃天数' }
  if (thresholds.dormantDays <= thresholds.atRiskDays) return { field: 'dormantDays', message: '沉睡天数须大于流失风险天数' }
  if (thresholds.activeWindowDays < thresholds.activeDays) return { field: 'activeWindowDays', message: '统计天数不能小于活跃天数' }
  return null
}

/** A segment's filter: every condition optional, all of them must hold. */
export interface SegmentFilter {
  tiers?: TierId[]
  rfm?: RfmClass[]
  /** Last purchase within this many days. */
  purchasedWithinDays?: number
  /** No purchase for at least this many days (members who never bought count as not having bought). */
  notPurchasedForDays?: number
  /** Spend over the last 12 months, fen. */
  spendMinFen?: number
  spendMaxFen?: number
  /** Purchases over the last 12 months. */
  purchasesMin?: number
  purchasesMax?: number
  /** 1–12, Beijing calendar. */
  birthdayMonth?: number
  joinedWithinDays?: number
  store?: string
  /** Members carrying every one of these tags. */
  tags?: string[]
}

export const SEGMENT_NAME = textRule('分群名称', 1, 20)
export const SEGMENT_DAYS = countRule('天数', 1, 3650)
export const SEGMENT_SPEND = moneyRule('消费金额', 0, 100_000_000)
export const SEGMENT_PURCHASES = countRule('消费次数', 0, 10_000)
export const TAG = textRule('标签', 1, 10)
export const TAGS_MAX = 5

/** Where a filter contradicts itself; null when it does not. */
export function segmentFilterProblem(filter: SegmentFilter): { field: keyof SegmentFilter; message: string } | null {
  if (filter.spendMinFen !== undefined && filter.spendMaxFen !== undefined && filter.spendMinFen > filter.spendMaxFen) return { field: 'spendMaxFen', message: '消费金额上限不能低于下限' }
  if (filter.purchasesMin !== undefined && filter.purchasesMax !== undefined && filter.purchasesMin > filter.purchasesMax) return { field: 'purchasesMax', message: '消费次数上限不能低于下限' }
  // Both: the last purchase lies between W and N days ago, which needs W > N.
  if (filter.purchasedWithinDays !== undefined && filter.notPurchasedForDays !== undefined && filter.notPurchasedForDays >= filter.purchasedWithinDays) {
    return { field: 'notPurchasedForDays', message: '“多少天未消费”与“多少天内消费过”互相矛盾' }
  }
  return null
}

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { draft: '草稿', scheduled: '待发送', sending: '发送中', paused: '已暂停', done: '已完成', cancelled: '已取消' }

/** Where a campaign message opens. */
export const LANDING_KINDS = ['card', 'activity', 'reward', 'wallet'] as const
export type LandingKind = (typeof LANDING_KINDS)[number]
export const LANDING_LABELS: Record<LandingKind, string> = { card: '会员卡', activity: '指定活动', reward: '积分兑换', wallet: '我的券包' }

export const CAMPAIGN_NAME = textRule('活动名称', 1, 30)
/** Each campaign text becomes one `thing` field: 20 characters, said rather than cut. */
export const CAMPAIGN_TEXT = textRule('消息内容', 1, 20)
export const HOLDOUT_PERCENT = countRule('对照组比例', 0, 50)
export const CAP_MESSAGES = countRule('频次上限', 1, 10)
export const CAP_DAYS = countRule('频次周期', 1, 30)

export const DEFAULT_HOLDOUT_PERCENT = 10
export const DEFAULT_CAP = { messages: 2, days: 7 }
/** No campaign sends 21:00–09:00 Beijing time; a chunk that reaches them waits for the morning. */
export const QUIET_HOURS = { from: 21, to: 9 }
/** Conversion counts purchases within this many days of a member's message (or of being held out). */
export const CONVERSION_DAYS = 7
/** Rendered messages the preview shows. */
export const PREVIEW_SAMPLES = 3

/** The delivery outcomes, as the results page words them. */
export const DELIVERY_STATUSES = ['sending', 'sent', 'retry', 'noConsent', 'optedOut', 'capped', 'heldOut', 'failed', 'unknown'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  sending: '发送中',
  sent: '已送达',
  retry: '等待重试',
  noConsent: '未订阅',
  optedOut: '已退订',
  capped: '频次限制',
  heldOut: '对照组',
  failed: '发送失败',
  unknown: '结果未知',
}
