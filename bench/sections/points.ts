import { LOCAL_MEMBER_CODE_SECRET, type LocalCloud } from '../../local/cloud'
import { memberFixture } from '../../local/fixtures'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { issueMemberCode } from '../../cloudfunctions/shared/domain/memberCode'
import { pointsForPurchase } from '../../cloudfunctions/shared/domain/points'
import { DEFAULT_RULES, pointsRulesOf } from '../../cloudfunctions/shared/domain/rules'
import { checkOrderBooks, type BookRow } from '../orderBooks'
import { roundTrips } from '../roundTrips'
import type { BenchSection, Row } from '../types'
import { reported } from '../verdict'

/** Round trips of the points actions, and accrual throughput with nothing lost or doubled. */
export const points: BenchSection = {
  name: 'points',
  async run({ cloud }) {
    cloud.db.insertMany('staff', [{ _id: 'bench-cashier', name: '收银', role: 'cashier', updatedAt: new Date(), updatedBy: null }])
    seed(cloud, ['bench-points'])
    const code = () => issueMemberCode('bench-points', cloud.now(), LOCAL_MEMBER_CODE_SECRET).code
    const accrue = (orderNo: string) => ({ action: 'accrue', payload: { memberCode: code(), storeId: 'store-001', orderNo, amount: 88.5 } })
    // A cold instance also reads the staff role and the rules; both are then cached for seconds.
    const cold = await roundTrips(cloud, 'points', accrue('RT-COLD'), { openid: 'bench-cashier' })
    const auditsBefore = cloud.db.find('audit').length
    const warm = await roundTrips(cloud, 'points', accrue('RT-WARM'), { openid: 'bench-cashier' })
    // Staff actions are audited after they commit: one append outside the transaction.
    const auditAppends = cloud.db.find('audit').length - auditsBefore
    const repeat = await roundTrips(cloud, 'points', accrue('RT-WARM'), { openid: 'bench-cashier' })
    for (let index = 0; index < 45; index++) await cloud.call('points', accrue(`RT-H${index}`), { openid: 'bench-cashier' })
    const firstPage = await roundTrips(cloud, 'points', { action: 'history', payload: {} }, { openid: 'bench-points' })
    const inTransaction = warm.roundTrips - auditAppends
    const checkout = await checkoutRoundTrips(cloud)
    const rows: Row[] = [
      { figure: 'DB round trips: points.accrue, its transaction', value: String(inTransaction), goal: '≤ 5, one transaction', met: warm.ok && inTransaction <= 5 },
      { figure: 'DB round trips: points.accrue, + audit append', value: String(warm.roundTrips), goal: 'one append after the transaction', met: warm.ok && auditAppends === 1 },
      {
        figure: 'DB round trips: points.accrue (cold instance)',
        value: String(cold.roundTrips),
        goal: `≤ ${warm.roundTrips} + 2 (role, rules)`,
        met: cold.ok && cold.roundTrips <= warm.roundTrips + 2,
      },
      // A repeat is answered from the ledger: it may cost no more than recording a new order.
      {
        figure: 'DB round trips: points.accrue (repeat order)',
        value: String(repeat.roundTrips),
        goal: `≤ ${warm.roundTrips}, as a new order`,
        met: repeat.ok && repeat.roundTrips <= warm.roundTrips,
      },
      {
        figure: 'DB round trips: points.checkout (discount, coupon, 2,000 points)',
        value: String(checkout.roundTrips),
        goal: '≤ 8, one transaction',
        met: checkout.ok && checkout.roundTrips <= 8 && checkout.transactions === 1,
      },
      { figure: 'DB round trips: points.history (a page of 20)', value: String(firstPage.roundTrips), goal: '≤ 2', met: firstPage.ok && firstPage.roundTrips <= 2 },
    ]

    const hot = await throughput(cloud, 'one hot member', 300, () => 'bench-hot', ['bench-hot'])
    const members = Array.from({ length: 1000 }, (_, index) => `bench-m${index}`)
    const spread = await throughput(cloud, '1,000 members', 1000, (index) => members[index], members)
    for (const result of [hot, spread]) {
      const { books } = result
      rows.push(reported(`accrual throughput, ${result.label}`, `${result.perSecond.toFixed(0)}/s`))
      rows.push({
        figure: `orders lost / doubled / members drifting / failed calls, ${result.label}`,
        value: `${books.lost} / ${books.doubled} / ${books.drifting} / ${books.failedCalls}`,
        goal: '0 / 0 / 0 / 0',
        met: books.ok,
      })
    }
    return { rows, results: { roundTrips: { accrueWarm: warm, accrueCold: cold, accrueRepeat: repeat, checkout, historyPage: firstPage }, throughput: [hot, spread] } }
  },
}

