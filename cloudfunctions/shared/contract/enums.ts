/** Plain constants the client may import at runtime (no schema library attached). */
export const GENDERS = ['male', 'female', 'unknown'] as const
export type Gender = (typeof GENDERS)[number]
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女', unknown: '保密' }

export const TIER_IDS = ['regular', 'silver', 'gold', 'diamond'] as const
export type TierId = (typeof TIER_IDS)[number]
export const DEFAULT_TIER_NAMES: Record<TierId, string> = { regular: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' }

/** Kinds of points movement in the ledger. */
export const LEDGER_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

/** The history page's filters, and the ledger kinds each shows. */
export const LEDGER_FILTERS = {
  earned: { label: '获得', kinds: ['earn'] },
  redeemed: { label: '使用', kinds: ['redeem'] },
  expired: { label: '过期', kinds: ['expire'] },
  adjusted: { label: '调整', kinds: ['adjust', 'reverse'] },
} as const satisfies Record<string, { label: string; kinds: readonly LedgerKind[] }>
export type LedgerFilter = keyof typeof LEDGER_FILTERS
export const LEDGER_FILTER_KEYS = Object.keys(LEDGER_FILTERS) as LedgerFilter[]
