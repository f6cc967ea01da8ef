import assert from 'node:assert/strict'
import { chooseFilterTab, confirmModal, fillInput, openStaffPage, pageRoot, textOf } from './support/app'
import { test } from './support/fixtures'

const TILL = '/admin/pages/till/index'

// Handing over 林晓雨's pending 精品咖啡券 changes what the demo seeded.
test.use({ freshCloud: true })

/**
 * A reward code's 核销 asks first, as a coupon's does: the cashier types the code the member shows,
 * sees it in the confirmation, hands the reward over once; the same code again is refused where
 * the cashier looks.
 */
test('the cashier hands over a member’s reward code once, after confirming it', async ({ page, cloud, snapshot }) => {
  const [pending] = cloud.db.find('redemptions', { openid: 'demo-member-gold', status: 'pending' }) as { _id: string; rewardName: string }[]
  assert.ok(pending, 'the demo shop seeds a pending redemption for 林晓雨')
  const code = pending._id
  const till = pageRoot(page, TILL)

  await test.step('核销 takes the 8-character code and asks before handing over', async () => {
    await openStaffPage(page, 'cashier', 'console-till', TILL)
    await chooseFilterTab(till, '核销')
    await fillInput(till, 'code-input', `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase())
    assert.equal(await textOf(till.getByTestId('code-submit')), '核销兑换码')
    await till.getByTestId('code-submit').click()
    const dialog = page.locator('.taro__modal .taro-modal__content').filter({ hasText: '确认核销' })
    await dialog.waitFor({ state: 'visible' })
    assert.match(await textOf(dialog), new RegExp(`兑换码 ${code.slice(0, 4)} ${code.slice(4)}`))
    assert.equal(cloud.db.find('redemptions', { _id: code })[0].status, 'pending', 'nothing is handed over before the confirmation')
    await snapshot('confirm')
    await confirmModal(page, '确认核销')
  })

  await test.step('the reward is handed over, once', async () => {
    const result = till.getByTestId('reward-code-result')
    await result.waitFor()
    assert.match(await textOf(result), new RegExp(`「${pending.rewardName}」已核销`))
    assert.match(await textOf(result), /会员 林晓雨/)
    assert.equal(cloud.db.find('redemptions', { _id: code })[0].status, 'confirmed')
  })

  await test.step('the same code again is refused on screen', async () => {
    await fillInput(till, 'code-input', code)
    await till.getByTestId('code-submit').click()
    await confirmModal(page, '确认核销')
    await till.getByTestId('reward-code-refused').filter({ hasText: '该兑换码已使用' }).waitFor()
    assert.equal(await till.getByTestId('reward-code-result').count(), 0)
  })
})
