import type { TierId } from '../cloudfunctions/shared/contract/enums'
import { formatFen } from '../cloudfunctions/shared/contract/format'
import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import { monthDay } from '../cloudfunctions/shared/domain/calendar'
import type { CouponDoc } from '../cloudfunctions/shared/domain/coupons'
import { ledgerKeys, ledgerRow, type LedgerRow, type OrderItem } from '../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import type { MemberNoteDoc } from '../cloudfunctions/shared/data/memberNotes'
import { earn, expireDue, lotExpiry, nextExpiry, spend, type PointsState } from '../cloudfunctions/shared/domain/points'
import { DEFAULT_POINTS_RULES } from '../cloudfunctions/shared/domain/pointsRules'
import type { RedemptionDoc, RewardDoc } from '../cloudfunctions/shared/domain/rewards'
import { NEVER_PURCHASED } from '../cloudfunctions/shared/domain/rfm'
import { visitFactsOf } from '../cloudfunctions/shared/domain/visit'
import { demoActivities, type DemoActivityMovement } from './demoActivities'
import { demoTickets } from './demoTickets'
import { classified, demoCrowd, demoSegments, withConsent } from './demoMarketing'
import { demoShop, itemsFor, seedOf, seededRandom as orderRandom } from './demoShop'
import { DEMO_SECOND_STORE, DEMO_STORE, demoStaff } from './demoStaff'
import { DEFAULT_TIER_RULES, holdUntil, recordActivity, type MonthlyActivity } from '../cloudfunctions/shared/domain/tiers'

/**
 * The demo shop: the identities the dev switcher offers, and members in every tier whose ledgers,
 * lots, coupons and redemptions agree with each other (balance = Σ ledger = Σ lots; the
 * reconciliation job finds nothing to report), their activities and complaint tickets
 * (demoActivities.ts, demoTickets.ts); test/functions/demo-data-shows-every-screen-and-reconciles checks it.
 */
export { DEMO_STAFF, DEMO_STORE } from './demoStaff'

const CASHIER = 'demo-cashier'
/** Who rings up an order at each store: 小李 at 示范店, 赵经理 at 滨江店 (its only staff until the invitation is accepted). */
const CASHIERS: Record<string, string> = { [DEMO_STORE._id]: CASHIER, [DEMO_SECOND_STORE._id]: 'demo-admin' }
const DAY_MS = 24 * 60 * 60 * 1000

/** The catalogue. 精品咖啡券 is the one 林晓雨 has redeemed and not yet collected. */
const DEMO_REWARDS = [
  { name: '手冲咖啡一杯', description: '任选一款当日手冲', pointsCost: 300, stock: 50 },
  { name: '精品咖啡券', description: '任意一杯精品咖啡，到店出示兑换码领取', pointsCost: 500, stock: 30 },
  { name: '帆布托特包', description: '门店限定款', pointsCost: 1200, stock: 20 },
  { name: '精品咖啡豆 250g', description: '季节拼配', pointsCost: 2500, stock: 10 },
]
const rewardId = (name: string) => `rw-demo-${DEMO_REWARDS.findIndex((reward) => reward.name === name) + 1}`

/**
 * What happened to a member, oldest first, in days before `now`. Each event goes through the
 * domain's own points rules (earn, spend oldest first, expire), so the lots are what the functions
 * would have left.
 */
type DemoEvent =
  /** At `store` (示范店 when absent), with its lines (made up from the amount when absent). */
  | { kind: 'purchase'; daysAgo: number; yuan: number; store?: string; items?: OrderItem[] }
  | { kind: 'cash'; daysAgo: number; points: number; orderYuan: number }
  | { kind: 'redeem'; daysAgo: number; reward: string; code: string; collected: boolean }
  | { kind: 'adjust'; daysAgo: number; delta: number; reason: string }
  | DemoActivityMovement

