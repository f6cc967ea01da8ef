import { fromShopDateTime, toShopDateTime } from '../cloudfunctions/shared/contract/activityFields'
import { formatFen } from '../cloudfunctions/shared/contract/format'
import type { TicketRef } from '../cloudfunctions/shared/contract/ticket'
import { DEFAULT_SLA, TICKET_NUMBER, type TicketCategory } from '../cloudfunctions/shared/contract/ticketFields'
import type { ActivityDoc, SignupDoc } from '../cloudfunctions/shared/domain/activity'
import { makeCouponCode } from '../cloudfunctions/shared/domain/birthday'
import { shopDate } from '../cloudfunctions/shared/domain/calendar'
import type { CouponDoc } from '../cloudfunctions/shared/domain/coupons'
import type { Decision } from '../cloudfunctions/shared/domain/decision'
import type { LedgerRow, OrderRow } from '../cloudfunctions/shared/domain/ledger'
import type { MemberDoc } from '../cloudfunctions/shared/domain/member'
import { DEFAULT_RULES } from '../cloudfunctions/shared/domain/rules'
import { decideTicketEvent, latestResolution, newTicket, ticketNumber, type Actor, type EventInput, type TicketDoc } from '../cloudfunctions/shared/domain/ticket'
import { decideCompensation } from '../cloudfunctions/shared/domain/ticketCompensation'
import { sweptUntil } from '../local/fixtures'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

const GOLD = 'demo-member-gold'
const REGULAR = 'demo-member-regular'
const SERVICE: Actor = { kind: 'staff', openid: 'demo-service', role: 'service', name: '客服小周' }

/** A day's ticket counter, as `claimNumber` keeps it: the next filing that day takes `n + 1`. */
export interface TicketDayCounter {
  _id: string
  n: number
}

/** What the tickets are built against; a compensation is written into it as applyDecision would write it. */
export interface DemoShop {
  members: MemberDoc[]
  ledger: LedgerRow[]
  coupons: CouponDoc[]
  activities: ActivityDoc[]
  signups: SignupDoc[]
}

interface Step {
  at: Date
  by: Actor
  input: EventInput
}

interface TicketPlan {
  openid: string
  category: TicketCategory
  text: string
  filedAt: Date
  ref: TicketRef | null
  steps: Step[]
}

/**
 * The demo's complaint tickets, one in each state the queue and 我的反馈 show: two 待受理 (one just
 * filed, one past its first-response time and escalated by the timer), one 处理中 with 客服小周's
 * reply and an internal note, one 待确认 whose resolution compensated 50 points, three 已关闭
 * (rated 5; rated 2 with an open revisit and one call logged; closed by the timer after three days
 * unanswered) and one 已撤回. Each is filed with `newTicket` and lived through `decideTicketEvent`
 * with its actor and time, the 15-minute timer's `decideSweep` running between steps, so every
 * derived field is what the functions would have left. Numbers follow the Beijing day's counter.
 */
