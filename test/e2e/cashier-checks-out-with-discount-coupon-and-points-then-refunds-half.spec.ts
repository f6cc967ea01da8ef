import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import type { LocalCloud } from '../../local/cloud'
import type { CouponDoc } from '../../cloudfunctions/shared/domain/coupons'
import { chooseFilterTab, confirmModal, expectCard, expectPage, fillInput, openAs, openStaffPage, pageRoot, scanMemberAtTill, textOf } from './support/app'
import { memberDoc } from './support/db'
import { runId, test } from './support/fixtures'

const OPENID = 'demo-member-gold'
const TILL = '/admin/pages/till/index'
const CARD = '/pages/card/index'
const WALLET = '/points/pages/wallet/index'
const LINES = [
  { name: '手冲咖啡', quantity: '2', price: '45' },
  { name: '生日蛋糕', quantity: '1', price: '210' },
]

// The checkout spends 林晓雨's seeded points and coupon, which other journeys read as seeded.
test.use({ freshCloud: true })

/**
 * Issue 9's till journey: the cashier scans 林晓雨 (gold, 5 % off) and checks out ¥300 on one
 * screen with her ¥10 coupon and 2,000 points, seeing 原价 → 会员折扣 → 优惠券 → 积分抵扣 → 应付 and
 * the points cap before confirming (the order listed as two lines that make ¥300); her card and wallet show what was recorded; then the refund
 * form finds the order and refunds half. Each till step leaves a screenshot.
 */