interface DemoCoupon {
  key: string
  code: string
  title: string
  kind: CouponDoc['kind']
  value: number
  itemName?: string
  minSpendFen: number
  validFromDaysAgo: number
  /** Days from now until it lapses; negative for one already past. */
  validUntilInDays: number
  usedDaysAgo?: number
}

interface DemoMember {
  openid: string
  name: string
  gender: 'male' | 'female'
  birthday: string
  tier: TierId
  joinedDaysAgo: number
  events: DemoEvent[]
  coupons?: DemoCoupon[]
  tags?: string[]
  consent?: Parameters<typeof withConsent>[1]
  /** As bindPhone would have stored it; staff find the member by its last 4 digits. */
  phone?: string
  /** The store they joined at (示范店 when absent). */
  store?: string
  /** When they reached their tier (60 days ago when absent) and were last active (2 days ago when absent). */
  tierSinceDaysAgo?: number
  lastActiveDaysAgo?: number
}

const purchases = (yuan: number[], firstDaysAgo = 170, everyDays = 30): DemoEvent[] => yuan.map((amount, index) => ({ kind: 'purchase', daysAgo: firstDaysAgo - index * everyDays, yuan: amount }))

/**
 * 林晓雨 (会员 A): 金卡, 5,780 points. Her history is longer than one page of 积分明细 (20 rows) and
 * shows every kind of movement: purchases, a lot that expired, a manual adjustment, points paid at
 * the till and two rewards, with 400 points about to expire. Her wallet holds an available ¥10 voucher (满 ¥50, for the till
 * journey), another available coupon, a used one and an expired one.
 */
const GOLD_EVENTS: DemoEvent[] = [
  // Earned over a year ago: this lot has expired, and what is left of the next shows as 即将过期.
  { kind: 'purchase', daysAgo: 450, yuan: 380 },
  { kind: 'purchase', daysAgo: 350, yuan: 2400 },
  ...purchases([1280, 860, 740, 1000], 170, 40),
  ...[36, 42, 28, 58, 64, 133, 45, 52, 38, 129, 47, 61, 135, 44, 156, 232].map((yuan, index): DemoEvent => ({ kind: 'purchase', daysAgo: 118 - index * 7, yuan })),
  { kind: 'adjust', daysAgo: 75, delta: 200, reason: '门店活动补录积分' },
  { kind: 'cash', daysAgo: 40, points: 1200, orderYuan: 86 },
  { kind: 'redeem', daysAgo: 12, reward: '手冲咖啡一杯', code: 'H3RT9WZC', collected: true },
  { kind: 'redeem', daysAgo: 5, reward: '精品咖啡券', code: 'K7PQ2MXA', collected: false },
]

/** The coupon the till's checkout journey applies for 林晓雨: ¥10 off from ¥50, valid now. */
export const DEMO_GOLD_VOUCHER = { code: 'JX8T2DEMQK', title: '¥10 代金券' } as const

const GOLD_COUPONS: DemoCoupon[] = [
  { key: 'welcome10', ...DEMO_GOLD_VOUCHER, kind: 'fixed', value: 1000, minSpendFen: 5000, validFromDaysAgo: 10, validUntilInDays: 60 },
  { key: 'drinks9', code: 'RW4NV6GHZT', title: '饮品 9 折券', kind: 'percent', value: 10, minSpendFen: 0, validFromDaysAgo: 3, validUntilInDays: 14 },
  { key: 'newcomer5', code: 'PT5EXQ8MCA', title: '新会员 ¥5 代金券', kind: 'fixed', value: 500, minSpendFen: 3000, validFromDaysAgo: 120, validUntilInDays: -90, usedDaysAgo: 104 },
  { key: 'summer', code: 'YF3KCZ9WUB', title: '夏日冰饮券', kind: 'item', value: 0, itemName: '冰饮一杯', minSpendFen: 0, validFromDaysAgo: 90, validUntilInDays: -20 },
]

