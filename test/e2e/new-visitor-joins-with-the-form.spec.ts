import assert from 'node:assert/strict'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { button, expectCard, expectPage, openAs } from './support/app'
import { pickDate } from './support/datePicker'
import { runId, test } from './support/fixtures'

/** A stranger opens the app, joins through the form, and is shown a fresh card with 0 points. */
test('a new visitor joins with the form and sees a card with 0 points', async ({ page, cloud }) => {
  const openid = `visitor-e2e${runId()}`
  const name = '测试访客'
  // Far enough from the picker's default (1995-01-01) that every wheel needs dragging.
  const birthday = '1988-07-23'

  await test.step('open the app as a new visitor', async () => {
    await openAs(page, openid)
    const prompt = page.getByTestId('join-prompt')
    await prompt.waitFor({ state: 'visible' })
    await prompt.getByText('成为会员').waitFor()
  })

  await test.step('tap 立即加入', async () => {
    await button(page, '立即加入').click()
    await expectPage(page, '/pages/join/index')
  })

  await test.step('the privacy guide is asked first (the H5 stand-in); agree', async () => {
    await page.getByTestId('privacy-agree').click()
    await page.getByTestId('privacy-dialog').waitFor({ state: 'detached' })
  })

  await test.step('fill in the form', async () => {
    await page.getByTestId('join-name').locator('input').fill(name)
    const chip = page.locator('.join-form__chip', { hasText: '女' })
    await chip.click()
    await page.locator('.join-form__chip--on', { hasText: '女' }).waitFor()
  })

  await test.step(`pick the birthday ${birthday} with the date picker`, async () => {
    await pickDate(page, page.getByTestId('join-birthday'), birthday)
    await page.getByTestId('join-birthday').filter({ hasText: birthday }).waitFor()
  })

  await test.step('tap 领取会员卡', async () => {
    await page.getByTestId('join-submit').click()
    await expectPage(page, '/pages/card/index')
    await expectCard(page, { name, tier: '普通会员', points: '0' })
  })

  await test.step('check the database', async () => {
    const members = cloud.db.find('members').filter((member: { _id: string }) => member._id === openid)
    assert.equal(members.length, 1, `expected exactly one member ${openid}, found ${members.length}`)
    assert.equal(members[0].profile.birthday, birthday)
    assert.equal(members[0].profile.name, name)
    assert.equal(members[0].profile.gender, 'female')
    assert.equal(members[0].pointsBalance, 0)
  })

  await test.step('check the join tap asked for message consent (the H5 stand-in accepts)', async () => {
    assert.equal(cloud.outbox.quota(openid, SUBSCRIBE_TEMPLATES.tierChange), 1)
    assert.equal(cloud.outbox.quota(openid, SUBSCRIBE_TEMPLATES.birthdayPerk), 1)
  })
})
