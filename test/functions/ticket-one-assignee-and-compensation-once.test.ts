/**
 * The desk's writes under concurrency, through the emulator: two staff pressing 受理 at once end
 * with one holder and one CONFLICT; a resolution's compensation (points through the ledger, or a
 * coupon) is issued once under `ticket:<id>:<n>` however often the resolve is retried or sent at
 * once, with Σ ledger = balance; and the member hears of each change of state that concerns them,
 * never of their own.
 */
import type { CouponDoc } from '../../cloudfunctions/shared/domain/coupons'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { pointsInvariant, seedMember } from '../support/members'
import { seedMemberWithPoints } from '../support/activities'
import { consent, DESK, fileFor, messagesTo, resolvedFor, seedDesk, ticketDoc, UPDATE } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-01T10:00:00+08:00')
const HOUR = 3600_000
const A = 'tk-conc-member-a'

const coupon = { title: '投诉补偿券', kind: 'fixed', value: 2000, itemName: null, minSpendFen: 0, validDays: 30 }

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  cloud().setNow(NOW)
  seedDesk(cloud())
  seedMemberWithPoints(cloud(), A, 500)
})
afterAll(() => cloud().setNow(null))

describe('two staff pressing 受理 at once', () => {
  it.each([
    ['two service staff', DESK.service, DESK.service2],
    ['a service member and an admin', DESK.service, DESK.admin],
    ['an admin and the owner', DESK.admin, DESK.owner],
  ])('%s: exactly one wins, the other is told CONFLICT, every time', async (_pair, first, second) => {
    for (let round = 0; round < 4; round++) {
      const ticket = await fileFor(as, A)
      const [one, other] = await Promise.all([as(first).call('ticket', 'assign', { ticketId: ticket.id }), as(second).call('ticket', 'assign', { ticketId: ticket.id })])
      const outcomes = [one, other].map((envelope) => (envelope.ok ? 'ok' : envelope.error.code)).sort()
      expect(outcomes).toEqual(['CONFLICT', 'ok'])
      const winner = one.ok ? first : second
      const stored = ticketDoc(cloud(), ticket.id)
      expect(stored).toMatchObject({ status: 'processing', assignee: winner, rev: 2 })
      expect(stored.history.filter((entry) => entry.event === 'assign')).toHaveLength(1)
      // The loser, told so, finds it held and is refused again rather than taking it over.
      const loser = winner === first ? second : first
      expect(await as(loser).call('ticket', 'assign', { ticketId: ticket.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    }
  })

  it('an owner or admin moves a held ticket only by a deliberate 指派', async () => {
    const ticket = await fileFor(as, A)
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId: ticket.id }))
    expect(await as(DESK.service2).call('ticket', 'assign', { ticketId: ticket.id, to: DESK.service2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await as(DESK.service2).call('ticket', 'assign', { ticketId: ticket.id, to: DESK.service })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(dataOf(await as(DESK.admin).call('ticket', 'assign', { ticketId: ticket.id, to: DESK.service2 })).assignee).toEqual({ openid: DESK.service2, name: 'service' })
    expect(dataOf(await as(DESK.owner).call('ticket', 'assign', { ticketId: ticket.id, to: DESK.owner })).assignee).toEqual({ openid: DESK.owner, name: 'owner' })
    expect(await as(DESK.admin).call('ticket', 'assign', { ticketId: ticket.id, to: DESK.cashier })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'to' }] } })
    expect(ticketDoc(cloud(), ticket.id).history.map((entry) => entry.event)).toEqual(['file', 'assign', 'assign', 'assign'])
  })
})

