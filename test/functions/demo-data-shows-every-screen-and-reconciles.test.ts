import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedIfEmpty } from '../../scripts/seed'
import { DEMO_GOLD_VOUCHER } from '../../scripts/demoData'

const { cloud, as } = useLocalCloud()
const GOLD = 'demo-member-gold'

beforeAll(() => {
  cloud().db.clear()
  expect(seedIfEmpty(cloud().db, cloud().now())).toBe(true)
})

/** The demo shop is what a newcomer's first look is made of: every screen has something true to show. */
describe('the demo shop', () => {
  it('is consistent: jobs.reconcile finds no drift (balance = Σ ledger = Σ lots) for any member', async () => {
    const report = dataOf(await as(null).call('jobs', 'reconcile', {}))
    expect(report).toMatchObject({ membersChecked: 4, driftCount: 0, drifts: [] })
  })

  it('gives 林晓雨 (会员 A) 金卡 and 5,780 points on her card', async () => {
    expect(dataOf(await as(GOLD).call('member', 'me', {}))).toMatchObject({ name: '林晓雨', tier: 'gold', tierName: '金卡', pointsBalance: 5780, shopName: '会员通示范店' })
  })

  it('gives her more history than one page of 积分明细, with every kind of movement', async () => {
    const first = dataOf(await as(GOLD).call('points', 'history', {}))
    expect(first.entries).toHaveLength(20)
    expect(first.nextCursor).not.toBeNull()
    const second = dataOf(await as(GOLD).call('points', 'history', { cursor: first.nextCursor! }))
    expect(second.entries.length).toBeGreaterThan(0)
    expect(second.nextCursor).toBeNull()
    const kinds = new Set([...first.entries, ...second.entries].map((entry) => entry.kind))
    expect([...kinds].sort()).toEqual(['adjust', 'earn', 'expire', 'redeem'])
  })

  it('spends her points only on rewards the shop lists, and shows the uncollected one in 我的兑换', async () => {
    const rewards = dataOf(await as(GOLD).call('rewards', 'list', {})).map((reward) => reward.name)
    expect(rewards).toContain('精品咖啡券')
    const redeemedFor = (cloud().db.find('ledger', { openid: GOLD, kind: 'redeem' }) as Array<{ reason: string }>).map((row) => row.reason).filter((reason) => reason.startsWith('兑换 '))
    expect(redeemedFor.length).toBeGreaterThan(0)
    for (const reason of redeemedFor) expect(rewards).toContain(reason.replace(/^兑换 /, ''))
    const mine = dataOf(await as(GOLD).call('rewards', 'myRedemptions', {}))
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ rewardName: '精品咖啡券', status: 'pending', pointsSpent: 500 })]))
  })

  it('fills her wallet with coupons to use, used and expired, among them the ¥10 voucher the till journey applies to ¥300', async () => {
    const wallet = dataOf(await as(GOLD).call('coupons', 'wallet', {}))
    expect(wallet.counts.available).toBeGreaterThanOrEqual(1)
    expect(wallet.counts.used).toBeGreaterThanOrEqual(1)
    expect(wallet.counts.expired).toBeGreaterThanOrEqual(1)
    const voucher = wallet.coupons.find((coupon) => coupon.code === DEMO_GOLD_VOUCHER.code)
    expect(voucher).toMatchObject({ title: DEMO_GOLD_VOUCHER.title, status: 'available', kind: 'fixed', value: 1000 })
    expect(voucher!.minSpendFen).toBeLessThanOrEqual(30_000)
    const now = cloud().now().getTime()
    expect(Date.parse(voucher!.validFrom)).toBeLessThanOrEqual(now)
    expect(Date.parse(voucher!.validUntil)).toBeGreaterThan(now)
  })

  it('lets the cashier find that voucher by its code, for her', async () => {
    const inspected = await as('demo-cashier').call('coupons', 'inspect', { code: DEMO_GOLD_VOUCHER.code })
    expect(inspected).toMatchObject({ ok: true, data: { title: DEMO_GOLD_VOUCHER.title, memberName: '林晓雨', status: 'available' } })
  })
})

describe('the demo activities', () => {
  it('lists one of each of the seed types: the open party and the full member night coming up, the launch ended', async () => {
    const upcoming = dataOf(await as(GOLD).call('activity', 'list', { tab: 'upcoming' })).items
    expect(upcoming.map((activity) => [activity.typeLabel, activity.seatsLeft, activity.waitlistCount])).toEqual([
      ['会员专属折扣', 0, 1],
      ['主题派对', 11, 0],
    ])
    const ended = dataOf(await as(GOLD).call('activity', 'list', { tab: 'ended' })).items
    expect(ended.map((activity) => activity.typeLabel)).toEqual(['新品发布会'])
    // 林晓雨 (gold) may join the full night's waitlist, behind 陈一鸣.
    const night = dataOf(await as(GOLD).call('activity', 'detail', { activityId: upcoming[0].id }))
    expect(night.standing).toMatchObject({ state: 'joinWaitlist', actionable: true })
  })

  it('evaluates the past launch: three came, one did not, rated 4.67, and those who came spent more after it than the one who did not', async () => {
    const evaluation = dataOf(await as('demo-owner').call('activity', 'evaluate', { activityId: 'act-demo-launch' }))
    expect(evaluation).toMatchObject({
      confirmed: 4,
      checkedIn: 3,
      checkInRate: 0.75,
      noShowRate: 0.25,
      attendees: { members: 3 },
      noShows: { members: 1 },
      satisfaction: { count: 3, mean: 4.67, distribution: [0, 0, 0, 1, 2] },
    })
    expect(evaluation.attendees.changePerMemberFen!).toBeGreaterThan(0)
    expect(evaluation.noShows.changePerMemberFen!).toBeLessThan(0)
  })
})
