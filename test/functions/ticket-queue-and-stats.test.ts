/**
 * The desk's lists and figures through the emulator: the queue by promised time with its filters
 * (view, category, mine or unassigned, breached) and each view's count; paging by cursor that
 * lists every ticket once, ties in the promised time included; and the service statistics worked
 * out by hand on a small known set (medians, breach rate, satisfaction, by category and week).
 */
import type { ActionName } from '../../cloudfunctions/shared/contract/actions'
import { DEFAULT_SLA } from '../../cloudfunctions/shared/contract/ticketFields'
import type { QueueItem, TicketFigures, TicketPage } from '../../cloudfunctions/shared/contract/ticket'
import { newTicket } from '../../cloudfunctions/shared/domain/ticket'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember } from '../support/members'
import { DESK, fileFor, seedDesk, ticketDoc } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const MINUTE = 60_000
const A = 'tk-queue-member-a'
const queue = async (openid: string, payload: Record<string, unknown> = {}) => dataOf(await as(openid).call('ticket', 'queue', payload))
const ids = (items: QueueItem[]) => items.map((item) => item.id)
const at = (text: string) => cloud().setNow(beijing(text))

beforeEach(() => {
  cloud().db.clear()
  seedDesk(cloud())
  seedMember(cloud(), A)
})
afterAll(() => cloud().setNow(null))

