/**
 * Timer triggers as WeChat cloud runs them: each function's config.json lists
 * `{ name, type: 'timer', config: '<sec> <min> <hour> <day> <month> <weekday> <year>' }`, and the
 * cron is read on Beijing time while the function itself runs on UTC.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** China has kept UTC+8 without daylight saving since 1991, so Beijing wall time is a fixed shift. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

export interface CronSchedule {
  source: string
  seconds: Set<number>
  minutes: Set<number>
  hours: Set<number>
  days: Set<number>
  months: Set<number>
  weekdays: Set<number>
  /** null: any year. */
  years: Set<number> | null
  /** Standard cron: when both day fields are restricted, either one matching is enough. */
  dayOrWeekday: boolean
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: string[]
  /** Where the first name maps to (months are 1-based). */
  nameBase?: number
}

const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAY_NAMES, nameBase: 0 },
  { name: 'year', min: 1970, max: 2099 },
]

export class CronError extends Error {
  override name = 'CronError'
}

/** Parses WeChat's 7-field cron; throws CronError on anything it does not accept. */
export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/)
  if (parts.length !== 7) throw new CronError(`cron "${source}" must have 7 fields (second minute hour day month weekday year), has ${parts.length}`)
  const sets = parts.map((part, index) => parseField(part, FIELDS[index]))
  return {
    source,
    seconds: sets[0],
    minutes: sets[1],
    hours: sets[2],
    days: sets[3],
    months: sets[4],
    weekdays: sets[5],
    years: parts[6] === '*' ? null : sets[6],
    dayOrWeekday: parts[3] !== '*' && parts[5] !== '*',
  }
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>()
  for (const item of text.split(',')) {
    const [rangeText, stepText, extra] = item.split('/')
    if (extra !== undefined || rangeText === '') throw new CronError(`bad ${spec.name} field "${text}"`)
    const step = stepText === undefined ? 1 : toInt(stepText, spec)
    if (step < 1) throw new CronError(`bad step in ${spec.name} field "${text}"`)
    let low: number
    let high: number
    if (rangeText === '*') {
      low = spec.min
      high = spec.max
    } else if (rangeText.includes('-')) {
      const [rangeStart, rangeEnd, extraEnd] = rangeText.split('-')
      if (extraEnd !== undefined) throw new CronError(`bad range in ${spec.name} field "${text}"`)
      low = toValue(rangeStart, spec)
      high = toValue(rangeEnd, spec)
    } else {
      low = toValue(rangeText, spec)
      high = stepText === undefined ? low : spec.max
    }
    if (low > high) throw new CronError(`bad range in ${spec.name} field "${text}"`)
    for (let value = low; value <= high; value += step) values.add(value)
  }
  return values
}

function toValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return named + (spec.nameBase ?? 0)
  const value = toInt(text, spec)
  if (value < spec.min || value > spec.max) throw new CronError(`${spec.name} ${value} is outside ${spec.min}-${spec.max}`)
  return value
}

function toInt(text: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(text)) throw new CronError(`"${text}" is not a number in the ${spec.name} field`)
  return Number(text)
}

/** Does the schedule fire at this instant (to the second)? */
export function firesAt(schedule: CronSchedule, at: Date): boolean {
  const wall = new Date(Math.floor(at.getTime() / 1000) * 1000 + BEIJING_OFFSET_MS)
  if (!schedule.seconds.has(wall.getUTCSeconds()) || !schedule.minutes.has(wall.getUTCMinutes()) || !schedule.hours.has(wall.getUTCHours())) return false
  return dateMatches(schedule, wall)
}

function dateMatches(schedule: CronSchedule, wall: Date): boolean {
  if (!schedule.months.has(wall.getUTCMonth() + 1)) return false
  if (schedule.years && !schedule.years.has(wall.getUTCFullYear())) return false
  const day = schedule.days.has(wall.getUTCDate())
  const weekday = schedule.weekdays.has(wall.getUTCDay())
  return schedule.dayOrWeekday ? day || weekday : day && weekday
}

