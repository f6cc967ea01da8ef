import { CronError, nextFireTime, parseCron } from '../../emulator/timers'

/** The parts of a function's config.json that WeChat reads for its triggers. */
export interface TriggerConfig {
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>
}

/** WeChat cloud's rules for a timer's name: a letter first, then letters, digits, `-` or `_`, 60 at most. */
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

/**
 * What deploy would refuse in one function's triggers: WeChat cloud takes one trigger per function, of type
 * `timer`, with a 7-field cron (read by the emulator's own parser, so the lint and the local timers agree).
 * A cron that parses but never fires (31 February, a past year) is refused too: it is a timer that does nothing.
 */
export function triggerProblems(fn: string, config: TriggerConfig, now: Date): string[] {
  const triggers = config.triggers ?? []
  const problems: string[] = []
  if (triggers.length > 1) problems.push(`${fn}: WeChat cloud allows one timer trigger per function, config.json has ${triggers.length}`)
  for (const trigger of triggers) {
    const label = `${fn}: trigger ${JSON.stringify(trigger.name ?? null)}`
    if (trigger.type !== 'timer') problems.push(`${label} has type ${JSON.stringify(trigger.type ?? null)}; the only type is "timer"`)
    if (typeof trigger.name !== 'string' || !TRIGGER_NAME.test(trigger.name)) problems.push(`${label}: a name is a letter then up to 59 letters, digits, - or _`)
    if (typeof trigger.config !== 'string') {
      problems.push(`${label} has no cron in "config"`)
      continue
    }
    try {
      if (!nextFireTime(parseCron(trigger.config), now)) problems.push(`${label}: cron "${trigger.config}" never fires`)
    } catch (error) {
      if (!(error instanceof CronError)) throw error
      problems.push(`${label}: ${error.message}`)
    }
  }
  return problems
}
