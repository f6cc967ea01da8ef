import type { TierId } from '../cloudfunctions/shared/contract/enums'
import { DEFAULT_RFM_THRESHOLDS, type RfmClass } from '../cloudfunctions/shared/contract/marketingFields'
import type { DEFAULT_CATEGORIES } from '../cloudfunctions/shared/contract/statsFields'
import type { OrderItem } from '../cloudfunctions/shared/domain/ledger'
import { classify, recordPurchase } from '../cloudfunctions/shared/domain/rfm'
import { DEFAULT_TIER_RULES, tierFor, WINDOW_MONTHS } from '../cloudfunctions/shared/domain/tiers'
import type { CrowdMember } from './demoMarketing'
import { DEMO_SECOND_STORE, DEMO_STORE } from './demoStaff'

/**
 * The demo's everyday shop: about 270 members beside the named ones and the marketing crowd, who
 * joined over the last 12 months (more each month, and at 滨江店 from its opening 200 days ago) and
 * bought as a café's members do: a few almost daily, weekly regulars, monthly ones, the occasional
 * visit, one-offs, regulars who went quiet 40–120 days ago and some who never bought. Weekends are
 * busier, December and the summer more so; each order lists its lines by category (咖啡 most). The
 * purchases go through demoData's ledger loop like everyone's, so the shop reconciles; the tier is
 * the one the till would have given them at the purchase that crossed its threshold.
 *
 * Deterministic for a given `now`: one seeded random per member, everything relative to `now`.
 * Each member's RFM class is the same for the next two days (so a journey that moves the clock to
 * the morning and reclassifies finds the classes the seed wrote), and their tier is still supported
 * by their 12-month spend today (so a rules preview finds no downgrade due).
 */

const DAY_MS = 24 * 60 * 60 * 1000
const BEIJING_MS = 8 * 60 * 60 * 1000
/** How many members this module adds. */
export const SHOP_MEMBERS = 270
/** 滨江店 (DEMO_SECOND_STORE) opened this many days before `now` (demoStaff's createdAt). */
const SECOND_STORE_OPENED_DAYS_AGO = 200

type Category = (typeof DEFAULT_CATEGORIES)[number]

export interface ShopPurchase {
  daysAgo: number
  yuan: number
  store: string
  items: OrderItem[]
}

export interface ShopMember {
  openid: string
  name: string
  gender: 'male' | 'female'
  birthday: string
  phone?: string
  /** The store they joined at (`source.store`). */
  store: string
  joinedDaysAgo: number
  lastActiveDaysAgo: number
  tier: TierId
  tierSinceDaysAgo: number
  purchases: ShopPurchase[]
  tags: string[]
  consent: CrowdMember['consent']
}

/** The menu, yuan per item. */
const MENU: Record<Category, Array<[string, number]>> = {
  咖啡: [
    ['美式', 22],
    ['冰美式', 24],
    ['拿铁', 28],
    ['卡布奇诺', 28],
    ['澳白', 30],
    ['燕麦拿铁', 32],
    ['桂花拿铁', 32],
    ['手冲·耶加雪菲', 38],
  ],
  茶饮: [
    ['柠檬红茶', 18],
    ['冰柠檬茶', 20],
    ['白桃乌龙', 22],
    ['抹茶拿铁', 30],
  ],
  烘焙: [
    ['可颂', 18],
    ['布朗尼', 20],
    ['肉桂卷', 22],
    ['巴斯克蛋糕', 32],
  ],
  轻食: [
    ['贝果套餐', 34],
    ['鸡肉三明治', 36],
    ['牛油果吐司', 38],
    ['凯撒沙拉', 42],
  ],
  周边: [
    ['帆布袋', 58],
    ['挂耳咖啡 10 片', 68],
    ['精品咖啡豆 250g', 98],
    ['随行杯', 128],
  ],
}
const MIN_ORDER_YUAN = 18
const MAX_ORDER_YUAN = 260

/** How often each kind of member buys: the chance of a visit on an ordinary day. */
const HABITS = {
  daily: 0.45,
  weekly: 0.16,
  monthly: 0.04,
  occasional: 0.012,
  oneOff: 0,
  lapsed: 0.14,
  never: 0,
} as const
type Habit = keyof typeof HABITS

const SURNAMES =
  '王李张刘杨黄吴周徐马朱胡郭何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤'
