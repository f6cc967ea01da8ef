import type { HourlyReport } from '../contract/activity'
import { activitiesRepo, type ActivityDoc } from '../data/activities'
import type { ReminderStage } from '../domain/activity'
import { activityReminderMessage } from '../domain/messages'
import type { Database } from '../runtime/cloud'
import { deliver } from './deliver'
import { Budget, workThrough } from './jobChunks'
import { promoteWaiting, settleSignups } from './activitySeats'

const HOUR_MS = 3600_000
/** Reminders go out this long before the start: the 24-hour one until the 2-hour one is due. */
const REMINDERS: ReadonlyArray<{ stage: ReminderStage; hoursBefore: 24 | 2 }> = [
  { stage: 2, hoursBefore: 2 },
  { stage: 1, hoursBefore: 24 },
]
const PAGE = 100
const SENDERS = 8

/**
 * The activity function's hourly timer: reminders 24 h and 2 h before each start, to confirmed
 * members, once per (activity, member, reminder); then the settling of cancelled activities
 * (refunds and messages) and the closing of ended ones (a queue that never got a seat is
 * refunded). Everything works within the budget and resumes where it stopped: a claimed reminder,
 * a refunded signup and a closed activity each leave the queries that find them.
 */
export async function runHourly(db: Database, now: Date, budget: Budget): Promise<HourlyReport> {
  const repo = activitiesRepo(db)
  const report: HourlyReport = { reminders: { h24: 0, h2: 0, examined: 0 }, closed: 0, refunded: 0, promoted: 0, left: false, elapsedMs: 0 }
  const canGoOn = () => budget.canTakeMore()

  for (const activity of await repo.startingBetween(now, new Date(now.getTime() + 24 * HOUR_MS))) {
    // Seats a promotion left free (a cut-short cancel) are filled before the reminders go out.
    report.promoted += await promoteWaiting(db, activity._id, now)
    const stage = reminderDue(activity, now)
    if (!stage) continue
    const sent = await remind(db, activity, stage, budget)
    report.reminders[stage.stage === 2 ? 'h2' : 'h24'] += sent.sent
    report.reminders.examined += sent.examined
    if (sent.left) report.left = true
  }

  for (const activity of await repo.cancelledUnsettled()) {
    if (!canGoOn()) break
    const settled = await settleSignups(db, activity, 'activity', now, canGoOn)
    report.refunded += settled.settled
    if (settled.left) report.left = true
    else await repo.markSettled(activity._id, now)
  }

  for (const activity of await repo.endedOpen(now)) {
    if (!canGoOn()) break
    const settled = await settleSignups(db, activity, 'closed', now, canGoOn)
    report.refunded += settled.settled
    if (settled.left) {
      report.left = true
      continue
    }
    await repo.update(activity._id, { status: 'closed', closedAt: now })
    report.closed++
  }
  report.left = report.left || !canGoOn()
  report.elapsedMs = budget.elapsedMs()
  return report
}

/** The reminder due now, if any: the 2-hour one inside 2 hours of the start, else the 24-hour one inside 24. */
export function reminderDue(activity: Pick<ActivityDoc, 'startAt'>, now: Date): { stage: ReminderStage; hoursBefore: 24 | 2 } | null {
  const untilStart = new Date(activity.startAt).getTime() - now.getTime()
  if (untilStart <= 0) return null
  return REMINDERS.find(({ hoursBefore }) => untilStart <= hoursBefore * HOUR_MS) ?? null
}

/**
 * Sends one reminder to every confirmed member below `stage`: each is claimed with a conditional
 * update before its send, so overlapping runs never send one twice, and a member claimed for the
 * 2-hour reminder is past the 24-hour one too (a late signup gets only the one still useful).
 */
async function remind(
  db: Database,
  activity: ActivityDoc,
  { stage, hoursBefore }: { stage: ReminderStage; hoursBefore: 24 | 2 },
  budget: Budget,
): Promise<{ sent: number; examined: number; left: boolean }> {
  const repo = activitiesRepo(db)
  let sent = 0
  let examined = 0
  while (budget.canTakeMore()) {
    const page = await repo.remindable(activity._id, stage, PAGE)
    examined += page.length
    if (page.length === 0) return { sent, examined, left: false }
    const results = await workThrough(page, SENDERS, budget, async (signup) => {
      if (!(await repo.claimReminder(signup._id, stage))) return false
      const message = activityReminderMessage(signup.openid, activity, hoursBefore)
      await deliver([message], new Map(), db)
      return true
    })
    sent += results.filter(Boolean).length
  }
  return { sent, examined, left: true }
}
