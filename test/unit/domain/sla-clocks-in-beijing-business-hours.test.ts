import fc from 'fast-check'
import { DEFAULT_SLA, type BusinessHours } from '../../../cloudfunctions/shared/contract/ticketFields'
import { clockMinutesBetween, dueAfter, promisedTimes } from '../../../cloudfunctions/shared/domain/sla'
import { decideSweep, decideTicketEvent, newTicket, type Actor, type TicketDoc } from '../../../cloudfunctions/shared/domain/ticket'
import { figuresOf } from '../../../cloudfunctions/shared/domain/ticketStats'

/**
 * The SLA clock runs on Beijing's calendar: with business hours 09:00–21:00 only those minutes
 * count, whatever calendar day the runtime's UTC clock shows. 1 December 2026 is a Tuesday, so
 * 4 December is a Friday and 5–6 December the weekend.
 */

/** An instant named by Beijing wall-clock text, `2026-12-01 10:00`. */
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const HOURS_MIN = 60

const WEEKDAYS: BusinessHours = { opens: '09:00', closes: '21:00', weekdays: [1, 2, 3, 4, 5] }
const ALL_WEEK: BusinessHours = { opens: '09:00', closes: '21:00', weekdays: [1, 2, 3, 4, 5, 6, 7] }

describe('dueAfter', () => {
  it.each([
    ['filed in hours, due the same afternoon', '2026-12-01 10:00', 120, WEEKDAYS, '2026-12-01 12:00'],
    ['filed in hours, due exactly at closing', '2026-12-01 19:00', 120, WEEKDAYS, '2026-12-01 21:00'],
    ['filed in hours, running past closing into the next morning', '2026-12-01 20:30', 120, WEEKDAYS, '2026-12-02 10:30'],
    ['filed after closing: the clock starts next morning', '2026-12-01 22:00', 120, WEEKDAYS, '2026-12-02 11:00'],
    ['filed before opening: the clock starts at 09:00', '2026-12-02 07:15', 30, WEEKDAYS, '2026-12-02 09:30'],
    ['filed at the stroke of closing', '2026-12-01 21:00', 60, WEEKDAYS, '2026-12-02 10:00'],
    ['filed just after midnight Beijing (still the previous day in UTC)', '2026-12-02 00:30', 120, WEEKDAYS, '2026-12-02 11:00'],
    ['Friday evening, over the weekend, to Monday', '2026-12-04 20:00', 120, WEEKDAYS, '2026-12-07 10:00'],
    ['Friday evening, shop open all week: Saturday', '2026-12-04 20:00', 120, ALL_WEEK, '2026-12-05 10:00'],
    ['24 hours to resolve from Friday morning, weekdays: Tuesday', '2026-12-04 10:00', 24 * HOURS_MIN, WEEKDAYS, '2026-12-08 10:00'],
    ['24 hours to resolve from Friday morning, all week: Sunday', '2026-12-04 10:00', 24 * HOURS_MIN, ALL_WEEK, '2026-12-06 10:00'],
    ['filed on Saturday, weekdays: the clock starts on Monday', '2026-12-05 15:00', 120, WEEKDAYS, '2026-12-07 11:00'],
    ['no business hours: plain minutes, across midnight', '2026-12-01 23:00', 120, null, '2026-12-02 01:00'],
    ['no business hours: plain minutes, across the weekend', '2026-12-04 20:00', 24 * HOURS_MIN, null, '2026-12-05 20:00'],
  ] as const)('%s', (_case, filed, minutes, hours, due) => {
    expect(dueAfter(beijing(filed), minutes, hours)).toEqual(beijing(due))
  })

  it('reads the Beijing day, not the UTC one: Friday 17:30 UTC is Saturday 01:30 in the shop', () => {
    const utcFriday = new Date('2026-12-04T17:30:00Z')
    expect(utcFriday.getUTCDay()).toBe(5)
    expect(dueAfter(utcFriday, 120, WEEKDAYS)).toEqual(beijing('2026-12-07 11:00'))
    expect(dueAfter(utcFriday, 120, WEEKDAYS)).toEqual(new Date('2026-12-07T03:00:00Z'))
    expect(dueAfter(utcFriday, 120, ALL_WEEK)).toEqual(beijing('2026-12-05 11:00'))
    // Sunday 23:00 UTC is Monday 07:00 in the shop: a working day whose hours have not begun.
    expect(dueAfter(new Date('2026-12-06T23:00:00Z'), 120, WEEKDAYS)).toEqual(beijing('2026-12-07 11:00'))
    // Monday 14:00 UTC is Monday 22:00 in the shop: past closing, so Tuesday.
    expect(dueAfter(new Date('2026-12-07T14:00:00Z'), 120, WEEKDAYS)).toEqual(beijing('2026-12-08 11:00'))
  })

  it('keeps the longest promise the settings allow on the shortest hours they allow: 30 days of one hour a week', () => {
    const mondayHour: BusinessHours = { opens: '09:00', closes: '10:00', weekdays: [1] }
    const due = dueAfter(beijing('2026-12-01 10:00'), 30 * 24 * 60, mondayHour)
    // The 720th Monday hour from Tuesday 1 December 2026.
    expect(due).toEqual(beijing('2040-09-17 10:00'))
    expect(clockMinutesBetween(beijing('2026-12-01 10:00'), due, mondayHour)).toBe(30 * 24 * 60)
  })

  it('keeps the seconds of the filing', () => {
    expect(dueAfter(new Date('2026-12-01T02:00:30.250Z'), 5, WEEKDAYS)).toEqual(new Date('2026-12-01T02:05:30.250Z'))
  })
})