const FEMALE = [
  '雨萱',
  '思琪',
  '佳怡',
  '梦瑶',
  '晓彤',
  '静怡',
  '诗雨',
  '欣然',
  '婉婷',
  '可馨',
  '语嫣',
  '雅琪',
  '紫涵',
  '梓琳',
  '悦然',
  '若楠',
  '心怡',
  '嘉欣',
  '思彤',
  '晨曦',
  '芷若',
  '安琪',
  '乐瑶',
  '书瑶',
  '慧敏',
  '丽娟',
]
const MALE = [
  '子轩',
  '宇航',
  '俊杰',
  '天佑',
  '博文',
  '皓轩',
  '志强',
  '文博',
  '泽宇',
  '嘉豪',
  '明哲',
  '子墨',
  '承泽',
  '一帆',
  '宏伟',
  '建华',
  '立新',
  '国栋',
  '家豪',
  '铭轩',
  '晨阳',
  '景行',
  '思源',
  '振宇',
  '鹏飞',
  '海涛',
]
const PHONE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '186', '188', '189']
/** The named members' last 4 digits: staff find each of them alone by theirs. */
const RESERVED_PHONE4 = new Set(['5678', '1234', '2468'])
/** 林晓雨's birthday: the birthday journey's day is hers. */
const RESERVED_BIRTHDAY = '03-18'

/** A small, fast seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed from a text (FNV-1a), so each member and order draws from its own sequence. */
export function seedOf(text: string): number {
  let hash = 2166136261
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
  return hash >>> 0
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]
function weighted<T extends string>(random: () => number, weights: Partial<Record<T, number>>): T {
  const entries = Object.entries(weights) as Array<[T, number]>
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0)
  for (const [key, weight] of entries) if ((roll -= weight) < 0) return key
  return entries[entries.length - 1][0]
}

/** The Beijing calendar: day numbers since 1970, their start, weekday and month (UTC+8 all year). */
const dayOf = (ms: number) => Math.floor((ms + BEIJING_MS) / DAY_MS)
const dayStart = (day: number) => day * DAY_MS - BEIJING_MS
const weekdayOf = (day: number) => new Date(day * DAY_MS).getUTCDay()
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth() + 1

/** Weekends are busier, Fridays a little. */
const WEEKDAY_FACTOR = [1.45, 0.88, 0.88, 0.9, 0.92, 1.1, 1.5]
/** The year: a December bump (the holidays), iced drinks in summer, quiet around the Spring Festival. */
const MONTH_FACTOR = [0, 1.05, 0.8, 0.95, 1, 1.05, 1.08, 1.18, 1.15, 1, 0.95, 1.1, 1.4]

/** One visit's order: a drink, often something to eat, sometimes for two, now and then beans or a cup. */
function basket(random: () => number, day: number, hour: number): OrderItem[] {
  const month = monthOf(day)
  const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6
  const summer = month >= 6 && month <= 8
  const lines: OrderItem[] = []
  const add = (category: Category, quantity = 1) => {
    const [name, yuan] = pick(random, MENU[category])
    const same = lines.find((line) => line.name === name)
    if (same) {
      same.quantity += quantity
      same.amountFen += yuan * 100 * quantity
    } else lines.push({ name, category, quantity, amountFen: yuan * 100 * quantity })
  }
  const drinks = weekend && random() < 0.35 ? 2 : random() < 0.06 ? 3 : 1
  const drink = (): Category => (random() < (summer ? 0.34 : 0.2) ? '茶饮' : '咖啡')
  if (hour >= 11 && hour < 14 && random() < 0.6) {
    add('轻食', drinks > 1 && random() < 0.5 ? 2 : 1)
    if (random() < 0.75) add(drink(), drinks)
  } else {
    for (let i = 0; i < drinks; i++) add(drink())
    if (random() < (hour < 11 ? 0.42 : 0.5)) add('烘焙', drinks > 1 && random() < 0.5 ? 2 : 1)
  }
  if (random() < (month === 12 ? 0.1 : 0.03)) add('周边')
  let total = lines.reduce((sum, line) => sum + line.amountFen, 0)
  // No line on the menu comes near ¥260 alone (three 手冲 are ¥114): dropping the last lines is enough.
  while (total > MAX_ORDER_YUAN * 100) total -= lines.pop()!.amountFen
  return lines
}

