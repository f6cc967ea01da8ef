import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })
const till = () => as('cashier-1')

beforeAll(() => {
  seedStaff(cloud(), { 'owner-1': 'owner', 'cashier-1': 'cashier', 'service-1': 'service' })
})

describe('points.accrue', () => {
  it('turns ¥88.50 into 88 points, records the order and the lot', async () => {
    const member = seedMember(cloud(), 'accrue-a')
    const result = dataOf(await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-a'), storeId: 'store-001', orderNo: 'A0001', amount: 88.5 }))
    expect(result).toEqual({ orderNo: 'A0001', amountFen: 8850, pointsEarned: 88, pointsBalance: 88, memberName: member.profile.name, cardNo: member.cardNo, duplicate: false, tierChange: null })
    const [row] = cloud().db.find('ledger', { _id: 'order:store-001:A0001' })
    expect(row).toMatchObject({ openid: 'accrue-a', kind: 'earn', delta: 88, balanceAfter: 88, by: 'cashier-1', reason: '消费 ¥88.50 · 单号 A0001', order: { amountFen: 8850, cashier: 'cashier-1' } })
    expect(pointsInvariant(cloud(), 'accrue-a')).toEqual({ balance: 88, ledgerSum: 88, lotsSum: 88, negativeLots: 0 })
  })

  it('answers the same order again with the original result and writes nothing', async () => {
    seedMember(cloud(), 'accrue-b')
    const payload = { memberCode: memberCodeOf(cloud(), 'accrue-b'), storeId: 'store-001', orderNo: 'B0001', amount: 100 }
    const first = dataOf(await till().call('points', 'accrue', payload))
    const ledgerBefore = cloud().db.find('ledger').length
    const again = dataOf(await till().call('points', 'accrue', { ...payload, memberCode: memberCodeOf(cloud(), 'accrue-b') }))
    expect(again).toEqual({ ...first, duplicate: true })
    expect(cloud().db.find('ledger')).toHaveLength(ledgerBefore)
    expect(pointsInvariant(cloud(), 'accrue-b').balance).toBe(100)
  })

  it('refuses the same order number with another amount or another member: IDEMPOTENCY_MISMATCH', async () => {
    seedMember(cloud(), 'accrue-c')
    seedMember(cloud(), 'accrue-d')
    await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-c'), storeId: 'store-001', orderNo: 'C0001', amount: 50 })
    const otherAmount = await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-c'), storeId: 'store-001', orderNo: 'C0001', amount: 51 })
    const otherMember = await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-d'), storeId: 'store-001', orderNo: 'C0001', amount: 50 })
    expect(otherAmount).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
    expect(otherMember).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_MISMATCH' } })
    expect(pointsInvariant(cloud(), 'accrue-c').balance).toBe(50)
    expect(pointsInvariant(cloud(), 'accrue-d').balance).toBe(0)
  })

  it('keeps the same order number apart across stores', async () => {
    seedMember(cloud(), 'accrue-e')
    await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-e'), storeId: 'store-001', orderNo: 'E1', amount: 10 })
    const second = dataOf(await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-e'), storeId: 'store-002', orderNo: 'E1', amount: 10 }))
    expect(second).toMatchObject({ duplicate: false, pointsBalance: 20 })
  })

  it('100 concurrent accruals for one member, 20 of them repeats: nothing lost, nothing doubled', async () => {
    // At the top tier already, so no upgrade changes the multiplier (×2) halfway through.
    seedMember(cloud(), 'hot-member', { tier: 'diamond' })
    const unique = Array.from({ length: 80 }, (_, index) => ({ orderNo: `H${String(index).padStart(3, '0')}`, amount: 10 + index }))
    const repeats = Array.from({ length: 20 }, (_, index) => unique[index * 3])
    const calls = [...unique, ...repeats].map((order) => till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'hot-member'), storeId: 'store-001', ...order }))
    const results = (await Promise.all(calls)).map(dataOf)
    const expected = unique.reduce((sum, order) => sum + order.amount * 2, 0)
    expect(pointsInvariant(cloud(), 'hot-member')).toEqual({ balance: expected, ledgerSum: expected, lotsSum: expected, negativeLots: 0 })
    expect(cloud().db.find('ledger', { openid: 'hot-member' })).toHaveLength(80)
    expect(results.filter((result) => result.duplicate)).toHaveLength(20)
    for (const order of unique) {
      const answers = results.filter((result) => result.orderNo === order.orderNo)
      expect(new Set(answers.map((answer) => `${answer.pointsEarned}/${answer.pointsBalance}`)).size).toBe(1)
      expect(answers[0].pointsEarned).toBe(order.amount * 2)
    }
  })

  const badPayloads: Array<[string, Record<string, unknown>, string]> = [
    ['a negative amount', { amount: -1 }, 'amount'],
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a missing amount (NaN becomes null in JSON)', { amount: null }, 'amount'],
    ['a numeric string', { amount: '88.50' }, 'amount'],
    ['over ¥1,000,000', { amount: 1_000_000.01 }, 'amount'],
    ['three decimals', { amount: 1.005 }, 'amount'],
    ['an order number with odd characters', { orderNo: 'A 1;DROP' }, 'orderNo'],
    ['an over-long order number', { orderNo: 'A'.repeat(33) }, 'orderNo'],
    ['a $-prefixed key', { $inc: { pointsBalance: 1000 } }, '$inc'],
    ['an unknown field', { points: 1000 }, 'points'],
    ['a forged member code', { memberCode: 'M1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'memberCode'],
  ]
  it.each(badPayloads)('rejects %s with INVALID_INPUT and writes nothing', async (_label, change, field) => {
    const ledgerBefore = cloud().db.find('ledger').length
    const payload = { memberCode: memberCodeOf(cloud(), 'accrue-a'), storeId: 'store-001', orderNo: 'BAD1', amount: 10, ...change }
    const envelope = await till().call('points', 'accrue', payload as never)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!envelope.ok) expect(envelope.error.fields?.map((issue) => issue.path).join(' ')).toContain(field)
    expect(cloud().db.find('ledger')).toHaveLength(ledgerBefore)
  })

  it('refuses an expired member code with a clear message', async () => {
    seedMember(cloud(), 'accrue-late')
    const code = memberCodeOf(cloud(), 'accrue-late')
    cloud().setNow(new Date(Date.now() + 61_000))
    try {
      const envelope = await till().call('points', 'accrue', { memberCode: code, storeId: 'store-001', orderNo: 'LATE1', amount: 10 })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '会员码已过期，请让会员刷新' } })
    } finally {
      cloud().setNow(null)
    }
  })

  it('answers NOT_MEMBER for a removed member’s code', async () => {
    seedMember(cloud(), 'accrue-removed', { removedAt: new Date() })
    const envelope = await till().call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-removed'), storeId: 'store-001', orderNo: 'R1', amount: 10 })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    expect(cloud().db.find('ledger', { openid: 'accrue-removed' })).toHaveLength(0)
  })

  it.each([
    ['a member', 'accrue-a'],
    ['customer service', 'service-1'],
  ])('forbids %s from accruing', async (_label, caller) => {
    const envelope = await as(caller).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), 'accrue-a'), storeId: 'store-001', orderNo: 'F1', amount: 10 })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