export function demoTickets(now: Date, shop: DemoShop): { tickets: TicketDoc[]; counters: TicketDayCounter[] } {
  /** `days` from today at `time`, Beijing time. */
  const on = (days: number, time: string) => fromShopDateTime(`${toShopDateTime(new Date(now.getTime() + days * DAY_MS)).slice(0, 10)} ${time}`)!
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR_MS)
  const after = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE_MS)
  const member = (openid: string): Actor => ({ kind: 'member', openid })
  const step = (at: Date, by: Actor, input: EventInput): Step => ({ at, by, input })
  const take = (at: Date) => step(at, SERVICE, { event: 'assign', to: { openid: 'demo-service', name: '客服小周' } })

  const goldOrder = orderBefore(shop, GOLD, on(-12, '10:40'))
  const regularOrder = orderBefore(shop, REGULAR, on(-19, '10:20'))
  const plans: TicketPlan[] = []
  const plan = (openid: string, category: TicketCategory, filedAt: Date, text: string, ref: TicketRef | null, steps: (filedAt: Date) => Step[]) =>
    plans.push({ openid, category, text, filedAt, ref, steps: steps(filedAt) })

  // 陈一鸣 asks after the points of an order; he never answers the resolution and the timer closes it.
  plan(REGULAR, 'points', on(-19, '10:20'), `上次那笔 ${formatFen(regularOrder.order.amountFen)} 的消费，积分好像没到账，麻烦帮忙查一下。`, orderRefOf(regularOrder), (at) => [
    take(after(at, 30)),
    step(after(at, 40), SERVICE, { event: 'resolve', summary: `已核对，该订单的 ${regularOrder.delta} 积分已于消费当天到账，可在「积分明细」中查看`, compensation: null }),
  ])
  // 林晓雨 withdraws a complaint the shop put right before anyone answered it.
  plan(GOLD, 'environment', on(-19, '15:10'), '靠窗那一排座位的空调出风口一直对着人吹，坐久了很冷，能调一下吗？', null, (at) => [
    step(after(at, 12), member(GOLD), { event: 'memberReply', text: '店员已经帮忙把风向调开了，谢谢。' }),
    step(after(at, 14), member(GOLD), { event: 'withdraw' }),
  ])
  // Filed on an evening after the launch: nobody answered by 22:15, the timer escalated it; rated 2, so a revisit is open.
  plan(REGULAR, 'activity', on(-14, '20:15'), '报名了秋冬新品发布会，但一直没收到活动提醒，想起来的时候已经结束了，希望以后能提前通知。', activityRefOf(shop, REGULAR, 'act-demo-launch'), () => [
    take(on(-13, '09:05')),
    step(on(-13, '09:10'), SERVICE, { event: 'reply', text: '您好，很抱歉您错过了发布会。活动提醒需要在报名时允许订阅消息，下次报名时请留意弹出的授权提示。' }),
    step(on(-13, '10:00'), SERVICE, { event: 'resolve', summary: '已说明订阅提醒的开启方式，下次活动将优先为您预留名额', compensation: null }),
    step(on(-13, '12:30'), member(REGULAR), { event: 'rate', score: 2, comment: '道理讲清楚了，但发布会还是错过了。' }),
    step(on(-12, '15:00'), SERVICE, { event: 'contact', channel: 'phone', outcome: 'reached', note: '已电话沟通。会员希望下次活动前一天能电话提醒，已记录，补偿方案待店长确认。' }),
  ])
  // About one of her orders: answered in minutes, replaced the next morning, rated 5.
  plan(GOLD, 'product', on(-12, '10:40'), '上周在店里买的咖啡豆，回家打开发现包装漏气，豆子已经不新鲜了，希望能处理一下。', orderRefOf(goldOrder), (at) => [
    take(after(at, 15)),
    step(after(at, 20), SERVICE, { event: 'reply', text: '您好，非常抱歉给您带来不便！方便时请把咖啡豆带到门店，我们为您免费更换同款新豆。' }),
    step(after(at, 140), member(GOLD), { event: 'memberReply', text: '好的，我明天上午过去。' }),
    step(on(-11, '09:30'), SERVICE, { event: 'resolve', summary: '已为会员免费更换同款咖啡豆一包，并检查了同批次库存', compensation: null }),
    step(on(-10, '18:20'), member(GOLD), { event: 'rate', score: 5, comment: '处理很快，店员态度也很好！' }),
  ])
  // Answered, looked into, resolved with 50 points through the ledger; waiting for 陈一鸣 to confirm.
  plan(REGULAR, 'service', hoursAgo(28), '周末下午排队点单等了二十多分钟，店员也没有解释，体验很不好。', null, (at) => [
    take(after(at, 10)),
    step(after(at, 15), SERVICE, { event: 'reply', text: '非常抱歉让您久等了！我们正在核实当天的排班情况，稍后给您答复。' }),
    step(after(at, 20), SERVICE, { event: 'note', text: '当天下午两位店员请假，只有一人当班。已提醒店长调整周末排班。' }),
    step(hoursAgo(6), SERVICE, { event: 'resolve', summary: '已调整周末高峰时段的排班，并为您补偿 50 积分，感谢您的反馈', compensation: { kind: 'points', points: 50 } }),
  ])
  // Being worked on by 客服小周: replied, the member answered, an internal note on what was found.
  plan(GOLD, 'points', hoursAgo(8), '前几天用积分兑换的精品咖啡券，到店出示兑换码，店员说系统里查不到，没能领取。', null, (at) => [
    take(after(at, 12)),
    step(after(at, 18), SERVICE, { event: 'reply', text: '您好，已收到。麻烦告诉我们您到店的大致时间，我们查一下当时的核销记录。' }),
    step(after(at, 40), member(GOLD), { event: 'memberReply', text: '是前天下午三点左右。' }),
    step(after(at, 60), SERVICE, { event: 'note', text: '兑换码 K7PQ2MXA 仍是待领取，疑似当天收银端网络异常。已请小李在会员下次到店时直接核销。' }),
  ])
  // Nobody has answered for five hours: past the 2-hour promise, marked and escalated by the timer.
  plan(REGULAR, 'environment', hoursAgo(5), '店门口的台阶下雨天很滑，今天差点摔倒，建议放个防滑垫。', null, () => [])
  plan(GOLD, 'other', new Date(now.getTime() - 20 * MINUTE_MS), '希望店里能增加几款低因咖啡，晚上也想喝一杯但怕影响睡眠。', null, () => [])

  const { numbered, counters } = numberByDay(plans)
  const compensations: Compensation[] = []
  const tickets = numbered.map(({ id, plan: filing }) => {
    const filer = memberOf(shop, filing.openid)
    const filed = newTicket({
      id,
      openid: filing.openid,
      memberName: filer.profile.name,
      cardNo: filer.cardNo,
      category: filing.category,
      text: filing.text,
      images: [],
      ref: filing.ref,
      sla: DEFAULT_SLA,
      now: filing.filedAt,
    })
    return lived(filed, filing.steps, now, compensations)
  })
  for (const compensation of compensations.sort((a, b) => a.at.getTime() - b.at.getTime())) compensate(shop, compensation)
  return { tickets: tickets.sort((a, b) => a._id.localeCompare(b._id)), counters }
}

