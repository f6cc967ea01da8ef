import assert from 'node:assert/strict'
import { checkoutAtTill, expectCard, expectPage, openAs, openStaffPage, pageRoot, scanMemberAtTill, textOf } from './support/app'
import { memberDoc, memberWhoSpent, shopFullDate } from './support/db'
import { runId, test } from './support/fixtures'

const TILL = '/admin/pages/till/index'
const CARD = '/pages/card/index'

/**
 * Issue 4's upgrade journey: a regular member with ¥214 spent in the last 12 months (made for this
 * journey, like the demo's 陈一鸣) sees how far 银卡 is; the cashier records ¥800, which crosses the
 * ¥1,000 threshold inside the accrual; the till says so and the card shows 银卡, the next goal and
 * how long the tier is held.
 */
test('a purchase that crosses the 银卡 threshold upgrades the member at the till; the card shows 银卡, progress and 有效期至', async ({ page, cloud, newPhone }) => {
  const id = runId()
  const openid = `visitor-e2etier${id}`
  const name = '韩小北'
  const orderNo = `E2E-${id}`
  const card = pageRoot(page, CARD)

  const before = await test.step('a regular member with ¥214 of spend (joined and served through the functions)', async () => {
    const member = await memberWhoSpent(cloud, { openid, name, gender: 'male', birthday: '1998-04-10', spendYuan: 214, orderNo: `${orderNo}-0` })
    assert.equal(member.tier, 'regular')
    assert.equal(member.pointsBalance, 214)
    return member
  })
  const balance = before.pointsBalance + 800

  await test.step(`${name} opens the card: 普通, ¥786 to 银卡`, async () => {
    await openAs(page, openid)
    await expectCard(page, { name, tier: '普通会员', points: '214' })
    await card.getByTestId('tier-panel-progress').filter({ hasText: '再消费 ¥786 升级银卡' }).waitFor()
    assert.equal(await textOf(card.getByTestId('tier-panel-name')), '普通')
    assert.equal(await card.getByTestId('tier-panel-until').count(), 0, 'the lowest tier has no 有效期至')
    await card.getByTestId('live-code').getByTestId('qr-code').waitFor({ state: 'visible' })
  })

  const till = await newPhone('cashier')
  const tillRoot = pageRoot(till, TILL)
  await test.step(`the cashier scans ${name} and records ¥800.00`, async () => {
    await openStaffPage(till, 'cashier', 'console-till', TILL)
    await scanMemberAtTill(till, { name, cardNo: before.cardNo })
    await checkoutAtTill(till, { orderNo, amount: '800' })
  })

  await test.step('the till shows the points and 会员升级为银卡', async () => {
    const result = tillRoot.getByTestId('checkout-receipt').filter({ hasText: `单号 ${orderNo}` })
    await result.waitFor()
    assert.match(await textOf(result), /获得 \+800 积分/)
    assert.equal(await textOf(result.getByTestId('receipt-tier-change')), '会员升级为银卡')
    assert.match(await textOf(result), new RegExp(`当前余额 ${balance.toLocaleString('zh-CN')} 积分`))
  })

  const after = await test.step('check the database: tier, hold, tier-change record', async () => {
    const doc = memberDoc(cloud, openid)
    assert.equal(doc.tier, 'silver')
    assert.equal(doc.pointsBalance, balance)
    assert.ok(doc.tierUntil, 'a silver member holds the tier until a date')
    const changes = cloud.db.find('tier_changes', { openid })
    assert.equal(changes.length, 1, 'one tier-change record')
    assert.equal(changes[0].from, 'regular')
    assert.equal(changes[0].to, 'silver')
    assert.equal(changes[0].reason, 'upgrade')
    assert.equal(changes[0].figure, 101_400, 'the figure that crossed: ¥1,014.00 of spend, in fen')
    const [row] = cloud.db.find('ledger', { openid, 'order.orderNo': orderNo })
    assert.equal(row?.delta, 800, 'the crossing accrual earns at the old tier multiplier (1)')
    return doc
  })

  await test.step(`${name} reloads the card: 银卡, the next goal and 有效期至`, async () => {
    await page.reload()
    await expectPage(page, CARD)
    await expectCard(page, { name, tier: '银卡会员', points: balance.toLocaleString('zh-CN') })
    await card
      .getByTestId('tier-panel-name')
      .filter({ hasText: /^银卡$/ })
      .waitFor()
    assert.equal(await textOf(card.getByTestId('tier-panel-progress')), '再消费 ¥3,986 升级金卡')
    assert.equal(await textOf(card.getByTestId('tier-panel-until')), `有效期至 ${shopFullDate(after.tierUntil!)}`)
  })
})
