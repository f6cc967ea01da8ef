import assert from 'node:assert/strict'
import { accrueAtTill, expectCard, expectPage, openAs, openStaffPage, pageRoot, scanMemberAtTill, textOf } from '../support/app'
import { memberDoc, shopFullDate } from '../support/db'
import { runId, type Journey } from '../support/harness'

const TILL = '/admin/pages/till/index'
const CARD = '/pages/card/index'
const OPENID = 'demo-member-regular'

/**
 * Issue 4's upgrade journey: 陈一鸣 (regular, ¥214 spent in the last 12 months) sees how far 银卡 is;
 * the cashier records ¥800, which crosses the ¥1,000 threshold inside the accrual; the till says so
 * and the card shows 银卡, the next goal and how long the tier is held.
 */
export const tierUpgradeAtTill: Journey = {
  name: 'tier-upgrade-at-till',
  title: '陈一鸣 crosses the 银卡 threshold at the till and sees the new tier, progress and 有效期至',
  async run({ page, cloud, baseUrl, step, newPhone }) {
    const before = memberDoc(cloud, OPENID)
    assert.equal(before.tier, 'regular', '陈一鸣 must still be regular (run this before owner-publishes-rules)')
    const orderNo = `E2E-${runId()}`
    const card = pageRoot(page, CARD)

    step('陈一鸣 opens the card: 普通, ¥786 to 银卡')
    await openAs(page, baseUrl, 'member-b')
    await expectCard(page, { name: '陈一鸣', tier: '普通会员', points: before.pointsBalance.toLocaleString('zh-CN') })
    await card.getByTestId('tier-panel-progress').filter({ hasText: '再消费 ¥786 升级银卡' }).waitFor()
    assert.equal(await textOf(card.getByTestId('tier-panel-name')), '普通')
    assert.equal(await card.getByTestId('tier-panel-until').count(), 0, 'the lowest tier has no 有效期至')
    await card.getByTestId('live-code').getByTestId('qr-code').waitFor({ state: 'visible' })

    step('the cashier scans 陈一鸣 and records ¥800.00')
    const till = await newPhone('cashier')
    await openStaffPage(till, baseUrl, 'cashier', 'console-till', TILL)
    await scanMemberAtTill(till, { name: '陈一鸣', cardNo: before.cardNo })
    const tillRoot = pageRoot(till, TILL)
    await accrueAtTill(till, orderNo, '800')

    step('the till shows the points and 会员升级为银卡')
    const result = tillRoot.getByTestId('accrue-result').filter({ hasText: `单号 ${orderNo}` })
    await result.waitFor()
    assert.match(await textOf(result), /\+800 积分/)
    assert.equal(await textOf(result.getByTestId('accrue-tier-change')), '会员升级为银卡')
    const balance = before.pointsBalance + 800
    assert.match(await textOf(result), new RegExp(`当前余额 ${balance.toLocaleString('zh-CN')} 积分`))

    step('check the database: tier, hold, tier-change record')
    const after = memberDoc(cloud, OPENID)
    assert.equal(after.tier, 'silver')
    assert.equal(after.pointsBalance, balance)
    assert.ok(after.tierUntil, 'a silver member holds the tier until a date')
    const changes = cloud.db.find('tier_changes', { openid: OPENID })
    assert.equal(changes.length, 1, 'one tier-change record')
    assert.equal(changes[0].from, 'regular')
    assert.equal(changes[0].to, 'silver')
    assert.equal(changes[0].reason, 'upgrade')
    assert.equal(changes[0].figure, 101_400, 'the figure that crossed: ¥1,014.00 of spend, in fen')
    const [row] = cloud.db.find('ledger', { openid: OPENID, 'order.orderNo': orderNo })
    assert.equal(row?.delta, 800, 'the crossing accrual earns at the old tier multiplier (1)')

    step('陈一鸣 reloads the card: 银卡, the next goal and 有效期至')
    await page.reload()
    await expectPage(page, CARD)
    await expectCard(page, { name: '陈一鸣', tier: '银卡会员', points: balance.toLocaleString('zh-CN') })
    await card.getByTestId('tier-panel-name').filter({ hasText: /^银卡$/ }).waitFor()
    assert.equal(await textOf(card.getByTestId('tier-panel-progress')), '再消费 ¥3,986 升级金卡')
    assert.equal(await textOf(card.getByTestId('tier-panel-until')), `有效期至 ${shopFullDate(after.tierUntil!)}`)
  },
}