/** Filing order within each Beijing day: `T<YYYYMMDD>-0001`, `-0002` …, and each day's counter left where the last filing put it. */
function numberByDay(plans: TicketPlan[]): { numbered: Array<{ id: string; plan: TicketPlan }>; counters: TicketDayCounter[] } {
  const days = new Map<string, number>()
  const numbered = [...plans]
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime())
    .map((plan) => {
      const day = shopDate(plan.filedAt)
      const sequence = (days.get(day) ?? 0) + 1
      days.set(day, sequence)
      const id = ticketNumber(plan.filedAt, sequence)
      if (!TICKET_NUMBER.test(id)) throw new Error(`demo data: ${id} is not a ticket number`)
      return { id, plan }
    })
  return { numbered, counters: [...days].map(([day, n]) => ({ _id: `ticket:${day}`, n })) }
}

interface Compensation {
  at: Date
  ticket: TicketDoc
  by: string
  input: EventInput & { event: 'resolve' }
}

/** The ticket through its steps, the timer firing between them and up to `now` as it would have. */
function lived(filed: TicketDoc, steps: Step[], now: Date, compensations: Compensation[]): TicketDoc {
  let ticket = filed
  for (const { at, by, input } of steps) {
    ticket = sweptUntil(ticket, at)
    const verdict = decideTicketEvent(ticket, by, input, at)
    if (verdict.kind !== 'transition')
      throw new Error(`demo data: ${ticket._id} ${input.event} at ${at.toISOString()}: ${verdict.kind === 'refused' ? `${verdict.code} ${verdict.message ?? ''}` : 'nothing to change'}`)
    ticket = verdict.ticket
    if (input.event === 'resolve' && input.compensation && by.kind === 'staff') compensations.push({ at, ticket, by: by.openid, input })
  }
  return sweptUntil(ticket, now)
}

