import { setSlaPayload, slaPayload, statsPayload, sweepPayload, type SlaView, type SweepReport, type TicketStats } from '../../shared/contract/ticket'
import { Budget, handOver } from '../../shared/app/jobChunks'
import { sweepTickets } from '../../shared/app/ticketSweep'
import { forgetSlaSettings, slaSettings } from '../../shared/app/tickets'
import { ticketsRepo } from '../../shared/data/tickets'
import { statsStart, ticketStats } from '../../shared/domain/ticketStats'
import { defineAction } from '../../shared/runtime'

/** Tickets one statistics page reads at most: a shop's busiest quarter many times over. */
const STATS_LIMIT = 20_000

/** 服务统计: the last `weeks` Beijing weeks, by category and by week. */
export const stats = defineAction({
  schema: statsPayload,
  audit: false,
  async handler({ weeks }, { db, now }): Promise<TicketStats> {
    const repo = ticketsRepo(db)
    const [tickets, revisitsOpen] = await Promise.all([repo.filedBetween(statsStart(now, weeks), now, STATS_LIMIT), repo.revisitsOpen()])
    return ticketStats(tickets, weeks, now, revisitsOpen)
  },
})

export const sla = defineAction({
  schema: slaPayload,
  audit: false,
  async handler(_payload, { db, now }): Promise<SlaView> {
    return slaSettings(db, now)
  },
})

/** The owner's SLA: per category, and business hours (none: the clock always runs). Applies to tickets filed from now on. */
export const setSla = defineAction({
  schema: setSlaPayload,
  async handler(settings, { db, openid, now }): Promise<SlaView> {
    await ticketsRepo(db).setSla(settings, openid, now)
    forgetSlaSettings()
    return settings
  },
})

/** The 15-minute timer (45 s of its 60 s by default): breaches, escalations, auto-closes; what is left goes to a fresh invocation. */
export const sweep = defineAction({
  schema: sweepPayload,
  async handler({ budgetMs, round }, { db, now }): Promise<SweepReport> {
    const report = await sweepTickets(db, now, new Budget(budgetMs))
    await handOver('sweep', report.left, { budgetMs, round }, 'ticket')
    return report
  },
})
