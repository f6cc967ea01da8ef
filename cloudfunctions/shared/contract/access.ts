import type { ActionName, FunctionName } from './actions'
import type { Role } from './roles'

/**
 * Who may call an action: any WeChat user (`'member'`, which includes visitors who have not joined),
 * the listed staff roles, or only a server-side invocation with no OPENID (`'server'`: console, CLI,
 * timers). This map is the one place access is declared: the functions' routers enforce it and the
 * client's staff pages use it to decide what to offer.
 */
export type Access = 'member' | 'server' | readonly Role[]

/** The till: recording purchases, refunds, points as cash, coupons and rewards handed over. */
export const TILL_ROLES = ['owner', 'admin', 'cashier'] as const satisfies readonly Role[]
/** A member's records: lookup, ledger, consumption. Service staff answer members' questions with them. */
export const RECORD_ROLES = ['owner', 'admin', 'cashier', 'service'] as const satisfies readonly Role[]
/** The shop's settings: rules, rewards, adjustments, birthdays, join codes, the staff list. */
export const MANAGER_ROLES = ['owner', 'admin'] as const satisfies readonly Role[]
/** Activities: planning, publishing and evaluating them. */
export const ACTIVITY_ROLES = ['owner', 'admin', 'marketing'] as const satisfies readonly Role[]
/** Checking members in at an activity: the activity's organisers and the till. */
export const CHECK_IN_ROLES = ['owner', 'admin', 'marketing', 'cashier'] as const satisfies readonly Role[]
/** Complaint tickets: the service desk, and the owner and admins above it. */
export const SERVICE_ROLES = ['owner', 'admin', 'service'] as const satisfies readonly Role[]
/** Segments and campaigns: the marketing staff, and the owner and admins above them. */
export const MARKETING_ROLES = ['owner', 'admin', 'marketing'] as const satisfies readonly Role[]
export const OWNER_ROLES = ['owner'] as const satisfies readonly Role[]
/** The 数据 pages: the owner, admins and marketing staff (never a full phone number on them). */
export const INSIGHT_ROLES = ['owner', 'admin', 'marketing'] as const satisfies readonly Role[]
/** The shop's categories for order lines: the till tags lines with them, the 数据 pages count by them. */
export const CATEGORY_ROLES = ['owner', 'admin', 'cashier', 'marketing'] as const satisfies readonly Role[]

