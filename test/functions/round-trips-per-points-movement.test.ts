import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import type { Reward } from '../../cloudfunctions/shared/contract/rewards'
import type { ActionName, FunctionName } from '../../cloudfunctions/shared/contract/actions'

/**
 * Database round trips of every call that moves points, counted by the emulator, on a warm
 * instance (the staff role and the rules already cached). Each figure is the ceiling measured
 * before the points movements shared one door (issue 8): a refactor may lower one, never raise it.
 * Counted are the transaction's own calls (start, reads, writes, commit), reads outside it (a
 * repeat's original, a job's cursor) and the audit append. PRINT_ROUND_TRIPS=1 prints the figures.
 */
const { cloud, as } = useLocalCloud({ maxInstances: 1 })

const CEILINGS = {
  'accrue: a new order': 6,
  'accrue: a new order that upgrades the tier': 7,
  'accrue: the same order again': 6,
  'accrue: the same order number, another amount': 5,
  'refund: a new refund': 9,
  'refund: the same refund again': 5,
  'payWithPoints: a new payment': 6,
  'payWithPoints: the same payment again': 6,
  'payWithPoints: more points than the balance': 4,
  'adjust: adding points': 7,
  'adjust: removing points': 7,
  'adjust: the same request again': 7,
  'rewards.redeem: a new redemption': 8,
  'rewards.redeem: the same request again': 7,
  'rewards.redeemAtTill: a new redemption': 9,
  'member.join: on the birthday, with the perk': 6,
  'jobs.birthdays: one member served': 10,
  'jobs.expirePoints: one member with a due lot': 8,
  'jobs.evaluateTiers: one member moved down': 7,
  'tiers.publish: one member lifted': 14,
  // Checkout (issue 9): its goal, one transaction with the audit append after it.
  'checkout: with a coupon and points': 8,
  'checkout: the same order again': 6,
  'refund: a checkout, half': 9,
} as const
type Scenario = keyof typeof CEILINGS

const measured = new Map<Scenario, number>()
const till = () => as('rt-cashier')

/** Counts the round trips of one call; the envelope must be what `expectOk` says. */
async function count<F extends FunctionName>(scenario: Scenario, caller: string | null, fn: F, action: ActionName<F>, payload: Record<string, unknown>, expectOk = true): Promise<void> {
  cloud().db.resetStats()
  const envelope = await as(caller).call(fn, action, payload)
  expect({ scenario, ok: envelope.ok, error: envelope.ok ? null : envelope.error.code }).toMatchObject({ scenario, ok: expectOk })
  measured.set(scenario, cloud().db.stats().roundTrips)
}

const NOW = new Date('2026-05-20T10:00:00+08:00')
const LOT_END = new Date('2027-05-31T23:59:59.999+08:00')

/** A member with `points` in one lot and the row that put them there. */
function memberWith(openid: string, points: number, overrides: Record<string, unknown> = {}) {
  const member = seedMember(cloud(), openid, {
    pointsBalance: points,
    lifetimePoints: points,
    pointLots: points ? [{ expiresAt: LOT_END, remaining: points }] : [],
    nextExpiryAt: points ? LOT_END : null,
    ...overrides,
  })
  if (points)
    cloud().db.insertMany('ledger', [
      { _id: `seed:${openid}`, openid, kind: 'adjust', delta: points, balanceAfter: points, reason: '测试', by: 'test', rulesVersion: 1, createdAt: NOW, expiresAt: LOT_END },
    ])
  return member
}

const accruePayload = (openid: string, orderNo: string, amount: number) => ({ memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo, amount })

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'rt-cashier': 'cashier', 'rt-owner': 'owner' })
})
afterAll(() => {
  cloud().setNow(null)
  if (process.env.PRINT_ROUND_TRIPS) console.log([...measured].map(([scenario, trips]) => `${trips}\t(ceiling ${CEILINGS[scenario]})\t${scenario}`).join('\n'))
})

