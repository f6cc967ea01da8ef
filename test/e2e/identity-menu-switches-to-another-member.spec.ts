import assert from 'node:assert/strict'
import { expectCard, expectPage, openAs } from './support/app'
import { test } from './support/fixtures'

/** The local-only 身份 button switches who is holding the phone. */
test('the 身份 menu switches from 会员 A to 会员 B and shows their card', async ({ page, cloud }) => {
  const [memberB] = cloud.db.find('members', { _id: 'demo-member-regular' })
  assert.ok(memberB, 'the seed has no demo-member-regular')
  const panel = page.getByTestId('dev-panel')
  const menu = panel.locator('.dev-panel__menu')

  await test.step('open the app as 会员 A', async () => {
    await openAs(page, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: '5,780' })
  })

  await test.step('open the 身份 menu', async () => {
    await panel.locator('.dev-panel__toggle', { hasText: '身份' }).click()
    await menu.waitFor({ state: 'visible' })
    await panel.getByTestId('dev-panel-current').filter({ hasText: '当前：会员 A（林晓雨）' }).waitFor()
    await menu.locator('.dev-panel__item--active', { hasText: '会员 A（林晓雨）' }).waitFor()
  })

  await test.step('choose 会员 B（陈一鸣）', async () => {
    await menu.locator('.dev-panel__item', { hasText: '会员 B（陈一鸣）' }).click()
    await expectPage(page, '/pages/card/index')
    await expectCard(page, { name: '陈一鸣', tier: '普通会员', points: memberB.pointsBalance.toLocaleString('zh-CN') })
    await panel.locator('.dev-panel__toggle', { hasText: '身份' }).click()
    await panel.getByTestId('dev-panel-current').filter({ hasText: '当前：会员 B（陈一鸣）' }).waitFor()
  })
})
