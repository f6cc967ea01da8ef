import { checkoutPayload, quotePayload, refundableOrderPayload, type CheckoutQuote, type CheckoutResult, type QuotedCoupon, type RefundableOrder } from '../../shared/contract/checkout'
import { refusalError, replayOrMismatch, settle } from '../../shared/app/commands'
import { couponIn, couponsRepo } from '../../shared/data/coupons'
import { ledgerRepo } from '../../shared/data/ledger'
import { memberIn, membersRepo } from '../../shared/data/members'
import { refundsRepo } from '../../shared/data/refunds'
import { activeRules } from '../../shared/data/rules'
import { inTransaction } from '../../shared/data/transaction'
import { checkoutAnswer, checkoutKey, checkoutTerms, decideCheckout, isSameCheckout, type Checkout } from '../../shared/domain/checkout'
import { couponProblem, toCoupon } from '../../shared/domain/coupons'
import { isActiveMember } from '../../shared/domain/member'
import { refundBasisOf } from '../../shared/domain/refund'
import { definitionOf } from '../../shared/domain/tiers'
import { AppError, defineAction } from '../../shared/runtime'
import { resolveMemberCode } from '../../shared/runtime/memberCode'
import { afterPurchase } from '../../shared/app/afterPurchase'
import { orderRowsOf } from './refund'
import { checkCategories } from './categories'

/** The scanned member and what the till may offer them on this amount: discount, coupons, the points rule. */
export const quote = defineAction({
  schema: quotePayload,
  audit: false,
  async handler({ memberCode, amount: amountFen }, { db, now }): Promise<CheckoutQuote> {
    const openid = resolveMemberCode(memberCode, now)
    const [member, coupons, rules] = await Promise.all([membersRepo(db).byOpenid(openid), couponsRepo(db).availableOf(openid, now), activeRules(db, now)])
    if (!isActiveMember(member)) throw new AppError('NOT_MEMBER', '该会员不存在或已注销')
    const quoted: QuotedCoupon[] = coupons.map((doc) => {
      const problem = couponProblem(doc, openid, amountFen, now)
      return { ...toCoupon(doc, now), id: doc._id, usable: problem === null, unusableReason: problem }
    })
    const { tierName, discountPercent, pointsPerCashYuan, maxCashShare, pointsPerPaidYuan } = checkoutTerms(member, rules)
    return {
      memberName: member.profile.name,
      cardNo: member.cardNo,
      tier: member.tier,
      tierName,
      discountPercent,
      pointsBalance: member.pointsBalance,
      pointsPerCashYuan,
      maxCashShare,
      pointsPerPaidYuan,
      // A stable sort keeps the repository's soonest-to-expire order within each group.
      coupons: [...quoted].sort((a, b) => Number(b.usable) - Number(a.usable)),
    }
  },
})

/**
 * One order, in one transaction: read the member and the picked coupon, decide, write the order's
 * row, the coupon used and the member. The order number is the key, as for an accrual.
 */
export const checkout = defineAction({
  schema: checkoutPayload,
  async handler({ memberCode, storeId, orderNo, amount: amountFen, couponId, points, expectedPayable, items }, { db, openid: cashier, now, audit }): Promise<CheckoutResult> {
    const command: Checkout = {
      openid: resolveMemberCode(memberCode, now),
      storeId,
      orderNo,
      amountFen,
      cashier,
      couponId: couponId ?? null,
      points,
      expectedPayableFen: expectedPayable ?? null,
      items: items?.map((item) => ({ name: item.name, quantity: item.quantity, priceFen: item.price, ...(item.category !== undefined && { category: item.category }) })),
    }
    audit.member = command.openid
    const [rules] = await Promise.all([activeRules(db, now), checkCategories(db, items)])
    const { member, outcome } = await inTransaction(db, async (transaction) => {
      const member = await memberIn(transaction, command.openid)
      const coupon = command.couponId ? await couponIn(transaction, command.couponId) : null
      return { member, outcome: await settle(transaction, decideCheckout({ member, coupon }, command, rules, now)) }
    })
    if (outcome.kind === 'refused' && outcome.code === 'NOT_MEMBER') throw refusalError(outcome)
    if (outcome.kind !== 'applied') {
      // A repeat is checked before a refusal: the first checkout may be what used the coupon or the points.
      const original = await ledgerRepo(db).byId(checkoutKey(command))
      return replayOrMismatch(
        original,
        (row) => isSameCheckout(row, command),
        (row) => ({ ...checkoutAnswer(row, member!, true), tierChange: null }),
        outcome.kind === 'refused' ? () => refusalError(outcome) : undefined,
      )
    }
    const { decision } = outcome
    await afterPurchase(db, member!, decision, decision.ledger[0].order?.checkout?.paidFen ?? amountFen, now)
    const change = decision.tierChange
    return { ...checkoutAnswer(decision.ledger[0], member!, false), tierChange: change && { from: change.from, to: change.to, toName: definitionOf(change.to, rules.tiers).name } }
  },
})

/** The refund form: the order by its number, what was paid and how, and what is left to refund. */
export const refundableOrder = defineAction({
  schema: refundableOrderPayload,
  audit: false,
  async handler({ storeId, orderNo }, { db }): Promise<RefundableOrder> {
    const { order, cash } = await orderRowsOf(db, storeId, orderNo)
    const basis = refundBasisOf(order, cash)
    const [member, refunded] = await Promise.all([membersRepo(db).byOpenid(basis.openid), refundsRepo(db).refundedFenOf([basis.key])])
    const checkout = order.order.checkout
    const refundedFen = refunded.get(basis.key) ?? 0
    return {
      orderNo,
      memberName: member?.profile.name ?? '',
      cardNo: member?.cardNo ?? '',
      createdAt: basis.createdAt.toISOString(),
      amountFen: order.order.amountFen,
      tierDiscountFen: checkout?.tierDiscountFen ?? 0,
      couponDiscountFen: checkout?.coupon?.discountFen ?? 0,
      items: checkout?.items ?? [],
      coupon: checkout?.coupon ? { code: checkout.coupon.code, title: checkout.coupon.title, returnsOnFullRefund: checkout.coupon.returnsOnFullRefund } : null,
      pointsUsed: basis.pointsUsed,
      cashFen: checkout?.cashFen ?? 0,
      paidFen: basis.paidFen,
      pointsEarned: basis.pointsEarned,
      refundedFen,
      refundableFen: Math.max(0, basis.paidFen - refundedFen),
    }
  },
})
