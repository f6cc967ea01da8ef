/** Plain constants the client may import at runtime (no schema library attached). */
export const GENDERS = ['male', 'female', 'unknown'] as const
export type Gender = (typeof GENDERS)[number]
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女', unknown: '保密' }

export const TIER_IDS = ['regular', 'silver', 'gold', 'diamond'] as const
export type TierId = (typeof TIER_IDS)[number]
export const DEFAULT_TIER_NAMES: Record<TierId, string> = { regular: '普通', silver: '银卡', gold: '金卡', diamond: '钻石' }
