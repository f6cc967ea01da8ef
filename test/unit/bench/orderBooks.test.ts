import { checkOrderBooks, type BookRow, type SentOrder } from '../../../bench/orderBooks'
import { missed, reported, verdictOf } from '../../../bench/verdict'
import type { Row } from '../../../bench/types'

/** Three orders for two members, and the ledger a correct accrual leaves behind. */
const orders: SentOrder[] = [
  { openid: 'm1', storeId: 'store-001', orderNo: 'A1', points: 20 },
  { openid: 'm1', storeId: 'store-001', orderNo: 'A2', points: 30 },
  { openid: 'm2', storeId: 'store-001', orderNo: 'A3', points: 40 },
]
const earnRow = (order: SentOrder, _id = `order:${order.storeId}:${order.orderNo}`, delta = order.points): BookRow => ({
  _id,
  openid: order.openid,
  kind: 'earn',
  delta,
  order: { storeId: order.storeId, orderNo: order.orderNo },
})
const correct = orders.map((order) => earnRow(order))
const balancesOf = (rows: BookRow[]) => {
  const balances = new Map<string, number>()
  for (const row of rows) balances.set(row.openid, (balances.get(row.openid) ?? 0) + row.delta)
  return balances
}

describe('the points bench’s books check', () => {
  it('finds nothing wrong in correct books', () => {
    expect(checkOrderBooks(orders, correct, balancesOf(correct), 0)).toEqual({ orders: 3, lost: 0, doubled: 0, drifting: 0, failedCalls: 0, ok: true })
  })

  it('reports 1 doubled for an order credited a second time under another key, balance and ledger moving together', () => {
    // What a broken accrue that credits a repeated order again leaves: unique _ids, Σ ledger = balance.
    const doubledBooks = [...correct, earnRow(orders[1], 'order:store-001:A2:again')]
    const books = checkOrderBooks(orders, doubledBooks, balancesOf(doubledBooks), 0)
    expect(books).toMatchObject({ lost: 0, doubled: 1, drifting: 1, ok: false })
  })

  it('reports 1 doubled for an order credited twice its points in one row', () => {
    const rows = [correct[0], earnRow(orders[1], undefined, 60), correct[2]]
    expect(checkOrderBooks(orders, rows, balancesOf(rows), 0)).toMatchObject({ lost: 0, doubled: 1, drifting: 1, ok: false })
  })

  it('reports a lost order, one credited short, and a balance that moved without a row', () => {
    const missing = [correct[0], correct[2]]
    expect(checkOrderBooks(orders, missing, balancesOf(missing), 0)).toMatchObject({ lost: 1, doubled: 0, drifting: 1, ok: false })
    const short = [correct[0], earnRow(orders[1], undefined, 29), correct[2]]
    expect(checkOrderBooks(orders, short, balancesOf(short), 0)).toMatchObject({ lost: 1, drifting: 1, ok: false })
    const unrecorded = new Map([...balancesOf(correct)].map(([openid, balance]) => [openid, openid === 'm2' ? balance + 40 : balance]))
    expect(checkOrderBooks(orders, correct, unrecorded, 0)).toMatchObject({ lost: 0, doubled: 0, drifting: 1, ok: false })
  })

  it('a credit without an order number still shows, as a member drifting from what their orders earn', () => {
    const stray: BookRow = { _id: 'adjust:stray', openid: 'm1', kind: 'earn', delta: 30 }
    const rows = [...correct, stray]
    expect(checkOrderBooks(orders, rows, balancesOf(rows), 0)).toMatchObject({ lost: 0, doubled: 0, drifting: 1, ok: false })
  })

  it('fails on failed calls even when the books balance', () => {
    expect(checkOrderBooks(orders, correct, balancesOf(correct), 2)).toMatchObject({ failedCalls: 2, ok: false })
  })
})

describe('bench verdicts', () => {
  const rows: Row[] = [{ figure: 'met', value: '1', goal: '≤ 2', met: true }, { figure: 'missed', value: '3', goal: '≤ 1.5', met: false }, reported('throughput', '36/s')]

  it('only a row with a goal can miss; a reported figure has no verdict and prints as -', () => {
    expect(missed(rows).map((row) => row.figure)).toEqual(['missed'])
    expect(rows.map(verdictOf)).toEqual([
      { goal: '≤ 2', met: 'yes' },
      { goal: '≤ 1.5', met: 'NO' },
      { goal: '-', met: '-' },
    ])
  })
})
