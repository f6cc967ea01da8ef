import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedIfEmpty } from '../../scripts/seed'
import { DEMO_GOLD_VOUCHER } from '../../scripts/demoData'
import { demoCrowd } from '../../scripts/demoMarketing'
import { SHOP_MEMBERS } from '../../scripts/demoShop'
import { RFM_CLASSES } from '../../cloudfunctions/shared/contract/marketingFields'
import { DEFAULT_CATEGORIES } from '../../cloudfunctions/shared/contract/statsFields'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { TICKET_STATUSES } from '../../cloudfunctions/shared/contract/ticketFields'
import { shopDate } from '../../cloudfunctions/shared/domain/calendar'
import type { LedgerRow } from '../../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import type { TicketDoc } from '../../cloudfunctions/shared/domain/ticket'
import { consequenceOf, factsOf } from '../../cloudfunctions/shared/domain/tierPreview'
import { DEFAULT_TIER_RULES } from '../../cloudfunctions/shared/domain/tiers'

const { cloud, as } = useLocalCloud()
const GOLD = 'demo-member-gold'
const REGULAR = 'demo-member-regular'
const SERVICE = 'demo-service'

beforeAll(() => {
  cloud().db.clear()
  expect(seedIfEmpty(cloud().db, cloud().now())).toBe(true)
})