/** The first instant strictly after `after` at which the schedule fires, or null within ~5 years. */
export function nextFireTime(schedule: CronSchedule, after: Date): Date | null {
  const start = Math.floor(after.getTime() / 1000) * 1000 + 1000 + BEIJING_OFFSET_MS
  const firstDay = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), new Date(start).getUTCDate())
  const seconds = [...schedule.seconds].sort((left, right) => left - right)
  const minutes = [...schedule.minutes].sort((left, right) => left - right)
  const hours = [...schedule.hours].sort((left, right) => left - right)
  for (let dayStart = firstDay, dayCount = 0; dayCount < 366 * 5; dayCount++, dayStart += 24 * 3600 * 1000) {
    if (!dateMatches(schedule, new Date(dayStart))) continue
    for (const hour of hours) {
      for (const minute of minutes) {
        for (const second of seconds) {
          const wall = dayStart + ((hour * 60 + minute) * 60 + second) * 1000
          if (wall >= start) return new Date(wall - BEIJING_OFFSET_MS)
        }
      }
    }
  }
  return null
}

export interface TimerTrigger {
  fn: string
  name: string
  config: string
  schedule: CronSchedule
}

/** The timer triggers of every built function under `functionsDir`. A bad cron fails loudly, as deploy would. */
export function readTimerTriggers(functionsDir: string): TimerTrigger[] {
  if (!existsSync(functionsDir)) return []
  const triggers: TimerTrigger[] = []
  for (const entry of readdirSync(functionsDir, { withFileTypes: true })) {
    const file = path.join(functionsDir, entry.name, 'config.json')
    if (!entry.isDirectory() || !existsSync(file)) continue
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Array<{ name?: string; type?: string; config?: string }> }
    const timers = (config.triggers ?? []).filter((trigger) => trigger.type === 'timer')
    if (timers.length > 1) throw new CronError(`${entry.name}: WeChat cloud allows one timer trigger per function, config.json has ${timers.length}`)
    for (const trigger of timers) {
      if (!trigger.name || !trigger.config) throw new CronError(`${entry.name}: a timer trigger needs a name and a config`)
      triggers.push({ fn: entry.name, name: trigger.name, config: trigger.config, schedule: parseCron(trigger.config) })
    }
  }
  return triggers
}

/** The event WeChat cloud hands a function when its timer fires. */
export function timerEvent(triggerName: string, at: Date): { Type: 'Timer'; TriggerName: string; Time: string } {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z') }
}

/**
 * Fires due triggers against an emulated clock that may jump: each tick, every trigger whose next
 * fire time since the last tick has come runs once (a jump over several fire times runs it once,
 * as a missed timer would).
 */
export class TimerClock {
  private lastCheck: Date
  private handle: NodeJS.Timeout | null = null
  readonly fired: Array<{ fn: string; trigger: string; at: string; ok: boolean }> = []

  constructor(
    private readonly triggers: TimerTrigger[],
    private readonly now: () => Date,
    private readonly fire: (fn: string, trigger: string, at: Date) => Promise<unknown>,
  ) {
    this.lastCheck = now()
  }

  start(intervalMs = 1_000): void {
    if (this.handle) return
    this.handle = setInterval(() => void this.tick(), intervalMs)
    this.handle.unref()
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle)
    this.handle = null
  }

  /** Runs the triggers due between the last tick and now; answers what it started. */
  async tick(): Promise<string[]> {
    const now = this.now()
    const since = this.lastCheck
    this.lastCheck = now
    // The clock moved back: start watching from the new now.
    if (now.getTime() < since.getTime()) return []
    const due = this.triggers.filter((trigger) => {
      const next = nextFireTime(trigger.schedule, since)
      return next !== null && next.getTime() <= now.getTime()
    })
    await Promise.all(
      due.map(async (trigger) => {
        let ok = true
        try {
          await this.fire(trigger.fn, trigger.name, now)
        } catch (error) {
          ok = false
          console.error(`[timers] ${trigger.fn}/${trigger.name}:`, error)
        }
        this.fired.push({ fn: trigger.fn, trigger: trigger.name, at: now.toISOString(), ok })
      }),
    )
    return due.map((trigger) => `${trigger.fn}/${trigger.name}`)
  }
}