/**
 * A resolution's compensation, decided by `decideCompensation` on the member and written as
 * applyDecision writes a decision: the ledger row appended, the member patched. The member is
 * taken as the demo leaves them, which is who they were at the resolution only if nothing moved
 * their points since: checked, not assumed.
 */
function compensate(shop: DemoShop, { at, ticket, by, input }: Compensation): void {
  const given = latestResolution(ticket)?.compensation
  if (!given || !input.compensation) throw new Error(`demo data: ${ticket._id} has no compensation to give`)
  const index = shop.members.findIndex((candidate) => candidate._id === ticket.openid)
  const later = shop.ledger.find((row) => row.openid === ticket.openid && new Date(row.createdAt).getTime() > at.getTime())
  if (later) throw new Error(`demo data: ${ticket._id} compensates at ${at.toISOString()}, before ${later._id}; move the resolution after the member's last movement`)
  const decision = decideCompensation(shop.members[index] ?? null, ticket._id, given, input.compensation, by, DEFAULT_RULES, at, makeCouponCode(seededRandom(at.getTime())))
  if (decision.kind === 'refused') throw new Error(`demo data: ${ticket._id}'s compensation refused: ${decision.code}`)
  applyToDemo(shop, index, decision)
}

/** What data/applyDecision writes, on the demo's documents; a decision with parts it does not write here is refused. */
function applyToDemo(shop: DemoShop, index: number, decision: Decision): void {
  if (decision.tierChange || decision.couponUpdate || decision.redemption || decision.refund) throw new Error(`demo data: a compensation for ${decision.openid} writes more than the demo applies`)
  shop.ledger.push(...decision.ledger)
  if (decision.coupon) shop.coupons.push(decision.coupon)
  shop.members[index] = { ...shop.members[index], ...decision.member }
}

function memberOf(shop: DemoShop, openid: string): MemberDoc {
  const found = shop.members.find((candidate) => candidate._id === openid)
  if (!found) throw new Error(`demo data: no member ${openid}`)
  return found
}

/** The member's latest order before `before`: a ticket can only name an order that existed when it was filed. */
function orderBefore(shop: DemoShop, openid: string, before: Date): OrderRow {
  const orders = shop.ledger.filter((row): row is OrderRow => row.openid === openid && row.kind === 'earn' && row.order !== undefined && new Date(row.createdAt).getTime() < before.getTime())
  const latest = orders.sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())[0]
  if (!latest) throw new Error(`demo data: ${openid} has no order before ${before.toISOString()}`)
  return latest
}

/** As the filing labels it (app/tickets refOf). */
function orderRefOf(row: OrderRow): TicketRef {
  return { kind: 'order', id: row._id, label: `订单 ${row.order.orderNo}` }
}

/** An activity the member signed up to, as the filing labels it (app/tickets refOf). */
function activityRefOf(shop: DemoShop, openid: string, activityId: string): TicketRef {
  const activity = shop.activities.find((candidate) => candidate._id === activityId)
  if (!activity || activity.status === 'draft') throw new Error(`demo data: no activity ${activityId}`)
  if (!shop.signups.some((signup) => signup.activityId === activityId && signup.openid === openid)) throw new Error(`demo data: ${openid} did not sign up to ${activityId}`)
  return { kind: 'activity', id: activityId, label: activity.title }
}

function seededRandom(seed: number): () => number {
  let state = seed % 4294967296
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}