describe('points', () => {
  it('accrue', async () => {
    memberWith('rt-accrue', 0)
    await till().call('points', 'accrue', accruePayload('rt-accrue', 'RT-WARM', 1))
    await count('accrue: a new order', 'rt-cashier', 'points', 'accrue', accruePayload('rt-accrue', 'RT-1', 88.5))
    await count('accrue: a new order that upgrades the tier', 'rt-cashier', 'points', 'accrue', accruePayload('rt-accrue', 'RT-2', 1200))
    await count('accrue: the same order again', 'rt-cashier', 'points', 'accrue', accruePayload('rt-accrue', 'RT-1', 88.5))
    await count('accrue: the same order number, another amount', 'rt-cashier', 'points', 'accrue', accruePayload('rt-accrue', 'RT-1', 99), false)
  })

  it('refund', async () => {
    memberWith('rt-refund', 0)
    dataOf(await till().call('points', 'accrue', accruePayload('rt-refund', 'RT-R', 100)))
    await count('refund: a new refund', 'rt-cashier', 'points', 'refund', { storeId: 'store-001', orderNo: 'RT-R', refundId: 'R1', amount: 30 })
    await count('refund: the same refund again', 'rt-cashier', 'points', 'refund', { storeId: 'store-001', orderNo: 'RT-R', refundId: 'R1', amount: 30 })
  })

  it('payWithPoints', async () => {
    memberWith('rt-pay', 1000)
    const pay = (orderNo: string, points: number) => ({ memberCode: memberCodeOf(cloud(), 'rt-pay'), storeId: 'store-001', orderNo, orderAmount: 100, points })
    await till().call('points', 'accrue', accruePayload('rt-pay', 'RT-PW', 1))
    await count('payWithPoints: a new payment', 'rt-cashier', 'points', 'payWithPoints', pay('RT-P1', 500))
    await count('payWithPoints: the same payment again', 'rt-cashier', 'points', 'payWithPoints', pay('RT-P1', 500))
    await count('payWithPoints: more points than the balance', 'rt-cashier', 'points', 'payWithPoints', pay('RT-P2', 4000), false)
  })

  it('adjust', async () => {
    const member = memberWith('rt-adjust', 500)
    await as('rt-owner').call('points', 'adjust', { cardNo: member.cardNo, delta: 1, reason: '预热', requestId: 'rt-adj-warm' })
    await count('adjust: adding points', 'rt-owner', 'points', 'adjust', { cardNo: member.cardNo, delta: 100, reason: '补录', requestId: 'rt-adj-1' })
    await count('adjust: removing points', 'rt-owner', 'points', 'adjust', { cardNo: member.cardNo, delta: -50, reason: '更正', requestId: 'rt-adj-2' })
    await count('adjust: the same request again', 'rt-owner', 'points', 'adjust', { cardNo: member.cardNo, delta: 100, reason: '补录', requestId: 'rt-adj-1' })
  })
})

describe('checkout', () => {
  it('one order with the tier discount, a coupon and points', async () => {
    memberWith('rt-checkout', 5000, { tier: 'gold' })
    cloud().db.insertMany('coupons', [
      {
        _id: 'rt-coupon',
        openid: 'rt-checkout',
        code: 'RTCOUPONAB',
        title: '满100减10',
        kind: 'fixed',
        value: 1000,
        itemName: null,
        minSpendFen: 10_000,
        validFrom: NOW,
        validUntil: LOT_END,
        status: 'available',
        source: 'manual',
        usedAt: null,
        usedBy: null,
        orderNo: null,
        createdAt: NOW,
      },
    ])
    const payload = (orderNo: string, couponId?: string) => ({
      memberCode: memberCodeOf(cloud(), 'rt-checkout'),
      storeId: 'store-001',
      orderNo,
      amount: 300,
      points: 2000,
      ...(couponId ? { couponId } : {}),
    })
    await till().call('points', 'checkout', payload('RT-CW'))
    await count('checkout: with a coupon and points', 'rt-cashier', 'points', 'checkout', payload('RT-C1', 'rt-coupon'))
    await count('checkout: the same order again', 'rt-cashier', 'points', 'checkout', payload('RT-C1', 'rt-coupon'))
    await count('refund: a checkout, half', 'rt-cashier', 'points', 'refund', { storeId: 'store-001', orderNo: 'RT-C1', refundId: 'RC1', amount: 127.5 })
  })
})

