import assert from 'node:assert/strict'
import type { LocalCloud } from '../../local/cloud'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { qualifyingFigure } from '../../cloudfunctions/shared/domain/tiers'
import { confirmModal, expectCard, expectPage, fillInput, openAs, openStaffPage, pageRoot, textOf } from './support/app'
import { eventually, memberDoc, memberWhoSpent, shopFullDate } from './support/db'
import { runId, test } from './support/fixtures'

const RULES = '/admin/pages/rules/index'
const CARD = '/pages/card/index'
const SILVER_YUAN = 200
const EXPLANATION = `银卡门槛下调至 ¥${SILVER_YUAN}，更容易升级`

// Publishing changes the shop's rules, and the tier of every regular member with ¥200 of spend.
test.use({ freshCloud: true })

/**
 * Issue 4's rules journey: the owner lowers the 银卡 threshold to ¥200, previews who would move,
 * publishes with an explanation; a regular member with ¥250 of spend (made for this journey through
 * the functions) is 银卡 at once and sees the explanation on the card until 知道了.
 */
test('the owner lowers the 银卡 threshold, previews, publishes; a member is 银卡 at once and sees the notice', async ({ page, cloud, newPhone, snapshot }) => {
  const id = runId()
  const openid = `visitor-e2erules${id}`
  const name = '周小满'

  const { expectedUp, membersNow } = await test.step('a regular member with ¥250 of spend (joined and served through the functions)', async () => {
    const member = await memberWhoSpent(cloud, { openid, name, gender: 'female', birthday: '1996-09-09', spendYuan: 250, orderNo: `E2E-${id}` })
    assert.equal(member.tier, 'regular')
    const up = regularsReaching(cloud, SILVER_YUAN * 100)
    assert.ok(up.includes(openid))
    return { expectedUp: up, membersNow: cloud.db.find('members', {}).filter((member: MemberDoc) => !member.removedAt).length }
  })

  const owner = await newPhone('owner')
  const rules = pageRoot(owner, RULES)
  const intro = rules.locator('.rules-page__intro')
  const version = await test.step('the owner opens 等级规则', async () => {
    await openStaffPage(owner, 'owner', 'console-rules', RULES)
    await intro.waitFor()
    const active = Number(/当前为第 (\d+) 版/.exec(await textOf(intro))?.[1])
    assert.ok(active >= 1, 'the editor shows the active version')
    return active
  })

  await test.step(`lower the 银卡 threshold to ¥${SILVER_YUAN} and preview`, async () => {
    assert.equal(await rules.getByTestId('rules-tier-1-name').locator('input').inputValue(), '银卡')
    assert.equal(await rules.getByTestId('rules-tier-1-threshold').locator('input').inputValue(), '1000')
    await fillInput(rules, 'rules-tier-1-threshold', String(SILVER_YUAN))
    await rules.getByTestId('rules-preview-button').click()
    const preview = rules.getByTestId('rules-preview')
    await preview.waitFor()
    const moves = await rules.getByTestId('rules-preview-move').allInnerTexts()
    assert.deepEqual(
      moves.map((line) => line.trim()),
      [`↑ 普通 → 银卡 ${expectedUp.length} 人，发布后立即升级`],
      'the preview lists exactly the regular members with ≥ ¥200 of spend',
    )
    assert.match(await textOf(preview), new RegExp(`按草稿评估 ${membersNow} 位会员`))
    assert.equal(await textOf(rules.getByTestId('rules-preview-unchanged')), `等级不变 ${membersNow - expectedUp.length} 人`)
  })

  await test.step('publish with an explanation', async () => {
    await rules.getByTestId('rules-explanation').locator('textarea').fill(EXPLANATION)
    await rules.getByTestId('rules-publish').click()
    const dialog = owner.locator('.taro__modal .taro-modal__content')
    await dialog.filter({ hasText: `${expectedUp.length} 位会员将立即升级` }).waitFor()
    await confirmModal(owner, '发布新规则')
    const published = rules.getByTestId('rules-published')
    await published.waitFor()
    assert.equal(await textOf(published), `已发布第 ${version + 1} 版 ${expectedUp.length} 位会员已按新规则升级`)
    await intro.filter({ hasText: `当前为第 ${version + 1} 版` }).waitFor()
  })

  await test.step('check the database: the preview came true', async () => {
    for (const upgraded of expectedUp) {
      const doc = memberDoc(cloud, upgraded)
      assert.equal(doc.tier, 'silver', `${upgraded} should be 银卡 after publishing`)
      const changes = cloud.db.find('tier_changes', { openid: upgraded, rulesVersion: version + 1 })
      assert.equal(changes.length, 1, `one tier change under version ${version + 1} for ${upgraded}`)
      assert.deepEqual([changes[0].from, changes[0].to, changes[0].reason], ['regular', 'silver', 'rules'])
    }
    assert.deepEqual(regularsReaching(cloud, SILVER_YUAN * 100), [], 'no regular member is left above the new threshold')
  })

  const card = pageRoot(page, CARD)
  const notice = card.getByTestId('notice-banner')
  await test.step(`${name} opens the card: the notice, 银卡 and 有效期至`, async () => {
    await openAs(page, openid)
    await expectCard(page, { name, tier: '银卡会员', points: '250' })
    await notice.waitFor()
    await snapshot('notice')
    assert.equal(await textOf(notice.locator('.notice-banner__text')), `会员规则已更新：${EXPLANATION} · 新规则下您已升级为银卡`)
    assert.equal(await textOf(card.getByTestId('tier-panel-name')), '银卡')
    assert.equal(await textOf(card.getByTestId('tier-panel-progress')), '再消费 ¥4,750 升级金卡')
    assert.equal(await textOf(card.getByTestId('tier-panel-until')), `有效期至 ${shopFullDate(memberDoc(cloud, openid).tierUntil!)}`)
  })

  await test.step('知道了 dismisses the notice, for good', async () => {
    await notice.getByTestId('notice-dismiss').click()
    await notice.waitFor({ state: 'detached' })
    // The banner goes at once; the dismissal is written behind it.
    await eventually(() => memberDoc(cloud, openid).noticeSeenVersion, version + 1, 'noticeSeenVersion')
    await page.reload()
    await expectPage(page, CARD)
    await card
      .getByTestId('tier-panel-name')
      .filter({ hasText: /^银卡$/ })
      .waitFor()
    assert.equal(await card.getByTestId('notice-banner').count(), 0, 'the notice shows once')
  })
})

/** The regular members whose spend over the last 12 months reaches `thresholdFen`. */
function regularsReaching(cloud: LocalCloud, thresholdFen: number): string[] {
  const now = cloud.now()
  return cloud.db
    .find('members', { tier: 'regular' })
    .filter((member: MemberDoc) => !member.removedAt && qualifyingFigure(member.activity, 'spend', now) >= thresholdFen)
    .map((member: MemberDoc) => member._id)
    .sort()
}
