import type { TierId } from '../cloudfunctions/shared/contract/enums'
import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import { monthDay } from '../cloudfunctions/shared/domain/calendar'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import { formatFen } from '../cloudfunctions/shared/contract/format'
import type { LedgerRow } from '../cloudfunctions/shared/data/ledger'
import { DEFAULT_TIER_RULES, holdUntil, recordActivity, type MonthlyActivity } from '../cloudfunctions/shared/domain/tiers'
import { nextExpiry, type Lot } from '../cloudfunctions/shared/domain/points'
import { DEFAULT_POINTS_RULES } from '../cloudfunctions/shared/domain/pointsRules'
import { lotExpiry } from '../cloudfunctions/shared/domain/points'

/** The lots a history leaves: earned lots by expiry, spent oldest first. */
function lotsOf(rows: LedgerRow[], balance: number): Lot[] {
  const lots: Lot[] = []
  for (const row of rows) {
    if (row.kind !== 'earn' || !row.expiresAt) continue
    const same = lots.find((lot) => lot.expiresAt.getTime() === row.expiresAt!.getTime())
    if (same) same.remaining += row.delta
    else lots.push({ expiresAt: row.expiresAt, remaining: row.delta })
  }
  lots.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
  let toSpend = lots.reduce((sum, lot) => sum + lot.remaining, 0) - balance
  for (const lot of lots) {
    const taken = Math.min(lot.remaining, toSpend)
    lot.remaining -= taken
    toSpend -= taken
  }
  return lots.filter((lot) => lot.remaining > 0)
}

/** The demo shop: the identities the dev switcher offers, and members in every tier with real ledgers. */
export const DEMO_STORE = { _id: 'store-001', name: '会员通示范店', address: '上海市静安区示范路 88 号' }

export const DEMO_STAFF = [
  { _id: 'demo-owner', name: '王店长', role: 'owner' as const },
  { _id: 'demo-cashier', name: '小李', role: 'cashier' as const },
]

interface DemoMember {
  openid: string
  name: string
  gender: 'male' | 'female'
  birthday: string
  tier: TierId
  purchases: number[] // yuan, oldest first
  redeemed?: number
}

const DEMO_MEMBERS: DemoMember[] = [
  { openid: 'demo-member-gold', name: '林晓雨', gender: 'female', birthday: '1992-03-18', tier: 'gold', purchases: [1280, 860, 2150, 990, 1000], redeemed: 500 },
  { openid: 'demo-member-regular', name: '陈一鸣', gender: 'male', birthday: '1998-11-05', tier: 'regular', purchases: [88, 126] },
  { openid: 'demo-member-silver', name: '赵静', gender: 'female', birthday: '1987-07-22', tier: 'silver', purchases: [560, 420, 380] },
  { openid: 'demo-member-diamond', name: '孙浩然', gender: 'male', birthday: '1979-12-01', tier: 'diamond', purchases: [8800, 6200, 5600, 3000] },
]

const DAY_MS = 24 * 60 * 60 * 1000

/** Every document of the demo, by collection, as the functions would have written them. Deterministic for a given `now`. */
export function demoData(now: Date, random: () => number = seededRandom(2026)) {
  const members: MemberDoc[] = []
  const ledger: LedgerRow[] = []
  for (const demo of DEMO_MEMBERS) {
    const joinedAt = new Date(now.getTime() - 200 * DAY_MS)
    let balance = 0
    let lifetime = 0
    let activity: MonthlyActivity = {}
    demo.purchases.forEach((yuan, index) => {
      const at = new Date(joinedAt.getTime() + (index + 1) * 30 * DAY_MS)
      const orderNo = `D${demo.openid.slice(-4).toUpperCase()}${String(index + 1).padStart(3, '0')}`
      balance += yuan
      lifetime += yuan
      activity = recordActivity(activity, at, yuan * 100, yuan, now)
      ledger.push({
        _id: `order:${DEMO_STORE._id}:${orderNo}`,
        openid: demo.openid,
        kind: 'earn',
        delta: yuan,
        balanceAfter: balance,
        reason: `消费 ${formatFen(yuan * 100)} · 单号 ${orderNo}`,
        by: 'demo-cashier',
        rulesVersion: 1,
        createdAt: at,
        expiresAt: lotExpiry(at, DEFAULT_POINTS_RULES),
        order: { storeId: DEMO_STORE._id, orderNo, amountFen: yuan * 100, cashier: 'demo-cashier' },
      })
    })
    if (demo.redeemed) {
      balance -= demo.redeemed
      ledger.push({
        _id: `redeem:${demo.openid}:seed`,
        openid: demo.openid,
        kind: 'redeem',
        delta: -demo.redeemed,
        balanceAfter: balance,
        reason: '兑换 精品咖啡券',
        by: demo.openid,
        rulesVersion: 1,
        createdAt: new Date(now.getTime() - 5 * DAY_MS),
        expiresAt: null,
      })
    }
    const pointLots = lotsOf(
      ledger.filter((row) => row.openid === demo.openid),
      balance,
    )
    const tierSince = new Date(now.getTime() - 60 * DAY_MS)
    members.push({
      _id: demo.openid,
      cardNo: makeCardNo(random),
      profile: { name: demo.name, gender: demo.gender, birthday: demo.birthday, birthdayMD: monthDay(demo.birthday), avatarFileId: null, phone: null },
      tier: demo.tier,
      tierSince,
      tierUntil: demo.tier === 'regular' ? null : holdUntil(tierSince, DEFAULT_TIER_RULES),
      activity,
      pointsBalance: balance,
      lifetimePoints: lifetime,
      pointLots,
      nextExpiryAt: nextExpiry(pointLots),
      source: { store: DEMO_STORE._id, referrer: null, scene: 'seed' },
      tags: [],
      joinedAt,
      lastActiveAt: new Date(now.getTime() - 2 * DAY_MS),
    })
  }
  const staff = DEMO_STAFF.map((entry) => ({ ...entry, updatedAt: now, updatedBy: null }))
  const rewards = DEMO_REWARDS.map((reward, index) => ({ _id: `rw-demo-${index + 1}`, ...reward, status: 'active', createdAt: now, updatedAt: now, updatedBy: 'demo-owner' }))
  return { stores: [DEMO_STORE], staff, members, ledger, rewards }
}

const DEMO_REWARDS = [
  { name: '手冲咖啡一杯', description: '任选一款当日手冲', pointsCost: 300, stock: 50 },
  { name: '帆布托特包', description: '门店限定款', pointsCost: 1200, stock: 20 },
  { name: '精品咖啡豆 250g', description: '季节拼配', pointsCost: 2500, stock: 10 },
]

function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}