/**
 * Each order earns a known number of points only if no upgrade changes the multiplier halfway,
 * so throughput members start at the top tier; the shared bench cloud has no rules document, so
 * the functions apply the default rules.
 */
const THROUGHPUT_TIER = 'diamond'
const RULES = pointsRulesOf(DEFAULT_RULES)

/** `count` accruals at once, each order once plus every tenth sent twice; then the books are checked against what was sent. */
async function throughput(cloud: LocalCloud, label: string, count: number, memberOf: (index: number) => string, openids: string[]) {
  seed(cloud, [...new Set(openids)], { tier: THROUGHPUT_TIER })
  const orders = Array.from({ length: count }, (_, index) => ({ openid: memberOf(index), storeId: 'store-001', orderNo: `TP-${label.length}-${index}`, amount: 10 + (index % 50) }))
  const sends = [...orders, ...orders.filter((_, index) => index % 10 === 0)]
  const started = Date.now()
  const answers = await Promise.all(
    sends.map((order) =>
      cloud
        .call(
          'points',
          {
            action: 'accrue',
            payload: { memberCode: issueMemberCode(order.openid, cloud.now(), LOCAL_MEMBER_CODE_SECRET).code, storeId: order.storeId, orderNo: order.orderNo, amount: order.amount },
          },
          { openid: 'bench-cashier' },
        )
        .then((answer) => (answer as { ok?: boolean }).ok === true)
        .catch(() => false),
    ),
  )
  const seconds = (Date.now() - started) / 1000
  const members = [...new Set(orders.map((order) => order.openid))]
  const ledger: BookRow[] = cloud.db.find('ledger', { openid: { $in: members } })
  const balances = new Map((cloud.db.find('members', { _id: { $in: members } }) as MemberDoc[]).map((member) => [member._id, member.pointsBalance]))
  const sent = orders.map((order) => ({ ...order, points: pointsForPurchase(Math.round(order.amount * 100), THROUGHPUT_TIER, RULES) }))
  const books = checkOrderBooks(sent, ledger, balances, answers.filter((ok) => !ok).length)
  return { label, accruals: sends.length, seconds, perSecond: sends.length / seconds, books }
}

/** A gold member with 5,000 points and a ¥10 coupon checks out ¥300, on a warm instance. */
async function checkoutRoundTrips(cloud: LocalCloud) {
  const now = cloud.now()
  const until = new Date(now.getTime() + 30 * 86_400_000)
  seed(cloud, ['bench-checkout'], { tier: 'gold', pointsBalance: 5000, lifetimePoints: 5000, pointLots: [{ expiresAt: until, remaining: 5000 }], nextExpiryAt: until })
  cloud.db.insertMany('coupons', [
    {
      _id: 'bench-coupon',
      openid: 'bench-checkout',
      code: 'BENCHCPNAB',
      title: '满100减10',
      kind: 'fixed',
      value: 1000,
      itemName: null,
      minSpendFen: 10_000,
      validFrom: now,
      validUntil: until,
      status: 'available',
      source: 'manual',
      usedAt: null,
      usedBy: null,
      orderNo: null,
      createdAt: now,
    },
  ])
  const payload = (orderNo: string, couponId?: string) => ({
    memberCode: issueMemberCode('bench-checkout', cloud.now(), LOCAL_MEMBER_CODE_SECRET).code,
    storeId: 'store-001',
    orderNo,
    amount: 300,
    points: 2000,
    ...(couponId ? { couponId } : {}),
  })
  await cloud.call('points', { action: 'checkout', payload: payload('RT-CHECKOUT-WARM') }, { openid: 'bench-cashier' })
  const measured = await roundTrips(cloud, 'points', { action: 'checkout', payload: payload('RT-CHECKOUT', 'bench-coupon') }, { openid: 'bench-cashier' })
  return { ...measured, transactions: measured.byAction['database.commitTransaction'] ?? 0 }
}

function seed(cloud: LocalCloud, openids: string[], overrides: Partial<MemberDoc> = {}) {
  const now = cloud.now()
  const docs = openids.map((openid) => memberFixture(openid, now, overrides))
  cloud.db.insertMany('members', docs)
}
