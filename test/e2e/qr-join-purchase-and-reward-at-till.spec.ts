import assert from 'node:assert/strict'
import type { LocalCloud } from '../../local/cloud'
import { checkoutAtTill, chooseFilterTab, confirmModal, expectCard, expectPage, fillInput, openLink, openStaffPage, pageRoot, scanMemberAtTill, textOf } from './support/app'
import { pickDate } from './support/datePicker'
import { memberDoc } from './support/db'
import { runId, test } from './support/fixtures'

const TILL = '/admin/pages/till/index'
const CARD = '/pages/card/index'
const HISTORY = '/points/pages/history/index'

/**
 * Issue 3's journey: a stranger scans the shop's join code, joins and shows the live member code;
 * the cashier, on another phone, scans it, records ¥88.50 and the member sees 88 points and the
 * ledger line; after a second purchase the cashier redeems 手冲咖啡一杯 for them at the till.
 */
test('a visitor joins by the shop QR; the cashier scans the live code, records ¥88.50 and redeems a reward', async ({ page, cloud, newPhone }) => {
  const id = runId()
  const openid = `visitor-e2eqr${id}`
  const name = '扫码新客'
  const firstOrder = `E2E-${id}`
  const secondOrder = `E2E-${id}-2`
  const scene = encodeURIComponent('s=store-001')
  const card = pageRoot(page, CARD)
  const history = pageRoot(page, HISTORY)

  await test.step('open the shop join link as a new visitor', async () => {
    await openLink(page, openid, `/pages/join/index?scene=${scene}`)
    await page.getByTestId('join-scene').filter({ hasText: '扫码来自 会员通示范店' }).waitFor()
    // The privacy guide is asked as the join page opens (the H5 stand-in).
    await page.getByTestId('privacy-agree').click()
    await page.getByTestId('privacy-dialog').waitFor({ state: 'detached' })
  })

  await test.step('fill in the join form and join', async () => {
    await fillInput(page, 'join-name', name)
    await page.locator('.join-form__chip', { hasText: '男' }).click()
    await page.locator('.join-form__chip--on', { hasText: '男' }).waitFor()
    await pickDate(page, page.getByTestId('join-birthday'), '1990-06-15')
    await page.getByTestId('join-submit').click()
    await expectPage(page, CARD)
    await expectCard(page, { name, tier: '普通会员', points: '0' })
    const joined = memberDoc(cloud, openid)
    assert.equal(joined.source.store, 'store-001', 'the join link must record the store on the member')
    assert.equal(joined.source.scene, 's=store-001')
  })

  const cardNo = await test.step('the card shows a live member code', async () => {
    await card.getByTestId('live-code').getByTestId('qr-code').waitFor({ state: 'visible' })
    const shown = (await textOf(card.getByTestId('live-code-card-no'))).replace(/\s+/g, '')
    assert.equal(shown, memberDoc(cloud, openid).cardNo, 'the card shows the member card number')
    const issued = (await (await page.request.get('/api/dev/member-codes')).json()) as { cardNo: string; name: string }[]
    assert.ok(
      issued.some((code) => code.cardNo === shown && code.name === name),
      'the dev server has the code the card shows',
    )
    return shown
  })

  const till = await newPhone('cashier')
  const tillRoot = pageRoot(till, TILL)
  await test.step('the cashier opens the till on their own phone and scans the code', async () => {
    await openStaffPage(till, 'cashier', 'console-till', TILL)
    await scanMemberAtTill(till, { name, cardNo })
    assert.equal(await textOf(tillRoot.getByTestId('member-panel-balance')), '0')
  })

  await test.step(`record order ${firstOrder} for ¥88.50`, async () => {
    const firstResult = await checkoutAtTill(till, { orderNo: firstOrder, amount: '88.50' })
    assert.match(await textOf(firstResult), /应付 ¥88\.50/)
    assert.match(await textOf(firstResult), /获得 \+88 积分/)
    assert.match(await textOf(firstResult), /当前余额 88 积分/)
    assert.equal(await textOf(tillRoot.getByTestId('member-panel-balance')), '88')
    const earned = cloud.db.find('ledger', { openid, kind: 'earn' })
    assert.equal(earned.length, 1)
    assert.equal(earned[0].delta, 88)
    assert.equal(earned[0].order.orderNo, firstOrder)
    assert.equal(earned[0].order.amountFen, 8850)
    assert.equal(memberDoc(cloud, openid).pointsBalance, 88)
  })

  await test.step('the member reloads the card: 88 points', async () => {
    await page.reload()
    await expectPage(page, CARD)
    await expectCard(page, { name, tier: '普通会员', points: '88' })
    await card.getByTestId('points-summary-balance').filter({ hasText: /^88$/ }).waitFor()
  })

  await test.step('积分明细 lists the purchase', async () => {
    await card.locator('.points-summary__link', { hasText: '积分明细' }).click()
    await expectPage(page, HISTORY)
    const entry = history.getByTestId('ledger-entry').filter({ hasText: `消费 ¥88.50 · 单号 ${firstOrder}` })
    await entry.waitFor()
    assert.equal(await textOf(entry.getByTestId('ledger-delta')), '+88')
  })

  await test.step(`a second purchase (${secondOrder}, ¥300.00) so there are enough points for a reward`, async () => {
    await tillRoot.getByTestId('checkout-again').click()
    const secondResult = await checkoutAtTill(till, { orderNo: secondOrder, amount: '300' })
    assert.match(await textOf(secondResult), /获得 \+300 积分.*当前余额 388 积分/)
  })

  const stockBefore = rewardNamed(cloud, '手冲咖啡一杯').stock
  const redeemedText = await test.step('the cashier redeems 手冲咖啡一杯 (300 points) for the member', async () => {
    await chooseFilterTab(tillRoot, '礼品兑换')
    const reward = tillRoot.getByTestId('reward-card').filter({ hasText: '手冲咖啡一杯' })
    await reward.locator('taro-button-core', { hasText: '兑换' }).click()
    await confirmModal(till, '确认兑换')
    const redeemed = tillRoot.getByTestId('till-redeem-result')
    await redeemed.waitFor()
    const text = await textOf(redeemed)
    assert.match(text, /已兑换「手冲咖啡一杯」/)
    assert.match(text, /扣除 300 积分 · 余额 88/)
    assert.match(text, /兑换码 [2-9A-HJKMNP-Z]{8}（已核销）/)
    await tillRoot.getByTestId('member-panel-balance').filter({ hasText: /^88$/ }).waitFor()
    return text
  })

  await test.step('check the database: balance, ledger, redemption, stock', async () => {
    const member = memberDoc(cloud, openid)
    assert.equal(member.pointsBalance, 88)
    assert.equal(member.lifetimePoints, 388)
    const ledger = cloud.db.find('ledger', { openid })
    assert.equal(
      ledger.reduce((sum: number, row: { delta: number }) => sum + row.delta, 0),
      88,
      'balance = Σ ledger',
    )
    const spent = ledger.filter((row: { kind: string }) => row.kind === 'redeem')
    assert.equal(spent.length, 1)
    assert.equal(spent[0].delta, -300)
    const redemptions = cloud.db.find('redemptions', { openid })
    assert.equal(redemptions.length, 1)
    assert.equal(redemptions[0].status, 'confirmed')
    assert.equal(redemptions[0]._id, /兑换码 ([2-9A-HJKMNP-Z]{8})/.exec(redeemedText)![1])
    assert.equal(rewardNamed(cloud, '手冲咖啡一杯').stock, stockBefore - 1)
  })

  await test.step('the member sees the lower balance and the redemption in 积分明细', async () => {
    await page.reload()
    await expectPage(page, HISTORY)
    await history
      .getByTestId('ledger-entry')
      .filter({ hasText: '手冲咖啡一杯' })
      .filter({ has: page.getByTestId('ledger-delta').filter({ hasText: '-300' }) })
      .waitFor()
    await page.goBack()
    await expectPage(page, CARD)
    await card.getByTestId('points-summary-balance').filter({ hasText: /^88$/ }).waitFor()
  })
})

function rewardNamed(cloud: LocalCloud, name: string): { stock: number } {
  const [doc] = cloud.db.find('rewards', { name })
  assert.ok(doc, `no reward ${name} in the database`)
  return doc
}
