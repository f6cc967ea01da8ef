/**
 * The books after a burst of accruals, checked against what was sent rather than against
 * themselves: a ledger grouped by `_id` can never show a double (the key is unique), and a balance
 * compared with its own ledger moves with it. So every order is looked up by its order number,
 * whatever key its rows carry, and every balance is compared with what its orders should earn.
 */

/** One order as it was sent, with the points it should earn. */
export interface SentOrder {
  openid: string
  storeId: string
  orderNo: string
  points: number
}

/** A ledger row as the store holds it (only the fields the check reads). */
export interface BookRow {
  _id: string
  openid: string
  kind: string
  delta: number
  order?: { storeId: string; orderNo: string }
}

export interface OrderBooks {
  orders: number
  /** Orders with no earn row, or credited fewer points than they earn. */
  lost: number
  /** Orders with more than one earn row, or credited more points than they earn. */
  doubled: number
  /** Members whose balance is not what their orders earn, or not Σ of their ledger rows. */
  drifting: number
  /** Calls answered with an error, or that failed outright. */
  failedCalls: number
  ok: boolean
}

/**
 * `orders` are the distinct orders sent (repeats left out), `rows` every ledger row of their
 * members, `balances` each member's balance now; the members started with nothing.
 */
export function checkOrderBooks(orders: readonly SentOrder[], rows: readonly BookRow[], balances: ReadonlyMap<string, number>, failedCalls: number): OrderBooks {
  const orderKey = (storeId: string, orderNo: string) => `${storeId}\u0000${orderNo}`
  const credits = new Map<string, { rows: number; points: number }>()
  const ledgerSums = new Map<string, number>()
  for (const row of rows) {
    ledgerSums.set(row.openid, (ledgerSums.get(row.openid) ?? 0) + row.delta)
    if (row.kind !== 'earn' || !row.order) continue
    const key = orderKey(row.order.storeId, row.order.orderNo)
    const credit = credits.get(key) ?? { rows: 0, points: 0 }
    credits.set(key, { rows: credit.rows + 1, points: credit.points + row.delta })
  }
  let lost = 0
  let doubled = 0
  const expected = new Map<string, number>()
  for (const order of orders) {
    expected.set(order.openid, (expected.get(order.openid) ?? 0) + order.points)
    const credit = credits.get(orderKey(order.storeId, order.orderNo))
    if (!credit || credit.points < order.points) lost++
    else if (credit.rows > 1 || credit.points > order.points) doubled++
  }
  let drifting = 0
  for (const [openid, points] of expected) {
    const balance = balances.get(openid) ?? 0
    if (balance !== points || balance !== (ledgerSums.get(openid) ?? 0)) drifting++
  }
  return { orders: orders.length, lost, doubled, drifting, failedCalls, ok: lost === 0 && doubled === 0 && drifting === 0 && failedCalls === 0 }
}
