import assert from 'node:assert/strict'
import { expectCard, expectPage, openAs } from '../support/app'
import type { Journey } from '../support/harness'

/** The local-only 身份 button switches who is holding the phone. */
export const identitySwitcher: Journey = {
  name: 'identity-switcher',
  title: 'the 身份 menu switches to 会员 B and shows their card',
  async run({ page, cloud, baseUrl, step }) {
    const [memberB] = cloud.db.find('members').filter((member: { _id: string }) => member._id === 'demo-member-regular')
    assert.ok(memberB, 'the seed has no demo-member-regular')

    step('open the app as 会员 A')
    await openAs(page, baseUrl, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: '5,780' })

    step('open the 身份 menu')
    const panel = page.getByTestId('dev-panel')
    await panel.locator('.dev-panel__toggle', { hasText: '身份：会员 A（金卡）' }).click()
    const menu = panel.locator('.dev-panel__menu')
    await menu.waitFor({ state: 'visible' })
    await menu.locator('.dev-panel__item--active', { hasText: '会员 A（金卡）' }).waitFor()

    step('choose 会员 B（普通）')
    await menu.locator('.dev-panel__item', { hasText: '会员 B（普通）' }).click()
    await expectPage(page, '/pages/card/index')
    await expectCard(page, { name: '陈一鸣', tier: '普通会员', points: memberB.pointsBalance.toLocaleString('zh-CN') })
    await panel.locator('.dev-panel__toggle', { hasText: '身份：会员 B（普通）' }).waitFor()
  },
}
