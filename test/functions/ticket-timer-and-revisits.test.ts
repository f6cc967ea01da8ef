/**
 * The 15-minute ticket timer through the emulator, called as WeChat fires it (a server call with
 * no OPENID), on the owner's SLA with business hours 09:00–21:00 on weekdays: each promised time
 * missed is marked and the ticket escalated to every owner and admin once, however often and
 * however concurrently the timer runs; a resolution left 待确认 for 3 days is closed once, without
 * a rating. Then the revisit: opened by a low rating or a reopen, worked by the desk, ended by a
 * good rating or by an admin with a reason.
 */
import { DEFAULT_SLA } from '../../cloudfunctions/shared/contract/ticketFields'
import type { MemberTicket, StaffTicket, SweepReport } from '../../cloudfunctions/shared/contract/ticket'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember, seedStaff } from '../support/members'
import { consent, DESK, ESCALATION, fileFor, messagesTo, resolvedFor, seedDesk, ticketDoc, ticketDocs, UPDATE } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

/** An instant named by Beijing wall-clock text. 1 December 2026 is a Tuesday. */
const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)
const DAY = 24 * 3600_000
const A = 'tk-timer-member-a'
const SILENT_ADMIN = 'tk-admin-without-consent'
const MANAGERS = [DESK.owner, DESK.admin]

const sweep = async () => dataOf(await as(null).call('ticket', 'sweep', {}))
/** Two runs at once, as when one overruns its 15 minutes, then one more. */
async function overlappingThenAgain(): Promise<SweepReport[]> {
  const together = await Promise.all([sweep(), sweep()])
  return [...together, await sweep()]
}
const total = (reports: SweepReport[], figure: 'breaches' | 'escalations' | 'autoClosed') => reports.reduce((sum, report) => sum + report[figure], 0)
/** Escalation messages each manager got, per ticket. */
function escalationsByManager(): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {}
  for (const message of cloud().outbox.sent.filter((sent) => sent.templateId === ESCALATION)) {
    const ticket = message.data.character_string1.value
    counts[message.touser] ??= {}
    counts[message.touser][ticket] = (counts[message.touser][ticket] ?? 0) + 1
  }
  return counts
}
const escalatedEntries = (id: string) => ticketDoc(cloud(), id).history.filter((entry) => entry.event === 'escalate')

/** The owner's SLA: business hours on weekdays, an hour to answer 服务 complaints and 8 to resolve them. */
async function businessHoursSla(at: Date): Promise<void> {
  cloud().setNow(at)
  dataOf(
    await as(DESK.owner).call('ticket', 'setSla', {
      categories: { ...DEFAULT_SLA.categories, service: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 } },
      businessHours: { opens: '09:00', closes: '21:00', weekdays: [1, 2, 3, 4, 5] },
    }),
  )
  // Other instances keep the settings they read for 30 s, as they keep the rules.
  cloud().setNow(new Date(at.getTime() + 60_000))
}

beforeEach(async () => {
  cloud().db.clear()
  cloud().outbox.clear()
  seedDesk(cloud())
  seedStaff(cloud(), { [SILENT_ADMIN]: 'admin' })
  seedMember(cloud(), A)
  for (const manager of MANAGERS) await consent(cloud(), manager, ESCALATION, 50)
  await consent(cloud(), A, UPDATE, 50)
})
afterAll(() => cloud().setNow(null))

