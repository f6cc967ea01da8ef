import type { CheckoutResult } from '../contract/checkout'
import { priceCheckout, type CheckoutPrice } from '../contract/checkoutPrice'
import { formatFen } from '../contract/format'
import { UNCATEGORISED } from '../contract/statsFields'
import { couponProblem, couponUsed, type CouponDoc } from './coupons'
import { decision, NOT_MEMBER_AT_THE_TILL, pointsPatch, refuse, type Decision, type Refusal } from './decision'
import { ledgerKeys, ledgerRow, orderFactsOf, type CheckoutFacts, type LedgerRow, type OrderItem, type TillOrder } from './ledger'
import { isActiveMember, pointsStateOf, tierStateOf, type MemberDoc } from './member'
import { pointsChangeMessage, tierChangeMessage } from './messages'
import { recordPurchase } from './rfm'
import { visitFactsOf } from './visit'
import { earn, lotExpiry, pointsForPurchase, spend } from './points'
import { pointsRulesOf, type Rules } from './rules'
import { tierChangeRow } from './tierMoves'
import { decideUpgrade, definitionOf, qualifyingFigure, recordActivity } from './tiers'

/** One order at the till: `amountFen` is 原价; the coupon and points are what the cashier picked. */
export type Checkout = Omit<TillOrder, 'items' | 'visit'> & {
  couponId: string | null
  points: number
  /** 应付 as the till showed it; null when the caller did not say. */
  expectedPayableFen: number | null
  /** The order's lines, when listed; they add up to `amountFen` (the schema checks). A line without a category counts as 未分类. */
  items?: Array<{ name: string; quantity: number; priceFen: number; category?: string }>
}

/** What the transaction read: the member, and the picked coupon (null when none was picked or it does not exist). */
export interface CheckoutState {
  member: MemberDoc | null
  coupon: CouponDoc | null
}

/** Keyed like an accrual: an order number earns once, whichever way it was recorded. */
export const checkoutKey = (command: Pick<Checkout, 'storeId' | 'orderNo'>) => ledgerKeys.order(command.storeId, command.orderNo)

/** The tier's discount and the points rules the till prices with. */
export function checkoutTerms(member: MemberDoc, rules: Rules) {
  const tier = definitionOf(member.tier, rules.tiers)
  const pointsRules = pointsRulesOf(rules)
  return {
    tierName: tier.name,
    discountPercent: tier.discountPercent,
    pointsPerCashYuan: pointsRules.pointsPerCashYuan,
    maxCashShare: pointsRules.maxCashShare,
    pointsPerPaidYuan: Math.round(pointsRules.pointsPerYuan * pointsRules.tierMultipliers[member.tier] * 10_000) / 10_000,
  }
}

/**
 * The whole order in one decision: the tier discount, the coupon used, the points spent (oldest
 * first), and points earned on what is actually paid, with any upgrade that spend brings. Its one
 * ledger row is keyed by the order number, like an accrual's.
 */
