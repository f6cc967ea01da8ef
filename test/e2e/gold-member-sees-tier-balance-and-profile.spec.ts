import assert from 'node:assert/strict'
import { expectCard, expectPage, openAs, pageRoot, tapTab } from './support/app'
import { test } from './support/fixtures'

/** The seeded gold member sees tier and balance on the card, and their profile under 我的. */
test('a seeded gold member sees tier and balance on the card and the profile under 我的', async ({ page, cloud }) => {
  const [doc] = cloud.db.find('members', { _id: 'demo-member-gold' })
  assert.ok(doc, 'the seed has no demo-member-gold')

  await test.step('open the app as 会员 A', async () => {
    await openAs(page, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: '5,780' })
  })

  await test.step('open 我的', async () => {
    await tapTab(page, '我的')
    await expectPage(page, '/pages/me/index')
    const me = pageRoot(page, '/pages/me/index')
    await me.locator('.me-page__name', { hasText: '林晓雨' }).waitFor()
    assert.match(await me.locator('.me-page__sub').innerText(), /^金卡会员 · /)
    const rows = await me
      .locator('.me-page__row')
      .evaluateAll((elements) => elements.map((row) => [row.querySelector('.me-page__label')?.textContent?.trim(), row.querySelector('.me-page__value')?.textContent?.trim()]))
    const profile = Object.fromEntries(rows)
    assert.deepEqual(Object.keys(profile), ['性别', '生日', '入会时间', '累计积分'])
    assert.equal(profile['性别'], '女')
    assert.equal(profile['生日'], '1992年3月18日')
    assert.match(profile['入会时间'], /^\d{4}年\d{1,2}月\d{1,2}日$/)
    assert.equal(profile['累计积分'], doc.lifetimePoints.toLocaleString('zh-CN'))
  })
})
