import { isOrderRow, ledgerKeys, ledgerRow } from '../../../cloudfunctions/shared/domain/ledger'

const NOW = new Date('2026-05-20T10:00:00+08:00')

it('keys every movement as the README lists them, the expiry by the lot’s date in Beijing', () => {
  expect([
    ledgerKeys.order('store-001', 'A1'),
    ledgerKeys.cash('store-001', 'A1'),
    ledgerKeys.refund('store-001', 'A1', 'R1'),
    ledgerKeys.redeem('openid-1', 'req-00000001'),
    ledgerKeys.adjust('req-00000001'),
    ledgerKeys.expire('openid-1', new Date('2026-11-30T23:59:59.999+08:00')),
    ledgerKeys.birthday('openid-1', 2026),
  ]).toEqual(['order:store-001:A1', 'cash:store-001:A1', 'refund:store-001:A1:R1', 'redeem:openid-1:req-00000001', 'adjust:req-00000001', 'expire:openid-1:2026-11-30', 'birthday:openid-1:2026'])
})

it('makes a row with the movement’s key as _id, its time as createdAt, and no expiry unless one is given', () => {
  expect(ledgerRow({ key: 'adjust:r1', openid: 'o1', kind: 'adjust', delta: -5, balanceAfter: 95, reason: '人工调整：更正', by: 'owner-1', rulesVersion: 3, at: NOW })).toEqual({
    _id: 'adjust:r1',
    openid: 'o1',
    kind: 'adjust',
    delta: -5,
    balanceAfter: 95,
    reason: '人工调整：更正',
    by: 'owner-1',
    rulesVersion: 3,
    createdAt: NOW,
    expiresAt: null,
  })
})

it('keeps the optional facts it is given (a shortfall of 0 included) and leaves out the rest', () => {
  const reversal = ledgerRow({ key: 'refund:s:1:R1', openid: 'o1', kind: 'reverse', delta: -10, balanceAfter: 0, reason: '', by: 'c1', rulesVersion: 1, at: NOW, shortfall: 0, ref: 'order:s:1' })
  expect(reversal).toMatchObject({ shortfall: 0, ref: 'order:s:1' })
  expect('order' in reversal).toBe(false)
  expect(isOrderRow(reversal)).toBe(false)
  expect(
    isOrderRow(
      ledgerRow({
        key: 'order:s:1',
        openid: 'o1',
        kind: 'earn',
        delta: 1,
        balanceAfter: 1,
        reason: '',
        by: 'c1',
        rulesVersion: 1,
        at: NOW,
        order: { storeId: 's', orderNo: '1', amountFen: 100, cashier: 'c1' },
      }),
    ),
  ).toBe(true)
})
