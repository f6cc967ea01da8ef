import assert from 'node:assert/strict'
import { button, expectPage, expectToast, openAs } from './support/app'
import { runId, test } from './support/fixtures'

/** Submitting the empty join form explains what is missing and creates nobody. */
test('an empty join form shows 请填写姓名 and creates no member', async ({ page, cloud }) => {
  const openid = `visitor-e2e${runId()}`
  const membersBefore = cloud.db.find('members').length
  const joinCalls: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/functions/member') && /"action":"join"/.test(request.postData() ?? '')) joinCalls.push(request.postData() ?? '')
  })

  await test.step('open the join form as a new visitor', async () => {
    await openAs(page, openid)
    await button(page, '立即加入').click()
    await expectPage(page, '/pages/join/index')
  })

  await test.step('decline the privacy guide: the form stays usable', async () => {
    await page.getByTestId('privacy-decline').click()
    await page.getByTestId('join-privacy-declined').waitFor()
  })

  await test.step('tap 领取会员卡 with nothing filled in', async () => {
    await page.getByTestId('join-submit').click()
    await expectToast(page, '请填写姓名')
  })

  await test.step('still on the form, nobody created', async () => {
    await expectPage(page, '/pages/join/index')
    assert.equal(cloud.db.find('members').filter((member: { _id: string }) => member._id === openid).length, 0)
    assert.equal(cloud.db.find('members').length, membersBefore)
    assert.deepEqual(joinCalls, [], 'the empty form must not reach the member function')
  })
})