/**
 * Lines for an order whose amount is already fixed (the named members' and the crowd's purchases):
 * menu items up to the amount and the rest as 加料; a large order (a team's, a gift box) as bulk
 * lines across the categories.
 */
export function itemsFor(yuan: number, random: () => number): OrderItem[] {
  if (yuan > MAX_ORDER_YUAN) {
    const shares: Array<[Category, string, number, number]> = [
      ['咖啡', '团购·拿铁', 28, 0.46],
      ['烘焙', '团购·可颂', 18, 0.22],
      ['茶饮', '团购·白桃乌龙', 22, 0.14],
      ['轻食', '团购·三明治', 36, 0.12],
      ['周边', '精品咖啡豆 250g', 98, 0.06],
    ]
    let left = yuan
    return shares.map(([category, name, price, share], index) => {
      const amount = index === shares.length - 1 ? left : Math.round(yuan * share)
      left -= amount
      return { name, category, quantity: Math.max(1, Math.round(amount / price)), amountFen: amount * 100 }
    })
  }
  const lines: OrderItem[] = []
  let left = yuan
  for (let category: Category = random() < 0.8 ? '咖啡' : '茶饮'; ; category = weighted<Category>(random, { 咖啡: 3, 烘焙: 3, 茶饮: 1.5, 轻食: 1.5 })) {
    const fits = MENU[category].filter(([, price]) => price <= left)
    if (fits.length === 0) break
    const [name, price] = pick(random, fits)
    const same = lines.find((line) => line.name === name)
    if (same) {
      same.quantity++
      same.amountFen += price * 100
    } else lines.push({ name, category, quantity: 1, amountFen: price * 100 })
    left -= price
    if (left < MIN_ORDER_YUAN) break
  }
  if (left > 0) lines.push({ name: '加料', category: '咖啡', quantity: 1, amountFen: left * 100 })
  return lines
}