describe('rewards', () => {
  it('redeem and redeemAtTill', async () => {
    memberWith('rt-redeem', 5000)
    const reward: Reward = dataOf(await as('rt-owner').call('rewards', 'create', { name: '拿铁', pointsCost: 300, stock: 10 }))
    await as('rt-redeem').call('rewards', 'redeem', { rewardId: reward.id, requestId: 'rt-redeem-warm' })
    await count('rewards.redeem: a new redemption', 'rt-redeem', 'rewards', 'redeem', { rewardId: reward.id, requestId: 'rt-redeem-1' })
    await count('rewards.redeem: the same request again', 'rt-redeem', 'rewards', 'redeem', { rewardId: reward.id, requestId: 'rt-redeem-1' })
    await till().call('rewards', 'redeemAtTill', { rewardId: reward.id, requestId: 'rt-till-warm', memberCode: memberCodeOf(cloud(), 'rt-redeem') })
    await count('rewards.redeemAtTill: a new redemption', 'rt-cashier', 'rewards', 'redeemAtTill', { rewardId: reward.id, requestId: 'rt-till-1', memberCode: memberCodeOf(cloud(), 'rt-redeem') })
  })
})

describe('birthdays, expiry and tiers', () => {
  it('member.join on the birthday issues the perk', async () => {
    await as('rt-warm-joiner').call('member', 'join', { name: '预热', birthday: '1990-01-01', gender: 'unknown' })
    await count('member.join: on the birthday, with the perk', 'rt-joiner', 'member', 'join', { name: '生日', birthday: '1990-05-20', gender: 'unknown' })
  })

  it('jobs.birthdays serves one member', async () => {
    await as(null).call('jobs', 'birthdays', {})
    seedMember(cloud(), 'rt-zborn', {
      tier: 'silver',
      joinedAt: new Date('2024-01-01T00:00:00+08:00'),
      profile: { name: '寿星', gender: 'unknown', birthday: '1988-05-20', birthdayMD: '05-20', avatarFileId: null, phone: null },
    })
    await count('jobs.birthdays: one member served', null, 'jobs', 'birthdays', {})
  })

  it('jobs.expirePoints expires one member', async () => {
    await as(null).call('jobs', 'expirePoints', {})
    const due = new Date('2026-04-30T23:59:59.999+08:00')
    memberWith('rt-expire', 200, { pointLots: [{ expiresAt: due, remaining: 200 }], nextExpiryAt: due })
    await count('jobs.expirePoints: one member with a due lot', null, 'jobs', 'expirePoints', {})
  })

  it('jobs.evaluateTiers moves one member down', async () => {
    await as(null).call('jobs', 'evaluateTiers', {})
    memberWith('rt-evaluate', 0, { tier: 'gold', tierSince: new Date('2025-01-01T00:00:00+08:00'), tierUntil: new Date('2026-01-01T00:00:00+08:00') })
    await count('jobs.evaluateTiers: one member moved down', null, 'jobs', 'evaluateTiers', {})
  })

  it('tiers.publish lifts one member', async () => {
    const overview = dataOf(await as('rt-owner').call('tiers', 'rules', {}))
    memberWith('rt-lifted', 0, { activity: { '2026-05': { spendFen: 60_000, points: 600 } } })
    const draft = { ...overview.active.draft, tiers: overview.active.draft.tiers.map((tier) => (tier.id === 'silver' ? { ...tier, threshold: 50_000 } : tier)) }
    await count('tiers.publish: one member lifted', 'rt-owner', 'tiers', 'publish', { draft, explanation: '银卡门槛降低' })
  })
})

describe('ceilings', () => {
  it('no call makes more round trips than before the one door', () => {
    expect(measured.size).toBe(Object.keys(CEILINGS).length)
    const over = [...measured].filter(([scenario, trips]) => trips > CEILINGS[scenario]).map(([scenario, trips]) => `${scenario}: ${trips} > ${CEILINGS[scenario]}`)
    expect(over).toEqual([])
  })
})
