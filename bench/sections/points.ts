import { LOCAL_MEMBER_CODE_SECRET, type LocalCloud } from '../../local/cloud'
import { memberFixture } from '../../local/fixtures'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { issueMemberCode } from '../../cloudfunctions/shared/domain/memberCode'
import { roundTrips } from '../roundTrips'
import type { BenchSection, Row } from '../types'

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
    const rows: Row[] = [
      { figure: 'DB round trips: points.accrue, its transaction', value: String(inTransaction), goal: '≤ 5, one transaction', met: warm.ok && inTransaction <= 5 },
      { figure: 'DB round trips: points.accrue, + audit append', value: String(warm.roundTrips), goal: 'report', met: warm.ok },
      { figure: 'DB round trips: points.accrue (cold instance)', value: String(cold.roundTrips), goal: 'report (+role, +rules)', met: cold.ok },
      { figure: 'DB round trips: points.accrue (repeat order)', value: String(repeat.roundTrips), goal: 'report', met: repeat.ok },
      { figure: 'DB round trips: points.history (a page of 20)', value: String(firstPage.roundTrips), goal: '≤ 2', met: firstPage.ok && firstPage.roundTrips <= 2 },
    ]

    const hot = await throughput(cloud, 'one hot member', 300, () => 'bench-hot', ['bench-hot'])
    const members = Array.from({ length: 1000 }, (_, index) => `bench-m${index}`)
    const spread = await throughput(cloud, '1,000 members', 1000, (index) => members[index], members)
    for (const result of [hot, spread]) {
      rows.push({ figure: `accrual throughput, ${result.label}`, value: `${result.perSecond.toFixed(0)}/s`, goal: 'report', met: true })
      rows.push({ figure: `orders lost / doubled / members drifting, ${result.label}`, value: `${result.lost} / ${result.doubled} / ${result.drifting}`, goal: '0 / 0 / 0', met: result.lost === 0 && result.doubled === 0 && result.drifting === 0 })
    }
    return { rows, results: { roundTrips: { accrueWarm: warm, accrueCold: cold, accrueRepeat: repeat, historyPage: firstPage }, throughput: [hot, spread] } }
  },
}

/** `count` accruals at once, each order once plus every tenth sent twice; then the books are checked. */
async function throughput(cloud: LocalCloud, label: string, count: number, memberOf: (index: number) => string, openids: string[]) {
  seed(cloud, [...new Set(openids)])
  const orders = Array.from({ length: count }, (_, index) => ({ openid: memberOf(index), orderNo: `TP-${label.length}-${index}`, amount: 10 + (index % 50) }))
  const sends = [...orders, ...orders.filter((_, index) => index % 10 === 0)]
  const started = Date.now()
  const answers = (await Promise.all(
    sends.map((order) =>
      cloud.call('points', { action: 'accrue', payload: { memberCode: issueMemberCode(order.openid, cloud.now(), LOCAL_MEMBER_CODE_SECRET).code, storeId: 'store-001', orderNo: order.orderNo, amount: order.amount } }, { openid: 'bench-cashier' }),
    ),
  )) as Array<{ ok: boolean }>
  const seconds = (Date.now() - started) / 1000
  // Counted in orders, so tier upgrades midway (a new multiplier) don't blur the figure: an order is
  // lost without its ledger row, doubled with more than one; a member drifts if balance ≠ Σ ledger.
  const ledgerRows = new Map<string, number>()
  for (const row of cloud.db.find('ledger', { _id: { $regex: `^order:store-001:TP-${label.length}-` } })) ledgerRows.set(row._id as string, (ledgerRows.get(row._id as string) ?? 0) + 1)
  const lost = orders.filter((order) => !ledgerRows.has(`order:store-001:${order.orderNo}`)).length
  const doubled = [...ledgerRows.values()].filter((count) => count > 1).length
  let drifting = 0
  for (const openid of new Set(orders.map((order) => order.openid))) {
    const [member] = cloud.db.find('members', { _id: openid }) as MemberDoc[]
    const ledgerSum = cloud.db.find('ledger', { openid }).reduce((sum, row) => sum + (row as { delta: number }).delta, 0)
    if (member.pointsBalance !== ledgerSum) drifting++
  }
  return { label, accruals: sends.length, failedCalls: answers.filter((answer) => !answer.ok).length, seconds, perSecond: sends.length / seconds, lost, doubled, drifting }
}

function seed(cloud: LocalCloud, openids: string[]) {
  const now = cloud.now()
  const docs = openids.map((openid) => memberFixture(openid, now))
  cloud.db.insertMany('members', docs)
}