describe('breaches and escalations', () => {
  it('on business hours: marks each promised time missed once and escalates each ticket once to every owner and admin, through overlapping runs', async () => {
    await businessHoursSla(beijing('2026-12-01 19:58'))
    const services = [await fileFor(as, A), await fileFor(as, A), await fileFor(as, A)]
    const product = await fileFor(as, A, { category: 'product' })
    expect(ticketDoc(cloud(), services[0].id)).toMatchObject({ sla: { firstResponseMinutes: 60, resolutionMinutes: 480, businessHours: { opens: '09:00' } } })
    // Filed at 19:59 Tuesday. 服务: answer by 20:59, resolve by 15:59 Wednesday (61 minutes on Tuesday, 419 on
    // Wednesday). 商品 on the defaults: answer by 09:59 Wednesday, resolve by 19:59 Thursday.
    const at = (id: string) => ticketDoc(cloud(), id)
    const near = (instant: Date, text: string) => expect(Math.abs(new Date(instant).getTime() - beijing(text).getTime())).toBeLessThan(60_000)
    near(at(services[0].id).firstResponseDueAt, '2026-12-01 20:59')
    near(at(services[0].id).resolutionDueAt, '2026-12-02 15:59')
    near(at(product.id).firstResponseDueAt, '2026-12-02 09:59')
    near(at(product.id).resolutionDueAt, '2026-12-03 19:59')
    expect(services[0].promised.firstResponseDueAt).toBe(new Date(at(services[0].id).firstResponseDueAt).toISOString())
    // One answered in time: no breach for it.
    dataOf(await as(DESK.service).call('ticket', 'staffReply', { ticketId: services[2].id, text: '您好，已收到' }))

    // Tuesday 23:00 in the shop, after closing (15:00 UTC).
    cloud().setNow(beijing('2026-12-01 23:00'))
    let reports = await overlappingThenAgain()
    expect(total(reports, 'escalations')).toBe(2)
    expect(total(reports, 'breaches')).toBe(2)
    expect(escalationsByManager()).toEqual(Object.fromEntries(MANAGERS.map((manager) => [manager, { [services[0].id]: 1, [services[1].id]: 1 }])))
    // Overlapping runs escalate the two tickets in either order: each message is looked up by its ticket.
    const toOwner = messagesTo(cloud(), DESK.owner, ESCALATION) as Array<{ page: string }>
    expect(toOwner.find((message) => message.page === `admin/pages/ticket/index?id=${services[0].id}`)).toMatchObject({ data: { thing3: { value: '超过承诺时间未响应，请尽快处理' } } })
    for (const ticket of services.slice(0, 2)) {
      expect(at(ticket.id)).toMatchObject({ breachedFirstResponse: true, breachedResolution: false, breached: true, escalated: true })
      expect(escalatedEntries(ticket.id)).toEqual([expect.objectContaining({ actor: 'system', role: 'system', reason: '超时未响应' })])
    }
    expect(at(services[2].id)).toMatchObject({ breached: false, escalated: false })
    expect(at(product.id)).toMatchObject({ breached: false, escalated: false })

    // Wednesday 01:00 UTC is 09:00 in the shop: the clock has only just started again.
    cloud().setNow(new Date('2026-12-02T01:00:00Z'))
    expect(total(await overlappingThenAgain(), 'breaches')).toBe(0)
    cloud().setNow(beijing('2026-12-02 10:05'))
    reports = await overlappingThenAgain()
    expect([total(reports, 'escalations'), total(reports, 'breaches')]).toEqual([1, 1])
    expect(at(product.id)).toMatchObject({ breachedFirstResponse: true, escalated: true })

    // Wednesday 16:00: the 服务 tickets' resolution clocks run out; all three were escalated or answered, one new escalation.
    cloud().setNow(beijing('2026-12-02 16:00'))
    reports = await overlappingThenAgain()
    expect([total(reports, 'breaches'), total(reports, 'escalations')]).toEqual([3, 1])
    for (const ticket of services) expect(at(ticket.id)).toMatchObject({ breachedResolution: true, escalated: true })
    expect(escalatedEntries(services[0].id)).toHaveLength(1)
    expect(escalatedEntries(services[2].id)).toEqual([expect.objectContaining({ reason: '超时未解决' })])
    expect(escalationsByManager()).toEqual(Object.fromEntries(MANAGERS.map((manager) => [manager, Object.fromEntries([...services, product].map((ticket) => [ticket.id, 1]))])))
    // An admin with no consent left gets nothing; nobody else hears of escalations.
    expect(messagesTo(cloud(), SILENT_ADMIN, ESCALATION)).toEqual([])
    expect(
      cloud()
        .outbox.sent.filter((message) => message.templateId === ESCALATION)
        .every((message) => MANAGERS.includes(message.touser as never)),
    ).toBe(true)

    // Thursday evening the product's resolution clock runs out too: marked, not escalated again.
    cloud().setNow(beijing('2026-12-03 20:05'))
    reports = await overlappingThenAgain()
    expect([total(reports, 'breaches'), total(reports, 'escalations')]).toEqual([1, 0])
    expect(at(product.id)).toMatchObject({ breachedFirstResponse: true, breachedResolution: true })
    expect(escalatedEntries(product.id)).toHaveLength(1)
    // Nothing is left to watch: later runs examine nothing.
    cloud().setNow(beijing('2026-12-10 12:00'))
    expect((await overlappingThenAgain()).map((report) => [report.examined, report.breaches, report.escalations])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ])
  })

  it('across a weekend: a ticket filed on Friday evening is not overdue until Monday morning', async () => {
    await businessHoursSla(beijing('2026-12-04 20:30'))
    const ticket = await fileFor(as, A)
    // Filed at 20:31: 29 minutes on Friday, 31 on Monday, so due 09:31 Monday (01:31 UTC).
    expect(Math.abs(new Date(ticketDoc(cloud(), ticket.id).firstResponseDueAt).getTime() - beijing('2026-12-07 09:31').getTime())).toBeLessThan(60_000)
    for (const at of ['2026-12-04 22:00', '2026-12-05 12:00', '2026-12-06 23:59', '2026-12-07 09:00']) {
      cloud().setNow(beijing(at))
      expect([at, total(await overlappingThenAgain(), 'breaches')]).toEqual([at, 0])
    }
    cloud().setNow(beijing('2026-12-07 09:45'))
    expect(total(await overlappingThenAgain(), 'escalations')).toBe(1)
    expect(ticketDoc(cloud(), ticket.id)).toMatchObject({ breachedFirstResponse: true, escalated: true })
  })

  it('closes each resolution left 待确认 for 3 days once, without a rating, through overlapping runs, and tells the member once', async () => {
    cloud().setNow(beijing('2026-12-01 10:00'))
    const pending: StaffTicket[] = []
    for (let index = 0; index < 6; index++) pending.push(await resolvedFor(as, A))
    const confirmed = await resolvedFor(as, A)
    dataOf(await as(A).call('ticket', 'confirm', { ticketId: confirmed.id }))
    const resolvedLast = Math.max(...pending.map((ticket) => new Date(ticket.resolutions[0].at).getTime()))
    const since = cloud().outbox.sent.length

    cloud().setNow(new Date(resolvedLast + 3 * DAY - 60_000))
    expect(total(await overlappingThenAgain(), 'autoClosed')).toBe(0)
    cloud().setNow(new Date(resolvedLast + 3 * DAY + 60_000))
    const reports = await overlappingThenAgain()
    expect(total(reports, 'autoClosed')).toBe(6)
    expect(total(await overlappingThenAgain(), 'autoClosed')).toBe(0)
    for (const ticket of pending) {
      const stored = ticketDoc(cloud(), ticket.id)
      expect(stored).toMatchObject({ status: 'closed', lane: 'done', watchAt: null })
      expect(stored.resolutions).toEqual([expect.objectContaining({ outcome: 'autoClosed', rating: null })])
      expect(stored.history.filter((entry) => entry.event === 'autoClose')).toEqual([expect.objectContaining({ actor: 'system', from: 'pending', to: 'closed' })])
    }
    const closings = messagesTo(cloud(), A, UPDATE, since)
    expect(closings).toHaveLength(6)
    expect(new Set(closings.map((message) => message.data.character_string1.value))).toEqual(new Set(pending.map((ticket) => ticket.id)))
    expect(closings.every((message) => message.data.phrase2.value === '已关闭' && message.data.thing3.value === '3天未确认，工单已自动关闭')).toBe(true)
    expect(ticketDoc(cloud(), confirmed.id).history.some((entry) => entry.event === 'autoClose')).toBe(false)
    // Closed without a rating; the member may still give one.
    expect(dataOf(await as(A).call('ticket', 'rate', { ticketId: pending[0].id, score: 4 })).resolutions[0]).toMatchObject({ outcome: 'autoClosed', rating: { score: 4 } })
  })

  it('breaches and auto-closes in one run, many tickets, two runs at once: each once', async () => {
    cloud().setNow(beijing('2026-12-01 10:00'))
    const overdue: MemberTicket[] = []
    for (let index = 0; index < 12; index++) overdue.push(await fileFor(as, A))
    const waiting: StaffTicket[] = []
    for (let index = 0; index < 8; index++) waiting.push(await resolvedFor(as, A))
    cloud().setNow(beijing('2026-12-04 12:00'))
    const reports = await overlappingThenAgain()
    // Each overdue ticket missed both its promised times (2 h, 24 h) by now: two breaches, one escalation.
    expect([total(reports, 'breaches'), total(reports, 'escalations'), total(reports, 'autoClosed')]).toEqual([24, 12, 8])
    expect(ticketDocs(cloud(), { status: 'closed' })).toHaveLength(8)
    for (const ticket of overdue) expect(escalatedEntries(ticket.id)).toHaveLength(1)
    expect(escalationsByManager()).toEqual(Object.fromEntries(MANAGERS.map((manager) => [manager, Object.fromEntries(overdue.map((ticket) => [ticket.id, 1]))])))
    expect(reports.every((report) => !report.left)).toBe(true)
  })
})

