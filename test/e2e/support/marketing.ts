/**
 * The marketing side of a journey: a moment campaigns may send at (not in the quiet hours), and
 * what a campaign left in the database and the outbox.
 */
import type { LocalCloud } from '../../../local/cloud'
import { QUIET_HOURS } from '../../../cloudfunctions/shared/contract/marketingFields'
import type { DeliveryStatus } from '../../../cloudfunctions/shared/contract/marketingFields'

const HOUR_MS = 60 * 60 * 1000
/** Beijing has no daylight saving: its wall clock is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * HOUR_MS

/**
 * `now` when Beijing's clock is well inside the sending hours (09:00–20:00, an hour before the quiet
 * hours begin, so a journey never runs into them), else the next 10:00 Beijing time: always ahead,
 * never more than a day, so the demo data seeded at `now` stays as it was (its RFM classes too).
 */
export function sendingMoment(now: Date): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS)
  const hour = local.getUTCHours()
  if (hour >= QUIET_HOURS.to && hour < QUIET_HOURS.from - 1) return now
  const tenToday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 10) - BEIJING_OFFSET_MS
  return new Date(tenToday > now.getTime() ? tenToday : tenToday + 24 * HOUR_MS)
}

export interface DeliveryRow {
  _id: string
  openid: string
  campaignId: string | null
  templateId: string
  status: DeliveryStatus
  data: Record<string, string>
  page: string
  openedAt: Date | null
}

/** A campaign's deliveries (one per member of its segment, held-out ones included), by openid. */
export function deliveriesOf(cloud: LocalCloud, campaignId: string): DeliveryRow[] {
  return (cloud.db.find('deliveries', { campaignId }) as DeliveryRow[]).sort((a, b) => a.openid.localeCompare(b.openid))
}

/** The subscription messages the outbox holds for one member from one campaign (its landing carries `campaign=<id>`). */
export function campaignMessagesTo(cloud: LocalCloud, openid: string, campaignId: string) {
  return cloud.outbox.sent.filter((message) => message.touser === openid && campaignOf(message.page) === campaignId)
}

/** Every message the outbox holds from one campaign. */
export function campaignMessages(cloud: LocalCloud, campaignId: string) {
  return cloud.outbox.sent.filter((message) => campaignOf(message.page) === campaignId)
}

function campaignOf(page: string | undefined): string | null {
  if (!page) return null
  return new URLSearchParams(page.split('?')[1] ?? '').get('campaign')
}
