import { applyDecision, isKeyTaken } from '../../../cloudfunctions/shared/data/applyDecision'
import type { Transaction } from '../../../cloudfunctions/shared/data/transaction'
import { decision } from '../../../cloudfunctions/shared/domain/decision'
import { ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'
import type { CouponDoc } from '../../../cloudfunctions/shared/domain/coupons'
import type { RedemptionDoc } from '../../../cloudfunctions/shared/domain/rewards'

const NOW = new Date('2026-05-20T10:00:00+08:00')
const LOT_END = new Date('2027-05-31T23:59:59.999+08:00')
const row = (key: string) => ledgerRow({ key, openid: 'm1', kind: 'earn', delta: 10, balanceAfter: 10, reason: '', by: 'system', rulesVersion: 1, at: NOW })

/** A transaction that records what it is asked to write, refusing inserts under `taken` keys as the database would. */
function recordingTransaction(taken: string[] = []) {
  const writes: string[] = []
  const transaction: Transaction = {
    collection: (name) => ({
      doc: (id) => ({
        get: async () => ({ data: null }),
        set: async ({ data }) => writes.push(`set ${name}/${id} ${JSON.stringify(data)}`),
        update: async ({ data }) => writes.push(`update ${name}/${id} ${JSON.stringify(data)}`),
        remove: async () => writes.push(`remove ${name}/${id}`),
      }),
      add: async ({ data }) => {
        const { _id } = data as { _id: string }
        if (taken.includes(_id)) throw { errCode: -502001, errMsg: `E11000 duplicate key error collection: ${name}` }
        writes.push(`add ${name}/${_id}`)
        return { _id }
      },
    }),
    command: { set: (value: unknown) => ({ replaced: value }) } as unknown as Transaction['command'],
  }
  return { transaction, writes }
}

it('inserts first (ledger rows, tier change, coupon, redemption), then the reward, the refund progress, and the member last', async () => {
  const { transaction, writes } = recordingTransaction()
  const result = await applyDecision(
    transaction,
    decision('m1', {
      ledger: [row('a:1'), row('a:2')],
      tierChange: { _id: 'tier:m1:1', openid: 'm1', from: 'regular', to: 'silver', reason: 'upgrade', figure: 1, rulesVersion: 1, at: NOW },
      coupon: { _id: 'birthday:m1:2026' } as CouponDoc,
      redemption: { record: { _id: 'CODE2345', rewardId: 'rw-1' } as RedemptionDoc, reward: { stock: 4, updatedAt: NOW } },
      refund: { _id: 'order:s:1', refundedFen: 100, reversedPoints: 1, items: [] },
      member: { pointsBalance: 20, pointLots: [{ expiresAt: LOT_END, remaining: 20 }], nextExpiryAt: LOT_END, tierUntil: null },
    }),
  )
  expect(result).toBe('applied')
  expect(writes).toEqual([
    'add ledger/a:1',
    'add ledger/a:2',
    'add tier_changes/tier:m1:1',
    'add coupons/birthday:m1:2026',
    'add redemptions/CODE2345',
    `update rewards/rw-1 {"stock":4,"updatedAt":"${NOW.toISOString()}"}`,
    'set refunds/order:s:1 {"refundedFen":100,"reversedPoints":1,"items":[]}',
    `update members/m1 {"pointsBalance":20,"pointLots":{"replaced":[{"expiresAt":"${LOT_END.toISOString()}","remaining":20}]},"nextExpiryAt":"${LOT_END.toISOString()}","tierUntil":null}`,
  ])
})

it('answers repeat, having written nothing, when the first ledger row’s key is taken', async () => {
  const { transaction, writes } = recordingTransaction(['a:1'])
  expect(await applyDecision(transaction, decision('m1', { ledger: [row('a:1')], member: { pointsBalance: 10 } }))).toBe('repeat')
  expect(writes).toEqual([])
})

it('answers repeat for a coupon-only perk whose coupon key is taken', async () => {
  const { transaction, writes } = recordingTransaction(['birthday:m1:2026'])
  expect(await applyDecision(transaction, decision('m1', { coupon: { _id: 'birthday:m1:2026' } as CouponDoc, member: { lastBirthdayPerk: null } }))).toBe('repeat')
  expect(writes).toEqual([])
})

it.each([
  ['a later ledger row (a lot expired twice)', ['a:2'], decision('m1', { ledger: [row('a:1'), row('a:2')] })],
  ['a redemption code', ['CODE2345'], decision('m1', { ledger: [row('a:1')], redemption: { record: { _id: 'CODE2345', rewardId: 'rw-1' } as RedemptionDoc, reward: { stock: 1, updatedAt: NOW } } })],
  [
    'a tier change with no ledger row before it',
    ['tier:m1:1'],
    decision('m1', { tierChange: { _id: 'tier:m1:1', openid: 'm1', from: 'gold', to: 'silver', reason: 'downgrade', figure: 0, rulesVersion: 1, at: NOW } }),
  ],
])('throws KeyTaken, so the transaction rolls back, when %s is taken', async (_label, taken, taking) => {
  const { transaction } = recordingTransaction(taken)
  const failure = await applyDecision(transaction, taking).catch((error: unknown) => error)
  expect(isKeyTaken(failure)).toBe(true)
  // The SDK may hand the error on re-wrapped: the message alone still says what happened.
  expect(isKeyTaken({ errMsg: `transaction failed: ${(failure as Error).message}` })).toBe(true)
})

it('writes no member update for a decision that changes nothing on the member', async () => {
  const { transaction, writes } = recordingTransaction()
  await applyDecision(transaction, decision('m1', { ledger: [row('a:1')] }))
  expect(writes).toEqual(['add ledger/a:1'])
})
