/** Every collection the product uses. Security rules for all of them are deny-all (see database/). */
export const COLLECTIONS = [
  'members',
  'ledger',
  'tier_changes',
  'refunds',
  'rewards',
  'redemptions',
  'coupons',
  'activities',
  'signups',
  'tickets',
  'stores',
  'staff',
  'rules',
  'subscriptions',
  'campaigns',
  'deliveries',
  'audit',
  'stats_daily',
  'job_runs',
] as const
export type CollectionName = (typeof COLLECTIONS)[number]