describe('revisits', () => {
  it('a rating of 2 or less opens one; the desk logs contacts and reopens; a rating of 5 on the next resolution ends it', async () => {
    cloud().setNow(beijing('2026-12-01 10:00'))
    const ticket = await resolvedFor(as, A)
    const ticketId = ticket.id
    dataOf(await as(A).call('ticket', 'rate', { ticketId, score: 2, comment: '没解决' }))
    expect(ticketDoc(cloud(), ticketId)).toMatchObject({ status: 'closed', revisitOpen: true, revisit: { status: 'open', reason: 'lowRating', contacts: [] } })
    const inView = dataOf(await as(DESK.service).call('ticket', 'queue', { view: 'revisit' }))
    expect(inView.items.map((item) => [item.id, item.revisitOpen])).toEqual([[ticketId, true]])
    expect(dataOf(await as(DESK.service).call('ticket', 'counts', {})).revisit).toBe(1)

    const contacted = dataOf(await as(DESK.service).call('ticket', 'logContact', { ticketId, channel: 'phone', outcome: 'unsatisfied', note: '会员要求重新处理' }))
    expect(contacted.revisit?.contacts).toEqual([expect.objectContaining({ name: 'service', channel: 'phone', outcome: 'unsatisfied', note: '会员要求重新处理' })])
    expect(contacted.can).toMatchObject({ logContact: true, closeRevisit: false, reopen: true })
    const reopened = dataOf(await as(DESK.service).call('ticket', 'staffReopen', { ticketId, reason: '回访后重新处理' }))
    expect(reopened).toMatchObject({ status: 'processing', revisit: { status: 'open' } })
    dataOf(await as(DESK.service).call('ticket', 'resolve', { ticketId, summary: '已上门更换', compensation: { kind: 'points', points: 50 } }))
    const rated = dataOf(await as(A).call('ticket', 'rate', { ticketId, score: 5, comment: '满意' }))
    expect(rated.resolutions.map((resolution) => [resolution.n, resolution.rating?.score, resolution.outcome])).toEqual([
      // The first was rated, then reopened by the desk; the second confirmed by its rating.
      [1, 2, 'reopened'],
      [2, 5, 'confirmed'],
    ])
    expect(ticketDoc(cloud(), ticketId)).toMatchObject({ status: 'closed', revisitOpen: false, revisit: { status: 'closed', closedBy: 'member', closedReason: '会员评价满意' } })
    expect(dataOf(await as(DESK.service).call('ticket', 'queue', { view: 'revisit' })).items).toEqual([])
    expect(await as(DESK.service).call('ticket', 'logContact', { ticketId, channel: 'phone', outcome: 'reached', note: '再联系' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('a member’s reopen opens one; an admin ends it with a reason, the service desk may not', async () => {
    cloud().setNow(beijing('2026-12-01 10:00'))
    const ticket = await resolvedFor(as, A)
    const reopened = dataOf(await as(A).call('ticket', 'reopen', { ticketId: ticket.id, reason: '还是有问题' }))
    expect(reopened.status).toBe('processing')
    expect(ticketDoc(cloud(), ticket.id)).toMatchObject({ revisitOpen: true, revisit: { reason: 'reopened' } })
    expect(await as(DESK.service).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '已沟通' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as(DESK.admin).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'reason' }] } })
    const ended = dataOf(await as(DESK.admin).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '会员已接受退款方案' }))
    expect(ended.revisit).toMatchObject({ status: 'closed', closedReason: '会员已接受退款方案' })
    // Ending the revisit leaves the ticket where it was.
    expect(ended.status).toBe('processing')
    expect(ticketDoc(cloud(), ticket.id).revisit).toMatchObject({ closedBy: DESK.admin })
    expect(await as(DESK.admin).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '再结束一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})