export const ACCESS = {
  member: {
    me: 'member',
    join: 'member',
    code: 'member',
    updateProfile: 'member',
    bindPhone: 'member',
    lookup: RECORD_ROLES,
    setBirthday: MANAGER_ROLES,
    joinCode: MANAGER_ROLES,
    sceneInfo: 'member',
    search: RECORD_ROLES,
    archive: RECORD_ROLES,
    addNote: RECORD_ROLES,
    removeMember: OWNER_ROLES,
    erase: 'member',
    myData: 'member',
  },
  points: {
    accrue: TILL_ROLES,
    refund: TILL_ROLES,
    payWithPoints: TILL_ROLES,
    adjust: MANAGER_ROLES,
    summary: 'member',
    history: 'member',
    memberHistory: RECORD_ROLES,
    orders: RECORD_ROLES,
    quote: TILL_ROLES,
    checkout: TILL_ROLES,
    refundableOrder: TILL_ROLES,
    categories: CATEGORY_ROLES,
    setCategories: MANAGER_ROLES,
  },
  rewards: {
    list: 'member',
    adminList: MANAGER_ROLES,
    create: MANAGER_ROLES,
    update: MANAGER_ROLES,
    retire: MANAGER_ROLES,
    relist: MANAGER_ROLES,
    redeem: 'member',
    redeemAtTill: TILL_ROLES,
    myRedemptions: 'member',
    confirm: TILL_ROLES,
  },
  tiers: {
    status: 'member',
    dismissNotice: 'member',
    rules: MANAGER_ROLES,
    preview: MANAGER_ROLES,
    publish: MANAGER_ROLES,
  },
  coupons: {
    wallet: 'member',
    birthday: 'member',
    inspect: TILL_ROLES,
    redeem: TILL_ROLES,
    memberCoupons: TILL_ROLES,
  },
  activity: {
    list: 'member',
    detail: 'member',
    signup: 'member',
    cancelSignup: 'member',
    mine: 'member',
    rate: 'member',
    adminList: ACTIVITY_ROLES,
    adminDetail: ACTIVITY_ROLES,
    create: ACTIVITY_ROLES,
    update: ACTIVITY_ROLES,
    publish: ACTIVITY_ROLES,
    unpublish: ACTIVITY_ROLES,
    cancel: ACTIVITY_ROLES,
    roster: CHECK_IN_ROLES,
    checkIn: CHECK_IN_ROLES,
    evaluate: ACTIVITY_ROLES,
    compare: ACTIVITY_ROLES,
    hourly: 'server',
  },
  ticket: {
    uploadFolder: 'member',
    file: 'member',
    mine: 'member',
    detail: 'member',
    reply: 'member',
    withdraw: 'member',
    confirm: 'member',
    reopen: 'member',
    rate: 'member',
    queue: SERVICE_ROLES,
    counts: SERVICE_ROLES,
    staffDetail: SERVICE_ROLES,
    assign: SERVICE_ROLES,
    staffReply: SERVICE_ROLES,
    note: SERVICE_ROLES,
    resolve: SERVICE_ROLES,
    escalate: SERVICE_ROLES,
    close: SERVICE_ROLES,
    staffReopen: SERVICE_ROLES,
    logContact: SERVICE_ROLES,
    closeRevisit: MANAGER_ROLES,
    stats: SERVICE_ROLES,
    sla: SERVICE_ROLES,
    setSla: OWNER_ROLES,
    sweep: 'server',
  },
  marketing: {
    consent: 'member',
    subscriptions: 'member',
    setOptOut: 'member',
    opened: 'member',
    rfmOverview: MARKETING_ROLES,
    setRfmThresholds: MANAGER_ROLES,
    countSegment: MARKETING_ROLES,
    segments: MARKETING_ROLES,
    saveSegment: MARKETING_ROLES,
    deleteSegment: MARKETING_ROLES,
    tagSegment: MARKETING_ROLES,
    campaigns: MARKETING_ROLES,
    campaign: MARKETING_ROLES,
    createCampaign: MARKETING_ROLES,
    updateCampaign: MARKETING_ROLES,
    previewCampaign: MARKETING_ROLES,
    startCampaign: MARKETING_ROLES,
    pauseCampaign: MARKETING_ROLES,
    resumeCampaign: MARKETING_ROLES,
    cancelCampaign: MARKETING_ROLES,
    tick: 'server',
    segmentFor: MARKETING_ROLES,
  },
  jobs: {
    expirePoints: 'server',
    reconcile: 'server',
    evaluateTiers: 'server',
    applyRules: 'server',
    daily: 'server',
    birthdays: 'server',
  },
  staff: {
    whoami: 'member',
    list: MANAGER_ROLES,
    updateStaff: MANAGER_ROLES,
    revokeStaff: MANAGER_ROLES,
    transferOwnership: OWNER_ROLES,
    stores: MANAGER_ROLES,
    saveStore: OWNER_ROLES,
    closeStore: OWNER_ROLES,
    reopenStore: OWNER_ROLES,
    invite: MANAGER_ROLES,
    invitations: MANAGER_ROLES,
    revokeInvitation: MANAGER_ROLES,
    invitationInfo: 'member',
    acceptInvitation: 'member',
    audit: MANAGER_ROLES,
    startExport: OWNER_ROLES,
    exportStatus: OWNER_ROLES,
    exports: OWNER_ROLES,
    exportChunk: 'server',
    bootstrapOwner: 'server',
  },
  stats: {
    overview: INSIGHT_ROLES,
    members: INSIGHT_ROLES,
    consumption: INSIGHT_ROLES,
    churn: INSIGHT_ROLES,
    service: INSIGHT_ROLES,
    daily: 'server',
    backfill: 'server',
  },
} as const satisfies { [F in FunctionName]: { [A in ActionName<F>]: Access } }

export function accessOf<F extends FunctionName>(fn: F, action: ActionName<F>): Access {
  return (ACCESS[fn] as Record<string, Access>)[action]
}

/** Whether a staff role (null: a member) may call the action; server-only actions are never callable from the app. */
export function roleMayCall<F extends FunctionName>(role: Role | null | undefined, fn: F, action: ActionName<F>): boolean {
  const access = accessOf(fn, action)
  if (access === 'member') return true
  if (access === 'server' || !role) return false
  return access.includes(role)
}
