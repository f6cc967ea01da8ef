import type { TicketFigures, TicketStats } from '../contract/ticket'
import { TICKET_CATEGORIES } from '../contract/ticketFields'
import { shopTime } from './calendar'
import { clockMinutesBetween } from './sla'
import type { TicketDoc } from './ticket'

/**
 * The figures a page of the service desk reads: what was filed in [from, to) and how it went.
 * Times are counted on each ticket's own SLA clock, the one its promises were made on: with business
 * hours a complaint filed on Friday night and answered at 09:15 on Monday took 15 minutes, not 60 hours.
 */
export function figuresOf(tickets: readonly TicketDoc[]): TicketFigures {
  const firstResponses = tickets.filter((ticket) => ticket.firstRespondedAt).map((ticket) => clockMinutesOf(ticket, ticket.firstRespondedAt!))
  const resolutions = tickets.filter((ticket) => ticket.resolutions.length > 0).map((ticket) => clockMinutesOf(ticket, ticket.resolutions[0].at))
  const ratings = tickets.flatMap((ticket) => ticket.resolutions.flatMap((resolution) => (resolution.rating ? [resolution.rating.score] : [])))
  return {
    opened: tickets.length,
    closed: tickets.filter((ticket) => ticket.status === 'closed').length,
    medianFirstResponseMinutes: median(firstResponses),
    medianResolutionMinutes: median(resolutions),
    breachRate: tickets.length ? tickets.filter((ticket) => ticket.breached).length / tickets.length : null,
    satisfaction: ratings.length ? Math.round((ratings.reduce((sum, score) => sum + score, 0) / ratings.length) * 100) / 100 : null,
    ratings: ratings.length,
    revisitsOpen: tickets.filter((ticket) => ticket.revisitOpen).length,
  }
}

/** Monday of the Beijing week holding `at`, as `YYYY-MM-DD`. */
export function weekOf(at: Date | string): string {
  const day = shopTime(new Date(at)).startOf('day')
  const weekday = day.day() === 0 ? 7 : day.day()
  return day.subtract(weekday - 1, 'day').format('YYYY-MM-DD')
}

/** The first instant of the Beijing week `weeks - 1` weeks before the one holding `now`. */
export function statsStart(now: Date, weeks: number): Date {
  const monday = shopTime(new Date(`${weekOf(now)}T00:00:00+08:00`))
  return monday.subtract(weeks - 1, 'week').toDate()
}

/**
 * Tickets filed over the last `weeks` Beijing weeks: totals, per category and per week (every
 * week listed, an empty one with zeros). `revisitsOpen` in the totals is the shop's whole count.
 */
export function ticketStats(tickets: readonly TicketDoc[], weeks: number, now: Date, revisitsOpen: number): TicketStats {
  const from = statsStart(now, weeks)
  const weekStarts = Array.from({ length: weeks }, (_, index) => shopTime(from).add(index, 'week').format('YYYY-MM-DD'))
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    totals: { ...figuresOf(tickets), revisitsOpen },
    byCategory: TICKET_CATEGORIES.map((category) => ({ category, ...figuresOf(tickets.filter((ticket) => ticket.category === category)) })),
    byWeek: weekStarts.map((week) => ({ week, ...figuresOf(tickets.filter((ticket) => weekOf(ticket.createdAt) === week)) })),
  }
}

function clockMinutesOf(ticket: TicketDoc, to: Date | string): number {
  return clockMinutesBetween(new Date(ticket.createdAt), new Date(to), ticket.sla.businessHours)
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return Math.round(value)
}