export function decideCheckout(state: CheckoutState, command: Checkout, rules: Rules, now: Date): Decision | Refusal {
  const { member, coupon } = state
  if (!isActiveMember(member)) return NOT_MEMBER_AT_THE_TILL
  const { openid, orderNo, amountFen, cashier, couponId, points, expectedPayableFen } = command
  if (couponId !== null) {
    if (!coupon) return refuse('NOT_FOUND', '找不到该优惠券', 'couponId')
    if (coupon.openid === cashier) return refuse('FORBIDDEN', '不能核销自己的优惠券', 'couponId')
    const problem = couponProblem(coupon, openid, amountFen, now)
    if (problem) return refuse('CONFLICT', problem, 'couponId')
  }
  const terms = checkoutTerms(member, rules)
  const priced = priceCheckout({
    amountFen,
    discountPercent: terms.discountPercent,
    coupon,
    points,
    pointsBalance: member.pointsBalance,
    pointsPerCashYuan: terms.pointsPerCashYuan,
    maxCashShare: terms.maxCashShare,
  })
  if (!priced.ok) return refuse(points > member.pointsBalance ? 'INSUFFICIENT_POINTS' : 'INVALID_INPUT', priced.problem.message, priced.problem.field)
  const { price } = priced
  if (expectedPayableFen !== null && expectedPayableFen !== price.payableFen) return refuse('CONFLICT', `应付金额已变为 ${formatFen(price.payableFen)}，请重新确认`, 'expectedPayable')

  const pointsRules = pointsRulesOf(rules)
  const spent = spend(pointsStateOf(member), price.pointsUsed)
  if (!spent.ok) return refuse('INSUFFICIENT_POINTS')
  const earned = pointsForPurchase(price.payableFen, member.tier, pointsRules)
  const expiresAt = lotExpiry(now, pointsRules)
  const after = earn(spent.state, earned, expiresAt)
  const activity = recordActivity(member.activity, now, price.payableFen, earned, now, 1)
  const upgrade = decideUpgrade(tierStateOf(member), qualifyingFigure(activity, rules.tiers.basis, now), rules.tiers, now)
  const facts: CheckoutFacts = {
    tierDiscountFen: price.tierDiscountFen,
    coupon: coupon && { id: coupon._id, code: coupon.code, title: coupon.title, discountFen: price.couponDiscountFen, returnsOnFullRefund: rules.points.returnCouponOnRefund ?? true },
    maxPoints: price.maxPoints,
    pointsUsed: price.pointsUsed,
    pointsEarned: earned,
    cashFen: price.cashFen,
    paidFen: price.payableFen,
    ...(command.items?.length ? { items: command.items.map(({ name, quantity, priceFen }) => ({ name, quantity, priceFen })) } : {}),
  }
  const order = orderFactsOf({ storeId: command.storeId, orderNo, amountFen, cashier, checkout: facts, items: orderItemsOf(command.items), visit: visitFactsOf(member, now) })
  // One row for the one order: what it spent and earned net, both kept in its facts. One insert
  // keeps a checkout with a coupon and points within 8 round trips; the history shows two lines.
  const reason = `消费 ${formatFen(price.payableFen)} · 单号 ${orderNo}${price.pointsUsed > 0 ? ` · 积分抵现 ${formatFen(price.cashFen)}` : ''}`
  const ledger: LedgerRow[] = [
    ledgerRow({
      openid,
      by: cashier,
      rulesVersion: rules.version,
      at: now,
      key: checkoutKey(command),
      kind: 'earn',
      delta: earned - price.pointsUsed,
      balanceAfter: after.pointsBalance,
      reason,
      expiresAt: earned > 0 ? expiresAt : null,
      order,
    }),
  ]
  return decision(openid, {
    ledger,
    couponUpdate: coupon && { id: coupon._id, patch: couponUsed(cashier, orderNo, now) },
    member: { ...pointsPatch(after), activity, ...recordPurchase(member, now), lastActiveAt: now, ...upgrade?.state },
    tierChange: upgrade && tierChangeRow(openid, upgrade.change, rules.version),
    messages: [...(ledger[0].delta !== 0 ? [pointsChangeMessage(openid, ledger[0])] : []), ...(upgrade ? [tierChangeMessage(openid, upgrade.change, rules.tiers)] : [])],
  })
}

/** The checkout's lines as the order's categorised lines (order.items): each line's total, 未分类 where none was picked. */
export function orderItemsOf(items: Checkout['items']): OrderItem[] | undefined {
  if (!items?.length) return undefined
  return items.map(({ name, quantity, priceFen, category }) => ({ name, category: category ?? UNCATEGORISED, quantity, amountFen: priceFen * quantity }))
}

/** The same order number is the same checkout only for the same member, amount, coupon and points. */
export function isSameCheckout(original: LedgerRow, command: Checkout): boolean {
  const facts = original.order?.checkout
  if (!facts || original.openid !== command.openid || original.order?.amountFen !== command.amountFen) return false
  return (facts.coupon?.id ?? null) === command.couponId && facts.pointsUsed === command.points
}

/** The checkout as its order row records it: what the first call answered, and what a repeat answers. */
export function checkoutAnswer(row: LedgerRow, member: Pick<MemberDoc, 'profile' | 'cardNo'>, duplicate: boolean): Omit<CheckoutResult, 'tierChange'> {
  const facts = row.order?.checkout
  const amountFen = row.order?.amountFen ?? 0
  const price: CheckoutPrice = {
    amountFen,
    tierDiscountFen: facts?.tierDiscountFen ?? 0,
    couponDiscountFen: facts?.coupon?.discountFen ?? 0,
    maxPoints: facts?.maxPoints ?? 0,
    pointsUsed: facts?.pointsUsed ?? 0,
    cashFen: facts?.cashFen ?? 0,
    payableFen: facts?.paidFen ?? amountFen,
  }
  return {
    orderNo: row.order?.orderNo ?? '',
    memberName: member.profile.name,
    cardNo: member.cardNo,
    price,
    coupon: facts?.coupon ? { code: facts.coupon.code, title: facts.coupon.title } : null,
    pointsEarned: facts?.pointsEarned ?? row.delta,
    pointsBalance: row.balanceAfter,
    duplicate,
  }
}
