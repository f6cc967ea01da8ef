import { churnPayload, insightRangePayload, servicePayload, type ChurnPage, type InsightConsumption, type InsightMembers, type InsightOverview, type InsightService } from '../../shared/contract/stats'
import { compareRecentActivities } from '../../shared/app/activityEvaluations'
import { churnOf, consumptionOf, membersInsightOf, overviewOf } from '../../shared/app/statsViews'
import { ticketsRepo } from '../../shared/data/tickets'
import { statsStart, ticketStats } from '../../shared/domain/ticketStats'
import { defineAction } from '../../shared/runtime'

/** Tickets one statistics page reads at most (as 服务统计 does). */
const TICKETS_LIMIT = 20_000

/** 数据 · 概览. Reads figures only: no personal data, so nothing to audit. */
export const overview = defineAction({
  schema: insightRangePayload,
  audit: false,
  async handler(range, { db, now }): Promise<InsightOverview> {
    return overviewOf(db, range, now)
  },
})

export const members = defineAction({
  schema: insightRangePayload,
  audit: false,
  async handler(range, { db, now }): Promise<InsightMembers> {
    return membersInsightOf(db, range, now)
  },
})

export const consumption = defineAction({
  schema: insightRangePayload,
  audit: false,
  async handler(range, { db, now }): Promise<InsightConsumption> {
    return consumptionOf(db, range, now)
  },
})

/** 流失预警 names members (phones masked): a view of personal data, audited like the archive's. */
export const churn = defineAction({
  schema: churnPayload,
  async handler(input, { db, now }): Promise<ChurnPage> {
    return churnOf(db, input, now)
  },
})

/** 活动与服务: the activity types side by side and the ticket desk's weeks. */
export const service = defineAction({
  schema: servicePayload,
  audit: false,
  async handler({ weeks }, { db, now }): Promise<InsightService> {
    const repo = ticketsRepo(db)
    const [tickets, revisitsOpen, activities] = await Promise.all([repo.filedBetween(statsStart(now, weeks), now, TICKETS_LIMIT), repo.revisitsOpen(), compareRecentActivities(db, now)])
    return { tickets: ticketStats(tickets, weeks, now, revisitsOpen), activities }
  },
})
