import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import type { Reward } from '../../cloudfunctions/shared/contract/rewards'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })

/** A member holding `points` in one lot, with the ledger row that put them there. */
function memberWithPoints(openid: string, points: number) {
  const expiresAt = new Date(Date.now() + 300 * 24 * 3600 * 1000)
  seedMember(cloud(), openid, { pointsBalance: points, lifetimePoints: points, pointLots: [{ expiresAt, remaining: points }], nextExpiryAt: expiresAt })
  cloud().db.insertMany('ledger', [
    { _id: `seed:${openid}`, openid, kind: 'adjust', delta: points, balanceAfter: points, reason: '测试', by: 'test', rulesVersion: 1, createdAt: new Date(), expiresAt },
  ])
}

async function createReward(fields: { name: string; pointsCost: number; stock: number; description?: string }): Promise<Reward> {
  return dataOf(await as('owner-1').call('rewards', 'create', fields))
}

let sequence = 0
const requestId = () => `req-${Date.now()}-${++sequence}`

beforeAll(() => seedStaff(cloud(), { 'owner-1': 'owner', 'admin-1': 'admin', 'cashier-1': 'cashier', 'cashier-2': 'cashier', 'mkt-1': 'marketing' }))

describe('reward catalogue', () => {
  it('lets owner and admin create, edit and retire rewards, audited; members see only active ones', async () => {
    // Each creates one and edits and retires the other's, so every action is tried by both roles.
    const byOwner = await createReward({ name: '拿铁一杯', pointsCost: 300, stock: 10, description: '任意门店可用' })
    expect(byOwner).toMatchObject({ name: '拿铁一杯', pointsCost: 300, stock: 10, status: 'active' })
    const byAdmin: Reward = dataOf(await as('admin-1').call('rewards', 'create', { name: '司康一个', pointsCost: 200, stock: 5 }))
    expect(byAdmin).toMatchObject({ name: '司康一个', pointsCost: 200, stock: 5, status: 'active' })
    expect(dataOf(await as('admin-1').call('rewards', 'update', { rewardId: byOwner.id, stock: 20 })).stock).toBe(20)
    expect(dataOf(await as('owner-1').call('rewards', 'update', { rewardId: byAdmin.id, pointsCost: 250 })).pointsCost).toBe(250)
    const listed = async () => dataOf(await as('member-x').call('rewards', 'list', {})).map((item) => item.id)
    expect(await listed()).toEqual(expect.arrayContaining([byOwner.id, byAdmin.id]))
    dataOf(await as('admin-1').call('rewards', 'retire', { rewardId: byOwner.id }))
    dataOf(await as('owner-1').call('rewards', 'retire', { rewardId: byAdmin.id }))
    const after = await listed()
    expect(after).not.toContain(byOwner.id)
    expect(after).not.toContain(byAdmin.id)
    expect(
      cloud()
        .db.find('audit', { fn: 'rewards' })
        .map((entry) => `${entry.action} by ${entry.actor} (${entry.role})`),
    ).toEqual(['create by owner-1 (owner)', 'create by admin-1 (admin)', 'update by admin-1 (admin)', 'update by owner-1 (owner)', 'retire by admin-1 (admin)', 'retire by owner-1 (owner)'])
  })

  it.each([
    ['a cashier', 'cashier-1'],
    ['marketing', 'mkt-1'],
    ['a member', 'member-x'],
  ])('forbids %s from editing rewards', async (_label, caller) => {
    expect(await as(caller).call('rewards', 'create', { name: '奶茶', pointsCost: 100, stock: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it.each([
    ['a negative stock', { stock: -1 }, 'stock'],
    ['a fractional cost', { pointsCost: 1.5 }, 'pointsCost'],
    ['a zero cost', { pointsCost: 0 }, 'pointsCost'],
    ['an over-long name', { name: '很长的礼品名字'.repeat(4) }, 'name'],
  ])('rejects %s with INVALID_INPUT naming the field', async (_label, change, field) => {
    const before = cloud().db.find('rewards').length
    const envelope = await as('owner-1').call('rewards', 'create', { name: '奶茶', pointsCost: 100, stock: 1, ...change })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: field }] } })
    expect(cloud().db.find('rewards')).toHaveLength(before)
  })
})