test('the cashier checks out ¥300 with the gold discount, a ¥10 coupon and 2,000 points, then refunds half', async ({ page, cloud, newPhone, snapshot }) => {
  const orderNo = `E2E-${runId()}`
  const before = memberDoc(cloud, OPENID)
  const voucher = tenYuanCoupon(cloud)
  const card = pageRoot(page, CARD)

  await test.step('林晓雨 opens her card: the live code is on screen', async () => {
    await openAs(page, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: before.pointsBalance.toLocaleString('zh-CN') })
    await card.getByTestId('live-code').getByTestId('qr-code').waitFor({ state: 'visible' })
  })

  const till = await newPhone('cashier')
  const tillRoot = pageRoot(till, TILL)
  await test.step('the cashier opens 结账 and scans her', async () => {
    await openStaffPage(till, 'cashier', 'console-till', TILL)
    await tillRoot.getByTestId('filter-tabs').locator('.filter-tabs__tab--on', { hasText: '结账' }).waitFor()
    assert.deepEqual(await tillRoot.locator('.filter-tabs__tab').allInnerTexts(), ['结账', '礼品兑换', '核销', '退款'])
    await scanMemberAtTill(till, { name: '林晓雨', cardNo: before.cardNo })
    assert.match(await tillRoot.getByTestId('checkout-order').locator('input').inputValue(), /^\d{8}-\d{6}-\d{2}$/, 'the till prefills an order number')
    await snapshot('till-1-scanned', till)
  })

  await test.step('¥300: the discount, her coupons and the points cap appear before anything is confirmed', async () => {
    await fillInput(tillRoot, 'checkout-order', orderNo)
    // The order's lines instead of the amount: ¥300 is their total.
    for (const [index, line] of LINES.entries()) {
      await tillRoot.getByTestId('order-item-add').click()
      const row = tillRoot.getByTestId('order-item').nth(index)
      await row.getByTestId('order-item-name').locator('input').fill(line.name)
      await fillInput(row, 'order-item-quantity', line.quantity)
      await fillInput(row, 'order-item-price', line.price)
    }
    assert.equal(await textOf(tillRoot.getByTestId('checkout-amount-total')), '¥300.00（按商品明细合计）')
    await tillRoot.getByTestId('checkout-summary').waitFor()
    assert.deepEqual(await steps(till), ['原价 ¥300.00', '会员折扣 金卡 9.5折 -¥15.00', '优惠券 未使用 —', '积分抵扣 未使用 —', '应付 ¥285.00'])
    const cap = Math.min(142, Math.floor(before.pointsBalance / 100)) * 100 // half of ¥285 in whole yuan, within the balance
    assert.match(await textOf(tillRoot.getByTestId('points-max')), new RegExp(`^最多 ${cap.toLocaleString('zh-CN')} 积分`))
    await tillRoot.getByTestId('coupon-option').filter({ hasText: voucher.title }).click()
    await tillRoot.locator('.coupon-picker__row--on', { hasText: voucher.title }).waitFor()
    await fillInput(tillRoot, 'points-input', '2000')
    await tillRoot.getByTestId('checkout-step-payable').filter({ hasText: '¥255.00' }).waitFor()
    assert.deepEqual(await steps(till), ['原价 ¥300.00', '会员折扣 金卡 9.5折 -¥15.00', `优惠券 ${voucher.title} -¥10.00`, '积分抵扣 2,000 积分 -¥20.00', '应付 ¥255.00'])
    assert.equal(await textOf(tillRoot.getByTestId('checkout-submit')), '确认结账 ¥255.00')
    await snapshot('till-2-priced', till)
  })

  await test.step('确认结账 lists the steps in the confirmation', async () => {
    await tillRoot.getByTestId('checkout-submit').click()
    const dialog = till.locator('.taro__modal .taro-modal__content')
    await dialog.filter({ hasText: '确认结账' }).waitFor({ state: 'visible' })
    const content = (await dialog.locator('.taro-modal__text').innerText()).trim()
    for (const line of ['原价 ¥300.00', '会员折扣（金卡 9.5折） -¥15.00', `优惠券（${voucher.title}） -¥10.00`, '积分抵扣（2,000 积分） -¥20.00', '应付 ¥255.00'])
      assert.ok(content.includes(line), `the confirmation says ${line}: ${content}`)
    await snapshot('till-3-confirm', till)
    await confirmModal(till, '确认结账')
  })

  const recorded = await test.step('the receipt shows what was recorded: earned points and the new balance', async () => {
    const receipt = tillRoot.getByTestId('checkout-receipt')
    await receipt.filter({ hasText: `单号 ${orderNo}` }).waitFor()
    const [row] = cloud.db.find('ledger', { _id: `order:store-001:${orderNo}` })
    assert.ok(row, 'one order row')
    const earned: number = row.order.checkout.pointsEarned
    assert.equal(earned, Math.floor(255 * 1.5), 'gold earns ×1.5 on what is paid')
    const balance = before.pointsBalance - 2000 + earned
    assert.equal(row.delta, earned - 2000)
    assert.equal(memberDoc(cloud, OPENID).pointsBalance, balance)
    const text = await textOf(receipt)
    assert.match(text, /已收款/)
    assert.match(text, /¥255\.00/)
    assert.match(text, new RegExp(`获得 \\+${earned} 积分`))
    assert.match(text, new RegExp(`当前余额 ${balance.toLocaleString('zh-CN')} 积分`))
    await tillRoot
      .getByTestId('member-panel-balance')
      .filter({ hasText: balance.toLocaleString('zh-CN') })
      .waitFor()
    const [coupon] = cloud.db.find('coupons', { _id: voucher._id }) as CouponDoc[]
    assert.equal(coupon.status, 'used')
    assert.equal(coupon.orderNo, orderNo)
    assert.deepEqual(row.order.checkout.items, [
      { name: '手冲咖啡', quantity: 2, priceFen: 4500 },
      { name: '生日蛋糕', quantity: 1, priceFen: 21_000 },
    ])
    await snapshot('till-4-receipt', till)
    return { earned, balance }
  })

  await test.step('林晓雨 sees the new balance on her card and the coupon under 已使用', async () => {
    await page.reload()
    await expectPage(page, CARD)
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: recorded.balance.toLocaleString('zh-CN') })
    await page.goto(`/?as=member#${WALLET}`)
    await expectPage(page, WALLET)
    const wallet = pageRoot(page, WALLET)
    await chooseFilterTab(wallet, '已使用')
    await wallet.getByTestId('coupon-card').filter({ hasText: voucher.title }).getByTestId('coupon-status').filter({ hasText: '已使用' }).waitFor()
    await snapshot('member-wallet-after-checkout')
  })

  await test.step('退款 finds the order by its number: member, amounts, what is left', async () => {
    await chooseFilterTab(tillRoot, '退款')
    await fillInput(tillRoot, 'refund-order', orderNo)
    await tillRoot.getByTestId('refund-find').click()
    const found = tillRoot.getByTestId('refund-order-found')
    await found.waitFor()
    const rows = Object.fromEntries(
      (await found.getByTestId('refund-order-row').allInnerTexts()).map((row) => {
        const [label, ...value] = row.split('\n')
        return [label.trim(), value.join(' ').trim()]
      }),
    )
    assert.equal(rows['会员'], `林晓雨 · ${before.cardNo.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3')}`)
    assert.equal(rows['手冲咖啡 × 2'], '¥90.00')
    assert.equal(rows['生日蛋糕 × 1'], '¥210.00')
    assert.equal(rows['原价'], '¥300.00')
    assert.equal(rows['会员折扣'], '-¥15.00')
    assert.equal(rows['优惠券'], `${voucher.title} -¥10.00`)
    assert.equal(rows['积分抵扣'], '2,000 积分 -¥20.00')
    assert.equal(rows['实付'], '¥255.00')
    assert.equal(rows['获得积分'], String(recorded.earned))
    assert.equal(rows['可退金额'], '¥255.00')
    await snapshot('till-5-refund-found', till)
  })

  await test.step('refund half: points taken back and returned in proportion, the coupon stays used', async () => {
    await fillInput(tillRoot, 'refund-amount', '127.50')
    await tillRoot.getByTestId('refund-submit').click()
    await snapshot('till-6-refund-confirm', till)
    await confirmModal(till, '确认退款')
    const result = tillRoot.getByTestId('refund-result')
    await result.waitFor()
    const reversed = Math.round(recorded.earned / 2)
    const balance = recorded.balance - reversed + 1000
    assert.match(await textOf(result), /已退款 ¥127\.50/)
    assert.equal(await textOf(result.getByTestId('refund-result-reversed')), `扣回 ${reversed} 积分`)
    assert.equal(await textOf(result.getByTestId('refund-result-returned')), '退还 1,000 积分')
    assert.equal(await textOf(result.getByTestId('refund-result-coupon')), `优惠券「${voucher.title}」未退回（全部退款后退回）`)
    assert.match(await textOf(result), new RegExp(`会员当前余额 ${balance.toLocaleString('zh-CN')} 积分`))
    assert.equal(memberDoc(cloud, OPENID).pointsBalance, balance)
    assert.equal((cloud.db.find('coupons', { _id: voucher._id })[0] as CouponDoc).status, 'used', 'half a refund keeps the coupon used')
    await tillRoot.getByTestId('refund-order-row').filter({ hasText: '可退金额' }).filter({ hasText: '¥127.50' }).waitFor()
    await snapshot('till-7-refunded', till)
    await openAs(page, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: balance.toLocaleString('zh-CN') })
  })
})