const DEMO_MEMBERS: DemoMember[] = [
  { openid: 'demo-member-gold', name: '林晓雨', gender: 'female', birthday: '1992-03-18', tier: 'gold', joinedDaysAgo: 460, events: GOLD_EVENTS, coupons: GOLD_COUPONS, phone: '13812345678' },
  // Around the 新品发布会 15 days ago: those who came spent more after it, 陈一鸣 who did not come spent nothing since.
  {
    openid: 'demo-member-regular',
    phone: '13900001234',
    name: '陈一鸣',
    gender: 'male',
    birthday: '1998-11-05',
    tier: 'regular',
    joinedDaysAgo: 200,
    events: [...purchases([88, 126]), { kind: 'purchase', daysAgo: 20, yuan: 68 }],
  },
  {
    openid: 'demo-member-silver',
    phone: '13700002468',
    name: '赵静',
    gender: 'female',
    birthday: '1987-07-22',
    tier: 'silver',
    joinedDaysAgo: 200,
    events: [...purchases([560, 420, 380]), { kind: 'purchase', daysAgo: 25, yuan: 96 }, { kind: 'purchase', daysAgo: 6, yuan: 268 }, { kind: 'purchase', daysAgo: 2, yuan: 158 }],
  },
  {
    openid: 'demo-member-diamond',
    name: '孙浩然',
    gender: 'male',
    birthday: '1979-12-01',
    tier: 'diamond',
    joinedDaysAgo: 200,
    events: [...purchases([8800, 6200, 5600, 3000]), { kind: 'purchase', daysAgo: 30, yuan: 420 }, { kind: 'purchase', daysAgo: 10, yuan: 880 }, { kind: 'purchase', daysAgo: 4, yuan: 640 }],
  },
]