describe('an illegal move', () => {
  it('is a CONFLICT that writes nothing and tells nobody', async () => {
    await consent(cloud(), A, UPDATE)
    const ticket = await fileFor(as, A)
    const ticketId = ticket.id
    const before = ticketDoc(cloud(), ticketId)
    for (const [openid, action, payload] of [
      [A, 'confirm', { ticketId }],
      [A, 'rate', { ticketId, score: 5 }],
      [A, 'reopen', { ticketId, reason: '再看看' }],
      [DESK.service, 'resolve', { ticketId, summary: '已处理', compensation: { kind: 'points', points: 100 } }],
      [DESK.service, 'close', { ticketId, reason: '客服不能关闭未处理的工单' }],
      [DESK.service, 'staffReopen', { ticketId, reason: '还没关闭' }],
      [DESK.admin, 'logContact', { ticketId, channel: 'phone', outcome: 'reached', note: '没有回访' }],
    ] as const)
      expect([action, await as(openid).call('ticket', action, payload)]).toEqual([action, { ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) }])
    expect(ticketDoc(cloud(), ticketId)).toEqual(before)
    dataOf(await as(A).call('ticket', 'withdraw', { ticketId }))
    const withdrawn = ticketDoc(cloud(), ticketId)
    expect(await as(A).call('ticket', 'withdraw', { ticketId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '工单已撤回，不能撤回' } })
    expect(await as(DESK.service).call('ticket', 'assign', { ticketId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(ticketDoc(cloud(), ticketId)).toEqual(withdrawn)
    expect(withdrawn.rev).toBe(before.rev + 1)
    expect(cloud().outbox.sent).toEqual([])
    expect(pointsInvariant(cloud(), A).balance).toBe(500)
  })
})

describe('compensation, issued once', () => {
  const ledgerOf = () => cloud().db.find('ledger', { openid: A }) as Array<{ _id: string; delta: number }>
  const resolveWith = (ticketId: string, compensation: Record<string, unknown>, summary = '已致歉并补偿') => as(DESK.service).call('ticket', 'resolve', { ticketId, summary, compensation })

  async function taken(): Promise<string> {
    const ticket = await fileFor(as, A)
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId: ticket.id }))
    return ticket.id
  }

  it('points: five resolves at once and two more after give one ledger row under ticket:<id>:1, and Σ ledger = balance', async () => {
    const ticketId = await taken()
    const points = { kind: 'points', points: 200 }
    const together = await Promise.all(Array.from({ length: 5 }, () => resolveWith(ticketId, points)))
    const again = [await resolveWith(ticketId, points), await resolveWith(ticketId, points)]
    for (const envelope of [...together, ...again]) expect(dataOf(envelope)).toMatchObject({ status: 'pending', resolutions: [{ n: 1, compensation: { kind: 'points', points: 200 } }] })
    expect(ledgerOf().filter((row) => row._id.startsWith('ticket:'))).toEqual([expect.objectContaining({ _id: `ticket:${ticketId}:1`, delta: 200, kind: 'earn', ref: `ticket:${ticketId}` })])
    expect(pointsInvariant(cloud(), A)).toEqual({ balance: 700, ledgerSum: 700, lotsSum: 700, negativeLots: 0 })
    const stored = ticketDoc(cloud(), ticketId)
    expect(stored.resolutions).toHaveLength(1)
    expect(stored.history.filter((entry) => entry.event === 'resolve')).toHaveLength(1)
    // A different resolution on top of it is another command, and the ticket already awaits confirmation.
    expect(await resolveWith(ticketId, { kind: 'points', points: 300 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(pointsInvariant(cloud(), A).balance).toBe(700)
  })

  it('without compensation the same: five at once are one resolution, and a different one after it is a CONFLICT', async () => {
    const ticketId = await taken()
    const envelopes = await Promise.all(Array.from({ length: 5 }, () => as(DESK.service).call('ticket', 'resolve', { ticketId, summary: '已当面致歉' })))
    for (const envelope of envelopes) expect(dataOf(envelope)).toMatchObject({ status: 'pending', resolutions: [{ n: 1, summary: '已当面致歉', compensation: null }] })
    expect(ticketDoc(cloud(), ticketId)).toMatchObject({ rev: 3, resolutions: [expect.objectContaining({ n: 1 })] })
    expect(await as(DESK.service).call('ticket', 'resolve', { ticketId, summary: '另一个结果' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(ledgerOf()).toHaveLength(1)
  })

  it('a coupon: one coupon document ticket:<id>:1 however often it is sent', async () => {
    const ticketId = await taken()
    const given = { kind: 'coupon', coupon }
    const envelopes = [...(await Promise.all(Array.from({ length: 5 }, () => resolveWith(ticketId, given)))), await resolveWith(ticketId, given)]
    for (const envelope of envelopes) expect(dataOf(envelope).resolutions).toEqual([expect.objectContaining({ compensation: { kind: 'coupon', points: 0, couponTitle: '投诉补偿券' } })])
    const coupons = cloud().db.find('coupons', { openid: A }) as CouponDoc[]
    expect(coupons).toEqual([expect.objectContaining({ _id: `ticket:${ticketId}:1`, status: 'available', source: 'ticket', title: '投诉补偿券' })])
    expect(ledgerOf()).toHaveLength(1)
    expect(pointsInvariant(cloud(), A)).toEqual({ balance: 500, ledgerSum: 500, lotsSum: 500, negativeLots: 0 })
  })

  it('a second resolution after a reopen compensates again, under ticket:<id>:2', async () => {
    const ticketId = await taken()
    dataOf(await resolveWith(ticketId, { kind: 'points', points: 100 }))
    cloud().setNow(new Date(NOW.getTime() + HOUR))
    dataOf(await as(A).call('ticket', 'reopen', { ticketId, reason: '问题又出现了' }))
    const twice = await Promise.all([resolveWith(ticketId, { kind: 'points', points: 150 }, '已上门处理'), resolveWith(ticketId, { kind: 'points', points: 150 }, '已上门处理')])
    for (const envelope of twice) expect(dataOf(envelope).resolutions.map((resolution) => resolution.n)).toEqual([1, 2])
    dataOf(await resolveWith(ticketId, { kind: 'points', points: 150 }, '已上门处理'))
    cloud().setNow(new Date(NOW.getTime() + 2 * HOUR))
    dataOf(await as(A).call('ticket', 'reopen', { ticketId, reason: '还是不行' }))
    dataOf(await resolveWith(ticketId, { kind: 'coupon', coupon }, '已退款并送券'))
    expect(
      ledgerOf()
        .filter((row) => row._id.startsWith('ticket:'))
        .map((row) => [row._id, row.delta])
        .sort(),
    ).toEqual([
      [`ticket:${ticketId}:1`, 100],
      [`ticket:${ticketId}:2`, 150],
    ])
    expect((cloud().db.find('coupons', { openid: A }) as CouponDoc[]).map((row) => row._id)).toEqual([`ticket:${ticketId}:3`])
    expect(pointsInvariant(cloud(), A)).toEqual({ balance: 750, ledgerSum: 750, lotsSum: 750, negativeLots: 0 })
  })
})

describe('the member’s messages', () => {
  const statuses = (since = 0) => messagesTo(cloud(), A, UPDATE, since).map((message) => message.data.phrase2.value)

  it('one on each change of state the desk or the timer makes, none for the member’s own or for work that leaves the state', async () => {
    await consent(cloud(), A, UPDATE, 30)
    const ticket = await fileFor(as, A)
    const ticketId = ticket.id
    expect(statuses()).toEqual([])
    dataOf(await as(A).call('ticket', 'reply', { ticketId, text: '再补充一点' }))
    dataOf(await as(DESK.service).call('ticket', 'note', { ticketId, text: '内部备注' }))
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId }))
    dataOf(await as(DESK.service).call('ticket', 'staffReply', { ticketId, text: '正在处理' }))
    dataOf(await as(DESK.service).call('ticket', 'escalate', { ticketId, reason: '需要店长' }))
    dataOf(await as(DESK.service).call('ticket', 'resolve', { ticketId, summary: '已更换商品' }))
    expect(statuses()).toEqual(['处理中', '待确认'])
    expect(messagesTo(cloud(), A, UPDATE)[1].data).toMatchObject({ character_string1: { value: ticketId }, thing3: { value: '已更换商品' } })
    expect(messagesTo(cloud(), A, UPDATE)[0].page).toBe(`tickets/pages/detail/index?id=${ticketId}`)

    dataOf(await as(A).call('ticket', 'confirm', { ticketId }))
    dataOf(await as(A).call('ticket', 'reopen', { ticketId, reason: '又坏了' }))
    dataOf(await as(DESK.service).call('ticket', 'resolve', { ticketId, summary: '已退款' }))
    dataOf(await as(A).call('ticket', 'rate', { ticketId, score: 1 }))
    expect(statuses()).toEqual(['处理中', '待确认', '待确认'])

    dataOf(await as(DESK.service).call('ticket', 'staffReopen', { ticketId, reason: '回访后重新处理' }))
    dataOf(await as(DESK.service).call('ticket', 'logContact', { ticketId, channel: 'phone', outcome: 'reached', note: '已沟通' }))
    dataOf(await as(DESK.admin).call('ticket', 'close', { ticketId, reason: '会员同意关闭' }))
    expect(statuses()).toEqual(['处理中', '待确认', '待确认', '处理中', '已关闭'])

    const withdrawn = await fileFor(as, A)
    dataOf(await as(DESK.service).call('ticket', 'assign', { ticketId: withdrawn.id }))
    const since = cloud().outbox.sent.length
    dataOf(await as(A).call('ticket', 'withdraw', { ticketId: withdrawn.id }))
    expect(statuses(since)).toEqual([])
    // The member's messages only: nobody on the desk hears of the member's tickets this way.
    expect(cloud().outbox.sent.every((message) => message.touser === A)).toBe(true)
  })

  it('a member without consent left simply gets none, and the change still goes through', async () => {
    const ticket = await resolvedFor(as, A)
    expect(ticket.status).toBe('pending')
    expect(cloud().outbox.sent).toHaveLength(0)
  })

  it('answers a member who has left with NOT_MEMBER and no ticket', async () => {
    seedMember(cloud(), 'tk-conc-left', { removedAt: NOW })
    expect(await as('tk-conc-left').call('ticket', 'file', { category: 'service', text: '想投诉一下服务' })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    expect(cloud().db.find('tickets')).toHaveLength(0)
  })
})