describe('promisedTimes', () => {
  it('gives both promised times from one start, each on the business clock', () => {
    const times = { firstResponseMinutes: 120, resolutionMinutes: 24 * HOURS_MIN }
    expect(promisedTimes(beijing('2026-12-04 20:00'), times, WEEKDAYS)).toEqual({
      firstResponseDueAt: beijing('2026-12-07 10:00'),
      // Friday 1 h, Monday 12 h, Tuesday 11 h.
      resolutionDueAt: beijing('2026-12-08 20:00'),
    })
    expect(promisedTimes(new Date('2026-12-04T17:30:00Z'), times, WEEKDAYS)).toEqual({
      firstResponseDueAt: beijing('2026-12-07 11:00'),
      // Monday 12 h, Tuesday 12 h: the Saturday small hours count for nothing.
      resolutionDueAt: beijing('2026-12-08 21:00'),
    })
    expect(promisedTimes(beijing('2026-12-04 20:00'), times, null)).toEqual({
      firstResponseDueAt: beijing('2026-12-04 22:00'),
      resolutionDueAt: beijing('2026-12-05 20:00'),
    })
  })
})

describe('clockMinutesBetween', () => {
  it.each([
    ['within one business day', '2026-12-01 10:00', '2026-12-01 12:30', WEEKDAYS, 150],
    ['from after closing to the next morning', '2026-12-01 22:00', '2026-12-02 10:00', WEEKDAYS, 60],
    ['across midnight, all of it closed', '2026-12-01 21:30', '2026-12-02 08:59', WEEKDAYS, 0],
    ['Friday evening to Monday morning, weekdays', '2026-12-04 20:00', '2026-12-07 10:00', WEEKDAYS, 120],
    ['Friday evening to Monday morning, all week', '2026-12-04 20:00', '2026-12-07 10:00', ALL_WEEK, 60 + 720 + 720 + 60],
    ['no business hours: every minute', '2026-12-04 20:00', '2026-12-07 10:00', null, 62 * 60],
    ['backwards is none', '2026-12-02 10:00', '2026-12-01 10:00', WEEKDAYS, 0],
  ] as const)('%s', (_case, from, to, hours, minutes) => {
    expect(clockMinutesBetween(beijing(from), beijing(to), hours)).toBe(minutes)
  })

  it('counts a UTC span that crosses the UTC date line inside one Beijing day', () => {
    // 2026-12-01 23:00Z → 2026-12-02 03:00Z is Wednesday 07:00 → 11:00 in the shop.
    expect(clockMinutesBetween(new Date('2026-12-01T23:00:00Z'), new Date('2026-12-02T03:00:00Z'), WEEKDAYS)).toBe(120)
  })
})