/** Every document of the demo, by collection, as the functions would have written them. Deterministic for a given `now`. */
export function demoData(now: Date, random: () => number = seededRandom(2026)) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const rewards: RewardDoc[] = DEMO_REWARDS.map((reward) => ({ _id: rewardId(reward.name), ...reward, status: 'active', createdAt: daysAgo(500), updatedAt: daysAgo(500), updatedBy: 'demo-owner' }))
  const members: MemberDoc[] = []
  const ledger: LedgerRow[] = []
  const redemptions: RedemptionDoc[] = []
  const coupons: CouponDoc[] = []
  const { activities, signups, movements } = demoActivities(now)
  // A lot's expiry depends only on the Beijing month it was earned in: one dayjs computation a month, not one per purchase.
  const expiries = new Map<number, Date>()
  const expiryOf = (at: Date) => {
    const local = new Date(at.getTime() + 8 * 60 * 60 * 1000)
    const key = local.getUTCFullYear() * 12 + local.getUTCMonth()
    if (!expiries.has(key)) expiries.set(key, lotExpiry(at, DEFAULT_POINTS_RULES))
    return expiries.get(key)!
  }

  const crowd: DemoMember[] = demoCrowd().map((member) => ({
    ...member,
    tier: 'regular',
    events: member.purchases.map((purchase): DemoEvent => ({ kind: 'purchase', ...purchase })),
  }))
  // The everyday shop: ~270 members over the last 12 months at both stores (demoShop.ts).
  const shop: DemoMember[] = demoShop(now).map(({ purchases, ...member }) => ({
    ...member,
    events: purchases.map((purchase): DemoEvent => ({ kind: 'purchase', ...purchase })),
  }))
  for (const demo of [...DEMO_MEMBERS, ...crowd, ...shop]) {
    const { openid } = demo
    const purchaseTimes: Date[] = []
    let points: PointsState = { pointsBalance: 0, lifetimePoints: 0, pointLots: [] }
    let activity: MonthlyActivity = {}
    let orders = 0
    const row = (movement: Omit<Parameters<typeof ledgerRow>[0], 'openid' | 'balanceAfter' | 'rulesVersion'>) =>
      ledger.push(ledgerRow({ ...movement, openid, balanceAfter: points.pointsBalance, rulesVersion: 1 }))
    const nextOrderNo = () => `D${openid.slice(-4).toUpperCase()}${String(++orders).padStart(3, '0')}`
    /** The daily job's expiry, at 00:30 after each lot that has run out by `at`. */
    const expireUntil = (at: Date) => {
      for (const lot of points.pointLots.filter((due) => due.expiresAt.getTime() <= at.getTime())) {
        const expired = expireDue(points, lot.expiresAt)
        if (expired.points === 0) continue
        points = expired.state
        row({ key: ledgerKeys.expire(openid, lot.expiresAt), kind: 'expire', delta: -expired.points, reason: '积分过期', by: 'system', at: new Date(lot.expiresAt.getTime() + 31 * 60 * 1000) })
      }
    }
    const spent = (amount: number) => {
      const outcome = spend(points, amount)
      if (!outcome.ok) throw new Error(`demo data: ${demo.name} cannot spend ${amount}`)
      points = outcome.state
    }

    for (const event of [...demo.events, ...(movements.get(openid) ?? [])].sort((a, b) => b.daysAgo - a.daysAgo)) {
      const at = daysAgo(event.daysAgo)
      expireUntil(at)
      if (event.kind === 'purchase') {
        const orderNo = nextOrderNo()
        const storeId = event.store ?? DEMO_STORE._id
        const cashier = CASHIERS[storeId]
        const expiresAt = expiryOf(at)
        // What the till would have fixed on the order: the buyer before it (first today? bought before?), no campaign touches in the demo.
        const visit = visitFactsOf({ lastPurchaseAt: purchaseTimes.at(-1) ?? NEVER_PURCHASED }, at)
        const items = event.items ?? itemsFor(event.yuan, orderRandom(seedOf(`${openid}:${orderNo}`)))
        points = earn(points, event.yuan, expiresAt)
        activity = recordActivity(activity, at, event.yuan * 100, event.yuan, now, 1)
        purchaseTimes.push(at)
        row({
          key: ledgerKeys.order(storeId, orderNo),
          kind: 'earn',
          delta: event.yuan,
          reason: `消费 ${formatFen(event.yuan * 100)} · 单号 ${orderNo}`,
          by: cashier,
          at,
          expiresAt,
          order: { storeId, orderNo, amountFen: event.yuan * 100, cashier, items, visit },
        })
      } else if (event.kind === 'cash') {
        const orderNo = nextOrderNo()
        const discountFen = (event.points / DEFAULT_POINTS_RULES.pointsPerCashYuan) * 100
        spent(event.points)
        row({
          key: ledgerKeys.cash(DEMO_STORE._id, orderNo),
          kind: 'redeem',
          delta: -event.points,
          reason: `积分抵现 ${formatFen(discountFen)} · 单号 ${orderNo}`,
          by: CASHIER,
          at,
          order: { storeId: DEMO_STORE._id, orderNo, amountFen: event.orderYuan * 100, cashier: CASHIER },
        })
      } else if (event.kind === 'activity') {
        const expiresAt = expiryOf(at)
        if (event.delta > 0) points = earn(points, event.delta, expiresAt)
        else spent(-event.delta)
        row({
          key: event.key,
          kind: event.delta > 0 ? 'earn' : 'redeem',
          delta: event.delta,
          reason: event.reason,
          by: event.delta > 0 ? CASHIER : openid,
          at,
          expiresAt: event.delta > 0 ? expiresAt : null,
        })
      } else if (event.kind === 'adjust') {
        const requestId = `demo-${openid}-${event.daysAgo}`
        const expiresAt = expiryOf(at)
        if (event.delta > 0) points = earn(points, event.delta, expiresAt)
        else spent(-event.delta)
        row({ key: ledgerKeys.adjust(requestId), kind: 'adjust', delta: event.delta, reason: `人工调整：${event.reason}`, by: 'demo-owner', at, expiresAt: event.delta > 0 ? expiresAt : null })
      } else {
        const reward = rewards.find((candidate) => candidate.name === event.reward)
        if (!reward) throw new Error(`demo data: no reward ${event.reward}`)
        const key = ledgerKeys.redeem(openid, `demo-${event.code}`)
        const by = event.collected ? CASHIER : openid
        spent(reward.pointsCost)
        row({ key, kind: 'redeem', delta: -reward.pointsCost, reason: `兑换 ${reward.name}`, by, at, ref: event.code })
        redemptions.push({
          _id: event.code,
          openid,
          rewardId: reward._id,
          rewardName: reward.name,
          pointsSpent: reward.pointsCost,
          status: event.collected ? 'confirmed' : 'pending',
          ledgerId: key,
          createdAt: at,
          confirmedAt: event.collected ? at : null,
          confirmedBy: event.collected ? CASHIER : null,
        })
      }
    }
    expireUntil(now)

    for (const coupon of demo.coupons ?? []) {
      const validFrom = daysAgo(coupon.validFromDaysAgo)
      const usedAt = coupon.usedDaysAgo === undefined ? null : daysAgo(coupon.usedDaysAgo)
      coupons.push({
        _id: `manual:${openid}:${coupon.key}`,
        openid,
        code: coupon.code,
        title: coupon.title,
        kind: coupon.kind,
        value: coupon.value,
        itemName: coupon.itemName ?? null,
        minSpendFen: coupon.minSpendFen,
        validFrom,
        validUntil: daysAgo(-coupon.validUntilInDays),
        status: usedAt ? 'used' : 'available',
        source: 'manual',
        usedAt,
        usedBy: usedAt ? CASHIER : null,
        orderNo: usedAt ? `${openid.slice(-4).toUpperCase()}-COUPON` : null,
        createdAt: validFrom,
      })
    }

    const tierSince = daysAgo(demo.tierSinceDaysAgo ?? 60)
    const member: MemberDoc = {
      _id: openid,
      cardNo: makeCardNo(random),
      profile: {
        name: demo.name,
        gender: demo.gender,
        birthday: demo.birthday,
        birthdayMD: monthDay(demo.birthday),
        avatarFileId: null,
        phone: demo.phone ?? null,
        phone4: demo.phone ? demo.phone.slice(-4) : null,
      },
      tier: demo.tier,
      tierSince,
      tierUntil: demo.tier === 'regular' ? null : holdUntil(tierSince, DEFAULT_TIER_RULES),
      activity,
      ...points,
      nextExpiryAt: nextExpiry(points.pointLots),
      source: { store: demo.store ?? DEMO_STORE._id, referrer: null, scene: 'seed' },
      tags: demo.tags ?? [],
      joinedAt: daysAgo(demo.joinedDaysAgo),
      lastActiveAt: daysAgo(demo.lastActiveDaysAgo ?? 2),
    }
    members.push(withConsent(classified(member, purchaseTimes, now), demo.consent ?? []))
  }
  const segments = demoSegments(now, members)
  // Last: tickets name the members' orders and signups, and a compensation adds to a member's points.
  const { tickets, counters } = demoTickets(now, { members, ledger, coupons, activities, signups })
  const { stores, staff, invitations, audit } = demoStaff(now, { members, ledger })
  // The 360 page's 备注 tab: what the desk and the owner noted about 林晓雨.
  const member_notes: MemberNoteDoc[] = [
    { _id: 'note:demo-gold-oatmilk', openid: 'demo-member-gold', text: '偏好燕麦拿铁，少糖', by: 'demo-service', byName: '客服小周', at: daysAgo(40) },
    { _id: 'note:demo-gold-weekend', openid: 'demo-member-gold', text: '周末常带孩子来，可推荐亲子活动', by: 'demo-owner', byName: '王店长', at: daysAgo(12) },
  ]
  return { stores, staff, invitations, audit, members, ledger, rewards, redemptions, coupons, activities, signups, tickets, counters, segments, member_notes }
}

function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}