/** The demo shop is what a newcomer's first look is made of: every screen has something true to show. */
describe('the demo shop', () => {
  it('is consistent: jobs.reconcile finds no drift (balance = Σ ledger = Σ lots) for any member', async () => {
    const report = dataOf(await as(null).call('jobs', 'reconcile', {}))
    expect(report).toMatchObject({ membersChecked: 4 + demoCrowd().length + SHOP_MEMBERS, driftCount: 0, drifts: [] })
  })

  it('has members in every RFM class, as the daily job would classify them today, and 沉睡 members who can receive a campaign', async () => {
    const overview = dataOf(await as('demo-marketing').call('marketing', 'rfmOverview', {}))
    for (const rfm of RFM_CLASSES) expect(overview.classes.find((each) => each.rfm === rfm)?.members).toBeGreaterThan(0)
    // The classification the tick would compute today changes nothing the seed wrote.
    const before = cloud().db.find('members') as MemberDoc[]
    const tick = dataOf(await as(null).call('marketing', 'tick', {}))
    expect(tick.rfm).toMatchObject({ changed: 0 })
    expect((cloud().db.find('members') as MemberDoc[]).map((member) => member.rfm)).toEqual(before.map((member) => member.rfm))
    const dormant = before.filter((member) => member.rfm === 'dormant' && (member.messaging?.consent?.[SUBSCRIBE_TEMPLATES.campaignCoupon] ?? 0) > 0)
    expect(dormant.length).toBeGreaterThan(2)
    const segments = dataOf(await as('demo-marketing').call('marketing', 'segments', {}))
    expect(segments.map((segment) => segment.name)).toContain('沉睡会员唤醒')
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

  it('lets the owner find her alone by the last 4 digits of her phone, and her 360 page shows the staff notes, newest first', async () => {
    const [gold] = cloud().db.find('members', { _id: GOLD }) as MemberDoc[]
    const found = dataOf(await as('demo-owner').call('member', 'search', { query: gold.profile.phone!.slice(-4) }))
    expect(found).toMatchObject({ by: 'phone4', members: [{ cardNo: gold.cardNo, name: '林晓雨', phone: gold.profile.phone }] })
    const archive = dataOf(await as('demo-owner').call('member', 'archive', { cardNo: gold.cardNo }))
    expect(archive.notes.map((note) => note.authorName)).toEqual(['王店长', '客服小周'])
    const signups = cloud().db.find('signups', { openid: GOLD }) as Array<{ activityId: string }>
    const titles = new Map((cloud().db.find('activities') as Array<{ _id: string; title: string }>).map((activity) => [activity._id, activity.title]))
    expect(signups.length).toBeGreaterThan(0)
    expect(archive.activities.map((entry) => entry.title).sort()).toEqual(signups.map((signup) => titles.get(signup.activityId)).sort())
  })
})

describe('the everyday shop', () => {
  const members = () => cloud().db.find('members') as MemberDoc[]
  const orders = () => (cloud().db.find('ledger', { kind: 'earn' }) as LedgerRow[]).filter((row) => row.order)

  it('has members who joined over the last 12 months, more in recent months, at both stores', () => {
    const now = cloud().now().getTime()
    const joinedWithin = (from: number, to: number) =>
      members().filter((member) => now - new Date(member.joinedAt).getTime() >= from * 86_400_000 && now - new Date(member.joinedAt).getTime() < to * 86_400_000).length
    expect(members().length).toBeGreaterThanOrEqual(300)
    expect(joinedWithin(0, 90)).toBeGreaterThan(joinedWithin(270, 360))
    expect(joinedWithin(270, 365)).toBeGreaterThan(0)
    const atSecond = members().filter((member) => member.source.store === 'store-002')
    expect(atSecond.length).toBeGreaterThan(30)
    expect(orders().filter((row) => row.order!.storeId === 'store-002').length).toBeGreaterThan(100)
  })

  it('lists every order by its lines, in the shop’s categories, adding up to the amount; coffee sells most', () => {
    const byCategory = new Map<string, number>()
    for (const row of orders()) {
      const items = row.order!.items!
      expect(items.length).toBeGreaterThan(0)
      expect(items.reduce((sum, item) => sum + item.amountFen, 0)).toBe(row.order!.amountFen)
      for (const item of items) byCategory.set(item.category, (byCategory.get(item.category) ?? 0) + item.amountFen)
    }
    expect([...byCategory.keys()].sort()).toEqual([...DEFAULT_CATEGORIES].sort())
    expect([...byCategory].sort((a, b) => b[1] - a[1])[0][0]).toBe('咖啡')
    const everyday = orders().filter((row) => row.openid.startsWith('demo-shop-'))
    for (const row of everyday) expect(row.order!.amountFen).toBeGreaterThanOrEqual(1800)
    for (const row of everyday) expect(row.order!.amountFen).toBeLessThanOrEqual(26_000)
  })

  it('fixes on each order what the till would have: first purchase of that Beijing day, bought before', () => {
    const byMember = new Map<string, LedgerRow[]>()
    for (const row of orders()) byMember.set(row.openid, [...(byMember.get(row.openid) ?? []), row])
    let again = 0
    for (const rows of byMember.values()) {
      rows.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
      const days = new Set<string>()
      rows.forEach((row, index) => {
        const day = shopDate(new Date(row.createdAt))
        const firstToday = !days.has(day)
        days.add(day)
        expect(row.order!.visit).toEqual({ firstToday, returning: index > 0, campaigns: [] })
        if (!firstToday) again++
      })
    }
    expect(again).toBeGreaterThan(0)
  })

  it('gives each member the tier their spend earned, which today’s rules would neither raise nor lower', () => {
    const now = cloud().now()
    const moves = members().filter((member) => consequenceOf(factsOf(member), DEFAULT_TIER_RULES, now).kind !== 'unchanged')
    expect(moves.map((member) => member.profile.name)).toEqual([])
    const tiers = new Set(
      members()
        .filter((member) => member._id.startsWith('demo-shop-'))
        .map((member) => member.tier),
    )
    expect(tiers).toContain('regular')
    expect(tiers).toContain('silver')
  })

  it('keeps the named members’ phone tails and name prefixes their own', () => {
    const named = members().filter((member) => member._id.startsWith('demo-member-'))
    const tails = new Set(named.map((member) => member.profile.phone4).filter(Boolean))
    const everyday = members().filter((member) => member._id.startsWith('demo-shop-'))
    expect(everyday.filter((member) => tails.has(member.profile.phone4 ?? ''))).toEqual([])
    expect(everyday.filter((member) => /^[林陈赵孙]/.test(member.profile.name))).toEqual([])
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

describe('the demo tickets', () => {
  const tickets = () => cloud().db.find('tickets') as TicketDoc[]
  const one = (test: (ticket: TicketDoc) => boolean) => {
    const found = tickets().filter(test)
    expect(found).toHaveLength(1)
    return found[0]
  }

  it("fill both members' 我的反馈, newest first, over the last three weeks and in every state", async () => {
    for (const openid of [GOLD, REGULAR]) {
      const page = dataOf(await as(openid).call('ticket', 'mine', {}))
      const own = tickets()
        .filter((ticket) => ticket.openid === openid)
        .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      expect(own.length).toBeGreaterThanOrEqual(3)
      expect(page.items.map((item) => item.id)).toEqual(own.map((ticket) => ticket._id))
    }
    expect(new Set(tickets().map((ticket) => ticket.status))).toEqual(new Set(TICKET_STATUSES))
    const oldest = Math.min(...tickets().map((ticket) => new Date(ticket.createdAt).getTime()))
    expect(cloud().now().getTime() - oldest).toBeGreaterThan(14 * 86_400_000)
  })

  it('show 客服小周 the open ones most urgent first: the one past its promise and escalated, the fresh one, the one he works on', async () => {
    const queue = dataOf(await as(SERVICE).call('ticket', 'queue', {}))
    expect(queue.items.map((item) => [item.status, item.breached, item.escalated, item.assigneeName])).toEqual([
      ['new', true, true, null],
      ['new', false, false, null],
      ['processing', false, false, '客服小周'],
    ])
    const mine = dataOf(await as(SERVICE).call('ticket', 'queue', { assignee: 'mine' }))
    expect(mine.items.map((item) => item.status)).toEqual(['processing'])
    expect(dataOf(await as(SERVICE).call('ticket', 'counts', {}))).toEqual({ active: 3, new: 2, processing: 1, pending: 1, closed: 3, withdrawn: 1, revisit: 1 })
  })

  it('let him read his reply in the thread of the one in work, and a note the member never sees', async () => {
    const working = one((ticket) => ticket.status === 'processing')
    const staff = dataOf(await as(SERVICE).call('ticket', 'staffDetail', { ticketId: working._id }))
    expect(staff.assignee).toEqual({ openid: SERVICE, name: '客服小周' })
    expect(staff.thread.map((entry) => [entry.from, entry.name])).toEqual([
      ['staff', '客服小周'],
      ['member', '林晓雨'],
    ])
    expect(staff.notes).toHaveLength(1)
    const member = dataOf(await as(GOLD).call('ticket', 'detail', { ticketId: working._id }))
    expect(member.thread).toHaveLength(2)
    expect(JSON.stringify(member)).not.toContain(staff.notes[0].text)
  })

  it('compensate 陈一鸣 50 points on the resolution awaiting his word: in his ledger, balance and lots, and reconciled', async () => {
    const pending = one((ticket) => ticket.status === 'pending')
    expect(pending.openid).toBe(REGULAR)
    const view = dataOf(await as(REGULAR).call('ticket', 'detail', { ticketId: pending._id }))
    expect(view.resolutions.map((resolution) => resolution.compensation)).toEqual([{ kind: 'points', points: 50, couponTitle: null }])
    expect(view.can).toMatchObject({ confirm: true, reopen: true, rate: true })
    const [row] = cloud().db.find('ledger', { _id: `ticket:${pending._id}:1` }) as LedgerRow[]
    expect(row).toMatchObject({ openid: REGULAR, kind: 'earn', delta: 50, by: SERVICE, ref: `ticket:${pending._id}` })
    const [member] = cloud().db.find('members', { _id: REGULAR }) as MemberDoc[]
    const ledger = cloud().db.find('ledger', { openid: REGULAR }) as LedgerRow[]
    expect(member.pointsBalance).toBe(ledger.reduce((sum, entry) => sum + entry.delta, 0))
    expect(member.pointsBalance).toBe(member.pointLots.reduce((sum, lot) => sum + lot.remaining, 0))
    expect(row.balanceAfter).toBe(member.pointsBalance)
    expect(dataOf(await as(REGULAR).call('member', 'me', {}))).toMatchObject({ pointsBalance: member.pointsBalance })
    expect(dataOf(await as(null).call('jobs', 'reconcile', {}))).toMatchObject({ driftCount: 0 })
  })

  it('close one rated 5 about her own order, one rated 2 about the launch with a revisit open and one call logged, one by the timer; one withdrawn', async () => {
    const praised = one((ticket) => ticket.resolutions[0]?.rating?.score === 5)
    expect(praised).toMatchObject({ openid: GOLD, status: 'closed', ref: { kind: 'order' } })
    const [order] = cloud().db.find('ledger', { _id: praised.ref!.id }) as LedgerRow[]
    expect(order).toMatchObject({ openid: GOLD, kind: 'earn', order: { storeId: 'store-001' } })

    const unhappy = one((ticket) => ticket.resolutions[0]?.rating?.score === 2)
    expect(unhappy).toMatchObject({ openid: REGULAR, status: 'closed', ref: { kind: 'activity', id: 'act-demo-launch', label: '秋冬新品发布会' } })
    const staff = dataOf(await as(SERVICE).call('ticket', 'staffDetail', { ticketId: unhappy._id }))
    expect(staff.revisit).toMatchObject({ status: 'open', reason: 'lowRating' })
    expect(staff.revisit!.contacts).toEqual([expect.objectContaining({ name: '客服小周', channel: 'phone' })])
    expect(staff.breached.firstResponse).toBe(true)
    expect(dataOf(await as(SERVICE).call('ticket', 'queue', { view: 'revisit' })).items.map((item) => item.id)).toEqual([unhappy._id])

    expect(one((ticket) => ticket.resolutions[0]?.outcome === 'autoClosed').status).toBe('closed')
    expect(one((ticket) => ticket.status === 'withdrawn').openid).toBe(GOLD)
  })

  it('leave the timer nothing to do: every breach, escalation and auto-close due has happened', async () => {
    expect(dataOf(await as(null).call('ticket', 'sweep', {}))).toMatchObject({ breaches: 0, escalations: 0, autoClosed: 0, left: false })
  })

  it("number a new filing after the day's demo tickets, from the day's counter", async () => {
    const today = shopDate(cloud().now())
    const [counter] = cloud().db.find('counters', { _id: `ticket:${today}` }) as Array<{ n: number }>
    const filed = dataOf(await as(GOLD).call('ticket', 'file', { category: 'service', text: '想问一下周末的营业时间有没有调整。' }))
    expect(filed.id).toBe(`T${today.replaceAll('-', '')}-${String((counter?.n ?? 0) + 1).padStart(4, '0')}`)
    expect(tickets().filter((ticket) => ticket._id === filed.id)).toHaveLength(1)
  })
})
