import type { CollectionName } from './collections'

export interface IndexDeclaration {
  collection: CollectionName
  name: string
  fields: Array<[field: string, direction: 1 | -1]>
  unique?: boolean
}

/**
 * Every index the queries rely on. The emulator reads this list (it counts documents examined and
 * enforces unique ones); for WeChat cloud, create the same in the console (README: Deploy).
 */
export const INDEXES: IndexDeclaration[] = [
  { collection: 'members', name: 'cardNo_unique', fields: [['cardNo', 1]], unique: true },
  // The birthday job walks one month-day in `_id` order from its cursor: both bounds come from the index.
  {
    collection: 'members',
    name: 'birthdayMD',
    fields: [
      ['profile.birthdayMD', 1],
      ['_id', 1],
    ],
  },
  { collection: 'members', name: 'nextExpiryAt', fields: [['nextExpiryAt', 1]] },
  { collection: 'members', name: 'tierUntil', fields: [['tierUntil', 1]] },
  {
    collection: 'tier_changes',
    name: 'openid_at',
    fields: [
      ['openid', 1],
      ['at', -1],
    ],
  },
  {
    collection: 'ledger',
    name: 'openid_createdAt',
    fields: [
      ['openid', 1],
      ['createdAt', -1],
    ],
  },
  {
    collection: 'ledger',
    name: 'openid_kind_createdAt',
    fields: [
      ['openid', 1],
      ['kind', 1],
      ['createdAt', -1],
    ],
  },
  // Exports of the ledger (every row) and of consumption records (earn rows carrying an order), walked by (createdAt, _id).
  {
    collection: 'ledger',
    name: 'createdAt_id',
    fields: [
      ['createdAt', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'ledger',
    name: 'kind_createdAt_id',
    fields: [
      ['kind', 1],
      ['createdAt', 1],
      ['_id', 1],
    ],
  },
  { collection: 'rewards', name: 'status', fields: [['status', 1]] },
  {
    collection: 'redemptions',
    name: 'openid_createdAt',
    fields: [
      ['openid', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'redemptions', name: 'ledgerId', fields: [['ledgerId', 1]] },
  { collection: 'coupons', name: 'code_unique', fields: [['code', 1]], unique: true },
  {
    collection: 'coupons',
    name: 'openid_createdAt',
    fields: [
      ['openid', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'staff', name: 'role', fields: [['role', 1]] },
  // Members' list tabs: published by start (即将开始, 进行中), closed by end (已结束); staff by creation.
  {
    collection: 'activities',
    name: 'status_startAt',
    fields: [
      ['status', 1],
      ['startAt', 1],
    ],
  },
  {
    collection: 'activities',
    name: 'status_endAt',
    fields: [
      ['status', 1],
      ['endAt', -1],
    ],
  },
  { collection: 'activities', name: 'createdAt', fields: [['createdAt', -1]] },
  {
    collection: 'signups',
    name: 'activityId_status_signedUpAt',
    fields: [
      ['activityId', 1],
      ['status', 1],
      ['signedUpAt', 1],
    ],
  },
  // The hourly run's reminders: confirmed signups below a stage, answered whole by the index.
  {
    collection: 'signups',
    name: 'activityId_status_reminded',
    fields: [
      ['activityId', 1],
      ['status', 1],
      ['reminded', 1],
    ],
  },
  {
    collection: 'signups',
    name: 'activityId_refunded_status',
    fields: [
      ['activityId', 1],
      ['refunded', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'signups',
    name: 'activityId_checkedInAt',
    fields: [
      ['activityId', 1],
      ['checkedInAt', 1],
    ],
  },
  {
    collection: 'signups',
    name: 'openid_signedUpAt',
    fields: [
      ['openid', 1],
      ['signedUpAt', -1],
    ],
  },
  { collection: 'members', name: 'source_activity', fields: [['source.activity', 1]] },
  // The service queue: one equality (the lane, or an open revisit) then the promised time; the filters after it are read from the index.
  {
    collection: 'tickets',
    name: 'lane_dueAt',
    fields: [
      ['lane', 1],
      ['dueAt', 1],
      ['status', 1],
      ['category', 1],
      ['assignee', 1],
      ['breached', 1],
    ],
  },
  {
    collection: 'tickets',
    name: 'status_dueAt',
    fields: [
      ['status', 1],
      ['dueAt', 1],
      ['category', 1],
      ['assignee', 1],
      ['breached', 1],
    ],
  },
  {
    collection: 'tickets',
    name: 'revisitOpen_dueAt',
    fields: [
      ['revisitOpen', 1],
      ['dueAt', 1],
      ['status', 1],
      ['category', 1],
      ['assignee', 1],
      ['breached', 1],
    ],
  },
  {
    collection: 'tickets',
    name: 'openid_createdAt',
    fields: [
      ['openid', 1],
      ['createdAt', -1],
    ],
  },
  // The 15-minute timer: what is due now, answered whole by the index.
  { collection: 'tickets', name: 'watchAt', fields: [['watchAt', 1]] },
  { collection: 'tickets', name: 'createdAt', fields: [['createdAt', 1]] },
  {
    collection: 'tickets',
    name: 'createdAt_id',
    fields: [
      ['createdAt', 1],
      ['_id', 1],
    ],
  },
  { collection: 'audit', name: 'at', fields: [['at', -1]] },
  // The export page's recent jobs, newest first.
  { collection: 'exports', name: 'createdAt', fields: [['createdAt', -1]] },
  // The audit viewer (issue 13): each filter's equality leads its own index, newest first within it.
  {
    collection: 'audit',
    name: 'actor_at',
    fields: [
      ['actor', 1],
      ['at', -1],
    ],
  },
  {
    collection: 'audit',
    name: 'member_at',
    fields: [
      ['member', 1],
      ['at', -1],
    ],
  },
  {
    collection: 'audit',
    name: 'fn_action_at',
    fields: [
      ['fn', 1],
      ['action', 1],
      ['at', -1],
    ],
  },
  // Invitations: a retried tap finds its own by requestKey; the page lists the newest.
  { collection: 'invitations', name: 'requestKey_unique', fields: [['requestKey', 1]], unique: true },
  { collection: 'invitations', name: 'createdAt', fields: [['createdAt', -1]] },
  {
    collection: 'job_runs',
    name: 'job_startedAt',
    fields: [
      ['job', 1],
      ['startedAt', -1],
    ],
  },
  // Segments (issue 12): each condition a segment may hold is served by one of these; a campaign walks `rfm` then `_id`.
  {
    collection: 'members',
    name: 'rfm_id',
    fields: [
      ['rfm', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'members',
    name: 'tier_id',
    fields: [
      ['tier', 1],
      ['_id', 1],
    ],
  },
  { collection: 'members', name: 'lastPurchaseAt', fields: [['lastPurchaseAt', 1]] },
  { collection: 'members', name: 'joinedAt', fields: [['joinedAt', 1]] },
  // Exports (issue 13) walk a date range in (time, _id) order from their cursor: the cursor's own millisecond by _id, then the rest.
  {
    collection: 'members',
    name: 'joinedAt_id',
    fields: [
      ['joinedAt', 1],
      ['_id', 1],
    ],
  },
  { collection: 'members', name: 'seg_spend12mFen', fields: [['seg.spend12mFen', 1]] },
  { collection: 'members', name: 'seg_purchases12m', fields: [['seg.purchases12m', 1]] },
  { collection: 'members', name: 'tags', fields: [['tags', 1]] },
  { collection: 'members', name: 'source_store', fields: [['source.store', 1]] },
  // A segment of everyone is only "not erased" (`removedAt: null`): counted, and walked from its cursor in `_id` order.
  {
    collection: 'members',
    name: 'removedAt_id',
    fields: [
      ['removedAt', 1],
      ['_id', 1],
    ],
  },
  // Member search (member.search): a full phone, its last 4 digits, a name prefix, each paged by `_id`.
  {
    collection: 'members',
    name: 'phone_id',
    fields: [
      ['profile.phone', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'members',
    name: 'phone4_id',
    fields: [
      ['profile.phone4', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'members',
    name: 'name_id',
    fields: [
      ['profile.name', 1],
      ['_id', 1],
    ],
  },
  // Staff notes on a member, newest first; erasure removes them by member.
  {
    collection: 'member_notes',
    name: 'openid_at',
    fields: [
      ['openid', 1],
      ['at', -1],
    ],
  },
  // Erasure blanks the contents of the messages sent to a member.
  { collection: 'deliveries', name: 'openid', fields: [['openid', 1]] },
  // Deliveries: the timer's due retries and stale claims; a campaign's outcomes by status.
  {
    collection: 'deliveries',
    name: 'status_nextAttemptAt',
    fields: [
      ['status', 1],
      ['nextAttemptAt', 1],
    ],
  },
  {
    collection: 'deliveries',
    name: 'status_updatedAt',
    fields: [
      ['status', 1],
      ['updatedAt', 1],
    ],
  },
  {
    collection: 'deliveries',
    name: 'campaignId_status',
    fields: [
      ['campaignId', 1],
      ['status', 1],
    ],
  },
  {
    collection: 'campaigns',
    name: 'status_createdAt',
    fields: [
      ['status', 1],
      ['createdAt', -1],
    ],
  },
  { collection: 'campaigns', name: 'createdAt', fields: [['createdAt', -1]] },
  { collection: 'segments', name: 'updatedAt', fields: [['updatedAt', -1]] },
  // The daily reminder three days before a coupon ends.
  {
    collection: 'coupons',
    name: 'status_validUntil',
    fields: [
      ['status', 1],
      ['validUntil', 1],
    ],
  },
  // The daily statistics read one Beijing day of each: who left, signed up, checked in, which tickets closed, which campaign messages went out.
  {
    collection: 'members',
    name: 'erasedAt_id',
    fields: [
      ['erasedAt', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'signups',
    name: 'signedUpAt_id',
    fields: [
      ['signedUpAt', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'signups',
    name: 'checkedInAt_id',
    fields: [
      ['checkedInAt', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'tickets',
    name: 'closedAt_id',
    fields: [
      ['closedAt', 1],
      ['_id', 1],
    ],
  },
  {
    collection: 'deliveries',
    name: 'sentAt_id',
    fields: [
      ['sentAt', 1],
      ['_id', 1],
    ],
  },
  // 流失预警: a segment's members, the most recently silent first.
  {
    collection: 'members',
    name: 'lastPurchaseAt_id',
    fields: [
      ['lastPurchaseAt', -1],
      ['_id', -1],
    ],
  },
  // The 数据 pages read one store's days in order (the whole shop is store `all`).
  {
    collection: 'stats_daily',
    name: 'store_day',
    fields: [
      ['store', 1],
      ['day', 1],
    ],
  },
]
