import type { z } from 'zod'
import type * as member from './member'
import type * as points from './points'
import type * as checkout from './checkout'
import type * as rewards from './rewards'
import type * as staff from './staff'
import type * as jobs from './jobs'
import type * as tiers from './tiers'
import type * as coupons from './coupons'
import type * as activity from './activity'
import type * as ticket from './ticket'
import type * as marketing from './marketing'
import type * as archive from './archive'
import type * as stats from './stats'

/**
 * Every callable action: its payload (the schema's input type) and its result.
 * Client and functions both read this map, so a rename breaks the build on both sides.
 */
export interface ActionMap {
  member: {
    me: { payload: z.input<typeof member.mePayload>; result: member.MemberCard | null }
    join: { payload: z.input<typeof member.joinPayload>; result: member.MemberCard }
    code: { payload: z.input<typeof member.codePayload>; result: member.MemberCode }
    updateProfile: { payload: z.input<typeof member.updateProfilePayload>; result: member.MemberCard }
    bindPhone: { payload: z.input<typeof member.bindPhonePayload>; result: member.MemberCard }
    lookup: { payload: z.input<typeof member.lookupPayload>; result: member.MemberLookup }
    setBirthday: { payload: z.input<typeof member.setBirthdayPayload>; result: member.StaffMemberView }
    joinCode: { payload: z.input<typeof member.joinCodePayload>; result: member.JoinCode }
    sceneInfo: { payload: z.input<typeof member.sceneInfoPayload>; result: member.JoinSceneInfo }
    search: { payload: z.input<typeof archive.searchMembersPayload>; result: archive.MemberSearchPage }
    archive: { payload: z.input<typeof archive.archivePayload>; result: archive.MemberArchive }
    addNote: { payload: z.input<typeof archive.addNotePayload>; result: archive.MemberNote }
    removeMember: { payload: z.input<typeof archive.removeMemberPayload>; result: archive.ErasureResult }
    erase: { payload: z.input<typeof archive.eraseSelfPayload>; result: archive.ErasureResult }
    myData: { payload: z.input<typeof archive.myDataPayload>; result: archive.MyDataFile }
  }
  points: {
    accrue: { payload: z.input<typeof points.accruePayload>; result: points.AccrualResult }
    refund: { payload: z.input<typeof points.refundPayload>; result: points.RefundResult }
    payWithPoints: { payload: z.input<typeof points.payWithPointsPayload>; result: points.PayWithPointsResult }
    adjust: { payload: z.input<typeof points.adjustPayload>; result: points.AdjustResult }
    summary: { payload: z.input<typeof points.summaryPayload>; result: points.PointsSummary }
    history: { payload: z.input<typeof points.historyPayload>; result: points.LedgerPage }
    memberHistory: { payload: z.input<typeof points.memberHistoryPayload>; result: points.LedgerPage }
    orders: { payload: z.input<typeof points.ordersPayload>; result: points.OrdersPage }
    quote: { payload: z.input<typeof checkout.quotePayload>; result: checkout.CheckoutQuote }
    checkout: { payload: z.input<typeof checkout.checkoutPayload>; result: checkout.CheckoutResult }
    refundableOrder: { payload: z.input<typeof checkout.refundableOrderPayload>; result: checkout.RefundableOrder }
    categories: { payload: z.input<typeof points.categoriesPayload>; result: points.ShopCategories }
    setCategories: { payload: z.input<typeof points.setCategoriesPayload>; result: points.ShopCategories }
  }
  rewards: {
    list: { payload: z.input<typeof rewards.listRewardsPayload>; result: rewards.Reward[] }
    adminList: { payload: z.input<typeof rewards.adminListRewardsPayload>; result: rewards.Reward[] }
    create: { payload: z.input<typeof rewards.createRewardPayload>; result: rewards.Reward }
    update: { payload: z.input<typeof rewards.updateRewardPayload>; result: rewards.Reward }
    retire: { payload: z.input<typeof rewards.retireRewardPayload>; result: rewards.Reward }
    relist: { payload: z.input<typeof rewards.relistRewardPayload>; result: rewards.Reward }
    redeem: { payload: z.input<typeof rewards.redeemPayload>; result: rewards.RedeemResult }
    redeemAtTill: { payload: z.input<typeof rewards.redeemAtTillPayload>; result: rewards.RedeemResult }
    myRedemptions: { payload: z.input<typeof rewards.myRedemptionsPayload>; result: rewards.Redemption[] }
    confirm: { payload: z.input<typeof rewards.confirmRedemptionPayload>; result: rewards.ConfirmResult }
  }
  tiers: {
    status: { payload: z.input<typeof tiers.statusPayload>; result: tiers.TierStatus }
    dismissNotice: { payload: z.input<typeof tiers.dismissNoticePayload>; result: null }
    rules: { payload: z.input<typeof tiers.rulesPayload>; result: tiers.RulesOverview }
    preview: { payload: z.input<typeof tiers.previewPayload>; result: tiers.RulesPreview }
    publish: { payload: z.input<typeof tiers.publishPayload>; result: tiers.PublishResult }
  }
  coupons: {
    wallet: { payload: z.input<typeof coupons.walletPayload>; result: coupons.Wallet }
    birthday: { payload: z.input<typeof coupons.birthdayPayload>; result: coupons.BirthdayBanner | null }
    inspect: { payload: z.input<typeof coupons.inspectCouponPayload>; result: coupons.RedeemCouponResult }
    redeem: { payload: z.input<typeof coupons.redeemCouponPayload>; result: coupons.RedeemCouponResult }
    memberCoupons: { payload: z.input<typeof coupons.memberCouponsPayload>; result: coupons.Coupon[] }
  }
  activity: {
    list: { payload: z.input<typeof activity.listActivitiesPayload>; result: activity.ActivityPage }
    detail: { payload: z.input<typeof activity.activityRefPayload>; result: activity.ActivityDetail }
    signup: { payload: z.input<typeof activity.activityRefPayload>; result: activity.SignupResult }
    cancelSignup: { payload: z.input<typeof activity.activityRefPayload>; result: activity.ActivityDetail }
    mine: { payload: z.input<typeof activity.mineActivitiesPayload>; result: activity.MyActivity[] }
    rate: { payload: z.input<typeof activity.ratePayload>; result: activity.MySignup }
    adminList: { payload: z.input<typeof activity.adminListActivitiesPayload>; result: activity.StaffActivityPage }
    adminDetail: { payload: z.input<typeof activity.activityRefPayload>; result: activity.StaffActivity }
    create: { payload: z.input<typeof activity.createActivityPayload>; result: activity.StaffActivity }
    update: { payload: z.input<typeof activity.updateActivityPayload>; result: activity.StaffActivity }
    publish: { payload: z.input<typeof activity.activityRefPayload>; result: activity.StaffActivity }
    unpublish: { payload: z.input<typeof activity.activityRefPayload>; result: activity.StaffActivity }
    cancel: { payload: z.input<typeof activity.cancelActivityPayload>; result: activity.StaffActivity }
    roster: { payload: z.input<typeof activity.rosterPayload>; result: activity.Roster }
    checkIn: { payload: z.input<typeof activity.checkInPayload>; result: activity.CheckInResult }
    evaluate: { payload: z.input<typeof activity.activityRefPayload>; result: activity.ActivityEvaluation }
    compare: { payload: z.input<typeof activity.compareActivitiesPayload>; result: activity.ActivityTypeComparison[] }
    hourly: { payload: z.input<typeof activity.hourlyPayload>; result: activity.HourlyReport }
  }
  ticket: {
    uploadFolder: { payload: z.input<typeof ticket.uploadFolderPayload>; result: ticket.UploadFolder }
    file: { payload: z.input<typeof ticket.fileTicketPayload>; result: ticket.MemberTicket }
    mine: { payload: z.input<typeof ticket.myTicketsPayload>; result: ticket.TicketPage }
    detail: { payload: z.input<typeof ticket.ticketRefPayload>; result: ticket.MemberTicket }
    reply: { payload: z.input<typeof ticket.replyPayload>; result: ticket.MemberTicket }
    withdraw: { payload: z.input<typeof ticket.ticketRefPayload>; result: ticket.MemberTicket }
    confirm: { payload: z.input<typeof ticket.ticketRefPayload>; result: ticket.MemberTicket }
    reopen: { payload: z.input<typeof ticket.reasonPayload>; result: ticket.MemberTicket }
    rate: { payload: z.input<typeof ticket.rateTicketPayload>; result: ticket.MemberTicket }
    queue: { payload: z.input<typeof ticket.queuePayload>; result: ticket.QueuePage }
    counts: { payload: z.input<typeof ticket.countsPayload>; result: ticket.QueueCounts }
    staffDetail: { payload: z.input<typeof ticket.ticketRefPayload>; result: ticket.StaffTicket }
    assign: { payload: z.input<typeof ticket.assignPayload>; result: ticket.StaffTicket }
    staffReply: { payload: z.input<typeof ticket.replyPayload>; result: ticket.StaffTicket }
    note: { payload: z.input<typeof ticket.notePayload>; result: ticket.StaffTicket }
    resolve: { payload: z.input<typeof ticket.resolvePayload>; result: ticket.StaffTicket }
    escalate: { payload: z.input<typeof ticket.reasonPayload>; result: ticket.StaffTicket }
    close: { payload: z.input<typeof ticket.reasonPayload>; result: ticket.StaffTicket }
    staffReopen: { payload: z.input<typeof ticket.reasonPayload>; result: ticket.StaffTicket }
    logContact: { payload: z.input<typeof ticket.logContactPayload>; result: ticket.StaffTicket }
    closeRevisit: { payload: z.input<typeof ticket.reasonPayload>; result: ticket.StaffTicket }
    stats: { payload: z.input<typeof ticket.statsPayload>; result: ticket.TicketStats }
    sla: { payload: z.input<typeof ticket.slaPayload>; result: ticket.SlaView }
    setSla: { payload: z.input<typeof ticket.setSlaPayload>; result: ticket.SlaView }
    sweep: { payload: z.input<typeof ticket.sweepPayload>; result: ticket.SweepReport }
  }
  marketing: {
    consent: { payload: z.input<typeof marketing.consentPayload>; result: marketing.MySubscriptions }
    subscriptions: { payload: z.input<typeof marketing.subscriptionsPayload>; result: marketing.MySubscriptions }
    setOptOut: { payload: z.input<typeof marketing.setOptOutPayload>; result: marketing.MySubscriptions }
    opened: { payload: z.input<typeof marketing.openedPayload>; result: null }
    rfmOverview: { payload: z.input<typeof marketing.rfmOverviewPayload>; result: marketing.RfmOverview }
    setRfmThresholds: { payload: z.input<typeof marketing.setRfmThresholdsPayload>; result: marketing.RfmOverview }
    countSegment: { payload: z.input<typeof marketing.countSegmentPayload>; result: marketing.SegmentCount }
    segments: { payload: z.input<typeof marketing.segmentsPayload>; result: marketing.Segment[] }
    saveSegment: { payload: z.input<typeof marketing.saveSegmentPayload>; result: marketing.Segment }
    deleteSegment: { payload: z.input<typeof marketing.segmentRefPayload>; result: null }
    tagSegment: { payload: z.input<typeof marketing.tagSegmentPayload>; result: marketing.TagResult }
    campaigns: { payload: z.input<typeof marketing.campaignsPayload>; result: marketing.CampaignPage }
    campaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.Campaign }
    createCampaign: { payload: z.input<typeof marketing.createCampaignPayload>; result: marketing.Campaign }
    updateCampaign: { payload: z.input<typeof marketing.updateCampaignPayload>; result: marketing.Campaign }
    previewCampaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.CampaignPreview }
    startCampaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.Campaign }
    pauseCampaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.Campaign }
    resumeCampaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.Campaign }
    cancelCampaign: { payload: z.input<typeof marketing.campaignRefPayload>; result: marketing.Campaign }
    tick: { payload: z.input<typeof marketing.tickPayload>; result: marketing.TickReport }
    segmentFor: { payload: z.input<typeof marketing.segmentForPayload>; result: marketing.Segment }
  }
  jobs: {
    expirePoints: { payload: z.input<typeof jobs.expirePointsPayload>; result: jobs.JobReport }
    reconcile: { payload: z.input<typeof jobs.reconcilePayload>; result: jobs.ReconcileReport }
    evaluateTiers: { payload: z.input<typeof jobs.evaluateTiersPayload>; result: jobs.TierEvaluationReport }
    applyRules: { payload: z.input<typeof jobs.applyRulesPayload>; result: jobs.ApplyRulesReport }
    daily: { payload: z.input<typeof jobs.dailyPayload>; result: jobs.DailyReport }
    birthdays: { payload: z.input<typeof jobs.birthdaysPayload>; result: jobs.BirthdayReport }
  }
  staff: {
    whoami: { payload: z.input<typeof staff.whoamiPayload>; result: staff.WhoAmI }
    list: { payload: z.input<typeof staff.listStaffPayload>; result: staff.StaffEntry[] }
    updateStaff: { payload: z.input<typeof staff.updateStaffPayload>; result: staff.StaffEntry }
    revokeStaff: { payload: z.input<typeof staff.staffRefPayload>; result: null }
    transferOwnership: { payload: z.input<typeof staff.transferOwnershipPayload>; result: staff.StaffEntry[] }
    stores: { payload: z.input<typeof staff.storesPayload>; result: staff.Store[] }
    saveStore: { payload: z.input<typeof staff.saveStorePayload>; result: staff.Store }
    closeStore: { payload: z.input<typeof staff.storeRefPayload>; result: staff.Store }
    reopenStore: { payload: z.input<typeof staff.storeRefPayload>; result: staff.Store }
    invite: { payload: z.input<typeof staff.invitePayload>; result: staff.Invitation }
    invitations: { payload: z.input<typeof staff.invitationsPayload>; result: staff.Invitation[] }
    revokeInvitation: { payload: z.input<typeof staff.invitationRefPayload>; result: staff.Invitation }
    invitationInfo: { payload: z.input<typeof staff.invitationRefPayload>; result: staff.InvitationInfo }
    acceptInvitation: { payload: z.input<typeof staff.acceptInvitationPayload>; result: staff.WhoAmI }
    audit: { payload: z.input<typeof staff.auditPayload>; result: staff.AuditPage }
    startExport: { payload: z.input<typeof staff.startExportPayload>; result: staff.ExportJob }
    exportStatus: { payload: z.input<typeof staff.exportRefPayload>; result: staff.ExportJob }
    exports: { payload: z.input<typeof staff.exportsPayload>; result: staff.ExportJob[] }
    exportChunk: { payload: z.input<typeof staff.exportChunkPayload>; result: staff.ExportJob }
    bootstrapOwner: { payload: z.input<typeof staff.bootstrapOwnerPayload>; result: staff.StaffEntry }
  }
  stats: {
    overview: { payload: z.input<typeof stats.insightRangePayload>; result: stats.InsightOverview }
    members: { payload: z.input<typeof stats.insightRangePayload>; result: stats.InsightMembers }
    consumption: { payload: z.input<typeof stats.insightRangePayload>; result: stats.InsightConsumption }
    churn: { payload: z.input<typeof stats.churnPayload>; result: stats.ChurnPage }
    service: { payload: z.input<typeof stats.servicePayload>; result: stats.InsightService }
    daily: { payload: z.input<typeof stats.statsDailyPayload>; result: stats.StatsRunReport }
    backfill: { payload: z.input<typeof stats.statsBackfillPayload>; result: stats.StatsRunReport }
  }
}

export type FunctionName = keyof ActionMap
export type ActionName<F extends FunctionName> = keyof ActionMap[F] & string
export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { payload: infer P } ? P : never
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = ActionMap[F][A] extends { result: infer R } ? R : never

/** What `wx.cloud.callFunction({ name, data })` carries as `data`. */
export interface CallEvent {
  action: string
  payload?: unknown
}