describe('the queue', () => {
  it('lists by promised time, filters by view, category, assignee and breach, and counts each view', async () => {
    at('2026-12-01 10:00')
    const service = await fileFor(as, A)
    at('2026-12-01 10:10')
    const product = await fileFor(as, A, { category: 'product' })
    at('2026-12-01 10:20')
    const mineTaken = await fileFor(as, A)
    at('2026-12-01 10:30')
    const colleagues = await fileFor(as, A, { category: 'product' })
    const resolved = await fileFor(as, A)
    const closed = await fileFor(as, A)
    const withdrawn = await fileFor(as, A)
    at('2026-12-01 11:00')
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId: mineTaken.id }))
    dataOf(await as(DESK.service2).call('ticket', 'assign', { ticketId: colleagues.id }))
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId: resolved.id }))
    dataOf(await as(DESK.service).call('ticket', 'resolve', { ticketId: resolved.id, summary: '已处理' }))
    dataOf(await as(DESK.admin).call('ticket', 'close', { ticketId: closed.id, reason: '重复提交' }))
    dataOf(await as(A).call('ticket', 'withdraw', { ticketId: withdrawn.id }))

    // Every open ticket waits for its first answer, due two hours after it was filed.
    const active = await queue(DESK.service)
    expect(ids(active.items)).toEqual([service.id, product.id, mineTaken.id, colleagues.id])
    expect(active.nextCursor).toBeNull()
    expect(active.items.map((item) => item.dueAt)).toEqual([service, product, mineTaken, colleagues].map((ticket) => ticket.promised.firstResponseDueAt))
    expect(active.items[2]).toMatchObject({ status: 'processing', assigneeName: 'service', memberName: expect.any(String), breached: false, escalated: false })
    expect(ids((await queue(DESK.service, { category: 'product' })).items)).toEqual([product.id, colleagues.id])
    expect(ids((await queue(DESK.service, { assignee: 'mine' })).items)).toEqual([mineTaken.id])
    expect(ids((await queue(DESK.service2, { assignee: 'mine' })).items)).toEqual([colleagues.id])
    expect(ids((await queue(DESK.service, { assignee: 'unassigned' })).items)).toEqual([service.id, product.id])
    expect(ids((await queue(DESK.service, { assignee: 'unassigned', category: 'product' })).items)).toEqual([product.id])
    expect(ids((await queue(DESK.service, { view: 'new' })).items)).toEqual([service.id, product.id])
    expect(ids((await queue(DESK.service, { view: 'processing' })).items)).toEqual([mineTaken.id, colleagues.id])
    expect((await queue(DESK.service, { view: 'pending' })).items).toEqual([expect.objectContaining({ id: resolved.id, status: 'pending' })])
    expect((await queue(DESK.service, { view: 'closed' })).items).toEqual([expect.objectContaining({ id: closed.id, dueAt: null })])
    expect(ids((await queue(DESK.service, { view: 'withdrawn' })).items)).toEqual([withdrawn.id])
    expect(dataOf(await as(DESK.service).call('ticket', 'counts', {}))).toEqual({ active: 4, new: 2, processing: 2, pending: 1, closed: 1, withdrawn: 1, revisit: 0 })

    // 12:15: the first two have missed their answer. The queue shows it at once; the filter once the timer has marked it.
    at('2026-12-01 12:15')
    expect((await queue(DESK.service)).items.map((item) => item.breached)).toEqual([true, true, false, false])
    dataOf(await as(null).call('ticket', 'sweep', {}))
    expect(ids((await queue(DESK.service, { breached: true })).items)).toEqual([service.id, product.id])
    expect(ids((await queue(DESK.service, { breached: false })).items)).toEqual([mineTaken.id, colleagues.id])
    expect(ids((await queue(DESK.service, { breached: true, category: 'product' })).items)).toEqual([product.id])
    expect((await queue(DESK.service, { breached: true })).items.every((item) => item.escalated)).toBe(true)
    // Answering late keeps the breach on record: the answer is 15 minutes after its promised time.
    at('2026-12-01 12:35')
    dataOf(await as(DESK.service).call('ticket', 'staffReply', { ticketId: mineTaken.id, text: '您好' }))
    expect(ticketDoc(cloud(), mineTaken.id)).toMatchObject({ breachedFirstResponse: true, breached: true })
    expect(ids((await queue(DESK.service, { breached: true })).items)).toEqual([service.id, product.id, mineTaken.id])
  })

  it('pages by cursor through 47 tickets, 45 of them due at the same instant, listing each once in order', async () => {
    const filedAt = beijing('2026-12-01 10:00')
    const ticket = (sequence: number, minutesLater: number) =>
      newTicket({
        id: `T20261201-${String(sequence).padStart(4, '0')}`,
        openid: A,
        memberName: '林晓雨',
        cardNo: '1234567897',
        category: 'service',
        text: `第 ${sequence} 张工单`,
        images: [],
        ref: null,
        sla: DEFAULT_SLA,
        now: new Date(filedAt.getTime() + minutesLater * MINUTE),
      })
    // Inserted out of order (2 to 46 stepping by 17 round the 45): the order is the query's, not the insertion's.
    const tickets = [ticket(47, 5), ...Array.from({ length: 45 }, (_, index) => ticket(2 + ((index * 17) % 45), 0)), ticket(1, -5)]
    cloud().db.insertMany('tickets', tickets)
    at('2026-12-01 10:30')
    const seen: string[] = []
    const pages: number[] = []
    let cursor: string | null | undefined
    do {
      const page = await queue(DESK.service, cursor ? { cursor } : {})
      seen.push(...ids(page.items))
      pages.push(page.items.length)
      cursor = page.nextCursor
    } while (cursor)
    expect(pages).toEqual([20, 20, 7])
    expect(seen).toEqual(Array.from({ length: 47 }, (_, index) => `T20261201-${String(index + 1).padStart(4, '0')}`))

    // The member's own list pages the same way, newest first, ties in the filing time included.
    const mine: string[] = []
    cursor = undefined
    do {
      const page: TicketPage = dataOf(await as(A).call('ticket', 'mine', cursor ? { cursor } : {}))
      mine.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(mine).toEqual([...seen].reverse())
    expect(await as(DESK.service).call('ticket', 'queue', { cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cursor' }] } })
  })
})

describe('the statistics', () => {
  const NONE: Omit<TicketFigures, 'revisitsOpen'> = { opened: 0, closed: 0, medianFirstResponseMinutes: null, medianResolutionMinutes: null, breachRate: null, satisfaction: null, ratings: 0 }

  it('works out medians, breach rate and satisfaction on a known set, by category and by Beijing week', async () => {
    const step = async (time: string, openid: string, action: ActionName<'ticket'>, payload: Record<string, unknown>) => {
      at(time)
      return dataOf(await as(openid).call('ticket', action, payload))
    }
    // Week of Monday 30 November, filed Tuesday 10:00: answered after 30, 150 (late) and 60 minutes, resolved after 60, 200 and 300.
    at('2026-12-01 10:00')
    const [quick, late, product] = [await fileFor(as, A), await fileFor(as, A), await fileFor(as, A, { category: 'product' })]
    await step('2026-12-01 10:30', DESK.service, 'staffReply', { ticketId: quick.id, text: '您好' })
    await step('2026-12-01 11:00', DESK.service, 'resolve', { ticketId: quick.id, summary: '已致歉' })
    await step('2026-12-01 11:00', DESK.service, 'staffReply', { ticketId: product.id, text: '您好' })
    await step('2026-12-01 12:30', DESK.service, 'staffReply', { ticketId: late.id, text: '抱歉久等' })
    await step('2026-12-01 13:20', DESK.service, 'resolve', { ticketId: late.id, summary: '已补偿' })
    await step('2026-12-01 15:00', DESK.service, 'resolve', { ticketId: product.id, summary: '已更换' })
    await step('2026-12-01 16:00', A, 'rate', { ticketId: quick.id, score: 5 })
    await step('2026-12-01 16:00', A, 'rate', { ticketId: late.id, score: 1, comment: '太慢了' })
    await step('2026-12-01 16:00', A, 'confirm', { ticketId: product.id })
    // Week of Monday 7 December: one left unanswered (the timer marks it), one withdrawn.
    at('2026-12-07 10:00')
    const [ignored, withdrawn] = [await fileFor(as, A, { category: 'product' }), await fileFor(as, A, { category: 'environment' })]
    await step('2026-12-07 10:05', A, 'withdraw', { ticketId: withdrawn.id })
    at('2026-12-08 12:00')
    dataOf(await as(null).call('ticket', 'sweep', {}))
    expect(ticketDoc(cloud(), ignored.id)).toMatchObject({ breached: true })
    // Before anything else in the shop: a ticket filed the Sunday before, outside the two weeks.
    at('2026-11-29 23:00')
    await fileFor(as, A)

    at('2026-12-09 12:00')
    const stats = dataOf(await as(DESK.service).call('ticket', 'stats', { weeks: 2 }))
    expect(stats.from).toBe(beijing('2026-11-30 00:00').toISOString())
    expect(stats.totals).toEqual({ opened: 5, closed: 3, medianFirstResponseMinutes: 60, medianResolutionMinutes: 200, breachRate: 0.4, satisfaction: 3, ratings: 2, revisitsOpen: 1 })
    const byCategory = Object.fromEntries(stats.byCategory.map(({ category, ...figures }) => [category, figures]))
    expect(byCategory).toEqual({
      service: { opened: 2, closed: 2, medianFirstResponseMinutes: 90, medianResolutionMinutes: 130, breachRate: 0.5, satisfaction: 3, ratings: 2, revisitsOpen: 1 },
      product: { opened: 2, closed: 1, medianFirstResponseMinutes: 60, medianResolutionMinutes: 300, breachRate: 0.5, satisfaction: null, ratings: 0, revisitsOpen: 0 },
      environment: { ...NONE, opened: 1, breachRate: 0, revisitsOpen: 0 },
      points: { ...NONE, revisitsOpen: 0 },
      activity: { ...NONE, revisitsOpen: 0 },
      other: { ...NONE, revisitsOpen: 0 },
    })
    expect(stats.byWeek).toEqual([
      { week: '2026-11-30', opened: 3, closed: 3, medianFirstResponseMinutes: 60, medianResolutionMinutes: 200, breachRate: 1 / 3, satisfaction: 3, ratings: 2, revisitsOpen: 1 },
      { week: '2026-12-07', ...NONE, opened: 2, breachRate: 0.5, revisitsOpen: 0 },
    ])
  })
})