describe('redemption', () => {
  it('spends points, takes one from stock, gives a code the cashier confirms once', async () => {
    memberWithPoints('redeemer', 500)
    const reward = await createReward({ name: '帆布袋', pointsCost: 200, stock: 3 })
    const result = dataOf(await as('redeemer').call('rewards', 'redeem', { rewardId: reward.id, requestId: requestId() }))
    expect(result).toMatchObject({ rewardName: '帆布袋', pointsSpent: 200, status: 'pending', pointsBalance: 300, duplicate: false })
    expect(result.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(cloud().db.find('rewards', { _id: reward.id })[0].stock).toBe(2)
    expect(pointsInvariant(cloud(), 'redeemer')).toEqual({ balance: 300, ledgerSum: 300, lotsSum: 300, negativeLots: 0 })

    const confirmed = dataOf(await as('cashier-1').call('rewards', 'confirm', { code: result.code.toLowerCase() }))
    expect(confirmed).toMatchObject({ status: 'confirmed', rewardName: '帆布袋' })
    expect(await as('cashier-1').call('rewards', 'confirm', { code: result.code })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该兑换码已使用' } })
    expect(dataOf(await as('redeemer').call('rewards', 'myRedemptions', {}))[0]).toMatchObject({ code: result.code, status: 'confirmed' })
  })

  it('answers a retried tap with the first redemption', async () => {
    memberWithPoints('retrier', 500)
    const reward = await createReward({ name: '贴纸', pointsCost: 100, stock: 10 })
    const id = requestId()
    const first = dataOf(await as('retrier').call('rewards', 'redeem', { rewardId: reward.id, requestId: id }))
    const again = dataOf(await as('retrier').call('rewards', 'redeem', { rewardId: reward.id, requestId: id }))
    expect(again).toEqual({ ...first, duplicate: true })
    expect(pointsInvariant(cloud(), 'retrier').balance).toBe(400)
  })

  it('two cashiers confirming the same code at once: one success, one CONFLICT', async () => {
    memberWithPoints('double-scan', 300)
    const reward = await createReward({ name: '徽章', pointsCost: 100, stock: 5 })
    const { code } = dataOf(await as('double-scan').call('rewards', 'redeem', { rewardId: reward.id, requestId: requestId() }))
    const answers = await Promise.all([as('cashier-1').call('rewards', 'confirm', { code }), as('cashier-2').call('rewards', 'confirm', { code })])
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'CONFLICT')).toHaveLength(1)
  })

  it('balance 100, 50 concurrent redemptions of 10: exactly 10 succeed, balance 0, failures leave no rows', async () => {
    memberWithPoints('fifty-taps', 100)
    const reward = await createReward({ name: '小点心', pointsCost: 10, stock: 1000 })
    const answers = await Promise.all(Array.from({ length: 50 }, () => as('fifty-taps').call('rewards', 'redeem', { rewardId: reward.id, requestId: requestId() })))
    expect(answers.filter((answer) => answer.ok)).toHaveLength(10)
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'INSUFFICIENT_POINTS')).toHaveLength(40)
    expect(pointsInvariant(cloud(), 'fifty-taps')).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
    expect(cloud().db.find('ledger', { openid: 'fifty-taps', kind: 'redeem' })).toHaveLength(10)
    expect(cloud().db.find('redemptions', { openid: 'fifty-taps' })).toHaveLength(10)
    expect(cloud().db.find('rewards', { _id: reward.id })[0].stock).toBe(990)
  })

  it('stock 5, 20 concurrent redemptions: exactly 5 succeed, stock ends at 0', async () => {
    const reward = await createReward({ name: '限量杯', pointsCost: 50, stock: 5 })
    const members = Array.from({ length: 20 }, (_, index) => `stock-rush-${index}`)
    members.forEach((openid) => memberWithPoints(openid, 100))
    const answers = await Promise.all(members.map((openid) => as(openid).call('rewards', 'redeem', { rewardId: reward.id, requestId: requestId() })))
    expect(answers.filter((answer) => answer.ok)).toHaveLength(5)
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'CONFLICT')).toHaveLength(15)
    expect(cloud().db.find('rewards', { _id: reward.id })[0].stock).toBe(0)
    expect(cloud().db.find('redemptions', { rewardId: reward.id })).toHaveLength(5)
    const spent = members.filter((openid) => pointsInvariant(cloud(), openid).balance === 50)
    expect(spent).toHaveLength(5)
  })

  it('the cashier redeems for the member in front of them, confirmed at once', async () => {
    memberWithPoints('at-till', 1000)
    const reward = await createReward({ name: '蛋糕', pointsCost: 800, stock: 2 })
    const result = dataOf(await as('cashier-1').call('rewards', 'redeemAtTill', { rewardId: reward.id, requestId: requestId(), memberCode: memberCodeOf(cloud(), 'at-till') }))
    expect(result).toMatchObject({ status: 'confirmed', pointsBalance: 200 })
    expect(cloud().db.find('ledger', { openid: 'at-till', kind: 'redeem' })[0]).toMatchObject({ by: 'cashier-1', reason: '兑换 蛋糕' })
  })

  it('refuses a member redeeming at the till for themselves', async () => {
    memberWithPoints('self-till', 1000)
    const reward = await createReward({ name: '蛋糕', pointsCost: 800, stock: 2 })
    const envelope = await as('self-till').call('rewards', 'redeemAtTill', { rewardId: reward.id, requestId: requestId(), memberCode: memberCodeOf(cloud(), 'self-till') })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
