import type { TierId } from '../cloudfunctions/shared/contract/enums'
import { makeCardNo } from '../cloudfunctions/shared/domain/cardNumber'
import { monthDay } from '../cloudfunctions/shared/domain/calendar'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import { nextExpiry, type Lot } from '../cloudfunctions/shared/domain/points'
import { DEFAULT_POINTS_RULES } from '../cloudfunctions/shared/domain/pointsRules'
import { lotExpiry } from '../cloudfunctions/shared/domain/points'

interface DemoRow { kind: string; delta: number; expiresAt?: Date }

/** The lots a history leaves: earned lots by expiry, spent oldest first. */
function lotsOf(rows: DemoRow[], balance: number): Lot[] {
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

/** Every document of the demo, by collection. Deterministic for a given `now` and random source. */
export function demoData(now: Date, random: () => number = seededRandom(2026)) {
  const members: MemberDoc[] = []
  const ledger: object[] = []
  const orders: object[] = []
  for (const demo of DEMO_MEMBERS) {
    const joinedAt = new Date(now.getTime() - 200 * DAY_MS)
    let balance = 0
    let lifetime = 0
    demo.purchases.forEach((yuan, index) => {
      const at = new Date(joinedAt.getTime() + (index + 1) * 30 * DAY_MS)
      const orderNo = `D${demo.openid.slice(-4).toUpperCase()}${String(index + 1).padStart(3, '0')}`
      const orderId = `order:${DEMO_STORE._id}:${orderNo}`
      orders.push({ _id: orderId, openid: demo.openid, storeId: DEMO_STORE._id, orderNo, amountFen: yuan * 100, pointsEarned: yuan, cashier: 'demo-cashier', createdAt: at })
      ledger.push({ _id: orderId, openid: demo.openid, kind: 'earn', delta: yuan, remaining: yuan, expiresAt: lotExpiry(at, DEFAULT_POINTS_RULES), reason: `消费 ¥${yuan.toFixed(2)}`, by: 'demo-cashier', rulesVersion: 1, createdAt: at })
      balance += yuan
      lifetime += yuan
    })
    if (demo.redeemed) {
      ledger.push({ _id: `redeem:seed:${demo.openid}`, openid: demo.openid, kind: 'redeem', delta: -demo.redeemed, reason: '兑换：精品咖啡券', by: demo.openid, rulesVersion: 1, createdAt: new Date(now.getTime() - 5 * DAY_MS) })
      balance -= demo.redeemed
    }
    const pointLots = lotsOf(ledger.filter((row) => (row as { openid: string }).openid === demo.openid) as DemoRow[], balance)
    members.push({
      _id: demo.openid,
      cardNo: makeCardNo(random),
      profile: { name: demo.name, gender: demo.gender, birthday: demo.birthday, birthdayMD: monthDay(demo.birthday) },
      tier: demo.tier,
      tierSince: new Date(now.getTime() - 60 * DAY_MS),
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
  return { stores: [DEMO_STORE], staff, members, ledger, orders }
}

function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}