/** When the members joined: days before today, more in recent months, more on weekends and in December. */
function joinDays(today: number, random: () => number): number[] {
  const weights: number[] = []
  for (let back = 1; back <= 365; back++) {
    const day = today - back
    const growth = 1 + 2.6 * ((365 - back) / 365) ** 1.3
    const opening = back >= SECOND_STORE_OPENED_DAYS_AGO - 14 && back < SECOND_STORE_OPENED_DAYS_AGO ? 2.2 : 1
    weights.push(growth * opening * WEEKDAY_FACTOR[weekdayOf(day)] * MONTH_FACTOR[monthOf(day)])
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const joins: number[] = []
  for (let i = 0; i < SHOP_MEMBERS; i++) {
    let roll = random() * total
    let back = 0
    while (back < weights.length - 1 && (roll -= weights[back]) >= 0) back++
    joins.push(back + 1)
  }
  return joins.sort((a, b) => b - a)
}

function habitFor(random: () => number, joinedDaysAgo: number): Habit {
  if (joinedDaysAgo < 30) return weighted<Habit>(random, { daily: 4, weekly: 30, monthly: 24, oneOff: 26, never: 16 })
  return weighted<Habit>(random, { daily: 5, weekly: 24, monthly: 26, occasional: 14, oneOff: 11, never: 8, ...(joinedDaysAgo >= 170 ? { lapsed: 12 } : {}) })
}

/** A time on `day` (Beijing) when this visit happens: mornings on weekdays, afternoons at weekends. */
function visitTime(random: () => number, day: number, after = 0): number {
  const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6
  const slot = weighted(random, weekend ? { morning: 2, lunch: 3, afternoon: 5, evening: 1 } : { morning: 4.5, lunch: 2.5, afternoon: 2.5, evening: 0.6 })
  const [from, to] = { morning: [7.5, 10.5], lunch: [11.5, 13.75], afternoon: [14, 18.5], evening: [18.5, 21] }[slot]
  const hour = Math.max(after, from + random() * (to - from))
  return dayStart(day) + Math.round(hour * 60) * 60_000
}

interface Drawn {
  joinedAt: number
  store: string
  purchases: Array<{ at: number; store: string; items: OrderItem[] }>
}

/** One member's year: their join and each visit, by their habit. */
function drawMember(random: () => number, today: number, joinedBack: number, habit: Habit, secondStoreOpens: number, home: string): Drawn {
  const joinDay = today - joinedBack
  const other = home === DEMO_STORE._id ? DEMO_SECOND_STORE._id : DEMO_STORE._id
  const storeFor = (day: number) => (random() < 0.07 && (other === DEMO_STORE._id || day >= secondStoreOpens) ? other : home)
  const purchases: Drawn['purchases'] = []
  const buy = (day: number, at: number) => purchases.push({ at, store: storeFor(day), items: basket(random, day, ((at - dayStart(day)) / 3_600_000) % 24) })
  const joinedAt = visitTime(random, joinDay)
  // Most join at the till with their first order, a few minutes after scanning the shop's code.
  const firstOrder = habit !== 'never' && (habit === 'oneOff' || random() < 0.85)
  if (firstOrder) buy(joinDay, joinedAt + (3 + Math.floor(random() * 8)) * 60_000)
  if (habit === 'oneOff' || habit === 'never') return { joinedAt, store: home, purchases }
  const quietFrom = habit === 'lapsed' ? today - (40 + Math.floor(random() * 81)) : today
  const keen = 0.7 + random() * 0.6
  for (let day = joinDay + 1; day < quietFrom; day++) {
    const chance = HABITS[habit] * keen * WEEKDAY_FACTOR[weekdayOf(day)] * MONTH_FACTOR[monthOf(day)]
    if (random() >= chance) continue
    const at = visitTime(random, day)
    buy(day, at)
    // The almost-daily ones sometimes come back in the afternoon.
    if (habit === 'daily' && random() < 0.1) buy(day, visitTime(random, day, (at - dayStart(day)) / 3_600_000 + 2))
  }
  if (habit === 'lapsed' && purchases.length > 0) {
    // Their last weeks before going quiet were regular ones.
    const last = purchases[purchases.length - 1].at
    for (const back of [6, 13, 20]) {
      const day = dayOf(last) - back
      if (day > joinDay && !purchases.some((purchase) => dayOf(purchase.at) === day)) buy(day, visitTime(random, day))
    }
  }
  purchases.sort((a, b) => a.at - b.at)
  return { joinedAt, store: home, purchases }
}

const yuanOf = (items: OrderItem[]) => items.reduce((sum, line) => sum + line.amountFen, 0) / 100

/** The class a member's purchases give at `at`. */
function classAt(joinedAt: number, times: number[], at: number): RfmClass {
  const facts = times.reduce<{ lastPurchaseAt: Date | null; recentPurchases: Date[] }>((state, time) => recordPurchase(state, new Date(time)), { lastPurchaseAt: null, recentPurchases: [] })
  return classify({ joinedAt: new Date(joinedAt), ...facts }, DEFAULT_RFM_THRESHOLDS, new Date(at))
}

/** Beijing `YYYY-MM` as a number of months, without dayjs (a fixed UTC+8, as domain/calendar says). */
const monthIndex = (ms: number) => {
  const local = new Date(ms + BEIJING_MS)
  return local.getUTCFullYear() * 12 + local.getUTCMonth()
}

/**
 * The tier the till would have given at each purchase (the highest reached: decideUpgrade never
 * goes down) and when; null when today's 12-month spend no longer supports it. The figure is
 * domain/tiers' qualifyingFigure (this month and the 11 before), summed here by month number since
 * dayjs per purchase is most of the seed's time.
 */
function tierOf(purchases: Drawn['purchases'], now: Date): { tier: TierId; since: number | null } | null {
  const spend = new Map<number, number>()
  const figureAt = (ms: number) => {
    const month = monthIndex(ms)
    let sum = 0
    for (let back = 0; back < WINDOW_MONTHS; back++) sum += spend.get(month - back) ?? 0
    return sum
  }
  let tier: TierId = 'regular'
  let rank = 0
  let since: number | null = null
  for (const purchase of purchases) {
    const month = monthIndex(purchase.at)
    spend.set(month, (spend.get(month) ?? 0) + Math.round(yuanOf(purchase.items) * 100))
    const reached = tierFor(figureAt(purchase.at), DEFAULT_TIER_RULES)
    const reachedRank = DEFAULT_TIER_RULES.tiers.indexOf(reached)
    if (reachedRank > rank) [tier, rank, since] = [reached.id, reachedRank, purchase.at]
  }
  const supported = DEFAULT_TIER_RULES.tiers.indexOf(tierFor(figureAt(now.getTime()), DEFAULT_TIER_RULES))
  return supported < rank ? null : { tier, since }
}

export function demoShop(now: Date): ShopMember[] {
  const nowMs = now.getTime()
  const today = dayOf(nowMs)
  const random = seededRandom(seedOf(`demo-shop:${today}`))
  const secondStoreOpens = dayOf(nowMs - SECOND_STORE_OPENED_DAYS_AGO * DAY_MS) + 1
  const joins = joinDays(today, random)
  const names = new Set<string>()
  const phones = new Set<string>()
  const members: ShopMember[] = []

  joins.forEach((joinedBack, index) => {
    const openid = `demo-shop-${String(index + 1).padStart(4, '0')}`
    const own = seededRandom(seedOf(openid) ^ today)
    const gender = own() < 0.58 ? 'female' : 'male'
    let name: string
    do name = pick(own, [...SURNAMES]) + pick(own, gender === 'female' ? FEMALE : MALE)
    while (names.has(name))
    names.add(name)
    let birthday: string
    do birthday = `${1972 + Math.floor(own() * 33)}-${String(1 + Math.floor(own() * 12)).padStart(2, '0')}-${String(1 + Math.floor(own() * 28)).padStart(2, '0')}`
    while (birthday.endsWith(RESERVED_BIRTHDAY))
    let phone: string | undefined
    if (own() < 0.78) {
      do phone = pick(own, PHONE_PREFIXES) + String(Math.floor(own() * 1e8)).padStart(8, '0')
      while (phones.has(phone) || RESERVED_PHONE4.has(phone.slice(-4)))
      phones.add(phone)
    }

    // Drawn again (another habit, a day or two earlier) until the class holds for two days and the tier is still earned.
    for (let attempt = 0; ; attempt++) {
      const back = Math.min(365, joinedBack + (attempt >= 4 ? attempt - 3 : 0))
      const home = today - back >= secondStoreOpens && own() < 0.45 ? DEMO_SECOND_STORE._id : DEMO_STORE._id
      const habit = habitFor(own, back)
      const drawn = drawMember(own, today, back, habit, secondStoreOpens, home)
      const times = drawn.purchases.map((purchase) => purchase.at)
      const rfm = classAt(drawn.joinedAt, times, nowMs)
      const steady = [12, 24, 36, 48].every((hours) => classAt(drawn.joinedAt, times, nowMs + hours * 3_600_000) === rfm)
      let tier = tierOf(drawn.purchases, now)
      if ((!steady || !tier) && attempt < 40) continue
      if (!tier) {
        // Spend from before the 12 months that count today reached a tier today's spend no longer holds: keep the months that count.
        drawn.purchases = drawn.purchases.filter((purchase) => monthIndex(nowMs) - monthIndex(purchase.at) < WINDOW_MONTHS)
        times.splice(0, times.length, ...drawn.purchases.map((purchase) => purchase.at))
        tier = tierOf(drawn.purchases, now)!
      }
      const daysAgo = (at: number) => (nowMs - at) / DAY_MS
      const spend = drawn.purchases.reduce((sum, purchase) => sum + yuanOf(purchase.items), 0)
      const coffee = drawn.purchases.flatMap((purchase) => purchase.items).filter((line) => line.category === '咖啡').length
      const tags = [
        ...(coffee >= 20 && own() < 0.6 ? ['咖啡控'] : []),
        ...(habit === 'weekly' || habit === 'daily' ? (own() < 0.3 ? ['上班族'] : []) : []),
        ...(spend > 0 && own() < 0.08 ? ['周末常客'] : []),
      ]
      const consent: CrowdMember['consent'] = []
      if (own() < 0.3) consent.push('tierChange')
      if (own() < 0.4) consent.push('campaignCoupon')
      if (own() < 0.25) consent.push('campaignActivity')
      const last = times.length ? times[times.length - 1] : drawn.joinedAt
      members.push({
        openid,
        name,
        gender,
        birthday,
        ...(phone ? { phone } : {}),
        store: drawn.store,
        joinedDaysAgo: daysAgo(drawn.joinedAt),
        lastActiveDaysAgo: daysAgo(last),
        tier: tier?.tier ?? 'regular',
        tierSinceDaysAgo: daysAgo(tier?.since ?? drawn.joinedAt),
        purchases: drawn.purchases.map((purchase) => ({ daysAgo: daysAgo(purchase.at), yuan: yuanOf(purchase.items), store: purchase.store, items: purchase.items })),
        tags,
        consent,
      })
      break
    }
  })
  return members
}
