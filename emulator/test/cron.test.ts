import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CronError, firesAt, nextFireTime, parseCron, readTimerTriggers, TimerClock, timerEvent } from '../timers'

const at = (iso: string) => new Date(iso)

describe('parseCron: WeChat 7-field cron (sec min hour day month weekday year)', () => {
  it('reads the jobs timer: 00:30:00 every day', () => {
    const schedule = parseCron('0 30 0 * * * *')
    expect([...schedule.seconds]).toEqual([0])
    expect([...schedule.minutes]).toEqual([30])
    expect([...schedule.hours]).toEqual([0])
    expect(schedule.days.size).toBe(31)
    expect(schedule.years).toBeNull()
  })

  it.each([
    ['*/15 * * * * * *', 'seconds', [0, 15, 30, 45]],
    ['0 0 9-11 * * * *', 'hours', [9, 10, 11]],
    ['0 0 8,12,18 * * * *', 'hours', [8, 12, 18]],
    ['0 0 0 1 JAN,jul * *', 'months', [1, 7]],
    ['0 0 0 * * MON-FRI *', 'weekdays', [1, 2, 3, 4, 5]],
    ['0 5/20 * * * * *', 'minutes', [5, 25, 45]],
    ['0 0 0 1 1 * 2026,2027', 'years', [2026, 2027]],
  ] as const)('%s → %s %j', (source, field, expected) => {
    expect([...(parseCron(source)[field] ?? [])].sort((left, right) => left - right)).toEqual(expected)
  })

  it.each([
    ['0 30 0 * * *', /7 fields/],
    ['0 30 0 * * * * *', /7 fields/],
    ['60 * * * * * *', /outside/],
    ['0 0 24 * * * *', /outside/],
    ['0 0 0 0 * * *', /outside/],
    ['0 0 0 * 13 * *', /outside/],
    ['0 0 0 * * 7 *', /outside/],
    ['0 0 0 * * * 1969', /outside/],
    ['a * * * * * *', /not a number/],
    ['*/0 * * * * * *', /step/],
    ['0 0 5-3 * * * *', /range/],
    ['0 0 1-2-3 * * * *', /range/],
    ['0 0 0 1/2/3 * * *', /bad day/],
  ])('refuses %s', (source, message) => {
    expect(() => parseCron(source)).toThrow(CronError)
    expect(() => parseCron(source)).toThrow(message)
  })
})

describe('firing on Beijing time while the clock is UTC', () => {
  const daily = parseCron('0 30 0 * * * *')

  it('00:30 Beijing is 16:30 UTC the previous day', () => {
    expect(firesAt(daily, at('2026-12-01T16:30:00Z'))).toBe(true)
    expect(firesAt(daily, at('2026-12-02T00:30:00+08:00'))).toBe(true)
    expect(firesAt(daily, at('2026-12-02T00:30:00Z'))).toBe(false)
    expect(firesAt(daily, at('2026-12-01T16:30:01Z'))).toBe(false)
  })

  it('the next fire time after a moment is 16:30 UTC, on the right calendar day', () => {
    expect(nextFireTime(daily, at('2026-12-01T10:00:00Z'))?.toISOString()).toBe('2026-12-01T16:30:00.000Z')
    expect(nextFireTime(daily, at('2026-12-01T16:30:00Z'))?.toISOString()).toBe('2026-12-02T16:30:00.000Z')
    // 23:59 UTC on Dec 31 is already 07:59 on Jan 1 in Beijing: the next run is 00:30 on Jan 2 Beijing.
    expect(nextFireTime(daily, at('2026-12-31T23:59:00Z'))?.toISOString()).toBe('2027-01-01T16:30:00.000Z')
  })

  it('the weekday and the month-day are Beijing’s too', () => {
    // 2026-11-30 is a Monday in Beijing; 20:00 UTC Sunday is 04:00 Monday there.
    const mondayFour = parseCron('0 0 4 * * MON *')
    expect(firesAt(mondayFour, at('2026-11-29T20:00:00Z'))).toBe(true)
    const firstOfMonth = parseCron('0 0 1 1 * * *')
    expect(nextFireTime(firstOfMonth, at('2026-11-15T00:00:00Z'))?.toISOString()).toBe('2026-11-30T17:00:00.000Z')
  })

  it('restricting both day fields means either matches (standard cron)', () => {
    const either = parseCron('0 0 12 13 * FRI *')
    expect(firesAt(either, at('2026-11-13T04:00:00Z'))).toBe(true) // 13th, a Friday
    expect(firesAt(either, at('2026-11-20T04:00:00Z'))).toBe(true) // a Friday
    expect(firesAt(either, at('2026-12-13T04:00:00Z'))).toBe(true) // the 13th, a Sunday
    expect(firesAt(either, at('2026-12-14T04:00:00Z'))).toBe(false)
  })

  it('a year-restricted schedule ends', () => {
    expect(nextFireTime(parseCron('0 0 0 1 1 * 2026'), at('2026-06-01T00:00:00Z'))).toBeNull()
  })

  it('the timer event WeChat sends', () => {
    expect(timerEvent('daily', at('2026-12-01T16:30:00.123Z'))).toEqual({ Type: 'Timer', TriggerName: 'daily', Time: '2026-12-01T16:30:00Z' })
  })
})

describe('triggers from config.json and the clock loop', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'timers-'))
  const write = (fn: string, config: object) => {
    mkdirSync(path.join(dir, fn), { recursive: true })
    writeFileSync(path.join(dir, fn, 'config.json'), JSON.stringify(config))
  }

  it('reads timer triggers and refuses a second timer on one function', () => {
    write('jobs', { timeout: 60, triggers: [{ name: 'daily', type: 'timer', config: '0 30 0 * * * *' }] })
    write('member', { timeout: 5 })
    expect(readTimerTriggers(dir).map(({ fn, name, config }) => ({ fn, name, config }))).toEqual([{ fn: 'jobs', name: 'daily', config: '0 30 0 * * * *' }])
    write('twice', {
      triggers: [
        { name: 'a', type: 'timer', config: '0 0 1 * * * *' },
        { name: 'b', type: 'timer', config: '0 0 2 * * * *' },
      ],
    })
    expect(() => readTimerTriggers(dir)).toThrow(/one timer/)
  })

  it('fires a trigger once when the emulated clock passes its time, however far it jumps', async () => {
    let now = at('2026-12-01T16:00:00Z')
    const fired: string[] = []
    const clock = new TimerClock(
      [{ fn: 'jobs', name: 'daily', config: '0 30 0 * * * *', schedule: parseCron('0 30 0 * * * *') }],
      () => now,
      async (fn, trigger, when) => {
        fired.push(`${fn}/${trigger}@${when.toISOString()}`)
      },
    )
    expect(await clock.tick()).toEqual([])
    now = at('2026-12-01T16:29:59Z')
    expect(await clock.tick()).toEqual([])
    now = at('2026-12-01T16:30:00Z')
    expect(await clock.tick()).toEqual(['jobs/daily'])
    expect(await clock.tick()).toEqual([])
    now = at('2026-12-09T00:00:00Z')
    expect(await clock.tick()).toEqual(['jobs/daily'])
    now = at('2026-12-01T00:00:00Z')
    expect(await clock.tick()).toEqual([])
    expect(fired).toEqual(['jobs/daily@2026-12-01T16:30:00.000Z', 'jobs/daily@2026-12-09T00:00:00.000Z'])
  })
})
