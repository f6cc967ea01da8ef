import { tickPayload, type TickReport } from '../../shared/contract/marketing'
import { sendCampaignChunk } from '../../shared/app/campaignSender'
import { remindExpiringCoupons } from '../../shared/app/couponReminders'
import { retryDeliveries } from '../../shared/app/deliveryRetries'
import { Budget, handOver } from '../../shared/app/jobChunks'
import { classifyMembers } from '../../shared/app/rfmSweep'
import { campaignsRepo } from '../../shared/data/campaigns'
import { shopTime } from '../../shared/domain/calendar'
import { defineAction } from '../../shared/runtime'

/** The RFM classification runs from this Beijing hour, after the daily job's 00:30 run has settled the night. */
const RFM_HOUR = 1

/**
 * The marketing timer, every 5 minutes, within its budget: due retries first (they are owed), then
 * each sending campaign's next pages, then the daily work (the RFM classification, the coupon
 * reminders at 10:00). What is left goes to a fresh invocation.
 */
export const tick = defineAction({
  schema: tickPayload,
  async handler({ budgetMs, maxRecipients, round }, { db, now }): Promise<TickReport> {
    const budget = new Budget(budgetMs, maxRecipients)
    const retries = await retryDeliveries(db, now, budget)
    const report: TickReport = { deliveriesRetried: retries.retried, deliveriesResolved: retries.resolved, campaigns: [], rfm: null, couponReminders: null, left: retries.left, elapsedMs: 0 }
    for (const found of await campaignsRepo(db).active(20)) {
      if (!budget.canTakeMore()) {
        report.left = true
        break
      }
      const chunk = await sendCampaignChunk(db, found, now, budget)
      report.campaigns.push({ id: chunk.id, recipients: chunk.recipients, sent: chunk.sent, status: chunk.status, waitingUntil: chunk.waitingUntil?.toISOString() ?? null })
      // A campaign waiting (its time, quiet hours, another run's lease) is not work left for this run; one cut off by the budget is.
      if (chunk.left && !budget.canTakeMore()) report.left = true
    }
    if (budget.canTakeMore() && shopTime(now).hour() >= RFM_HOUR) {
      report.rfm = await classifyMembers(db, now, budget)
      if (!report.rfm.done) report.left = true
    }
    if (budget.canTakeMore()) {
      report.couponReminders = await remindExpiringCoupons(db, now, budget)
      if (report.couponReminders && !report.couponReminders.done) report.left = true
    }
    report.elapsedMs = budget.elapsedMs()
    await handOver('tick', report.left, { budgetMs, round }, 'marketing')
    return report
  },
})