/**
 * 林晓雨's available ¥10 coupon that ¥300 may use. The demo shop seeds one; a cloud seeded before
 * it did gets one here, in this journey's own cloud.
 */
function tenYuanCoupon(cloud: LocalCloud): CouponDoc {
  const now = cloud.now()
  const held = (cloud.db.find('coupons', { openid: OPENID, status: 'available', kind: 'fixed', value: 1000 }) as CouponDoc[]).find(
    (coupon) => coupon.minSpendFen <= 30_000 && new Date(coupon.validFrom) <= now && new Date(coupon.validUntil) > now,
  )
  if (held) return held
  const coupon: CouponDoc = {
    _id: `e2e:${OPENID}:ten`,
    openid: OPENID,
    code: 'E2ETENYQKM',
    title: '¥10 代金券',
    kind: 'fixed',
    value: 1000,
    itemName: null,
    minSpendFen: 5000,
    validFrom: new Date(now.getTime() - 86_400_000),
    validUntil: new Date(now.getTime() + 30 * 86_400_000),
    status: 'available',
    source: 'manual',
    usedAt: null,
    usedBy: null,
    orderNo: null,
    createdAt: new Date(now.getTime() - 86_400_000),
  }
  cloud.db.insertMany('coupons', [coupon])
  return coupon
}

/** The checkout's steps as the cashier reads them: `会员折扣 金卡 9.5折 -¥15.00`. */
async function steps(till: Page): Promise<string[]> {
  const summary = pageRoot(till, TILL).getByTestId('checkout-summary')
  return summary.locator('.checkout-summary__step').evaluateAll((rows) => rows.map((row) => [...row.children].map((part) => part.textContent?.trim()).join(' ')))
}