describe('breaches on the business clock', () => {
  const SERVICE: Actor = { kind: 'staff', openid: 'svc-zhou', role: 'service', name: '小周' }
  const sla = { categories: { ...DEFAULT_SLA.categories, service: { firstResponseMinutes: 60, resolutionMinutes: 480 } }, businessHours: WEEKDAYS }
  /** Filed on Friday at 20:30: 30 minutes that evening, 30 on Monday, so an answer is due at 09:30 Monday. */
  const fridayEvening = () =>
    newTicket({
      id: 'T20261204-0001',
      openid: 'member-a',
      memberName: '林晓雨',
      cardNo: '1234567897',
      category: 'service',
      text: '店员态度不好',
      images: [],
      ref: null,
      sla,
      now: beijing('2026-12-04 20:30'),
    })
  const answeredAt = (ticket: TicketDoc, at: Date) => {
    const verdict = decideTicketEvent(ticket, SERVICE, { event: 'reply', text: '您好，已收到' }, at)
    if (verdict.kind !== 'transition') throw new Error(verdict.kind)
    return verdict.ticket
  }

  it('promises an answer by 09:30 Monday and the resolution by 16:30 Monday', () => {
    expect(fridayEvening()).toMatchObject({ firstResponseDueAt: beijing('2026-12-07 09:30'), resolutionDueAt: beijing('2026-12-07 16:30'), watchAt: beijing('2026-12-07 09:30') })
  })

  it('an answer on Monday at 09:15, 60 hours on, is in time; one at 09:45 missed it, even before the timer looked', () => {
    expect(answeredAt(fridayEvening(), beijing('2026-12-07 09:15'))).toMatchObject({ breachedFirstResponse: false, breached: false, watchAt: beijing('2026-12-07 16:30') })
    expect(answeredAt(fridayEvening(), beijing('2026-12-07 09:45'))).toMatchObject({ breachedFirstResponse: true, breached: true, escalated: false, watchAt: beijing('2026-12-07 16:30') })
  })

  it('the desk’s figures count the same clock: answered at 09:15 Monday is 45 minutes, resolved at 11:00 Monday 150', () => {
    const answered = answeredAt(fridayEvening(), beijing('2026-12-07 09:15'))
    const resolved = decideTicketEvent(answered, SERVICE, { event: 'resolve', summary: '已致歉', compensation: null }, beijing('2026-12-07 11:00'))
    if (resolved.kind !== 'transition') throw new Error(resolved.kind)
    expect(figuresOf([resolved.ticket])).toMatchObject({ medianFirstResponseMinutes: 45, medianResolutionMinutes: 150, breachRate: 0 })
  })

  it('the timer finds nothing due over the weekend nor at 09:29 Monday (01:29 UTC), and the breach at 09:31, once', () => {
    const ticket = fridayEvening()
    for (const at of [beijing('2026-12-05 12:00'), beijing('2026-12-06 23:59'), new Date('2026-12-07T01:29:00Z')]) expect(decideSweep(ticket, at)).toEqual({ kind: 'nothing' })
    const verdict = decideSweep(ticket, new Date('2026-12-07T01:31:00Z'))
    expect(verdict).toMatchObject({ kind: 'breach', clocks: ['firstResponse'], escalate: true })
    if (verdict.kind !== 'breach') return
    expect(verdict.ticket).toMatchObject({ breachedFirstResponse: true, escalated: true, rev: ticket.rev + 1, watchAt: beijing('2026-12-07 16:30') })
    expect(decideSweep(verdict.ticket, new Date('2026-12-07T01:46:00Z'))).toEqual({ kind: 'nothing' })
    // The resolution clock runs out at 16:30: marked, and not escalated a second time.
    expect(decideSweep(verdict.ticket, beijing('2026-12-07 16:31'))).toMatchObject({ kind: 'breach', clocks: ['resolution'], escalate: false, ticket: { watchAt: null, breachedResolution: true } })
  })
})

describe('the clock as a property', () => {
  const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([hours, minutes]) => hours * 60 + minutes)
  const text = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  const anyHours: fc.Arbitrary<BusinessHours> = fc
    .tuple(clock, clock, fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }))
    .filter(([opens, closes]) => opens !== closes)
    .map(([a, b, weekdays]) => ({ opens: text(Math.min(a, b)), closes: text(Math.max(a, b)), weekdays }))
  const hoursCases = fc.oneof(fc.constant(WEEKDAYS), fc.constant(ALL_WEEK), anyHours)
  const instants = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  const minutes = fc.integer({ min: 1, max: 30 * 24 * 60 })

  /** Whether `at` lies in a business window: after the shop opens, by the time it closes, on one of its days. */
  function inBusinessHours(at: Date, hours: BusinessHours): boolean {
    const shop = new Date(at.getTime() + 8 * 3600_000)
    const weekday = shop.getUTCDay() === 0 ? 7 : shop.getUTCDay()
    const minuteOfDay = shop.getUTCHours() * 60 + shop.getUTCMinutes() + (shop.getUTCSeconds() * 1000 + shop.getUTCMilliseconds()) / 60_000
    const [opens, closes] = [hours.opens, hours.closes].map((clockText) => Number(clockText.slice(0, 2)) * 60 + Number(clockText.slice(3)))
    // Due at the stroke of closing is still in time: the window's last minute was used.
    return hours.weekdays.includes(weekday) && minuteOfDay > opens && minuteOfDay <= closes
  }

  it('lands inside business hours, and exactly that many business minutes after the start', () => {
    fc.assert(
      fc.property(instants, minutes, hoursCases, (from, wanted, hours) => {
        const due = dueAfter(from, wanted, hours)
        expect(due.getTime()).toBeGreaterThan(from.getTime())
        expect(inBusinessHours(due, hours)).toBe(true)
        expect(clockMinutesBetween(from, due, hours)).toBe(wanted)
      }),
      { seed: 20261201, numRuns: 300 },
    )
  })

  it('without business hours is plain minutes', () => {
    fc.assert(
      fc.property(instants, minutes, (from, wanted) => {
        const due = dueAfter(from, wanted, null)
        expect(due.getTime() - from.getTime()).toBe(wanted * 60_000)
        expect(clockMinutesBetween(from, due, null)).toBe(wanted)
      }),
      { seed: 20261201, numRuns: 100 },
    )
  })
})
