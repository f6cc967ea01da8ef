import type { SegmentFilter } from '../contract/marketingFields'
import { NEVER_PURCHASED } from './rfm'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * One condition on one member field. A segment's filter compiles to a conjunction of these and
 * nothing else: the data layer turns each into its query command, so no query the client wrote
 * ever reaches the database.
 */
export type Condition =
  | { field: SegmentField; op: 'in'; value: string[] }
  | { field: SegmentField; op: 'all'; value: string[] }
  | { field: SegmentField; op: 'eq'; value: string | null }
  | { field: SegmentField; op: 'range'; gte?: number | string | Date; lte?: number | string | Date; lt?: Date }

/** The member fields a segment may look at (each indexed: data/indexes). */
export type SegmentField = 'tier' | 'rfm' | 'lastPurchaseAt' | 'seg.spend12mFen' | 'seg.purchases12m' | 'profile.birthdayMD' | 'joinedAt' | 'source.store' | 'tags' | 'removedAt'

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)
const two = (n: number) => String(n).padStart(2, '0')

/** The filter as conditions, on `now` (day counts are measured back from it). Removed members never match. */
export function compileSegment(filter: SegmentFilter, now: Date): Condition[] {
  const conditions: Condition[] = []
  if (filter.rfm?.length) conditions.push({ field: 'rfm', op: 'in', value: [...filter.rfm] })
  if (filter.tiers?.length) conditions.push({ field: 'tier', op: 'in', value: [...filter.tiers] })
  const purchaseRange: { gte?: Date; lt?: Date } = {}
  if (filter.purchasedWithinDays !== undefined) purchaseRange.gte = daysBefore(now, filter.purchasedWithinDays)
  // "No purchase for N days" includes those who never bought: their last purchase is 1970.
  if (filter.notPurchasedForDays !== undefined) purchaseRange.lt = daysBefore(now, filter.notPurchasedForDays)
  if (purchaseRange.gte || purchaseRange.lt) conditions.push({ field: 'lastPurchaseAt', op: 'range', ...purchaseRange, ...(purchaseRange.gte ? {} : { gte: NEVER_PURCHASED }) })
  if (filter.spendMinFen !== undefined || filter.spendMaxFen !== undefined) conditions.push({ field: 'seg.spend12mFen', op: 'range', ...bounds(filter.spendMinFen, filter.spendMaxFen) })
  if (filter.purchasesMin !== undefined || filter.purchasesMax !== undefined) conditions.push({ field: 'seg.purchases12m', op: 'range', ...bounds(filter.purchasesMin, filter.purchasesMax) })
  if (filter.birthdayMonth !== undefined) conditions.push({ field: 'profile.birthdayMD', op: 'range', gte: `${two(filter.birthdayMonth)}-01`, lte: `${two(filter.birthdayMonth)}-31` })
  if (filter.joinedWithinDays !== undefined) conditions.push({ field: 'joinedAt', op: 'range', gte: daysBefore(now, filter.joinedWithinDays) })
  if (filter.store) conditions.push({ field: 'source.store', op: 'eq', value: filter.store })
  if (filter.tags?.length) conditions.push({ field: 'tags', op: 'all', value: [...filter.tags] })
  conditions.push({ field: 'removedAt', op: 'eq', value: null })
  return conditions
}

function bounds(min: number | undefined, max: number | undefined): { gte?: number; lte?: number } {
  return { ...(min !== undefined ? { gte: min } : {}), ...(max !== undefined ? { lte: max } : {}) }
}

/** Whether a member matches the conditions: the same rules in memory (tests, and the preview's sample check). */
export function matches(member: Record<string, unknown>, conditions: Condition[]): boolean {
  return conditions.every((condition) => {
    const value = condition.field.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), member)
    switch (condition.op) {
      case 'in':
        return condition.value.includes(value as string)
      case 'all':
        return Array.isArray(value) && condition.value.every((tag) => (value as string[]).includes(tag))
      case 'eq':
        return condition.value === null ? value === null || value === undefined : value === condition.value
      case 'range': {
        if (value === null || value === undefined) return false
        const comparable = (bound: number | string | Date) => (bound instanceof Date ? bound.getTime() : bound)
        const actual = value instanceof Date ? value.getTime() : typeof value === 'string' && condition.field !== 'profile.birthdayMD' ? new Date(value).getTime() : (value as number | string)
        if (condition.gte !== undefined && actual < comparable(condition.gte)) return false
        if (condition.lte !== undefined && actual > comparable(condition.lte)) return false
        if (condition.lt !== undefined && actual >= comparable(condition.lt)) return false
        return true
      }
    }
  })
}
