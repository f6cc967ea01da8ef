import { couponsRepo } from '../data/coupons'
import { walksRepo, type DailyWalk } from '../data/walks'
import { shopDate, shopTime } from '../domain/calendar'
import { couponExpiringMessage } from '../domain/messages'
import type { Database } from '../runtime/cloud'
import { deliver } from './deliver'
import { workThrough, type Budget } from './jobChunks'

/** Reminders go out from this Beijing hour (not at the daily job's 00:30), three days before a coupon ends. */
export const REMINDER_HOUR = 10
export const REMINDER_DAYS_BEFORE = 3
const PAGE = 100
const SENDERS = 5

/**
 * Once a Beijing day, from 10:00: every available coupon ending on the day three days ahead gets its
 * reminder (`couponExpiring:<coupon id>:<openid>`, so a rerun reminds nobody twice). The walk's
 * place is kept in `settings/couponReminders`.
 */
export async function remindExpiringCoupons(db: Database, now: Date, budget: Budget): Promise<{ sent: number; done: boolean } | null> {
  if (shopTime(now).hour() < REMINDER_HOUR) return null
  const walks = walksRepo(db)
  const today = shopDate(now)
  const stored = await walks.of('couponReminders')
  const walk: DailyWalk = stored?.day === today ? stored : { day: today, cursor: null, done: false }
  if (walk.done) return null
  const day = shopTime(now).startOf('day').add(REMINDER_DAYS_BEFORE, 'day')
  let cursor = walk.cursor
  let sent = 0
  for (;;) {
    if (!budget.canTakeMore()) break
    const page = await couponsRepo(db).availableEndingBetween(day.toDate(), day.endOf('day').toDate(), cursor, PAGE)
    if (page.length === 0) {
      await walks.save('couponReminders', { day: today, cursor, done: true })
      return { sent, done: true }
    }
    const results = await workThrough(page, SENDERS, budget, async (coupon) => (await deliver([couponExpiringMessage(coupon)], new Map(), db))[0])
    sent += results.filter((result) => result === 'sent').length
    cursor = page[results.length - 1]._id
  }
  await walks.save('couponReminders', { day: today, cursor, done: false })
  return { sent, done: false }
}
